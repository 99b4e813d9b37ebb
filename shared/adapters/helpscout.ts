import type { AdapterDefinition } from '../schemas/adapter';

/** Help Scout conversation view: the current app (`data-cy` markup, newest first) and the classic thread list. */
export const HELPSCOUT_ADAPTER: AdapterDefinition = {
  id: 'helpscout-conversation',
  system: 'helpscout',
  version: 1,
  urls: [{ host: 'secure.helpscout.net', path: '/conversation/**' }],
  detect: ['[data-cy="ConversationSubject"]', '#conversationSubject'],
  // The URL carries the internal id then the visible number (`/conversation/2345678901/10452`); the number is what agents quote.
  idPatterns: ['/conversation/\\d+/(?<id>\\d+)', '/conversation/(?<id>\\d+)'],
  fields: {
    ticketId: [{ selector: '[data-cy="ConversationNumber"]', pattern: '#?(?<value>\\d+)' }, { selector: '#convNum', pattern: '#?(?<value>\\d+)' }],
    subject: [{ selector: '[data-cy="ConversationSubject"]' }, { selector: '#conversationSubject' }],
    requester: [{ selector: '[data-cy="CustomerProfile.Name"]' }, { selector: '#customerProfile .c-name' }],
    status: [{ selector: '[data-cy="StatusDropdown"]', attribute: 'aria-label', pattern: 'Status: (?<value>.+)' }, { selector: '#statusDropdown .status-label' }],
    tags: [{ selector: '[data-cy="TagList"] [data-cy="Tag"]' }, { selector: '#tagList .tag', split: ',' }],
    messages: {
      items: [
        { selector: '[data-cy="ThreadList"] [data-cy="ThreadItem"]', order: 'newest_first' },
        { selector: '#threads .thread', order: 'newest_first' },
      ],
      exclude: ['[data-thread-type="note"]', '.thread.note', '[data-thread-type="lineitem"]'],
      author: [{ selector: '[data-cy="ThreadItem.Author"]' }, { selector: '.thread-header .name' }],
      text: [{ selector: '[data-cy="ThreadItem.Body"]' }, { selector: '.thread-body .messageBody' }],
      time: [{ selector: 'time', attribute: 'datetime' }, { selector: '.thread-header .date', attribute: 'title' }],
      role: [
        { selector: ':scope', attribute: 'data-thread-type', pattern: '^customer$', role: 'customer' },
        { selector: ':scope', attribute: 'data-thread-type', pattern: '^(?:message|reply)$', role: 'agent' },
        { selector: '.thread.customer', role: 'customer' },
        { selector: '.thread.message', role: 'agent' },
      ],
      defaultRole: 'customer',
    },
  },
};
