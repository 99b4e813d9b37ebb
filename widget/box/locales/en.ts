import { en as ui } from '../../../shared/i18n/messages/ui';
import { en as coaching } from '../../../shared/i18n/messages/coaching';
import { en as errorPublic } from '../../../shared/i18n/messages/error-public';
import { en as enumPublic } from '../../../shared/i18n/messages/enum-public';
import { en as widget } from '../../messages';
import { boxTable } from '../box-keys';

/** The box's words in English: a chunk of its own, which the build inlines as a plain table. */
export const messages = boxTable({ ...ui, ...coaching, ...errorPublic, ...enumPublic }, widget);
