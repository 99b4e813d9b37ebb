import type { AdapterDefinition } from '../schemas/adapter';

/** Zendesk Support agent interface: Agent Workspace (omni-log) and the legacy ticket pane. */
export const ZENDESK_ADAPTER: AdapterDefinition = {
  id: 'zendesk-agent',
  system: 'zendesk',
  version: 1,
  urls: [{ host: '*.zendesk.com', path: '/agent/tickets/**' }],
  detect: ['input[data-test-id="omni-header-subject"]', 'article[data-test-id="omni-log-comment-item"]', '.ticket .pane_header input[name="subject"]'],
  idPatterns: ['/agent/tickets/(?<id>\\d+)'],
  fields: {
    ticketId: [
      { selector: '[data-test-id="header-tab"][aria-selected="true"]', attribute: 'data-entity-id' },
      { selector: '.ticket .pane_header .ticket_id', pattern: '#?(?<value>\\d+)' },
    ],
    subject: [
      { selector: 'input[data-test-id="omni-header-subject"]' },
      { selector: 'input[data-test-id="ticket-pane-subject"]' },
      { selector: '.ticket .editable input[name="subject"]' },
    ],
    requester: [
      { selector: '[data-test-id="ticket-system-field-requester-select"] [data-garden-id="dropdowns.combobox.value"]' },
      { selector: '[data-test-id="ticket-system-field-requester-select"]' },
      { selector: '.ticket_fields .requester_field .zd-selectmenu-base-content' },
    ],
    status: [
      { selector: '[data-test-id="ticket-fields-status-view"]' },
      { selector: '[data-test-id="submit_button-button"] strong' },
      { selector: '.pane_header .ticket_status_label' },
    ],
    tags: [
      { selector: '[data-test-id="ticket-fields-tags"] [data-garden-id="tags.tag_view"]' },
      { selector: '.ticket_fields .tags_field .zd-tag-item' },
    ],
    messages: {
      items: [
        { selector: 'article[data-test-id="omni-log-comment-item"]', order: 'oldest_first' },
        { selector: '.audits .event.is-public', order: 'newest_first' },
      ],
      exclude: ['[data-test-id="omni-log-internal-note-tag"]'],
      author: [{ selector: '[data-test-id="omni-log-comment-user-link"]' }, { selector: '.actor .name' }],
      text: [{ selector: '[data-test-id="omni-log-item-message"]' }, { selector: '.zd-comment' }],
      time: [{ selector: 'time[datetime]', attribute: 'datetime' }],
      role: [
        { selector: '[data-test-id="omni-log-item-message"]', attribute: 'type', pattern: '^end-user$', role: 'customer' },
        { selector: '[data-test-id="omni-log-item-message"]', attribute: 'type', pattern: '^(?:agent|bot)$', role: 'agent' },
        { selector: '.user_photo.agent', role: 'agent' },
      ],
      defaultRole: 'customer',
      requesterIsCustomer: true,
    },
  },
};
