/**
 * Vague-input coaching (DOMAIN.md §3): a problem description should name a scenario and the problem
 * met. A description that is empty, too short, mostly vague complaint ("不好用", "doesn't work") or
 * lacking any cue of where/when it happened gets one follow-up prompt (an i18n key).
 */

/** Why a problem description was judged vague. */
export type VagueReason = 'empty' | 'too_short' | 'vague_phrase' | 'no_scenario';

/** i18n key of the follow-up prompt to show. */
export type CoachingKey =
  | 'coaching.which_step'
  | 'coaching.too_short'
  | 'coaching.no_scenario'
  | 'coaching.empty';

/** The verdict on one problem description. */
export interface CoachingResult {
  vague: boolean;
  reasons: VagueReason[];
  followUpKey: CoachingKey | null;
}

/** Extra context and overridable word lists (pass `[...VAGUE_PHRASES, 'meh']` to extend). */
export interface CoachingOptions {
  /** The separate scenario field; when filled, the text needs no scenario cue of its own. */
  scenario?: string | null;
  vaguePhrases?: readonly string[];
  scenarioCues?: readonly string[];
  fillerWords?: readonly string[];
}

/** Complaints that carry no detail. Latin entries match whole words. */
export const VAGUE_PHRASES: readonly string[] = [
  '不好用', '太难用', '很难用', '难用', '不好使', '有问题', '出问题', '有bug', '有毛病', '用不了', '不能用',
  '没法用', '不行', '很卡', '太卡', '好卡', '卡顿', '卡死', '很慢', '太慢', '好慢', '垃圾', '很烂', '太烂',
  '不方便', '体验差', '体验不好', '很差', '太差', '不太好', '不好', '不满意', '不友好', '坏了', '崩了', '一般般',
  "doesn't work", 'doesnt work', 'does not work', "don't work", "won't work", "isn't working", 'not working',
  'not work', 'hard to use', 'difficult to use', "can't use", 'cannot use', 'unusable', 'useless',
  'bad', 'very bad', 'broken', 'sucks', 'terrible', 'awful', 'horrible', 'buggy', 'slow', 'laggy',
  'not good', 'annoying', 'confusing', 'problem', 'issue', 'bug',
];

/** Words that place a problem: pages, features, steps, actions, time. Latin entries match word prefixes. */
export const SCENARIO_CUES: readonly string[] = [
  '点击', '点了', '点开', '导出', '导入', '页面', '界面', '登录', '登陆', '注册', '按钮', '提交', '保存', '上传',
  '下载', '打开', '进入', '支付', '付款', '搜索', '查询', '报表', '模块', '功能', '菜单', '设置', '输入', '选择',
  '打印', '刷新', '删除', '编辑', '修改', '时候', '之后', '以后', '步骤', '弹窗', '列表', '订单', '发送', '加载',
  '切换', '填写', '扫码', '结算', '账号', '密码', '消息', '通知', '首页', '详情', '表单', '审批', '对账',
  'when', 'after', 'before', 'while', 'click', 'tap', 'press', 'page', 'screen', 'button', 'export', 'import',
  'login', 'log in', 'sign in', 'sign up', 'upload', 'download', 'save', 'saving', 'submit', 'search', 'open',
  'menu', 'setting', 'report', 'form', 'checkout', 'cart', 'pay', 'step', 'field', 'tab', 'dialog', 'popup',
  'window', 'module', 'feature', 'list', 'dashboard', 'select', 'print', 'send', 'load', 'refresh', 'delete',
  'edit', 'creat', 'invoice', 'order', 'account', 'password', 'notification', 'scroll', 'sync', 'filter',
];

/** Words that add no detail; they do not count towards length. Latin entries match whole words. */
export const FILLER_WORDS: readonly string[] = [
  '这个', '那个', '我们', '你们', '真的', '非常', '特别', '就是', '一直', '总是', '老是', '根本', '完全',
  '系统', '软件', '产品', '东西', '感觉', '觉得', '有点', '实在', '还是', '怎么', '我', '你', '它', '很',
  '太', '都', '也', '就', '了', '的', '吧', '啊', '呢', '吗', '呀', '哦', '嘛', '么',
  'i', 'me', 'my', 'it', "it's", 'its', 'this', 'that', 'the', 'a', 'an', 'is', 'are', 'was', 'be', 'so',
  'very', 'really', 'just', 'too', 'and', 'or', 'to', 'of', 'your', 'you', 'we', 'our', 'app', 'system',
  'software', 'product', 'thing', 'stuff', 'everything', 'always', 'totally', 'completely', 'quite', 'pretty',
];

/** Length rule: CJK characters count 1, other words count `wordWeight`; below `minLength` is too short. */
export const COACHING_LIMITS = {
  minLength: 8,
  wordWeight: 1.6,
  /** With a vague phrase present, less than this much other content means the phrase dominates. */
  minSpecific: 3,
} as const;

const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uac00-\\ud7af';
const CJK_CHAR = new RegExp(`[${CJK}]`, 'g');
const WORD = new RegExp(`[^\\s'${CJK}][^\\s${CJK}]*`, 'g');

/** NFKC folds full-width forms; punctuation becomes spaces so latin entries can match on spaces. */
const normalise = (s: string): string =>
  ` ${s.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ')} `;

const weigh = (s: string): number =>
  (s.match(CJK_CHAR)?.length ?? 0) +
  COACHING_LIMITS.wordWeight * (s.replace(CJK_CHAR, ' ').match(WORD)?.length ?? 0);

const compiled = [new WeakMap<readonly string[], RegExp>(), new WeakMap<readonly string[], RegExp>()];

/** One alternation, longest entry first; latin entries are anchored on the padding spaces. */
const compile = (list: readonly string[], prefix: boolean): RegExp => {
  const cache = compiled[prefix ? 1 : 0]!;
  const cachedRe = cache.get(list);
  if (cachedRe) return cachedRe;
  const parts = list
    .map((p) => normalise(p).trim())
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((p) => {
      const esc = p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (!/^[a-z0-9']/.test(p)) return esc;
      return ` ${esc}${prefix ? "[\\p{L}\\p{N}']*" : ''}(?= )`;
    });
  const re = new RegExp(parts.length ? parts.join('|') : '(?!)', 'gu');
  cache.set(list, re);
  return re;
};

const FOLLOW_UP: Record<VagueReason, CoachingKey> = {
  empty: 'coaching.empty',
  vague_phrase: 'coaching.which_step',
  too_short: 'coaching.too_short',
  no_scenario: 'coaching.no_scenario',
};

/** Judge a problem description; never throws (a non-string counts as empty). */
export function coachProblem(text: unknown, opts: CoachingOptions = {}): CoachingResult {
  const norm = normalise(typeof text === 'string' ? text : '');
  if (weigh(norm) === 0) return { vague: true, reasons: ['empty'], followUpKey: FOLLOW_UP.empty };

  let vagueWeight = 0;
  let rest = norm.replace(compile(opts.vaguePhrases ?? VAGUE_PHRASES, false), (m) => {
    vagueWeight += weigh(m);
    return '  ';
  });
  rest = rest.replace(compile(opts.fillerWords ?? FILLER_WORDS, false), '  ');
  const restWeight = weigh(rest);

  const reasons: VagueReason[] = [];
  if (vagueWeight + restWeight < COACHING_LIMITS.minLength) reasons.push('too_short');
  if (vagueWeight > 0 && (restWeight < COACHING_LIMITS.minSpecific || vagueWeight >= 2 * restWeight)) {
    reasons.push('vague_phrase');
  }
  const scenario = typeof opts.scenario === 'string' && weigh(normalise(opts.scenario)) > 0;
  const cues = compile(opts.scenarioCues ?? SCENARIO_CUES, true);
  cues.lastIndex = 0;
  if (!scenario && !cues.test(norm)) reasons.push('no_scenario');

  const first = (['vague_phrase', 'too_short', 'no_scenario'] as const).find((r) => reasons.includes(r));
  return { vague: reasons.length > 0, reasons, followUpKey: first ? FOLLOW_UP[first] : null };
}
