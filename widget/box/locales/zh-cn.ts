import { zhCN as ui } from '../../../shared/i18n/messages/ui';
import { zhCN as coaching } from '../../../shared/i18n/messages/coaching';
import { zhCN as errorPublic } from '../../../shared/i18n/messages/error-public';
import { zhCN as enumPublic } from '../../../shared/i18n/messages/enum-public';
import { zhCN as widget } from '../../messages';
import { boxTable } from '../box-keys';

/** The box's words in Simplified Chinese: a chunk of its own, which the build inlines as a plain table. */
export const messages = boxTable({ ...ui, ...coaching, ...errorPublic, ...enumPublic }, widget);
