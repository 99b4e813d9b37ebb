import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCENARIO_CUES, VAGUE_PHRASES, coachProblem } from '../../../shared/domain/coaching';

describe('coachProblem', () => {
  it('accepts a specific scenario + problem', () => {
    for (const text of [
      '导出报表时点击导出按钮没反应',
      '导出报表的时候很卡，页面一直转圈',
      '点击 export 按钮没反应',
      'The export button does nothing when I click it on the reports page',
      'Export button does not work',
      '支付失败导致订单丢失，已经发生三次',
    ]) {
      expect(coachProblem(text), text).toEqual({ vague: false, reasons: [], followUpKey: null });
    }
  });

  it('asks "which step exactly" when vague phrases dominate', () => {
    expect(coachProblem('不好用')).toEqual({
      vague: true,
      reasons: ['too_short', 'vague_phrase', 'no_scenario'],
      followUpKey: 'coaching.which_step',
    });
    for (const text of ['这个系统太难用了', '太难用了，根本不行', '导出很卡', "it doesn't work", 'This app sucks and is broken', '有问题！！']) {
      const r = coachProblem(text);
      expect(r.reasons, text).toContain('vague_phrase');
      expect(r.followUpKey, text).toBe('coaching.which_step');
    }
  });

  it('still flags a rant whose vague phrases outweigh its content', () => {
    expect(coachProblem('导出报表很卡很卡很卡，不好用，有问题，用不了').reasons).toContain('vague_phrase');
  });

  it('asks for more detail when the text is too short', () => {
    expect(coachProblem('登录页面很卡')).toEqual({ vague: true, reasons: ['too_short'], followUpKey: 'coaching.too_short' });
    expect(coachProblem('login page crashes').followUpKey).toBe('coaching.too_short');
    expect(coachProblem('没反应').reasons).toEqual(['too_short', 'no_scenario']);
  });

  it('asks where it happened when there is no scenario cue and no scenario field', () => {
    expect(coachProblem('希望增加深色主题，晚上看着眼睛舒服一点')).toEqual({
      vague: true,
      reasons: ['no_scenario'],
      followUpKey: 'coaching.no_scenario',
    });
    expect(coachProblem('希望增加深色主题，晚上看着眼睛舒服一点', { scenario: '设置页面' }).vague).toBe(false);
    expect(coachProblem('没有任何反应，什么都没有发生', { scenario: '报表模块，点击导出后' }).vague).toBe(false);
  });

  it('requires a description', () => {
    for (const text of ['', '   ', '，。！', null, undefined, 42]) {
      expect(coachProblem(text)).toEqual({ vague: true, reasons: ['empty'], followUpKey: 'coaching.empty' });
    }
  });

  it('treats full-width and mixed-case input like its plain form', () => {
    expect(coachProblem('ＤＯＥＳＮ’Ｔ ＷＯＲＫ').reasons).toContain('vague_phrase');
  });

  it('lets callers extend the word lists', () => {
    const text = 'the whole thing is meh';
    expect(coachProblem(text).reasons).not.toContain('vague_phrase');
    expect(coachProblem(text, { vaguePhrases: [...VAGUE_PHRASES, 'meh'] }).reasons).toContain('vague_phrase');
    const screen = '工单流转到二线以后没人跟进处理';
    expect(coachProblem(screen, { scenarioCues: [...SCENARIO_CUES, '工单'] }).reasons).not.toContain('no_scenario');
  });

  it('never throws and keeps its verdict consistent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.anything()), fc.option(fc.string()), (text, scenario) => {
        const r = coachProblem(text, { scenario });
        expect(r.vague).toBe(r.reasons.length > 0);
        expect(r.followUpKey === null).toBe(!r.vague);
        if (scenario && /[\p{L}\p{N}]/u.test(scenario)) expect(r.reasons).not.toContain('no_scenario');
      }),
    );
  });
});
