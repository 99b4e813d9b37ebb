import { v7 as uuidv7 } from 'uuid';
import type { ApiClient } from '../api/client';
import type { Campaigns } from '../models/campaigns';
import type { Route } from '../models/router';
import { SurveyBuilder } from '../models/survey-builder';
import { SurveyResultsModel } from '../models/survey-results';
import type { Locale } from '../../shared/i18n/locale';
import type { Role } from '../../shared/schemas/enums';
import { can } from '../../shared/domain/permissions';
import type { T } from '../i18n';
import { lazyPage } from './lazy-page';
import { useModel } from './use-model';

// Each page is a chunk of its own, fetched on first use (console/ui/lazy-page.tsx).
const CampaignListPage = lazyPage(() => import('./campaign-list-page').then((m) => m.CampaignListPage));
const CampaignPage = lazyPage(() => import('./campaign-page').then((m) => m.CampaignPage));
const SurveyBuilderPage = lazyPage(() => import('./survey-builder-page').then((m) => m.SurveyBuilderPage));
const SurveyResultsPage = lazyPage(() => import('./survey-results-page').then((m) => m.SurveyResultsPage));

/** Props of CampaignRoutes. */
export interface CampaignRoutesProps {
  t: T;
  locale: Locale;
  theme: 'light' | 'dark';
  route: Route;
  api: ApiClient;
  campaigns: Campaigns;
  role: Role;
  /** The company's zone, in which a survey's active window is typed. */
  timeZone: string;
  onNavigate(path: string): void;
  onShowRecords(campaignId: string): void;
}

/** The survey builder of a route, with its model made for the page's life. */
function BuilderRoute(props: Omit<CampaignRoutesProps, 'route' | 'campaigns' | 'role' | 'onShowRecords'> & { target: { id: string } | { campaignId: string } }) {
  const { target } = props;
  const builder = useModel(() => new SurveyBuilder(props.api, 'id' in target ? target : { campaignId: target.campaignId, newId: uuidv7(), now: new Date() }, props.timeZone));
  return <SurveyBuilderPage t={props.t} locale={props.locale} theme={props.theme} builder={builder} onNavigate={props.onNavigate} />;
}

/** The results page of a survey, with its model. */
function ResultsRoute({ t, locale, api, id, onNavigate }: { t: T; locale: Locale; api: ApiClient; id: string; onNavigate(path: string): void }) {
  const model = useModel(() => new SurveyResultsModel(api, id));
  return <SurveyResultsPage t={t} locale={locale} model={model} onNavigate={onNavigate} />;
}

/** The page of a campaign route (list, campaign, survey builder, results), or nothing for other routes. */
export function CampaignRoutes(props: CampaignRoutesProps) {
  const { t, locale, route, api, campaigns, role, onNavigate, onShowRecords } = props;
  switch (route.page) {
    case 'campaigns':
      return <CampaignListPage t={t} campaigns={campaigns} canManage={can(role, 'campaign.manage')} onNavigate={onNavigate} />;
    case 'campaign':
      return (
        <CampaignPage key={route.id} t={t} locale={locale} id={route.id} campaigns={campaigns} canManage={can(role, 'campaign.manage')} onNavigate={onNavigate} onShowRecords={onShowRecords} />
      );
    case 'survey_new':
      return <BuilderRoute key={`new-${route.campaignId}`} {...props} target={{ campaignId: route.campaignId }} />;
    case 'survey':
      return <BuilderRoute key={route.id} {...props} target={{ id: route.id }} />;
    case 'survey_results':
      return <ResultsRoute key={route.id} t={t} locale={locale} api={api} id={route.id} onNavigate={onNavigate} />;
    default:
      return null;
  }
}
