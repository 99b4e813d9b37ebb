import type { Clip } from '../../shared/schemas/clip';
import { LIMITS, type Locale } from '../../shared/schemas/common';
import { t } from '../i18n/t';
import type { ExtensionOptions } from '../storage/extension-options';
import type { DraftForm } from './draft';

/** The latest messages of the customer, newest last, as one text (masked by the capture already). */
function latestCustomerText(clip: Omit<Clip, 'screenshot'>, count = 2): string {
  const messages = clip.ticket?.messages.filter((m) => m.role === 'customer') ?? [];
  return messages
    .slice(-count)
    .map((m) => m.text)
    .join('\n\n');
}

/** A one-line reference to the ticket for the notes, so the record can be found by ticket id. */
export function ticketNote(clip: Omit<Clip, 'screenshot'>, locale: Locale): string {
  const ticket = clip.ticket;
  if (!ticket) return '';
  return t(locale, 'ext.clip.ticket_note', {
    system: t(locale, `enum.helpdeskSystem.${ticket.system}`),
    id: ticket.ticketId ? `#${ticket.ticketId}` : '',
    url: ticket.url,
  }).replace(/\s+/g, ' ').trim();
}

/**
 * The form a new capture starts with: the options' defaults, the (masked) requester as customer,
 * the selection or else the latest customer messages as the problem, and the ticket in the notes.
 */
export function prefillForm(clip: Omit<Clip, 'screenshot'>, options: ExtensionOptions): DraftForm {
  const { defaults } = options;
  const problem = clip.page.selection ?? latestCustomerText(clip);
  return {
    source: defaults.source,
    channel: clip.ticket ? 'ticket' : defaults.channel,
    ...(defaults.channelMode ? { channelMode: defaults.channelMode } : {}),
    ...(defaults.customerType ? { customerType: defaults.customerType } : {}),
    ...(defaults.customerKind ? { customerKind: defaults.customerKind } : {}),
    ...(defaults.category ? { category: defaults.category } : {}),
    ...(defaults.initialPriority ? { initialPriority: defaults.initialPriority } : {}),
    customerName: clip.ticket?.requester ?? '',
    industry: '',
    contactPerson: clip.ticket?.requester ?? '',
    contact: '',
    contactConsent: false,
    scenario: '',
    problem: problem.slice(0, LIMITS.text),
    expectedSolution: '',
    notes: ticketNote(clip, options.locale),
  };
}
