import { textOf, type T } from '../i18n';

/** The label of an enum code (`enum.status.done`), or a dash when there is none. */
export const enumLabel = (t: T, name: string, code: string | null | undefined): string =>
  code ? textOf(t, `enum.${name}.${code}`) : '—';

/** Props of Pill. */
export interface PillProps {
  kind: 'status' | 'urgency' | 'priority' | 'validity';
  code: string | null | undefined;
  t: T;
}

/** A coloured label for a status, urgency, priority or screening; the colour only repeats what the text says. */
export function Pill({ kind, code, t }: PillProps) {
  if (!code) return <span class="muted">—</span>;
  const text = kind === 'priority' ? code : enumLabel(t, kind, code);
  return (
    <span class={`pill pill-${kind} pill-${kind}-${code}`} title={text}>
      {text}
    </span>
  );
}

/** The product's name, the same in every language. */
export const PRODUCT = 'Echobox';
