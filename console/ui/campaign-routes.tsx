import type { ApiClient } from '../api/client';
import type { Campaigns } from '../models/campaigns';
import type { Route } from '../models/router';
import type { Locale } from '../../shared/i18n/locale';
import type { Role } from '../../shared/schemas/enums';
import { can } from '../../shared/domain/permissions';
import type { T } from '../i18n';
import { CampaignListPage } from './campaign-list-page';
import { CampaignPage } from './campaign-page';

/** Props of CampaignRoutes. */
export interface CampaignRoutesProps {
  t: T;
  locale: Locale;
  route: Route;
  api: ApiClient;
  campaigns: Campaigns;
  role: Role;
  onNavigate(path: string): void;
  onShowRecords(campaignId: string): void;
}

/** The page of a campaign route (list, campaign, survey builder, results), or nothing for other routes. */
export function CampaignRoutes({ t, locale, route, campaigns, role, onNavigate, onShowRecords }: CampaignRoutesProps) {
  switch (route.page) {
    case 'campaigns':
      return <CampaignListPage t={t} campaigns={campaigns} canManage={can(role, 'campaign.manage')} onNavigate={onNavigate} />;
    case 'campaign':
      return (
        <CampaignPage key={route.id} t={t} locale={locale} id={route.id} campaigns={campaigns} canManage={can(role, 'campaign.manage')} onNavigate={onNavigate} onShowRecords={onShowRecords} />
      );
    default:
      return null;
  }
}
