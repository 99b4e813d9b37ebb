import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../i18n';
import { Modal } from './modal';

/** One choice of a picker. */
export interface PickerOption {
  id: string;
  label: string;
  /** A second, quieter line (role, status, problem excerpt). */
  detail?: string;
}

/** Props of PickerDialog. */
export interface PickerDialogProps {
  t: T;
  title: string;
  lead: ComponentChildren;
  searchLabel: string;
  /** The options for what was typed; called again as the person types (it may ask the server). */
  search(text: string): Promise<PickerOption[]>;
  onPick(option: PickerOption): void;
  onClose(): void;
}

/**
 * A searchable list in a modal: type to narrow, ↑/↓ to move, Enter to pick (the ARIA combobox
 * pattern, the active option announced through aria-activedescendant). The owner picker (a) and the
 * duplicate-of record picker (2).
 */
export function PickerDialog({ t, title, lead, searchLabel, search, onPick, onClose }: PickerDialogProps) {
  const [text, setText] = useState('');
  const [options, setOptions] = useState<PickerOption[] | null>(null);
  const [active, setActive] = useState(0);
  // Where the pointer last was: only a real move picks the option under it, not the list appearing
  // under a pointer that stands still (browsers send hover events then too).
  const pointer = useRef<string | null>(null);
  const hover = (i: number) => (e: PointerEvent) => {
    const at = `${e.screenX},${e.screenY}`;
    if (pointer.current !== null && pointer.current !== at) setActive(i);
    pointer.current = at;
  };
  useEffect(() => {
    let current = true;
    void search(text).then((found) => {
      if (!current) return;
      setOptions(found);
      setActive(0);
    });
    return () => void (current = false);
  }, [text]);
  const list = options ?? [];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(list.length - 1, i + 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
    else if (e.key === 'Enter') {
      const option = list[active];
      if (option) onPick(option);
    } else return;
    e.preventDefault();
  };
  return (
    <Modal labelledBy="picker-title" onClose={onClose} wide>
      <div class="stack">
        <div>
          <h2 id="picker-title">{title}</h2>
          <p class="muted">{lead}</p>
        </div>
        <input
          class="picker-search"
          type="text"
          role="combobox"
          aria-label={searchLabel}
          aria-expanded="true"
          aria-controls="picker-list"
          aria-autocomplete="list"
          aria-activedescendant={list[active] ? `pick-${list[active].id}` : undefined}
          placeholder={searchLabel}
          value={text}
          autoFocus
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKey}
        />
        <ul id="picker-list" class="picker-list" role="listbox" aria-label={title} aria-busy={options === null ? 'true' : undefined}>
          {list.map((option, i) => (
            <li
              key={option.id}
              id={`pick-${option.id}`}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class={i === active ? 'is-active' : ''}
              onPointerMove={hover(i)}
              onClick={() => onPick(option)}
            >
              <span class="picker-label">{option.label}</span>
              {option.detail && <span class="picker-detail">{option.detail}</span>}
            </li>
          ))}
        </ul>
        {options !== null && list.length === 0 && <p class="picker-empty muted">{t('console.triage.noMatch')}</p>}
        <p class="hint" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> {t('console.triage.pickerMove')} · <kbd>↵</kbd> {t('console.triage.pickerPick')} · <kbd>Esc</kbd> {t('console.triage.cancel')}
        </p>
      </div>
    </Modal>
  );
}
