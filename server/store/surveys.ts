import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { emitEvent } from '../webhooks/events';
import type { Db } from '../db/open';
import { campaigns, surveyResponses, surveys } from '../db/schema';
import { sameDoc, type InsertOutcome } from './campaigns';
import { previousPeriod, type Survey, type SurveyResponse } from '../../shared/schemas/survey';
import type { Reporter } from '../../shared/schemas/reporter';
import { compareResults, summarizeResults, type AnswerCount, type SurveyResults } from '../../shared/domain/survey-results';

/** Store a new survey; a second insert of its id answers duplicate or conflict instead of failing. */
export async function insertSurvey(db: Db, survey: Survey, now: Date): Promise<InsertOutcome<Survey>> {
  const [row] = await db
    .insert(surveys)
    .values({ id: survey.id, campaignId: survey.campaignId, active: survey.active, doc: survey, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: surveys.id })
    .returning({ id: surveys.id });
  if (row) return { status: 'created', doc: survey };
  const existing = (await getSurvey(db, survey.id)) as Survey;
  return { status: sameDoc(existing, survey) ? 'duplicate' : 'conflict', doc: existing };
}

/** One survey by id. */
export async function getSurvey(db: Db, id: string): Promise<Survey | undefined> {
  const [row] = await db.select({ doc: surveys.doc }).from(surveys).where(eq(surveys.id, id));
  return row?.doc as Survey | undefined;
}

/** Surveys, newest first, filtered by campaign, state and purpose. */
export async function listSurveys(
  db: Db,
  filter: { campaignId?: string; active?: boolean; purpose?: Survey['purpose'] } = {},
): Promise<Survey[]> {
  const where: SQL[] = [];
  if (filter.campaignId !== undefined) where.push(eq(surveys.campaignId, filter.campaignId));
  if (filter.active !== undefined) where.push(eq(surveys.active, filter.active));
  if (filter.purpose !== undefined) where.push(sql`${surveys.doc}->>'purpose' = ${filter.purpose}`);
  const rows = await db
    .select({ doc: surveys.doc })
    .from(surveys)
    .where(and(...where))
    .orderBy(desc(surveys.createdAt), desc(surveys.id));
  return rows.map((r) => r.doc as Survey);
}

/** Replace a survey's document (columns follow it); undefined when there is no such survey. */
export async function saveSurvey(db: Db, survey: Survey, now: Date): Promise<Survey | undefined> {
  const [row] = await db
    .update(surveys)
    .set({ doc: survey, campaignId: survey.campaignId, active: survey.active, updatedAt: now })
    .where(eq(surveys.id, survey.id))
    .returning({ doc: surveys.doc });
  return row?.doc as Survey | undefined;
}

/**
 * Active surveys of active campaigns, by active-window start then id (the order `pickSurvey` walks).
 * Windows, URLs and traits are left to the caller (shared/domain/survey-targeting).
 */
export async function activeSurveys(db: Db): Promise<Survey[]> {
  const rows = await db
    .select({ doc: surveys.doc })
    .from(surveys)
    .innerJoin(campaigns, eq(campaigns.id, surveys.campaignId))
    .where(and(eq(surveys.active, true), eq(campaigns.active, true)))
    .orderBy(asc(surveys.id));
  const at = (s: Survey) => Date.parse(s.activeWindow.from);
  return rows.map((r) => r.doc as Survey).sort((a, b) => at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Whether a campaign is active; undefined when there is none. */
export async function campaignActive(db: Db, campaignId: string): Promise<boolean | undefined> {
  const [row] = await db.select({ active: campaigns.active }).from(campaigns).where(eq(campaigns.id, campaignId));
  return row?.active;
}

/** How many responses a survey has. */
export async function responseCount(db: Db, surveyId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(eq(surveyResponses.surveyId, surveyId));
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Responses

/** A response as stored: the checked answers and the verified reporter, never the raw credential. */
export interface StoredSurveyResponse {
  id: string;
  surveyId: string;
  siteKeyId: string;
  answers: SurveyResponse['answers'];
  reporter: Reporter;
  pageUrl: string;
  locale: SurveyResponse['locale'];
  answeredAt: string;
}

/** The answer the widget gets for a response it sent. */
export interface ResponseReceipt {
  id: string;
  surveyId: string;
  status: 'accepted' | 'duplicate';
  receivedAt: string;
}

/** A stored response's fingerprint and receipt, for idempotent retries. */
export async function findResponse(
  db: Db,
  id: string,
): Promise<{ bodyHash: string; receipt: Omit<ResponseReceipt, 'status'> } | undefined> {
  const [row] = await db
    .select({ id: surveyResponses.id, surveyId: surveyResponses.surveyId, bodyHash: surveyResponses.bodyHash, createdAt: surveyResponses.createdAt })
    .from(surveyResponses)
    .where(eq(surveyResponses.id, id));
  return row && { bodyHash: row.bodyHash, receipt: { id: row.id, surveyId: row.surveyId, receivedAt: row.createdAt.toISOString() } };
}

/**
 * Store a response unless this reporter already answered the survey under another id. A concurrent
 * insert of the same id is settled like a retry: same fingerprint duplicate, else conflict.
 */
export async function insertResponse(
  db: Db,
  input: { doc: StoredSurveyResponse; reporterKey: string; bodyHash: string; now: Date },
): Promise<ResponseReceipt | { status: 'conflict' } | { status: 'already_answered' }> {
  const { doc, reporterKey, bodyHash, now } = input;
  return db.transaction(async (tx) => {
    const [answered] = await tx
      .select({ id: surveyResponses.id })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, doc.surveyId), eq(surveyResponses.reporterKey, reporterKey)))
      .limit(1);
    if (answered && answered.id !== doc.id) return { status: 'already_answered' as const };
    const [row] = await tx
      .insert(surveyResponses)
      .values({
        id: doc.id,
        surveyId: doc.surveyId,
        siteKeyId: doc.siteKeyId,
        reporterKey,
        bodyHash,
        doc,
        answeredAt: new Date(doc.answeredAt),
        createdAt: now,
      })
      .onConflictDoNothing({ target: surveyResponses.id })
      .returning({ createdAt: surveyResponses.createdAt });
    if (row) {
      await emitEvent(
        tx,
        { type: 'survey.response_received', timestamp: now.toISOString(), data: { surveyId: doc.surveyId, responseId: doc.id } },
        `msg_${doc.id}_response`,
        now,
      );
      return { id: doc.id, surveyId: doc.surveyId, status: 'accepted' as const, receivedAt: row.createdAt.toISOString() };
    }
    const [existing] = await tx
      .select({ bodyHash: surveyResponses.bodyHash, createdAt: surveyResponses.createdAt, surveyId: surveyResponses.surveyId })
      .from(surveyResponses)
      .where(eq(surveyResponses.id, doc.id));
    return existing?.bodyHash === bodyHash
      ? { id: doc.id, surveyId: existing.surveyId, status: 'duplicate' as const, receivedAt: existing.createdAt.toISOString() }
      : { status: 'conflict' as const };
  });
}

// ---------------------------------------------------------------------------------------------
// Results

/** Most open-text answers listed per question in results (the newest). */
export const LATEST_TEXTS = 20;

async function answerCounts(db: Db, surveyId: string): Promise<AnswerCount[]> {
  const result = (await db.execute(sql`
    SELECT a.key AS "questionId", a.value->>'kind' AS kind,
           coalesce(a.value->>'value', a.value->>'optionId') AS answer, count(*)::int AS count
    FROM ${surveyResponses} r, jsonb_each(r.doc->'answers') a
    WHERE r.survey_id = ${surveyId}
    GROUP BY 1, 2, 3`)) as unknown as { rows: AnswerCount[] };
  return result.rows.map((r) => ({ ...r, count: Number(r.count) }));
}

async function latestTexts(db: Db, survey: Survey): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const q of survey.questions) {
    if (q.kind !== 'open_text') continue;
    const result = (await db.execute(sql`
      SELECT r.doc->'answers'->${q.id}->>'text' AS text
      FROM ${surveyResponses} r
      WHERE r.survey_id = ${survey.id} AND r.doc->'answers'->${q.id}->>'kind' = 'open_text'
      ORDER BY r.answered_at DESC, r.id DESC
      LIMIT ${LATEST_TEXTS}`)) as unknown as { rows: { text: string }[] };
    out[q.id] = result.rows.map((r) => r.text);
  }
  return out;
}

/** The annual satisfaction survey of `period`: the same campaign's first, else the newest. */
async function annualSurveyOf(db: Db, period: string, campaignId: string): Promise<Survey | undefined> {
  const rows = await db
    .select({ doc: surveys.doc })
    .from(surveys)
    .where(and(sql`${surveys.doc}->>'purpose' = 'annual_satisfaction'`, sql`${surveys.doc}->>'period' = ${period}`))
    .orderBy(desc(surveys.createdAt), desc(surveys.id));
  const docs = rows.map((r) => r.doc as Survey);
  return docs.find((s) => s.campaignId === campaignId) ?? docs[0];
}

/** Results of a survey, with the period-over-period comparison for annual satisfaction surveys. */
export async function surveyResults(db: Db, survey: Survey): Promise<SurveyResults> {
  const current = summarizeResults(survey, await answerCounts(db, survey.id), await responseCount(db, survey.id), await latestTexts(db, survey));
  const prev = survey.purpose === 'annual_satisfaction' && survey.period !== undefined ? previousPeriod(survey.period) : null;
  if (!prev?.ok) return compareResults(current, null, null);
  const before = await annualSurveyOf(db, prev.value, survey.campaignId);
  const old = before ? summarizeResults(before, await answerCounts(db, before.id), await responseCount(db, before.id)) : null;
  return compareResults(current, prev.value, old);
}
