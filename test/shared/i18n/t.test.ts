import { describe, it, expect } from 'vitest';
import { t } from '../../../shared/i18n/t';

describe('t over the full catalog', () => {
  it('fills the adopted template of DOMAIN.md §8 in both languages', () => {
    expect(t('zh-CN', 'communication.adopted', { version: '2.3' })).toBe('您的建议已被收录,预计 2.3 版本上线');
    expect(t('en', 'communication.adopted', { version: '2.3' })).toBe(
      'Your suggestion has been recorded and is expected in version 2.3.',
    );
  });

  it('fills the not-adopted, defect-progress and done templates', () => {
    const reason = t('zh-CN', 'communication.reason.technical_limits');
    const zh = t('zh-CN', 'communication.not_adopted', { reason });
    expect(zh).toContain('技术限制');
    expect(zh).toContain('感谢');
    expect(t('en', 'communication.not_adopted', { reason: t('en', 'communication.reason.outside_positioning') })).toContain(
      'outside the product’s positioning',
    );
    const progress = t('en', 'communication.defect_progress', { progress: 'fix in testing', releaseAt: '2025-10-20' });
    expect(progress).toContain('fix in testing');
    expect(progress).toContain('2025-10-20');
    expect(t('zh-CN', 'communication.done', { result: '已支持批量导出' })).toBe('您的反馈已处理完成:已支持批量导出。');
  });

  it('explains the priority formula with the contract text', () => {
    expect(t('zh-CN', 'priority.formula')).toBe(
      '建议优先级 = 2×客户价值 + 2×业务价值 + (6 − 实施成本) + (6 − 风险等级),满分 30:25 分及以上为 P0,20–24 分为 P1,14–19 分为 P2,低于 14 分为 P3。',
    );
    expect(t('en', 'priority.formula')).toMatch(/25 or more is P0, 20–24 is P1, 14–19 is P2, below 14 is P3/);
    expect(t('en', 'priority.P1')).toContain('within 1 month');
  });

  it('states the response deadline of each urgency', () => {
    expect(t('en', 'deadline.urgent')).toContain('24 hours');
    expect(t('en', 'deadline.important')).toContain('3 working days');
    expect(t('en', 'deadline.routine')).toContain('5 working days');
    expect(t('zh-CN', 'deadline.important')).toContain('3 个工作日');
  });

  it('tells the person what was kept when the network fails', () => {
    expect(t('en', 'error.network_error')).toBe(
      'Could not reach the server. Your feedback is saved on this device and will be sent automatically.',
    );
    expect(t('zh-CN', 'error.network_error')).toContain('已保存在本设备上');
  });

  it('counts pending items with a number parameter', () => {
    expect(t('zh-CN', 'ui.pending_count', { count: 3 })).toBe('3 条待发送');
  });
});
