import { useEffect, useState } from 'preact/hooks';
import type { Campaigns } from '../models/campaigns';
import { campaignFormOf, type CampaignField, type CampaignFormValues } from '../models/campaign-form';
import { localize } from '../../shared/schemas/survey';
import type { Locale } from '../../shared/i18n/locale';
import { errorText, type T } from '../i18n';
import { CampaignForm } from './campaign-form';
import { CampaignState, ConsoleLink, periodText, typesText } from './campaign-parts';
import './campaign.css';

/** Props of CampaignPage. */
export interface CampaignPageProps {
  t: T;
  locale: Locale;
  id: string;
  campaigns: Campaigns;
  canManage: boolean;
  onNavigate(path: string): void;
  /** Open the queue filtered to this campaign's records. */
  onShowRecords(campaignId: string): void;
}

/** One campaign: what it is for, its state, editing it (If-Match), and its surveys with their results. */
export function CampaignPage({ t, locale, id, campaigns, canManage, onNavigate, onShowRecords }: CampaignPageProps) {
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<CampaignFormValues | null>(null);
  const [errors, setErrors] = useState<Partial<Record<CampaignField, string>>>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!campaigns.items.peek().some((c) => c.id === id)) void campaigns.load();
    void campaigns.loadSurveys(id);
  }, [campaigns, id]);

  const campaign = campaigns.items.value.find((c) => c.id === id);
  if (!campaign) {
    return (
      <main id="main" class="page page-wide" aria-busy={campaigns.loaded.value ? undefined : 'true'}>
        <ConsoleLink href="/campaigns" onNavigate={onNavigate} class="back-link">
          ← {t('campaign.back')}
        </ConsoleLink>
        {campaigns.loaded.value && <h1>{t('console.notFound.title')}</h1>}
      </main>
    );
  }

  const startEdit = () => {
    setValues(campaignFormOf(campaign));
    setErrors({});
    setNotice(null);
    setEditing(true);
  };
  const save = async () => {
    if (!values) return;
    setSaving(true);
    const outcome = await campaigns.save(values, campaign);
    setSaving(false);
    if (outcome.kind === 'saved') {
      setEditing(false);
      setNotice({ kind: 'ok', text: t('campaign.form.saved') });
    } else if (outcome.kind === 'invalid') setErrors(outcome.fields);
    else if (outcome.kind === 'conflict') {
      // Their version is stored now; the form shows it so the person decides what to change again.
      setValues(campaignFormOf(outcome.current));
      setErrors({});
      setNotice({ kind: 'error', text: t('campaign.form.conflict') });
    } else setNotice({ kind: 'error', text: errorText(t, outcome.code) });
  };

  const surveys = campaigns.surveys.value.filter((s) => s.campaignId === id);
  return (
    <main id="main" class="page page-wide" aria-labelledby="campaign-title">
      <ConsoleLink href="/campaigns" onNavigate={onNavigate} class="back-link">
        ← {t('campaign.back')}
      </ConsoleLink>
      <div class="page-head">
        <div>
          <div class="campaign-title-row">
            <h1 id="campaign-title">{campaign.goal}</h1>
            <CampaignState t={t} active={campaign.active} />
          </div>
          <p class="muted">{campaign.targetCustomers}</p>
        </div>
        {canManage && (
          <div class="campaign-actions">
            {!editing && (
              <button type="button" class="button" onClick={startEdit}>
                {t('campaign.edit')}
              </button>
            )}
            <button type="button" class={`button${campaign.active ? '' : ' button-primary'}`} disabled={campaigns.busy.value === id} onClick={() => void campaigns.setActive(id, !campaign.active)}>
              {t(campaign.active ? 'campaign.stop' : 'campaign.start')}
            </button>
          </div>
        )}
      </div>
      {notice && (
        <p class={`banner banner-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text}
        </p>
      )}
      {campaigns.error.value && (
        <p class="banner banner-error" role="alert">
          {errorText(t, campaigns.error.value)}
        </p>
      )}
      {editing && values ? (
        <section class="card" aria-labelledby="edit-campaign-title">
          <h2 id="edit-campaign-title">{t('campaign.form.editTitle')}</h2>
          {Object.keys(errors).length > 0 && (
            <p class="banner banner-error" role="alert">
              {t('campaign.form.invalid')}
            </p>
          )}
          <CampaignForm
            t={t}
            idPrefix="edit-campaign"
            values={values}
            errors={errors}
            busy={saving}
            submitLabel={t('campaign.form.save')}
            onChange={setValues}
            onSubmit={() => void save()}
            onCancel={() => setEditing(false)}
          />
        </section>
      ) : (
        <section class="card">
          <dl class="facts campaign-facts">
            <div class="item">
              <dt>{t('campaign.form.period')}</dt>
              <dd>{periodText(campaign)}</dd>
            </div>
            <div class="item">
              <dt>{t('campaign.form.types')}</dt>
              <dd>{typesText(t, campaign)}</dd>
            </div>
            <div class="item">
              <dt>{t('campaign.detail.records')}</dt>
              <dd>
                <a
                  href={`/?campaignId=${id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onShowRecords(id);
                  }}
                >
                  {t('console.nav.queue')} →
                </a>
              </dd>
            </div>
          </dl>
        </section>
      )}
      <section class="card" aria-labelledby="surveys-title">
        <div class="card-head">
          <h2 id="surveys-title">{t('campaign.detail.surveys')}</h2>
          {canManage && (
            <ConsoleLink href={`/campaigns/${id}/surveys/new`} onNavigate={onNavigate} class="button button-primary button-small">
              {t('campaign.detail.newSurvey')}
            </ConsoleLink>
          )}
        </div>
        {!campaign.active && surveys.length > 0 && <p class="banner banner-warn">{t('campaign.detail.stoppedNote')}</p>}
        {surveys.length === 0 ? (
          <p class="muted">{t('campaign.detail.noSurveys')}</p>
        ) : (
          <ul class="survey-list">
            {surveys.map((s) => {
              const title = localize(s.title, locale);
              return (
                <li key={s.id} class="survey-item">
                  <div class="campaign-main">
                    <div class="campaign-title-row">
                      <ConsoleLink href={`/surveys/${s.id}`} onNavigate={onNavigate} class="campaign-goal">
                        {title}
                      </ConsoleLink>
                      <span class={`pill pill-campaign-${s.active ? 'running' : 'stopped'}`}>{t(s.active ? 'campaign.survey.showing' : 'campaign.survey.hidden')}</span>
                    </div>
                    <p class="campaign-meta">
                      <span>{t('campaign.survey.questions', { count: s.questions.length })}</span>
                      {s.purpose === 'annual_satisfaction' && (
                        <>
                          <span aria-hidden="true">·</span>
                          <span>
                            {t('campaign.survey.annual')} {s.period}
                          </span>
                        </>
                      )}
                    </p>
                  </div>
                  <div class="campaign-actions">
                    <ConsoleLink href={`/surveys/${s.id}/results`} onNavigate={onNavigate} class="button button-small">
                      {t('campaign.survey.results')}
                    </ConsoleLink>
                    {canManage && (
                      <button
                        type="button"
                        class="button button-small"
                        disabled={campaigns.busy.value === s.id}
                        aria-label={`${t(s.active ? 'campaign.stop' : 'campaign.start')}: ${title}`}
                        onClick={() => void campaigns.setSurveyActive(s.id, !s.active)}
                      >
                        {t(s.active ? 'campaign.stop' : 'campaign.start')}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </main>
  );
}
