import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** Props of Modal. */
export interface ModalProps {
  /** Id of the heading that names the dialog. */
  labelledBy: string;
  onClose(): void;
  wide?: boolean;
  children: ComponentChildren;
}

/** A modal `<dialog>` shown while mounted: focus moves in, Escape and the backdrop's inertness come from the browser. */
export function Modal({ labelledBy, onClose, wide, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} class={`dialog${wide ? ' dialog-wide' : ''}`} aria-labelledby={labelledBy} onClose={onClose} onCancel={(e) => (e.preventDefault(), onClose())}>
      {children}
    </dialog>
  );
}
