import type { Locale } from './locale';

/*
 * Messages are plain strings with `{name}` placeholders. Placeholder names are read from the en
 * literal types, so `t(locale, key, params)` requires exactly the parameters the message uses, and
 * each zh-CN message is checked to contain the same placeholders as its en twin.
 */

/** A flat table of message key to message text. */
export type Messages = Readonly<Record<string, string>>;

/** Names of the `{name}` placeholders in a message literal type. */
export type ParamNames<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamNames<Rest> : never;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

type WithPlaceholders<P extends string> = [P] extends [never]
  ? string
  : UnionToIntersection<P extends string ? `${string}{${P}}${string}` : never>;

/** The shape a translation of `E` must have: the same keys, each with the same placeholders. */
export type Translation<E extends Messages> = { readonly [K in keyof E]: WithPlaceholders<ParamNames<E[K]>> };

/** Values substituted for placeholders. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The params argument a message needs: none, or an object naming each of its placeholders. */
export type ParamsArg<S> = [ParamNames<S>] extends [never]
  ? [params?: MessageParams]
  : [params: Readonly<Record<ParamNames<S>, string | number>>];

/** One area's catalog (or a merge of several): en is the source of truth for keys. */
export interface Catalog<E extends Messages> {
  readonly en: E;
  readonly zhCN: Readonly<Record<keyof E, string>>;
}

/** Translate a key of `E` into `locale`, substituting params. */
export type Translate<E extends Messages> = <K extends keyof E & string>(
  locale: Locale,
  key: K,
  ...params: ParamsArg<E[K]>
) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Substitute `{name}` placeholders; a missing param stays visible as `{name}` instead of throwing. */
export const interpolate = (message: string, params?: MessageParams): string =>
  params === undefined || params === null || typeof params !== 'object'
    ? message
    : message.replace(PLACEHOLDER, (whole, name: string) => {
        const value = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
        return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
      });

const lookup = (table: Messages, key: unknown): string | undefined =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The key itself as text, even for a value that refuses conversion (`{ toString: [] }`). */
const keyText = (key: unknown): string => {
  try {
    return String(key);
  } catch {
    return '';
  }
};

/** Build `t(locale, key, params)` over a catalog; unknown keys fall back to en, then to the key itself. */
export const createTranslator =
  <E extends Messages>(catalog: Catalog<E>): Translate<E> =>
  (locale, key, ...rest) => {
    // Keys may arrive from the wire (an error code), so the runtime does not trust the type.
    const primary: Messages = locale === 'zh-CN' ? catalog.zhCN : catalog.en;
    const message = lookup(primary, key) ?? lookup(catalog.en, key) ?? keyText(key);
    return interpolate(message, rest[0]);
  };

/** True when the catalog has a message for `key`: narrows keys that come from data. */
export const hasMessage = <E extends Messages>(catalog: Catalog<E>, key: unknown): key is keyof E & string =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(catalog.en, key);

type Merged<C extends readonly Catalog<Messages>[]> =
  UnionToIntersection<C[number]['en']> extends infer E extends Messages ? E : never;

/** Join area catalogs so a bundle can translate several areas with one `t`. */
export const mergeCatalogs = <const C extends readonly Catalog<Messages>[]>(...catalogs: C): Catalog<Merged<C>> => {
  const en: Record<string, string> = {};
  const zhCN: Record<string, string> = {};
  for (const c of catalogs) {
    Object.assign(en, c.en);
    Object.assign(zhCN, c.zhCN);
  }
  return { en, zhCN } as Catalog<Merged<C>>;
};
