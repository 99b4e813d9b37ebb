import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { Campaign } from '../../shared/schemas/survey';
import type { T } from '../i18n';
import { periodText } from './campaign-parts';

/** Props of CampaignFilter. */
export interface CampaignFilterProps {
  t: T;
  api: ApiClient;
  value: string;
  /** Asks for the campaigns once this settles (the queue's first rows), not before. */
  after?: Promise<unknown>;
  onChange(campaignId: string): void;
}

/** The queue's campaign picker: every campaign by goal and period (running ones first), or any. */
export function CampaignFilter({ t, api, value, after, onChange }: CampaignFilterProps) {
  const [items, setItems] = useState<Campaign[]>([]);
  useEffect(() => {
    void (after ?? Promise.resolve()).then(() => api.campaigns()).then((r) => r.ok && setItems([...r.value.items].sort((a, b) => Number(b.active) - Number(a.active))));
  }, [api]);
  return (
    <label class="filter">
      <span class="filter-label">{t('campaign.filter.label')}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)} class={value ? 'is-set' : ''}>
        <option value="">{t('campaign.filter.any')}</option>
        {items.map((c) => (
          <option key={c.id} value={c.id}>
            {c.goal.length > 40 ? `${c.goal.slice(0, 40)}…` : c.goal} · {periodText(c)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A record's campaign by its goal, linking to the campaign; a dash when the record has none. */
export function CampaignName({ api, id }: { api: ApiClient; id: string | undefined }) {
  const [goal, setGoal] = useState<string | null>(null);
  useEffect(() => {
    if (id) void api.campaign(id).then((r) => r.ok && setGoal(r.value.campaign.goal));
  }, [api, id]);
  if (!id) return null;
  return <a href={`/campaigns/${id}`}>{goal ?? '…'}</a>;
}
