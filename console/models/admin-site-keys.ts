import { createModel, signal } from '@preact/signals';
import type { SiteKeyCreate, SiteKeyUpdate, SiteKeyView, SiteKeyWithSecret } from '../../shared/schemas/staff';
import type { ApiClient } from '../api/client';
import type { FormError } from './session';
import { adminError } from './admin-users';

/** The one script tag a product team puts on its pages to embed the suggestion box. */
export const embedSnippet = (serverUrl: string, key: string): string =>
  `<script src="${serverUrl}/widget/widget.js" data-site-key="${key}" data-api="${serverUrl}" async></script>`;

/**
 * Widget site keys for admins: the list, create and edit, and identity-secret rotation; a secret
 * (from create or rotate) is shown once, until dismissed.
 */
export const AdminSiteKeys = createModel((api: ApiClient) => {
  const items = signal<SiteKeyView[]>([]);
  const loaded = signal(false);
  const error = signal<FormError | null>(null);
  const busy = signal(false);
  const secret = signal<SiteKeyWithSecret | null>(null);

  const load = async () => {
    const result = await api.siteKeys();
    if (result.ok) items.value = result.value.items;
    else error.value = adminError(result.failure);
    loaded.value = true;
  };

  const settle = async (result: Awaited<ReturnType<ApiClient['updateSiteKey']>>): Promise<boolean> => {
    busy.value = false;
    if (!result.ok) {
      error.value = adminError(result.failure);
      return false;
    }
    if ('identitySecret' in result.value) secret.value = result.value as SiteKeyWithSecret;
    await load();
    return true;
  };

  const begin = () => {
    busy.value = true;
    error.value = null;
  };

  const create = async (body: SiteKeyCreate) => (begin(), settle(await api.createSiteKey(body)));
  const update = async (id: string, patch: SiteKeyUpdate) => (begin(), settle(await api.updateSiteKey(id, patch)));
  const rotate = async (id: string) => (begin(), settle(await api.rotateSiteKey(id)));
  /** Forget the secret once the admin has copied it. */
  const dismiss = () => void (secret.value = null);
  const clearError = () => void (error.value = null);

  return { items, loaded, error, busy, secret, load, create, update, rotate, dismiss, clearError };
});

/** An instance of AdminSiteKeys. */
export type AdminSiteKeys = InstanceType<typeof AdminSiteKeys>;
