import { computed, createModel, signal } from '@preact/signals';
import { isProblem, type ApiFailure } from '../../shared/sync/request';
import type { StaffUserView } from '../../shared/schemas/staff';
import type { FieldIssue } from '../../shared/schemas/problem';
import { DEFAULT_TIME_ZONE } from '../../shared/domain/time-zone';
import { PASSWORD_CHANGE_REQUIRED, type ApiClient } from '../api/client';

/** Where the person stands: still asking the server, signed out, signed in, or held at the password change. */
export type SessionState = 'loading' | 'signed_out' | 'signed_in' | 'password_change_required';

/** A failure as a form shows it: a message key and the fields it concerns. */
export interface FormError {
  code: string;
  fields: FieldIssue[];
}

const formError = (failure: ApiFailure): FormError => ({ code: failure.code, fields: (isProblem(failure) && failure.errors) || [] });

/**
 * The signed-in staff member. Every failed call of the client passes through here: a 401 means the
 * session ended (back to sign-in), and `password_change_required` holds the person at the password
 * page until they changed it (the server refuses everything else meanwhile).
 */
export const Session = createModel((api: ApiClient) => {
  const state = signal<SessionState>('loading');
  const user = signal<StaffUserView | null>(null);
  const busy = signal(false);
  const error = signal<FormError | null>(null);
  /** The company's time zone, as the server names it: every date and time is shown and read in it, not the browser's. */
  const timeZone = signal(DEFAULT_TIME_ZONE);
  const role = computed(() => user.value?.role ?? null);
  /** Reviewers and admins see every record's changes; agents their own. */
  const reviewer = computed(() => role.value === 'reviewer' || role.value === 'admin');

  api.onFailure = (failure) => {
    const { code } = failure;
    if (code === 'unauthenticated' && state.peek() !== 'signed_out') {
      user.value = null;
      state.value = 'signed_out';
    } else if (code === PASSWORD_CHANGE_REQUIRED && user.peek()) {
      state.value = 'password_change_required';
    }
  };

  /** Ask the server who is signed in (on start). */
  const load = async () => {
    const me = await api.me();
    if (me.ok) {
      timeZone.value = me.value.timeZone;
      user.value = me.value.user;
      if (state.peek() === 'loading') state.value = 'signed_in';
    } else if (state.peek() === 'loading') {
      state.value = 'signed_out';
    }
  };

  const signIn = async (email: string, password: string): Promise<boolean> => {
    busy.value = true;
    error.value = null;
    const result = await api.signIn({ email, password });
    busy.value = false;
    if (!result.ok) {
      error.value = formError(result.failure);
      return false;
    }
    timeZone.value = result.value.timeZone;
    user.value = result.value.user;
    state.value = 'signed_in';
    return true;
  };

  const signOut = async () => {
    await api.signOut();
    user.value = null;
    error.value = null;
    state.value = 'signed_out';
  };

  /** Change the password; on success the hold (if any) is lifted. */
  const changePassword = async (currentPassword: string, newPassword: string): Promise<FormError | null> => {
    busy.value = true;
    const result = await api.changePassword({ currentPassword, newPassword });
    busy.value = false;
    if (!result.ok) return formError(result.failure);
    timeZone.value = result.value.timeZone;
    user.value = result.value.user;
    state.value = 'signed_in';
    return null;
  };

  return { state, user, busy, error, timeZone, role, reviewer, load, signIn, signOut, changePassword };
});

/** An instance of Session. */
export type Session = InstanceType<typeof Session>;
