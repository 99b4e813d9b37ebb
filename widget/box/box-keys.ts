import type { Messages } from '../../shared/i18n/translator';
import type { en as ui } from '../../shared/i18n/messages/ui';
import type { en as coaching } from '../../shared/i18n/messages/coaching';
import type { en as errorPublic } from '../../shared/i18n/messages/error-public';
import type { en as enumPublic } from '../../shared/i18n/messages/enum-public';
import type { en as widget } from '../messages';

/*
 * The box's part of the catalogs: which shared keys it shows, and how one locale's chunk
 * (locales/en.ts, locales/zh-cn.ts) is built from them. Apart from i18n.ts, which loads the chunks,
 * so that the chunks do not import their loader.
 */

type Shown = typeof ui & typeof coaching & typeof errorPublic & typeof enumPublic;

/**
 * Every key the box (and the parts that fall back to it) shows. The locale chunks carry exactly
 * these, so the areas' other words cost the widget nothing; `t()` accepts only these keys. Error
 * codes the widget cannot meet (invalid_json: it always sends JSON; unsupported_media_type: its
 * screenshots are PNG or JPEG from a canvas; not_found: it reads no resource by id) are left out
 * and would read as `internal`.
 */
export const BOX_KEYS = [
  'ui.feedback',
  'ui.submit',
  'ui.close',
  'ui.required',
  'ui.feedback_placeholder',
  'ui.contact_consent',
  'ui.thanks',
  'ui.sending',
  'ui.saved_offline',
  'ui.will_be_sent',
  'ui.pending_count',
  'ui.rejected',
  'coaching.which_step',
  'coaching.too_short',
  'coaching.no_scenario',
  'coaching.empty',
  'error.validation_failed',
  'error.payload_too_large',
  'error.unknown_site_key',
  'error.origin_not_allowed',
  'error.rate_limited',
  'error.idempotency_conflict',
  'error.network_error',
  'error.timeout',
  'error.internal',
  'enum.category.feature_request',
  'enum.category.service_experience',
  'enum.category.product_defect',
  'enum.category.other',
] as const satisfies readonly (keyof Shown)[];

/** A message key the box can show: a listed shared key or any of the box's own words. */
export type Key = (typeof BOX_KEYS)[number] | keyof typeof widget;

/** One locale's table of the box: the listed shared keys and the box's own words. */
export const boxTable = (areas: Messages, own: Messages): Messages => {
  const table: Record<string, string> = { ...own };
  for (const key of BOX_KEYS) table[key] = areas[key] ?? key;
  return table;
};

