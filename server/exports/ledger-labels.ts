import type { MessageKey } from '../../shared/i18n/catalog';
import { t } from '../../shared/i18n/t';

/** A key that can head a ledger column (field and ledger labels, none of which take parameters). */
export type LedgerHeadingKey = Exclude<Extract<MessageKey, `field.${string}` | `ledger.${string}`>, 'ledger.truncated'>;

/** Any key the ledger translates. */
export type LedgerMessageKey = MessageKey;

/** Translate a ledger heading or label: `ledgerT('zh-CN', 'ledger.sheet')`. */
export const ledgerT = t;
