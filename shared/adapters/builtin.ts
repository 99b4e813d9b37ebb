import type { AdapterDefinition } from '../schemas/adapter';
import { FRESHDESK_ADAPTER } from './freshdesk';
import { GITHUB_ADAPTER } from './github';
import { HELPSCOUT_ADAPTER } from './helpscout';
import { INTERCOM_ADAPTER } from './intercom';
import { JIRA_ISSUE_ADAPTER, JIRA_PORTAL_ADAPTER } from './jira';
import { ZENDESK_ADAPTER } from './zendesk';

/**
 * The adapters shipped with the extension; the server serves these plus any overrides
 * (GET /api/v1/adapters). Pages no adapter recognises get the generic page capture.
 */
export const BUILTIN_ADAPTERS: AdapterDefinition[] = [
  ZENDESK_ADAPTER,
  FRESHDESK_ADAPTER,
  JIRA_ISSUE_ADAPTER,
  JIRA_PORTAL_ADAPTER,
  GITHUB_ADAPTER,
  INTERCOM_ADAPTER,
  HELPSCOUT_ADAPTER,
];
