import type { MessageKey } from '../../shared/i18n/catalog';
import { t } from '../../shared/i18n/t';

/** A key that can head a ledger or report column (field, ledger and report labels without parameters). */
export type LedgerHeadingKey = Exclude<Extract<MessageKey, `field.${string}` | `ledger.${string}` | `report.col.${string}`>, 'ledger.truncated'>;

/** Any key the ledger translates. */
export type LedgerMessageKey = MessageKey;

/** Translate a ledger heading or label: `ledgerT('zh-CN', 'ledger.sheet')`. */
export const ledgerT = t;
