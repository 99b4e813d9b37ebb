import { t as translate } from '../shared/i18n/t';
import type { MessageKey } from '../shared/i18n/catalog';
import type { Locale } from '../shared/i18n/locale';
import type { ParamsArg } from '../shared/i18n/translator';
import type { en } from '../shared/i18n/catalog';

/** Translate in one locale: what every component gets as `t`. */
export type T = <K extends MessageKey>(key: K, ...params: ParamsArg<(typeof en)[K]>) => string;

/** Bind the shared translator to a locale. */
export const translator = (locale: Locale): T => (key, ...params) => translate(locale, key, ...params);

/** Text of a key built from data (an enum code, an error code); an unknown key comes back as itself. */
export const textOf = (t: T, key: string): string => (t as unknown as (key: string) => string)(key);

/** The translated text of an error code from the server or the transport, falling back to the generic one. */
export const errorText = (t: T, code: string): string => {
  const text = textOf(t, `error.${code}`);
  return text === `error.${code}` ? t('error.internal') : text;
};
