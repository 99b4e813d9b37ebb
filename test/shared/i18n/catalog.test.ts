import { readdirSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import * as enums from '../../../shared/schemas/enums';
import { ERROR_CODES } from '../../../shared/schemas/error-codes';
import { catalog, en, zhCN } from '../../../shared/i18n/catalog';
import * as campaign from '../../../shared/i18n/messages/campaign';
import * as coaching from '../../../shared/i18n/messages/coaching';
import * as communication from '../../../shared/i18n/messages/communication';
import * as consoleUi from '../../../shared/i18n/messages/console';
import * as consoleRecord from '../../../shared/i18n/messages/console-record';
import * as consoleTriage from '../../../shared/i18n/messages/console-triage';
import * as notification from '../../../shared/i18n/messages/notify';
import * as notifyAdmin from '../../../shared/i18n/messages/notify-admin';
import * as deadline from '../../../shared/i18n/messages/deadline';
import * as enumPublic from '../../../shared/i18n/messages/enum-public';
import * as enumStaff from '../../../shared/i18n/messages/enum-staff';
import * as errorPublic from '../../../shared/i18n/messages/error-public';
import * as errorStaff from '../../../shared/i18n/messages/error-staff';
import * as field from '../../../shared/i18n/messages/field';
import * as ledger from '../../../shared/i18n/messages/ledger';
import * as mail from '../../../shared/i18n/messages/mail';
import * as obligation from '../../../shared/i18n/messages/obligation';
import { OBLIGATION_ACTS, OBLIGATION_KINDS, OBLIGATION_STATES } from '../../../shared/schemas/obligation';
import * as priority from '../../../shared/i18n/messages/priority';
import * as report from '../../../shared/i18n/messages/report';
import * as rule from '../../../shared/i18n/messages/rule';
import * as satisfaction from '../../../shared/i18n/messages/satisfaction';
import { RECORD_GUARDS } from '../../../shared/domain/record-guards';
import * as admin from '../../../shared/i18n/messages/admin';
import * as dashboard from '../../../shared/i18n/messages/dashboard';
import * as statusPage from '../../../shared/i18n/messages/status-page';
import * as ui from '../../../shared/i18n/messages/ui';
import * as workflow from '../../../shared/i18n/messages/workflow';

const areas = {
  admin,
  campaign,
  coaching,
  communication,
  console: consoleUi,
  'console-record': consoleRecord,
  'console-triage': consoleTriage,
  dashboard,
  deadline,
  'enum-public': enumPublic,
  'enum-staff': enumStaff,
  'error-public': errorPublic,
  'error-staff': errorStaff,
  field,
  ledger,
  mail,
  notify: notification,
  'notify-admin': notifyAdmin,
  obligation,
  priority,
  report,
  rule,
  satisfaction,
  'status-page': statusPage,
  ui,
  workflow,
};

/** enumName (contract §5) -> the code array exported by shared/schemas/enums.ts. */
const ENUMS: Record<string, readonly string[]> = {
  source: enums.SOURCES,
  channel: enums.CHANNELS,
  channelMode: enums.CHANNEL_MODES,
  customerType: enums.CUSTOMER_TYPES,
  customerKind: enums.CUSTOMER_KINDS,
  category: enums.CATEGORIES,
  nature: enums.NATURES,
  urgency: enums.URGENCIES,
  initialPriority: enums.INITIAL_PRIORITIES,
  status: enums.STATUSES,
  validity: enums.VALIDITIES,
  priority: enums.PRIORITIES,
  handling: enums.HANDLINGS,
  milestone: enums.MILESTONES,
  changeRequestState: enums.CHANGE_REQUEST_STATES,
  communicationKind: enums.COMMUNICATION_KINDS,
  satisfaction: enums.SATISFACTIONS,
  role: enums.ROLES,
  questionKind: enums.QUESTION_KINDS,
  helpdeskSystem: enums.HELPDESK_SYSTEMS,
};

const FIELDS = [
  'recordNumber', 'customerType', 'customerKind', 'customerName', 'industry', 'contactPerson', 'contact',
  'category', 'nature', 'urgency', 'scenario', 'problem', 'expectedSolution', 'initialPriority',
  'attachments', 'initiator', 'recordedAt', 'status', 'owner', 'dueAt', 'result', 'customerConfirmation',
  'notes', 'validity', 'invalidReason', 'source', 'channel', 'priority', 'handling', 'responsibleDepartment',
  'customerValue', 'businessValue', 'cost', 'risk', 'reproductionRate', 'impactScope',
];

const placeholders = (message: string): string[] => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
const enTable: Record<string, string> = en;
const zhTable: Record<string, string> = zhCN;

describe('catalog parity', () => {
  it('has exactly the same keys in en and zh-CN, in every area and merged', () => {
    for (const [name, area] of Object.entries(areas)) {
      expect(Object.keys(area.zhCN).sort(), name).toEqual(Object.keys(area.en).sort());
    }
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it('joins every area file of shared/i18n/messages into the full catalog', () => {
    const dir = new URL('../../../shared/i18n/messages/', import.meta.url);
    const files = readdirSync(dir).map((f) => f.replace(/\.ts$/, ''));
    expect(files.sort()).toEqual(Object.keys(areas).sort());
    for (const area of Object.values(areas)) {
      for (const key of Object.keys(area.en)) expect(enTable[key], key).toBe((area.en as Record<string, string>)[key]);
    }
  });

  it('keeps each area under its own prefix, so merging never overwrites a key', () => {
    let total = 0;
    for (const [name, area] of Object.entries(areas)) {
      // enum-public/enum-staff share the `enum.` prefix of the contract; keys stay disjoint (checked by the total).
      const prefix = name.split('-')[0];
      for (const key of Object.keys(area.en)) expect(key.startsWith(`${prefix}.`), key).toBe(true);
      total += Object.keys(area.en).length;
    }
    expect(Object.keys(en)).toHaveLength(total);
  });

  it('has a non-empty text with the same placeholders in both languages', () => {
    for (const key of Object.keys(en)) {
      expect(enTable[key]!.trim(), key).not.toBe('');
      expect(zhTable[key]!.trim(), key).not.toBe('');
      expect(placeholders(zhTable[key]!), key).toEqual(placeholders(enTable[key]!));
    }
  });

  it('really is Chinese in zh-CN, not a copied English text (except product names and codes)', () => {
    const untranslated = Object.keys(en).filter((k) => zhTable[k] === enTable[k]);
    expect(untranslated.every((k) => k.startsWith('enum.helpdeskSystem.'))).toBe(true);
    expect(zhTable['error.network_error']).toMatch(/[\u4e00-\u9fff]/);
  });

  it('exposes both languages through the catalog object', () => {
    expect(catalog.en).toBe(en);
    expect(catalog.zhCN).toBe(zhCN);
  });
});

describe('coverage of the shared vocabulary', () => {
  it('labels every enum code of shared/schemas/enums.ts in both languages', () => {
    const exportedArrays = Object.entries(enums).filter(([name, v]) => /^[A-Z_]+$/.test(name) && Array.isArray(v));
    expect(exportedArrays.map(([, v]) => v).sort()).toEqual(Object.values(ENUMS).sort());
    for (const [enumName, codes] of Object.entries(ENUMS)) {
      for (const code of codes) {
        const key = `enum.${enumName}.${code}`;
        expect(enTable[key], key).toBeTypeOf('string');
        expect(zhTable[key], key).toBeTypeOf('string');
      }
    }
  });

  it('has no enum label for a code that does not exist', () => {
    const expected = Object.entries(ENUMS).flatMap(([n, codes]) => codes.map((c) => `enum.${n}.${c}`));
    expect([...Object.keys(enumPublic.en), ...Object.keys(enumStaff.en)].sort()).toEqual(expected.sort());
  });

  it('has an error message for every error code, and none for unknown codes', () => {
    expect([...Object.keys(errorPublic.en), ...Object.keys(errorStaff.en)].sort()).toEqual(
      ERROR_CODES.map((c) => `error.${c}`).sort(),
    );
    for (const code of ERROR_CODES) expect(zhTable[`error.${code}`], code).toMatch(/。$/);
  });

  it('labels every record field', () => {
    expect(Object.keys(field.en).sort()).toEqual(FIELDS.map((f) => `field.${f}`).sort());
  });

  it('has a customer message template for every communication kind', () => {
    for (const kind of enums.COMMUNICATION_KINDS) {
      expect(enTable[`communication.${kind}`], kind).toBeTypeOf('string');
    }
  });

  it('has the coaching, workflow, priority and deadline keys of the cross-team contract', () => {
    const keys = [
      ...['which_step', 'too_short', 'no_scenario', 'empty'].map((k) => `coaching.${k}`),
      ...['mark_valid', 'mark_invalid', 'start', 'complete', 'close', 'reopen'].map((k) => `workflow.action.${k}`),
      ...[
        'reason_required', 'nature_and_urgency_required', 'owner_required', 'result_required', 'customer_not_told',
        'not_dissatisfied', 'not_valid', 'role_not_allowed', 'transition_not_allowed',
      ].map((k) => `workflow.guard.${k}`),
      'priority.formula', 'priority.P0', 'priority.P1', 'priority.P2', 'priority.P3',
      ...['customer_value', 'business_value', 'cost', 'risk', 'band', 'top_band'].map((k) => `priority.reason.${k}`),
      ...RECORD_GUARDS.map((g) => `rule.guard.${g}`),
      ...enums.URGENCIES.map((u) => `deadline.${u}`),
    ];
    for (const key of keys) {
      expect(enTable[key], key).toBeTypeOf('string');
      expect(zhTable[key], key).toBeTypeOf('string');
    }
  });
});

describe('zh-CN uses the DOMAIN.md terms exactly', () => {
  const cases: Array<[string, string]> = [
    ['enum.category.feature_request', '功能需求'],
    ['enum.category.service_experience', '服务体验'],
    ['enum.category.product_defect', '产品缺陷'],
    ['enum.category.other', '其他'],
    ['enum.status.pending_analysis', '待分析'],
    ['enum.status.in_progress', '处理中'],
    ['enum.status.done', '已完成'],
    ['enum.status.closed', '已关闭'],
    ['enum.urgency.urgent', '紧急'],
    ['enum.urgency.important', '重要'],
    ['enum.urgency.routine', '常规'],
    ['enum.satisfaction.satisfied', '满意'],
    ['enum.satisfaction.basically_satisfied', '基本满意'],
    ['enum.satisfaction.dissatisfied', '不满意'],
    ['enum.customerType.new', '新客户'],
    ['enum.customerType.existing', '老客户'],
    ['enum.customerType.high_value', '高价值客户'],
    ['enum.customerType.potential', '潜在客户'],
    ['enum.customerKind.individual', '个人客户'],
    ['enum.customerKind.enterprise', '企业客户'],
    ['enum.validity.valid', '有效需求'],
    ['enum.validity.invalid', '无效需求'],
    ['enum.nature.feature_optimisation', '功能优化类'],
    ['enum.nature.service_improvement', '服务改进类'],
    ['enum.nature.new_business', '新业务开发类'],
    ['enum.nature.technical_consultation', '技术咨询类'],
    ['enum.handling.develop', '开发'],
    ['enum.handling.optimise', '优化'],
    ['enum.handling.not_now', '暂不实施'],
    ['enum.milestone.requirement_review', '需求评审'],
    ['enum.milestone.development_testing', '开发/测试'],
    ['enum.milestone.internal_acceptance', '内部验收'],
    ['enum.milestone.customer_acceptance', '客户验收'],
    ['enum.initialPriority.high', '高'],
    ['enum.initialPriority.medium', '中'],
    ['enum.initialPriority.low', '低'],
    ['enum.source.customer_self', '客户主动提交'],
    ['enum.source.customer_service', '客服端'],
    ['enum.source.sales', '销售端'],
    ['enum.source.product', '产品端'],
    ['enum.channel.suggestion_box', '意见箱'],
    ['enum.channelMode.active', '主动触达'],
    ['enum.channelMode.passive', '被动收集'],
    ['field.recordNumber', '需求编号'],
    ['field.customerType', '客户类型'],
    ['field.customerName', '客户名称'],
    ['field.industry', '所属行业'],
    ['field.contactPerson', '客户联系人'],
    ['field.contact', '联系方式'],
    ['field.category', '反馈类型'],
    ['field.nature', '需求性质'],
    ['field.urgency', '紧急程度'],
    ['field.scenario', '发生场景'],
    ['field.problem', '问题描述'],
    ['field.expectedSolution', '需求描述 / 期望目标'],
    ['field.initialPriority', '优先级(初步)'],
    ['field.attachments', '需求附件'],
    ['field.initiator', '发起人'],
    ['field.recordedAt', '记录时间'],
    ['field.status', '处理状态'],
    ['field.owner', '负责人'],
    ['field.dueAt', '截止日期'],
    ['field.result', '处理结果'],
    ['field.customerConfirmation', '客户确认'],
    ['field.notes', '备注'],
    ['field.source', '需求来源'],
    ['field.channel', '渠道'],
    ['field.handling', '建议处理方案'],
    ['field.responsibleDepartment', '责任部门'],
    ['field.customerValue', '客户价值'],
    ['field.businessValue', '业务价值'],
    ['field.cost', '实施成本'],
    ['field.risk', '风险等级'],
    ['coaching.which_step', '具体是哪一步操作不便?'],
  ];
  it.each(cases)('%s is %s', (key, label) => {
    expect(zhTable[key]).toBe(label);
  });

  it('uses the English DOMAIN terms in en', () => {
    expect(en['enum.category.feature_request']).toBe('Feature request');
    expect(en['enum.status.pending_analysis']).toBe('Pending analysis');
    expect(en['enum.satisfaction.basically_satisfied']).toBe('Basically satisfied');
    expect(en['enum.customerType.high_value']).toBe('High-value customer');
    expect(en['enum.milestone.development_testing']).toBe('Development/testing');
    expect(en['coaching.which_step']).toBe('Which step exactly is inconvenient?');
  });
});

describe('obligation labels', () => {
  it('names every obligation kind, state and act in both languages', () => {
    const keys = [
      ...OBLIGATION_KINDS.map((k) => `obligation.kind.${k}`),
      ...OBLIGATION_STATES.map((s) => `obligation.state.${s}`),
      ...OBLIGATION_ACTS.map((a) => `obligation.act.${a}`),
    ];
    for (const key of keys) {
      expect((en as Record<string, string>)[key], key).toBeTruthy();
      expect((zhCN as Record<string, string>)[key], key).toBeTruthy();
    }
  });
});
