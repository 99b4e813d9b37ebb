import { createModel, signal, type Signal } from '@preact/signals';
import { isProblem, type ApiFailure } from '../../shared/sync/request';
import type { StaffUserView, TokenInfo, UserCreate, UserUpdate } from '../../shared/schemas/staff';
import type { ApiClient } from '../api/client';
import type { FormError } from './session';

/** A failure as the administration forms show it: its code and the fields the server named. */
export const adminError = (failure: ApiFailure): FormError => ({ code: failure.code, fields: (isProblem(failure) && failure.errors) || [] });

/**
 * One administration write: `busy` while it runs, its failure kept in `error` for the form, the list
 * reloaded on success. Answers the call's value, or null when it failed.
 */
export const adminWriter =
  (state: { busy: Signal<boolean>; error: Signal<FormError | null> }, load: () => Promise<void>) =>
  async <T>(call: () => Promise<{ ok: true; value: T } | { ok: false; failure: ApiFailure }>): Promise<T | null> => {
    state.busy.value = true;
    state.error.value = null;
    const result = await call();
    state.busy.value = false;
    if (!result.ok) {
      state.error.value = adminError(result.failure);
      return null;
    }
    await load();
    return result.value;
  };

// No 0/O or 1/l/I, so a password read aloud or copied by hand arrives as it was given.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A first password for a new or reset account: 20 characters from the browser's random source (≈ 115 bits). */
export function firstPassword(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  // 256 % 56 = 32: bytes from 224 up are skipped so every character is equally likely.
  let out = '';
  while (out.length < 20) for (const byte of random(new Uint8Array(32))) if (byte < 224 && out.length < 20) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

/** A first password just set, shown once until dismissed. */
export interface IssuedPassword {
  name: string;
  email: string;
  password: string;
}

/**
 * Staff accounts for admins: the list, a new account or a password reset (a first password the
 * person must change at their first sign-in, shown once), role, department and deactivation, and
 * one account's API tokens at a time.
 */
export const AdminUsers = createModel((api: ApiClient) => {
  const items = signal<StaffUserView[]>([]);
  const error = signal<FormError | null>(null);
  const busy = signal(false);
  const issued = signal<IssuedPassword | null>(null);
  const tokens = signal<{ user: StaffUserView; items: TokenInfo[] } | null>(null);

  const load = async () => {
    const result = await api.users();
    if (result.ok) items.value = result.value.items;
    else error.value = adminError(result.failure);
  };

  const write = adminWriter({ busy, error }, load);

  const create = async (input: Omit<UserCreate, 'password' | 'mustChangePassword'>): Promise<boolean> => {
    const password = firstPassword();
    const user = await write(() => api.createUser({ ...input, password, mustChangePassword: true }));
    if (user) issued.value = { name: user.name, email: user.email, password };
    return !!user;
  };

  const update = async (id: string, patch: UserUpdate): Promise<boolean> => !!(await write(() => api.updateUser(id, patch)));

  const resetPassword = async (user: StaffUserView): Promise<boolean> => {
    const password = firstPassword();
    const done = await update(user.id, { password, mustChangePassword: true });
    if (done) issued.value = { name: user.name, email: user.email, password };
    return done;
  };

  const openTokens = async (user: StaffUserView) => {
    error.value = null;
    const result = await api.userTokens(user.id);
    if (result.ok) tokens.value = { user, items: result.value.items };
    else error.value = adminError(result.failure);
  };

  const revokeToken = async (tokenId: string) => {
    const open = tokens.peek();
    if (!open) return;
    const result = await api.revokeUserToken(open.user.id, tokenId);
    if (!result.ok) error.value = adminError(result.failure);
    await openTokens(open.user);
  };

  const closeTokens = () => void (tokens.value = null);
  /** Forget the first password once the admin has passed it on. */
  const dismiss = () => void (issued.value = null);
  const clearError = () => void (error.value = null);

  return { items, error, busy, issued, tokens, load, create, update, resetPassword, openTokens, revokeToken, closeTokens, dismiss, clearError };
});

/** An instance of AdminUsers. */
export type AdminUsers = InstanceType<typeof AdminUsers>;
