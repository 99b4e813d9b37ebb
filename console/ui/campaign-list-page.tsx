import { useEffect, useState } from 'preact/hooks';
import type { Campaigns } from '../models/campaigns';
import { emptyCampaignForm, type CampaignField, type CampaignFormValues } from '../models/campaign-form';
import { errorText, type T } from '../i18n';
import { CampaignForm } from './campaign-form';
import { CampaignState, ConsoleLink, periodText, typesText } from './campaign-parts';
import './campaign.css';

/** Props of CampaignListPage. */
export interface CampaignListPageProps {
  t: T;
  campaigns: Campaigns;
  /** Whether the viewer may create, edit, start and stop campaigns. */
  canManage: boolean;
  onNavigate(path: string): void;
}

/** Every collection campaign with its goal, target, types, period and state; create one; start or stop it. */
export function CampaignListPage({ t, campaigns, canManage, onNavigate }: CampaignListPageProps) {
  const [creating, setCreating] = useState(false);
  const [values, setValues] = useState<CampaignFormValues>(emptyCampaignForm);
  const [errors, setErrors] = useState<Partial<Record<CampaignField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => void campaigns.load(), [campaigns]);

  const create = async () => {
    setSaving(true);
    setFailure(null);
    const outcome = await campaigns.save(values);
    setSaving(false);
    if (outcome.kind === 'saved') {
      setCreating(false);
      setValues(emptyCampaignForm());
      setErrors({});
      onNavigate(`/campaigns/${outcome.campaign.id}`);
    } else if (outcome.kind === 'invalid') setErrors(outcome.fields);
    else setFailure(outcome.kind === 'failed' ? outcome.code : 'conflict');
  };

  const items = campaigns.items.value;
  return (
    <main id="main" class="page page-wide" aria-labelledby="campaigns-title">
      <div class="page-head">
        <div>
          <h1 id="campaigns-title">{t('campaign.list.title')}</h1>
          <p class="muted">{t('campaign.list.lead')}</p>
        </div>
        {canManage && !creating && (
          <button type="button" class="button button-primary" onClick={() => setCreating(true)}>
            {t('campaign.list.new')}
          </button>
        )}
      </div>
      {campaigns.error.value && (
        <p class="banner banner-error" role="alert">
          {errorText(t, campaigns.error.value)}
        </p>
      )}
      {creating && (
        <section class="card" aria-labelledby="new-campaign-title">
          <h2 id="new-campaign-title">{t('campaign.form.createTitle')}</h2>
          {Object.keys(errors).length > 0 && (
            <p class="banner banner-error" role="alert">
              {t('campaign.form.invalid')}
            </p>
          )}
          {failure && (
            <p class="banner banner-error" role="alert">
              {errorText(t, failure)}
            </p>
          )}
          <CampaignForm
            t={t}
            idPrefix="new-campaign"
            values={values}
            errors={errors}
            busy={saving}
            submitLabel={t('campaign.form.create')}
            onChange={setValues}
            onSubmit={() => void create()}
            onCancel={() => {
              setCreating(false);
              setErrors({});
            }}
          />
        </section>
      )}
      {!campaigns.loaded.value ? (
        <p class="muted" aria-busy="true">
          {t('campaign.list.loading')}
        </p>
      ) : items.length === 0 ? (
        <div class="empty campaign-empty">
          <p class="empty-title">{t('campaign.list.empty')}</p>
          <p class="muted">{t('campaign.list.emptyHint')}</p>
        </div>
      ) : (
        <ul class="campaign-list">
          {items.map((c) => (
            <li key={c.id} class="campaign-item">
              <div class="campaign-main">
                <div class="campaign-title-row">
                  <ConsoleLink href={`/campaigns/${c.id}`} onNavigate={onNavigate} class="campaign-goal">
                    {c.goal}
                  </ConsoleLink>
                  <CampaignState t={t} active={c.active} />
                </div>
                <p class="muted campaign-target">{c.targetCustomers}</p>
                <p class="campaign-meta">
                  <span>{periodText(c)}</span>
                  <span aria-hidden="true">·</span>
                  <span>{typesText(t, c)}</span>
                </p>
              </div>
              {canManage && (
                <div class="campaign-actions">
                  <button
                    type="button"
                    class="button button-small"
                    disabled={campaigns.busy.value === c.id}
                    aria-label={`${t(c.active ? 'campaign.stop' : 'campaign.start')}: ${c.goal}`}
                    onClick={() => void campaigns.setActive(c.id, !c.active)}
                  >
                    {t(c.active ? 'campaign.stop' : 'campaign.start')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
