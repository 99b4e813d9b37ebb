import * as coaching from '../../shared/i18n/messages/coaching';
import * as enumPublic from '../../shared/i18n/messages/enum-public';
import * as enumStaff from '../../shared/i18n/messages/enum-staff';
import * as errorPublic from '../../shared/i18n/messages/error-public';
import * as errorStaff from '../../shared/i18n/messages/error-staff';
import * as field from '../../shared/i18n/messages/field';
import * as rule from '../../shared/i18n/messages/rule';
import * as ui from '../../shared/i18n/messages/ui';
import { createTranslator, hasMessage, mergeCatalogs } from '../../shared/i18n/translator';
import * as extension from './messages';

/** Every area the extension shows, merged once. */
export const extensionCatalog = mergeCatalogs(coaching, enumPublic, enumStaff, errorPublic, errorStaff, field, rule, ui, extension);

/** Any message key the extension can show. */
export type ExtensionMessageKey = keyof typeof extensionCatalog.en & string;

/** Translate an extension message: `t('zh-CN', 'ext.panel.capture')`. */
export const t = createTranslator(extensionCatalog);

/** True when `key` (e.g. built from an error code off the wire) has a message. */
export const isMessageKey = (key: unknown): key is ExtensionMessageKey => hasMessage(extensionCatalog, key);

/** Translate a key chosen at run time (an error code, a field issue); params are optional here. */
export const tKey = (locale: Parameters<typeof t>[0], key: ExtensionMessageKey, params?: Record<string, string | number>): string =>
  (t as unknown as (l: typeof locale, k: string, p?: Record<string, string | number>) => string)(locale, key, params);
