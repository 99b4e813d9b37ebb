import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../../shared/i18n/locale';
import { formatDate, formatDateTime } from '../../shared/i18n/format-date';
import { ROLES } from '../../shared/schemas/codes';
import type { Role } from '../../shared/schemas/enums';
import type { StaffUserView } from '../../shared/schemas/staff';
import type { AdminUsers } from '../models/admin-users';
import type { T } from '../i18n';
import { enumLabel } from './labels';
import { Modal } from './modal';
import { CopyButton, ErrorBanner, FieldError, invalidProps } from './admin-parts';

/** Props of AdminUsersSection. */
export interface AdminUsersSectionProps {
  t: T;
  locale: Locale;
  timeZone: string;
  users: AdminUsers;
  /** The signed-in admin: their own account cannot be deactivated or demoted here. */
  selfId: string;
  copy(text: string): Promise<boolean>;
}

const RoleSelect = ({ t, id, value, onChange, disabled }: { t: T; id: string; value: Role; onChange(role: Role): void; disabled?: boolean }) => (
  <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as Role)}>
    {ROLES.map((role) => (
      <option key={role} value={role}>
        {enumLabel(t, 'role', role)}
      </option>
    ))}
  </select>
);

/** Staff accounts: add one (with a first password shown once), change role and department, deactivate, reset the password, see and revoke API tokens. */
export function AdminUsersSection({ t, locale, timeZone, users, selfId, copy }: AdminUsersSectionProps) {
  const [draft, setDraft] = useState({ email: '', name: '', role: 'agent' as Role, department: '' });
  const [editing, setEditing] = useState<StaffUserView | null>(null);
  useEffect(() => void users.load(), [users]);
  const error = editing ? null : users.error.value;
  const issued = users.issued.value;
  const tokens = users.tokens.value;
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await users.create({ ...draft, email: draft.email.trim(), name: draft.name.trim(), department: draft.department.trim().toUpperCase() })) {
      setDraft({ email: '', name: '', role: 'agent', department: '' });
    }
  };
  const when = (at: string | null) => (at ? formatDateTime(at, locale, timeZone) : '—');
  return (
    <>
      <section class="card" aria-labelledby="admin-user-new">
        <div class="card-head">
          <h2 id="admin-user-new">{t('admin.users.new')}</h2>
        </div>
        <p class="muted">{t('admin.users.newLead')}</p>
        <form class="form-grid form-grid-4" onSubmit={submit}>
          <div class="field">
            <label for="user-name">{t('admin.users.name')}</label>
            <input id="user-name" required maxLength={200} value={draft.name} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} {...invalidProps(error, 'name', 'user-name')} />
            <FieldError t={t} error={error} form="users" field="name" id="user-name" />
          </div>
          <div class="field">
            <label for="user-email">{t('admin.users.email')}</label>
            <input id="user-email" type="email" required maxLength={254} value={draft.email} onInput={(e) => setDraft({ ...draft, email: e.currentTarget.value })} {...invalidProps(error, 'email', 'user-email')} />
            <FieldError t={t} error={error} form="users" field="email" id="user-email" />
          </div>
          <div class="field">
            <label for="user-role">{t('admin.users.role')}</label>
            <RoleSelect t={t} id="user-role" value={draft.role} onChange={(role) => setDraft({ ...draft, role })} />
          </div>
          <div class="field">
            <label for="user-department">{t('admin.users.department')}</label>
            <input id="user-department" required maxLength={10} placeholder="CS" value={draft.department} onInput={(e) => setDraft({ ...draft, department: e.currentTarget.value })} {...invalidProps(error, 'department', 'user-department')} />
            <FieldError t={t} error={error} form="users" field="department" id="user-department" />
          </div>
          <div class="form-actions">
            <button type="submit" class="button button-primary" disabled={users.busy.value}>
              {t('admin.users.create')}
            </button>
          </div>
        </form>
        <ErrorBanner t={t} error={error} shown={['name', 'email', 'department']} />
        {issued && (
          <div class="token-created" role="status">
            <p>
              <strong>{t('admin.users.passwordOnce', { name: issued.name, email: issued.email })}</strong>
            </p>
            <div class="token-row">
              <code class="token-value" data-testid="first-password">
                {issued.password}
              </code>
              <CopyButton t={t} text={issued.password} label={t('admin.users.copyPassword')} copy={copy} />
            </div>
            <p class="hint">{t('admin.users.passwordHint')}</p>
            <button type="button" class="button button-quiet" onClick={users.dismiss}>
              {t('admin.done')}
            </button>
          </div>
        )}
      </section>

      <section class="card" aria-labelledby="admin-users-title">
        <div class="card-head">
          <h2 id="admin-users-title">{t('admin.users.title')}</h2>
          <span class="count">{users.items.value.length}</span>
        </div>
        <table class="simple-table">
          <caption class="visually-hidden">{t('admin.users.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.department')}</th>
              <th scope="col">{t('admin.users.state')}</th>
              <th scope="col">{t('admin.users.createdAt')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('admin.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.items.value.map((user) => (
              <tr key={user.id} data-user-email={user.email}>
                <td>
                  <strong>{user.name}</strong>
                  <div class="muted">{user.email}</div>
                </td>
                <td>{enumLabel(t, 'role', user.role)}</td>
                <td class="mono">{user.department}</td>
                <td>
                  {user.disabled ? (
                    <span class="pill pill-muted">{t('admin.users.disabled')}</span>
                  ) : user.mustChangePassword ? (
                    <span class="pill pill-obligation-open">{t('admin.users.pendingPassword')}</span>
                  ) : (
                    <span class="pill pill-ok">{t('admin.users.active')}</span>
                  )}
                </td>
                <td class="nowrap">{formatDate(user.createdAt, locale, timeZone)}</td>
                <td class="actions">
                  <button type="button" class="button button-small" aria-label={t('admin.users.editNamed', { name: user.name })} onClick={() => (users.clearError(), setEditing(user))}>
                    {t('admin.edit')}
                  </button>
                  <button type="button" class="button button-small" aria-label={t('admin.users.tokensNamed', { name: user.name })} onClick={() => users.openTokens(user)}>
                    {t('admin.users.tokens')}
                  </button>
                  <button type="button" class="button button-small" aria-label={t('admin.users.resetNamed', { name: user.name })} onClick={() => users.resetPassword(user)}>
                    {t('admin.users.reset')}
                  </button>
                  {user.id !== selfId && (
                    <button
                      type="button"
                      class={`button button-small${user.disabled ? '' : ' button-danger'}`}
                      aria-label={t(user.disabled ? 'admin.users.activateNamed' : 'admin.users.deactivateNamed', { name: user.name })}
                      onClick={() => users.update(user.id, { disabled: !user.disabled })}
                    >
                      {t(user.disabled ? 'admin.users.activate' : 'admin.users.deactivate')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {editing && <EditUserDialog t={t} users={users} user={editing} self={editing.id === selfId} onClose={() => setEditing(null)} />}
      {tokens && (
        <Modal labelledBy="user-tokens-title" wide onClose={users.closeTokens}>
          <h2 id="user-tokens-title">{t('admin.users.tokensOf', { name: tokens.user.name })}</h2>
          <table class="simple-table">
            <caption class="visually-hidden">{t('admin.users.tokensOf', { name: tokens.user.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.tokens.name')}</th>
                <th scope="col">{t('admin.tokens.createdAt')}</th>
                <th scope="col">{t('admin.tokens.lastUsed')}</th>
                <th scope="col">{t('admin.users.state')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.items.length === 0 && (
                <tr>
                  <td colSpan={5} class="muted">
                    {t('admin.tokens.none')}
                  </td>
                </tr>
              )}
              {tokens.items.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{when(token.createdAt)}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td>{token.revokedAt ? <span class="pill pill-muted">{t('admin.tokens.revoked')}</span> : <span class="pill pill-ok">{t('admin.users.active')}</span>}</td>
                  <td class="actions">
                    {!token.revokedAt && (
                      <button type="button" class="button button-danger button-small" aria-label={t('admin.tokens.revokeNamed', { name: token.name })} onClick={() => users.revokeToken(token.id)}>
                        {t('admin.tokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="form-actions">
            <button type="button" class="button" onClick={users.closeTokens}>
              {t('admin.close')}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}

/** Role and department of one account, in a dialog. */
function EditUserDialog({ t, users, user, self, onClose }: { t: T; users: AdminUsers; user: StaffUserView; self: boolean; onClose(): void }) {
  const [role, setRole] = useState<Role>(user.role);
  const [department, setDepartment] = useState(user.department);
  const [name, setName] = useState(user.name);
  const error = users.error.value;
  const submit = async (e: Event) => {
    e.preventDefault();
    const patch = { ...(name.trim() !== user.name ? { name: name.trim() } : {}), ...(role !== user.role ? { role } : {}), ...(department.trim().toUpperCase() !== user.department ? { department: department.trim().toUpperCase() } : {}) };
    if (!Object.keys(patch).length || (await users.update(user.id, patch))) onClose();
  };
  return (
    <Modal labelledBy="edit-user-title" onClose={onClose}>
      <form onSubmit={submit} class="stack">
        <h2 id="edit-user-title">{t('admin.users.editTitle', { name: user.name })}</h2>
        <div class="field">
          <label for="edit-user-name">{t('admin.users.name')}</label>
          <input id="edit-user-name" required maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} {...invalidProps(error, 'name', 'edit-user-name')} />
          <FieldError t={t} error={error} form="users" field="name" id="edit-user-name" />
        </div>
        <div class="field">
          <label for="edit-user-role">{t('admin.users.role')}</label>
          <RoleSelect t={t} id="edit-user-role" value={role} onChange={setRole} disabled={self} />
          {self && <p class="hint">{t('admin.users.selfRole')}</p>}
        </div>
        <div class="field">
          <label for="edit-user-department">{t('admin.users.department')}</label>
          <input id="edit-user-department" required maxLength={10} value={department} onInput={(e) => setDepartment(e.currentTarget.value)} {...invalidProps(error, 'department', 'edit-user-department')} />
          <FieldError t={t} error={error} form="users" field="department" id="edit-user-department" />
        </div>
        <ErrorBanner t={t} error={error} shown={['name', 'department']} />
        <div class="form-actions">
          <button type="button" class="button button-quiet" onClick={onClose}>
            {t('admin.cancel')}
          </button>
          <button type="submit" class="button button-primary" disabled={users.busy.value}>
            {t('admin.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
