import type { Record as EchoRecord } from '../../../shared/schemas/record';
import { record as storedFixture } from '../schemas/fixtures';

/** Tue 2025-09-30 18:00 in Shanghai, 06:00 in New York: the eve of the National Day holiday. */
export const EVE_OF_NATIONAL_DAY = '2025-09-30T10:00:00.000Z';

/** A manual record recorded on the eve of the holiday, nothing decided yet; `overrides` moves it along the process. */
export const freshRecord = (overrides: Partial<EchoRecord> = {}): EchoRecord => ({
  ...storedFixture,
  origin: { kind: 'manual' },
  recordedAt: EVE_OF_NATIONAL_DAY,
  createdAt: EVE_OF_NATIONAL_DAY,
  updatedAt: EVE_OF_NATIONAL_DAY,
  status: 'pending_analysis',
  validity: 'unscreened',
  nature: null,
  urgency: null,
  dueAt: null,
  owner: null,
  assessment: null,
  taskOrder: null,
  progress: [],
  changeRequests: [],
  communications: [],
  satisfaction: [],
  cycle: 1,
  result: null,
  mergedInto: null,
  ...overrides,
});
