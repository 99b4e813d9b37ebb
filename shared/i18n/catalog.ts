import * as admin from './messages/admin';
import * as campaign from './messages/campaign';
import * as coaching from './messages/coaching';
import * as communication from './messages/communication';
import * as consoleUi from './messages/console';
import * as consoleRecord from './messages/console-record';
import * as consoleTriage from './messages/console-triage';
import * as dashboard from './messages/dashboard';
import * as mail from './messages/mail';
import * as deadline from './messages/deadline';
import * as enumPublic from './messages/enum-public';
import * as enumStaff from './messages/enum-staff';
import * as errorPublic from './messages/error-public';
import * as errorStaff from './messages/error-staff';
import * as field from './messages/field';
import * as ledger from './messages/ledger';
import * as notification from './messages/notify';
import * as notifyAdmin from './messages/notify-admin';
import * as obligation from './messages/obligation';
import * as priority from './messages/priority';
import * as report from './messages/report';
import * as rule from './messages/rule';
import * as satisfaction from './messages/satisfaction';
import * as statusPage from './messages/status-page';
import * as ui from './messages/ui';
import * as workflow from './messages/workflow';
import type { Catalog } from './translator';

/*
 * Every area joined, for the server and the console. The console's build makes one chunk per
 * language of it (console/build.ts), so a browser fetches only the language it shows. Size-bound
 * bundles (the widget) import only the areas they show from ./messages/<area> and build their own
 * translator.
 */

/** All English messages. */
export const en = {
  ...admin.en,
  ...campaign.en,
  ...coaching.en,
  ...communication.en,
  ...consoleUi.en,
  ...consoleRecord.en,
  ...consoleTriage.en,
  ...dashboard.en,
  ...mail.en,
  ...deadline.en,
  ...enumPublic.en,
  ...enumStaff.en,
  ...errorPublic.en,
  ...errorStaff.en,
  ...field.en,
  ...ledger.en,
  ...notification.en,
  ...notifyAdmin.en,
  ...obligation.en,
  ...priority.en,
  ...report.en,
  ...rule.en,
  ...satisfaction.en,
  ...statusPage.en,
  ...ui.en,
  ...workflow.en,
};

/** All Simplified Chinese messages. */
export const zhCN = {
  ...admin.zhCN,
  ...campaign.zhCN,
  ...coaching.zhCN,
  ...communication.zhCN,
  ...consoleUi.zhCN,
  ...consoleRecord.zhCN,
  ...consoleTriage.zhCN,
  ...dashboard.zhCN,
  ...mail.zhCN,
  ...deadline.zhCN,
  ...enumPublic.zhCN,
  ...enumStaff.zhCN,
  ...errorPublic.zhCN,
  ...errorStaff.zhCN,
  ...field.zhCN,
  ...ledger.zhCN,
  ...notification.zhCN,
  ...notifyAdmin.zhCN,
  ...obligation.zhCN,
  ...priority.zhCN,
  ...report.zhCN,
  ...rule.zhCN,
  ...satisfaction.zhCN,
  ...statusPage.zhCN,
  ...ui.zhCN,
  ...workflow.zhCN,
};

/** Any message key of the full catalog. */
export type MessageKey = keyof typeof en;

/** The full catalog in the shape createTranslator expects. */
export const catalog: Catalog<typeof en> = { en, zhCN };
