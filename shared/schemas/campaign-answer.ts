import * as z from 'zod/mini';
import { Id } from './common';
import { Campaign } from './survey';
import { createdAnswer, documentPatch } from './stored-document';

/** `GET`/`PATCH /api/v1/campaigns/:id` and (de)activation: the campaign as stored now. */
export const CampaignAnswer = z.object({ campaign: Campaign });
export type CampaignAnswer = z.infer<typeof CampaignAnswer>;

/** `POST /api/v1/campaigns`. */
export const CampaignCreated = createdAnswer('campaign', Campaign);
export type CampaignCreated = z.infer<typeof CampaignCreated>;

/** `GET /api/v1/campaigns`, newest first. */
export const CampaignList = z.object({ items: z.array(Campaign) });
export type CampaignList = z.infer<typeof CampaignList>;

/** `PATCH /api/v1/campaigns/:id`: top-level fields replaced whole. */
export const CampaignPatch = documentPatch(Campaign.shape);
export type CampaignPatch = z.infer<typeof CampaignPatch>;

/** `POST /api/v1/campaigns` body: a campaign whose id (a UUID, the idempotency key) and `active` (true) may be left out. */
export const NewCampaign = z.object({ ...Campaign.shape, id: z.optional(Id), active: z.optional(z.boolean()) });
export type NewCampaign = z.infer<typeof NewCampaign>;
