import type { AdapterDefinition } from '../schemas/adapter';

/** Freshdesk agent portal: the current (mint, `/a/tickets/`) and the legacy (`/helpdesk/tickets/`) ticket views. */
export const FRESHDESK_ADAPTER: AdapterDefinition = {
  id: 'freshdesk-ticket',
  system: 'freshdesk',
  version: 1,
  urls: [
    { host: '*.freshdesk.com', path: '/a/tickets/*' },
    { host: '*.freshdesk.com', path: '/helpdesk/tickets/*' },
  ],
  detect: ['.ticket-subject-heading', '#helpdesk_ticket_status'],
  idPatterns: ['/a/tickets/(?<id>\\d+)', '/helpdesk/tickets/(?<id>\\d+)'],
  fields: {
    ticketId: [
      { selector: '.breadcrumb__item.active', pattern: '#?(?<value>\\d+)' },
      { selector: '#ticket-display-id', pattern: '#?(?<value>\\d+)' },
    ],
    subject: [
      { selector: '.ticket-subject-heading' },
      { selector: '[data-test-id="ticket-title"]' },
      { selector: '.ticket_title h2.subject' },
    ],
    requester: [
      { selector: '.requester-wrap [data-test-id="user-name"]' },
      { selector: '.widget-requestor-info [data-test-id="user-name"]' },
      { selector: '#requester-info .user_name' },
    ],
    status: [
      { selector: '[data-test-id="tkt-properties-status"] .ember-power-select-selected-item' },
      { selector: 'select#helpdesk_ticket_status' },
    ],
    tags: [
      { selector: '[data-test-id="tkt-properties-tags"] .ember-power-select-multiple-option' },
      { selector: '#tag-list .tag-item a' },
    ],
    messages: {
      items: [
        { selector: '[data-test-id="ticket-description"], [data-test-id="conversation-item"]', order: 'oldest_first' },
        { selector: '#ticket_original_request, #all_notes .conversation', order: 'oldest_first' },
      ],
      exclude: ['.private-note', '.note-private'],
      author: [
        { selector: '[data-test-id="user-name"]' },
        { selector: '.user_name' },
      ],
      text: [{ selector: '.text__content' }, { selector: '.commentbox .details' }],
      time: [{ selector: '[data-test-id="conv-time"]', attribute: 'title' }, { selector: 'abbr.timeago', attribute: 'title' }],
      role: [
        { selector: '[data-test-id="ticket-description"]', role: 'customer' },
        { selector: '.conversation--incoming', role: 'customer' },
        { selector: '.conversation--outgoing', role: 'agent' },
        { selector: '.commentbox', attribute: 'class', pattern: '\\bcommentbox-(?:agent|outgoing)\\b', role: 'agent' },
      ],
      defaultRole: 'customer',
      requesterIsCustomer: true,
    },
  },
};
