import { useEffect, useRef } from 'preact/hooks';
import type { T } from '../i18n';

/** Props of ShortcutsDialog. */
export interface ShortcutsDialogProps {
  t: T;
  open: boolean;
  /** List the triage keys too (roles that may screen and assign). */
  triage?: boolean;
  onClose(): void;
}

/** The keyboard shortcuts of the queue, as a modal dialog (`?` opens it, Escape closes it). */
export function ShortcutsDialog({ t, open, triage, onClose }: ShortcutsDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const keys: Array<[string[], string]> = [
    [['j', '↓'], t('console.shortcuts.next')],
    [['k', '↑'], t('console.shortcuts.previous')],
    [['Enter'], t('console.shortcuts.open')],
    ...(triage
      ? ([
          [['x'], t('console.shortcuts.pick')],
          [['Shift', 'x'], t('console.shortcuts.pickRange')],
          [['*'], t('console.shortcuts.pickAll')],
          [['1'], t('workflow.action.mark_valid')],
          [['2'], t('console.triage.duplicate')],
          [['3'], t('workflow.action.mark_invalid')],
          [['a'], t('console.triage.assign')],
        ] as Array<[string[], string]>)
      : []),
    [['/'], t('console.shortcuts.search')],
    [['?'], t('console.shortcuts.help')],
    [['Esc'], t('console.shortcuts.close')],
  ];
  return (
    <dialog ref={ref} class="dialog" aria-labelledby="shortcuts-title" onClose={onClose} onCancel={onClose}>
      <h2 id="shortcuts-title">{t('console.shortcuts.title')}</h2>
      <dl class="shortcut-list">
        {keys.map(([combo, text]) => (
          <div key={text} class="shortcut">
            <dt>
              {combo.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" class="button">
          {t('console.shortcuts.dismiss')}
        </button>
      </form>
    </dialog>
  );
}
