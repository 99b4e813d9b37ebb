import type { Translation } from '../../shared/i18n/translator';

/* Words of the screenshot redaction step. Loaded with its chunk. */

/** English words. */
export const en = {
  'widget.redact_title': 'Cover private details',
  'widget.redact_help':
    'Fields and private areas are already blanked. Drag, or click two corners, to cover anything else with a black box.',
  'widget.redact_undo': 'Undo last box',
  'widget.redact_attach': 'Attach screenshot',
  'widget.redact_image': 'Screenshot of this page, {count} areas covered',
} as const;

/** Simplified Chinese words. */
export const zhCN = {
  'widget.redact_title': '遮挡隐私信息',
  'widget.redact_help': '输入框和隐私区域已自动遮挡。拖动鼠标,或先后点击两个对角,即可用黑框遮挡其他内容。',
  'widget.redact_undo': '撤销上一个遮挡',
  'widget.redact_attach': '添加截图',
  'widget.redact_image': '当前页面截图,已遮挡 {count} 处',
} as const satisfies Translation<typeof en>;
