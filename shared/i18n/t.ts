import { catalog } from './catalog';
import { createTranslator } from './translator';

/** Translate any key of the full catalog: `t('zh-CN', 'communication.adopted', { version: '2.3' })`. */
export const t = createTranslator(catalog);
