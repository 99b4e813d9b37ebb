import { useState } from 'preact/hooks';
import type { T } from '../i18n';
import { errorText } from '../i18n';
import { BUILT_IN_VIEWS, type BuiltInView } from '../models/views';
import type { SavedViews } from '../models/saved-views';
import type { SavedView } from '../../shared/schemas/saved-view';
import { LIMITS } from '../../shared/schemas/common';
import { Modal } from './modal';

/** Props of QueueViews. */
export interface QueueViewsProps {
  t: T;
  views: SavedViews;
  /** The built-in view the queue's filters are exactly, if any (and no saved view is active). */
  builtIn: BuiltInView | null;
  onBuiltIn(view: BuiltInView): void;
  onSaved(view: SavedView): void;
  /** Save the queue's current filters, search and sort under a name. */
  onSave(name: string, shared: boolean): Promise<SavedView | null>;
}

/** The dialog that names a view: a new one (with "shared" for reviewers and admins) or a rename. */
function NameDialog({ t, title, initial, canShare, onSubmit, onClose }: { t: T; title: string; initial: string; canShare: boolean; onSubmit(name: string, shared: boolean): void; onClose(): void }) {
  const [name, setName] = useState(initial);
  const [shared, setShared] = useState(false);
  return (
    <Modal labelledBy="view-name-title" onClose={onClose}>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSubmit(name.trim(), shared);
        }}
      >
        <h2 id="view-name-title">{title}</h2>
        <label class="field">
          <span>{t('console.view.name')}</span>
          <input type="text" value={name} required maxLength={LIMITS.title} autoFocus onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        {canShare && initial === '' && (
          <label class="check">
            <input type="checkbox" checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
            <span>{t('console.view.share')}</span>
          </label>
        )}
        <div class="dialog-actions">
          <button type="button" class="button button-quiet" onClick={onClose}>
            {t('console.triage.cancel')}
          </button>
          <button type="submit" class="button button-primary" disabled={!name.trim()}>
            {t(initial === '' ? 'console.view.save' : 'console.view.rename')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * The queue's views: the built-in ones as tabs, then a list of saved views (shared, then the
 * person's own), and saving, renaming and deleting the active one where the person may.
 */
export function QueueViews({ t, views, builtIn, onBuiltIn, onSaved, onSave }: QueueViewsProps) {
  const [dialog, setDialog] = useState<'save' | 'rename' | null>(null);
  const active = views.active.value;
  const group = (label: string, items: readonly SavedView[]) =>
    items.length > 0 && (
      <optgroup label={label}>
        {items.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </optgroup>
    );
  return (
    <div class="views-bar">
      <nav class="views" aria-label={t('console.view.title')}>
        {BUILT_IN_VIEWS.map((view) => (
          <button key={view} type="button" class="view-tab" aria-pressed={!active && builtIn === view ? 'true' : 'false'} onClick={() => onBuiltIn(view)}>
            {t(`console.view.${view}`)}
          </button>
        ))}
      </nav>
      <div class="saved-views">
        <label class="visually-hidden" for="saved-view">
          {t('console.view.pick')}
        </label>
        <select
          id="saved-view"
          class={active ? 'is-set' : ''}
          value={active?.id ?? ''}
          onChange={(e) => {
            const view = views.items.peek().find((v) => v.id === e.currentTarget.value);
            if (view) onSaved(view);
          }}
        >
          <option value="">{t('console.view.saved')}</option>
          {group(t('console.view.savedShared'), views.shared.value)}
          {group(t('console.view.savedPersonal'), views.personal.value)}
        </select>
        <button type="button" class="button button-quiet button-small" onClick={() => setDialog('save')}>
          {t('console.view.save')}
        </button>
        {active && views.editable(active) && (
          <>
            <button type="button" class="button button-quiet button-small" onClick={() => setDialog('rename')}>
              {t('console.view.rename')}
            </button>
            <button
              type="button"
              class="button button-quiet button-small"
              onClick={() => {
                if (confirm(t('console.view.deleteConfirm', { name: active.name }))) void views.remove(active);
              }}
            >
              {t('console.view.delete')}
            </button>
          </>
        )}
      </div>
      {views.error.value && (
        <p class="banner banner-error" role="alert">
          {t('console.view.failed')} {errorText(t, views.error.value)}
        </p>
      )}
      {dialog === 'save' && (
        <NameDialog
          t={t}
          title={t('console.view.saveTitle')}
          initial=""
          canShare={views.canShare.value}
          onClose={() => setDialog(null)}
          onSubmit={(name, shared) => {
            setDialog(null);
            void onSave(name, shared);
          }}
        />
      )}
      {dialog === 'rename' && active && (
        <NameDialog
          t={t}
          title={t('console.view.renameTitle')}
          initial={active.name}
          canShare={false}
          onClose={() => setDialog(null)}
          onSubmit={(name) => {
            setDialog(null);
            void views.rename(active, name);
          }}
        />
      )}
    </div>
  );
}
