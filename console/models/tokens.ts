import { createModel, signal } from '@preact/signals';
import type { TokenCreated, TokenInfo } from '../../shared/schemas/staff';
import { type ApiClient } from '../api/client';

/**
 * One's own API tokens: the list, a newly issued token (shown once, until dismissed) and the last
 * failure as an error code.
 */
export const Tokens = createModel((api: ApiClient) => {
  const items = signal<TokenInfo[]>([]);
  const created = signal<TokenCreated | null>(null);
  const error = signal<string | null>(null);
  const busy = signal(false);

  const load = async () => {
    const result = await api.tokens();
    if (result.ok) items.value = result.value.items;
    else error.value = result.failure.code;
  };

  const create = async (name: string): Promise<boolean> => {
    busy.value = true;
    error.value = null;
    const result = await api.createToken(name);
    busy.value = false;
    if (!result.ok) {
      error.value = result.failure.code;
      return false;
    }
    created.value = result.value;
    await load();
    return true;
  };

  const revoke = async (id: string) => {
    error.value = null;
    const result = await api.revokeToken(id);
    if (!result.ok) error.value = result.failure.code;
    await load();
  };

  /** Forget the plain token once the person has copied it. */
  const dismiss = () => void (created.value = null);

  return { items, created, error, busy, load, create, revoke, dismiss };
});

/** An instance of Tokens. */
export type Tokens = InstanceType<typeof Tokens>;
