import { createModel, signal } from '@preact/signals';
import * as z from 'zod/mini';
import { v7 as uuidv7 } from 'uuid';
import type { ApiClient } from '../api/client';
import { isConflict, isProblem } from '../../shared/sync/request';
import { Campaign, type Survey } from '../../shared/schemas/survey';
import type { FieldIssue } from '../../shared/schemas/problem';
import { campaignFields, checkCampaignForm, issuesByField, type CampaignField, type CampaignFormValues } from './campaign-form';

/** How a save ended: saved, refused with field problems, overtaken by someone else's edit, or failed with a code. */
export type SaveOutcome =
  | { kind: 'saved'; campaign: Campaign }
  | { kind: 'invalid'; fields: Partial<Record<CampaignField, string>> }
  | { kind: 'conflict'; current: Campaign }
  | { kind: 'failed'; code: string };

/**
 * The campaigns of the console: the list, start and stop, and saving a form (create, or edit with
 * If-Match so an edit over someone else's change is refused and their version shown).
 */
export const Campaigns = createModel((api: ApiClient) => {
  const items = signal<Campaign[]>([]);
  const loaded = signal(false);
  const error = signal<string | null>(null);
  const busy = signal<string | null>(null);
  /** Surveys of the campaign opened last. */
  const surveys = signal<Survey[]>([]);

  const replace = (c: Campaign) => {
    const list = items.peek();
    items.value = list.some((x) => x.id === c.id) ? list.map((x) => (x.id === c.id ? c : x)) : [c, ...list];
  };

  const load = async () => {
    const result = await api.campaigns();
    loaded.value = true;
    if (result.ok) {
      items.value = result.value.items;
      error.value = null;
    } else error.value = result.failure.code;
  };

  const setActive = async (id: string, active: boolean) => {
    busy.value = id;
    error.value = null;
    const result = await api.setCampaignActive(id, active);
    busy.value = null;
    if (result.ok) replace(result.value.campaign);
    else error.value = result.failure.code;
  };

  /** Create (no `seen`) or edit the campaign as it was shown (`seen`). */
  const save = async (values: CampaignFormValues, seen?: Campaign): Promise<SaveOutcome> => {
    const fields = checkCampaignForm(values);
    if (Object.keys(fields).length) return { kind: 'invalid', fields };
    const body = campaignFields(values);
    const result = seen ? await api.patchCampaign(seen, body) : await api.createCampaign({ id: uuidv7(), ...body });
    if (result.ok) {
      replace(result.value.campaign);
      return { kind: 'saved', campaign: result.value.campaign };
    }
    const f = result.failure;
    if (isConflict(f) && f.code === 'version_conflict') {
      const current = z.safeParse(Campaign, f.current);
      if (current.success) {
        replace(current.data);
        return { kind: 'conflict', current: current.data };
      }
    }
    if (isProblem(f) && f.errors?.length) return { kind: 'invalid', fields: issuesByField(f.errors as FieldIssue[]) };
    return { kind: 'failed', code: f.code };
  };

  const loadSurveys = async (campaignId: string) => {
    const result = await api.surveys({ campaignId });
    if (result.ok) surveys.value = result.value.items;
    else error.value = result.failure.code;
  };

  const setSurveyActive = async (id: string, active: boolean) => {
    busy.value = id;
    error.value = null;
    const result = await api.setSurveyActive(id, active);
    busy.value = null;
    if (result.ok) surveys.value = surveys.peek().map((s) => (s.id === id ? result.value.survey : s));
    else error.value = result.failure.code;
  };

  return { items, loaded, error, busy, surveys, load, setActive, save, loadSurveys, setSurveyActive };
});

/** An instance of Campaigns. */
export type Campaigns = InstanceType<typeof Campaigns>;
