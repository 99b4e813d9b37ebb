import { err, ok, type Result } from './result';

/**
 * Masking of personal data on the capturing device (DOMAIN.md §3). Rules:
 * - person names: `*先生` / `*女士` (Chinese) or `Mr *` / `Ms *`; `*` when the gender is unknown;
 *   company names are kept (only contact data typed into them is masked). In free text a common
 *   surname (+ up to 2 given-name characters) before 先生/女士/小姐/太太 and a capitalised name after
 *   Mr/Mrs/Ms/Miss/Mx/Dr are masked (`王小明先生` -> `*先生`, `Mrs. Brown` -> `Mrs. *`).
 * - mainland mobile: first 3 + last 4 digits, `138****5678` (a +86 / 0086 prefix is dropped).
 * - landline: area code + last 2 digits of the local number, `010-****78`; the extension is dropped.
 * - ID card (18 or old 15 digits): first and last character only, `1****************X`.
 * - e-mail: `***@***`; QQ / WeChat ids (only after a QQ / 微信 / WeChat cue, or `wxid_`): cue + `***`.
 * - other countries' numbers (`+49 30 1234567`): `+` and the first 3 digits, `****`, the last 4.
 * - a name introduced as one (联系人：王小明, 我叫…, my name is…): cue + `*`; the customer's own names
 *   (maskTextWith `people`) wherever they appear. A published page (`scope: 'article'`) keeps its
 *   titled and introduced names (public figures) and loses only contact data and those names.
 * - never touched: digits of a decimal (`5467.081967213115`), of a URL's host and path, of an image file.
 * Masked forms are fixed points of the masker, so masking is idempotent.
 */

/** What kind of contact detail a value or a span of text was recognised as. */
export type ContactKind =
  | 'mobile'
  | 'landline'
  | 'phone'
  | 'email'
  | 'id_card'
  | 'qq'
  | 'wechat'
  | 'mixed'
  | 'other';

/** Gender or title of a person, when known; it picks 先生/女士 or Mr/Ms. */
export type NameGender = 'male' | 'female' | 'unknown';

/** How to mask a name: a person (masked) or a company (kept); by default a legal-form ending says company. */
export interface MaskNameOptions {
  kind?: 'person' | 'company';
  gender?: NameGender;
}

/** A masked contact value and the kind it was recognised as. */
export interface MaskedContact {
  kind: ContactKind;
  masked: string;
}

type SpanKind = Exclude<ContactKind, 'mixed' | 'other'> | 'name';

/** Where free text comes from, which decides whether titled names in it are the customer's. */
export interface MaskTextOptions {
  /**
   * 'customer' (default): text by or about the customer (feedback, ticket messages, staff notes),
   * where a titled or introduced name is a person to protect. 'article': a published page, where
   * "Dr Smith said" is a public figure: only contact data and the `people` below are masked.
   */
  scope?: 'customer' | 'article';
  /** The customer's own names (customer name, contact person, requester): masked wherever they appear. */
  people?: readonly (string | undefined)[];
}

interface Rule {
  kind: SpanKind;
  re: RegExp;
  /** 'digit': a match must not touch other digits; 'word': a latin cue must not follow a letter. */
  edge: 'digit' | 'word' | 'none';
  /** The replacement, or null to reject this match. `orig` is the untouched original span. */
  mask: (m: RegExpExecArray, orig: string) => string | null;
}

interface Hit {
  kind: SpanKind;
  start: number;
  end: number;
  masked: string;
}

const AREA = '0(?:10|2\\d|[3-9]\\d{2})';
// Common and compound surnames, with up to 2 given-name characters, before a title are a person
// (王先生, 王小明先生, 欧阳女士). Surnames that are also everyday words (和, 向, 明…) count only
// right before the title, so "和欧阳女士" keeps its 和.
const SURNAME =
  '(?:欧阳|司马|上官|诸葛|东方|皇甫|慕容|司徒|夏侯|[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简车项芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝])';
const SURNAMES = `${SURNAME}[\\u4e00-\\u9fff]{0,2}|[和向时应连全成解查明单]`;
const digits = (s: string): string => s.replace(/[^\dXx]/g, '').toUpperCase();
const keep = (_m: RegExpExecArray, orig: string): string => orig;

// Order matters only for matches starting at the same index: the earlier rule wins.
const RULES: readonly Rule[] = [
  {
    kind: 'email',
    re: /[\w.%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}/gi,
    edge: 'none',
    mask: () => '***@***',
  },
  { kind: 'email', re: /\*{3}@\*{3}/g, edge: 'none', mask: keep },
  {
    kind: 'id_card',
    re: /[1-9]\d{5}[ -]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ -]?\d{3}[\dXx]/g,
    edge: 'digit',
    mask: (m) => {
      const d = digits(m[0]);
      return `${d[0]}${'*'.repeat(16)}${d[17]}`;
    },
  },
  {
    kind: 'id_card',
    re: /[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}/g,
    edge: 'digit',
    mask: (m) => `${m[0][0]}${'*'.repeat(13)}${m[0][14]}`,
  },
  { kind: 'id_card', re: /[1-9](?:\*{16}[\dX]|\*{13}\d)/g, edge: 'digit', mask: keep },
  {
    kind: 'mobile',
    re: /(?:(?:\+|00)86[ -]?|86|\(\+?86\) ?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}/g,
    edge: 'digit',
    mask: (m) => {
      const d = digits(m[0]).slice(-11);
      return `${d.slice(0, 3)}****${d.slice(7)}`;
    },
  },
  { kind: 'mobile', re: /1[3-9]\d\*{4}\d{4}/g, edge: 'digit', mask: keep },
  {
    kind: 'landline',
    re: /* @__PURE__ */ new RegExp(
      `(?:\\((${AREA})\\) ?|(${AREA})[ -]?)(\\d{3,4}[ -]?\\d{4})(?: *(?:转|分机|ext\\.?|x|#|-) *\\d{1,6})?`,
      'gi',
    ),
    edge: 'digit',
    mask: (m) => `${m[1] ?? m[2]}-****${digits(m[3] ?? '').slice(-2)}`,
  },
  { kind: 'landline', re: /* @__PURE__ */ new RegExp(`${AREA}-\\*{4}\\d{2}`, 'g'), edge: 'digit', mask: keep },
  {
    kind: 'qq',
    re: /(qq(?:号码?|群)? *:? *)(?:[1-9]\d{4,10}(?!\d)|\*{3})/gi,
    edge: 'word',
    mask: (m, orig) => `${orig.slice(0, m[1]?.length ?? 0)}***`,
  },
  {
    kind: 'name',
    re: /* @__PURE__ */ new RegExp(`(?:${SURNAMES})(先生|女士|小姐|太太)`, 'g'),
    edge: 'none',
    mask: (m) => `*${m[1]}`,
  },
  {
    kind: 'name',
    // Case-sensitive on purpose: only a capitalised word after the title is a name ("Mr smooth" is not).
    re: /\b(M(?:rs?|s|iss|x)|Dr|MRS?|MS|mrs?|ms)(\.? +)[A-Z][\w'-]*(?: [A-Z][\w'-]*)?/g,
    edge: 'none',
    mask: (m) => `${m[1]}${m[2]}*`,
  },
  { kind: 'wechat', re: /wxid_(?:[a-z0-9]{4,}|\*{3})/gi, edge: 'word', mask: () => 'wxid_***' },
  {
    kind: 'wechat',
    re: /((微信|wechat|vx|wx)(号|id| id)? *(:)? *)(?:([a-z][\w-]{5,19})(?![\w-])|\*{3})/gi,
    edge: 'word',
    // A bare latin cue ("wechat payment") is too weak unless the id looks like one (digit, _ or -).
    mask: (m, orig) => {
      const strong = m[2] === '微信' || m[3] || m[4] || !m[5] || /[\d_-]/.test(m[5]);
      return strong ? `${orig.slice(0, m[1]?.length ?? 0)}***` : null;
    },
  },
  {
    // Any other country (`+49 30 1234567`): country code's first digits and the last 4 stay.
    kind: 'phone',
    re: /\+[1-9][\d ()-]{6,18}\d/g,
    edge: 'digit',
    mask: (m) => {
      const d = digits(m[0]);
      return d.length < 8 ? null : `+${d.slice(0, 3)}****${d.slice(-4)}`;
    },
  },
  { kind: 'phone', re: /\+\d{3}\*{4}\d{4}/g, edge: 'digit', mask: keep },
  {
    // A bare name right after a cue that says it is one (联系人：王小明, my name is Ann Lee).
    kind: 'name',
    re: /* @__PURE__ */ new RegExp(`(联系人|姓名|我叫|我是|[Mm]y name is)( *:? *)(?:${SURNAME}[\\u4e00-\\u9fff]{1,2}(?![\\u4e00-\\u9fff])|[A-Z][a-z]+(?: [A-Z][a-z]+)?)`, 'g'),
    edge: 'none',
    mask: (m) => `${m[1]}${m[2]}*`,
  },
];

/** Full-width ASCII (digits, letters, ＋－＠（）：) and the ideographic space map 1:1 to ASCII, keeping indices. */
const toHalfWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string | undefined): boolean => c !== undefined && /[a-z0-9]/i.test(c);

// Addresses and image files: their digits are ids, not phones (a query string is not part of this,
// so `?phone=…` is still masked). They are hidden from the digit rules, keeping every index.
const URLS = /\b(?:https?:\/\/|www\.)[^\s?#<>"'()]+|[\w/.-]{1,200}\.(?:png|jpe?g|gif|webp|svg)\b/gi;

/** A digit, or the point of a decimal (`5467.0819…`): what a phone or id must not touch. */
const inNumber = (c: string | undefined, next: string | undefined): boolean => isDigit(c) || (c === '.' && isDigit(next));

const findFrom = (rule: Rule, norm: string, text: string, from: number): Hit | null => {
  rule.re.lastIndex = from;
  for (let m = rule.re.exec(norm); m; m = rule.re.exec(norm)) {
    const start = m.index;
    const end = start + m[0].length;
    const edgeOk =
      rule.edge === 'digit'
        ? !inNumber(norm[start - 1], norm[start - 2]) && !inNumber(norm[end], norm[end + 1])
        : rule.edge === 'word'
          ? !/^[a-z]/i.test(m[0]) || !isAlnum(norm[start - 1])
          : true;
    const masked = edgeOk ? rule.mask(m, text.slice(start, end)) : null;
    if (masked !== null) return { kind: rule.kind, start, end, masked };
    rule.re.lastIndex = start + 1;
  }
  return null;
};

/** One left-to-right pass over the original text; the earliest match wins, so rules never stack. */
const scan = (text: string, hits: Hit[], rules: readonly Rule[]): string => {
  const norm = toHalfWidth(text).replace(URLS, (url) => url.replace(/\d/g, '_'));
  const cached: Array<Hit | null | undefined> = [];
  let pos = 0;
  let out = '';
  for (;;) {
    let hit: Hit | null = null;
    for (let i = 0; i < rules.length; i++) {
      let next = cached[i];
      if (next === undefined || (next !== null && next.start < pos)) {
        next = cached[i] = findFrom(rules[i] as Rule, norm, text, pos);
      }
      if (next && (!hit || next.start < hit.start)) hit = next;
    }
    if (!hit) return out + text.slice(pos);
    out += text.slice(pos, hit.start) + hit.masked;
    hits.push(hit);
    pos = hit.end;
  }
};

/**
 * Masking one span can change what borders another (a landline's kept area code may end a digit
 * group a mobile needed), so passes repeat until nothing changes. Every change removes letters or
 * digits, so this ends; usually the second pass only confirms.
 */
const maskAll = (text: string, hits: Hit[], rules: readonly Rule[] = RULES): string => {
  for (let cur = text; ; ) {
    hits.length = 0;
    const next = scan(cur, hits, rules);
    if (next === cur) return next;
    cur = next;
  }
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rules for one text: an article drops the titled-name rules; the customer's own names are added. */
const rulesFor = ({ scope, people = [] }: MaskTextOptions): readonly Rule[] => {
  const named: Rule[] = [];
  for (const person of people) {
    const name = person?.trim() ?? '';
    // A name already masked (`*先生`) or a single character finds nothing worth hiding.
    if (name.length < 2 || name.includes('*')) continue;
    const masked = maskName(name);
    named.push({ kind: 'name', re: /* @__PURE__ */ new RegExp(escapeRe(name), 'gi'), edge: 'none', mask: () => (masked.ok ? masked.value : '*') });
  }
  const base = scope === 'article' ? RULES.filter((r) => r.kind !== 'name') : RULES;
  return named.length ? [...base, ...named] : base;
};

const notString = (what: string) => err('validation_failed', `${what} must be a string`);

/**
 * Mask every phone (mainland and international), e-mail, ID-card, QQ and WeChat id inside free text
 * (zh or en), and names given with a title or introduced as names: text by or about the customer.
 */
export function maskText(text: unknown): Result<string> {
  if (typeof text !== 'string') return notString('text');
  return ok(maskAll(text, []));
}

/** maskText for text of a known origin (a published page) or with the customer's own names to hide too. */
export function maskTextWith(text: unknown, options: MaskTextOptions): Result<string> {
  if (typeof text !== 'string') return notString('text');
  return ok(maskAll(text, [], rulesFor(options)));
}

/** Recognise what a contact value is and mask it; anything unrecognised is hidden as `***`. */
export function maskContact(value: unknown): Result<MaskedContact> {
  if (typeof value !== 'string') return notString('contact');
  const trimmed = value.trim();
  if (!trimmed) return ok({ kind: 'other', masked: '' });
  const all: Hit[] = [];
  maskAll(trimmed, all);
  const hits = all.filter((h) => h.kind !== 'name');
  const first = hits[0];
  // Labels and names around the recognised parts are dropped: a contact field keeps only masked forms.
  if (!first) return ok({ kind: 'other', masked: '***' });
  return ok({
    kind: hits.every((h) => h.kind === first.kind) ? (first.kind as ContactKind) : 'mixed',
    masked: hits.map((h) => h.masked).join(' / '),
  });
}

// Names ending in a legal-form word are companies, which DOMAIN.md §3 keeps (only contact inside is masked).
const COMPANY = /(?:公司|集团|企业|工作室|事务所|银行|大学|医院|\b(?:inc|ltd|llc|gmbh|corp|co|plc|limited|company|group)\.?)\s*$/i;

const titleGender = (name: string): NameGender =>
  /先生|^mr\b/i.test(name)
    ? 'male'
    : /女士|小姐|太太|夫人|^(?:mrs|ms|miss)\b/i.test(name)
      ? 'female'
      : 'unknown';

/** Mask a customer or contact name: persons become `*先生`/`*女士`/`Mr *`/`Ms *`/`*`, companies stay. */
export function maskName(name: unknown, options: MaskNameOptions = {}): Result<string> {
  if (typeof name !== 'string') return notString('name');
  const trimmed = name.trim();
  if ((options.kind ?? (COMPANY.test(trimmed) ? 'company' : 'person')) === 'company') return ok(maskAll(trimmed, []));
  if (!trimmed) return ok('');
  const gender =
    options.gender && options.gender !== 'unknown' ? options.gender : titleGender(trimmed);
  const zh = /[\u3400-\u9fff\uf900-\ufaff]/.test(trimmed);
  if (gender === 'male') return ok(zh ? '*先生' : 'Mr *');
  if (gender === 'female') return ok(zh ? '*女士' : 'Ms *');
  return ok('*');
}

// A name field holding a person: a titled name, a surname with 1–3 more characters, or 2–3 capitalised words.
const PERSON = /* @__PURE__ */ new RegExp(
  `^(?:(?:M(?:rs?|s|iss|x)|Dr)\\.? .+|.+(?:先生|女士|小姐|太太)|${SURNAME}[\\u4e00-\\u9fff·]{1,3}|[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){1,2})$`,
);

/**
 * Mask a customer-name field (客户名称): a person becomes `*先生`/`Ms *`/`*`, a company stays. Without
 * the customer kind, a legal-form ending says company and a name's shape says person; anything else
 * (a product, a team) keeps its words and loses only contact data in it.
 */
export function maskCustomerName(name: unknown, kind?: 'individual' | 'enterprise'): Result<string> {
  if (typeof name !== 'string') return notString('name');
  const trimmed = name.trim();
  if (kind === 'individual') return maskName(trimmed, { kind: 'person' });
  if (kind === 'enterprise' || COMPANY.test(trimmed) || !PERSON.test(trimmed)) return maskName(trimmed, { kind: 'company' });
  return maskName(trimmed, { kind: 'person' });
}
