import * as z from 'zod/mini';

/**
 * How an obligation stands for compliance figures (DOMAIN.md §12, shared/domain/compliance): met by its
 * due instant, met after it, breached (unmet, past due) or open (unmet, not yet due). Label key 'dashboard.state.<state>'.
 */
export const COMPLIANCE_STATES = ['met_in_time', 'met_late', 'breached', 'open'] as const;
/** One compliance state. */
export const ComplianceState = z.enum(COMPLIANCE_STATES);
export type ComplianceState = z.infer<typeof ComplianceState>;
