import type { AdapterDefinition } from '../schemas/adapter';

/** Intercom inbox: the current Inbox (`/a/inbox/…/conversation/N`) and the older apps inbox (`/a/apps/…/inbox/…`). */
export const INTERCOM_ADAPTER: AdapterDefinition = {
  id: 'intercom-inbox',
  system: 'intercom',
  version: 1,
  urls: [
    { host: 'app.intercom.com', path: '/a/inbox/**' },
    { host: 'app.intercom.com', path: '/a/apps/*/inbox/**' },
    { host: 'app.eu.intercom.com', path: '/a/**' },
    { host: 'app.au.intercom.com', path: '/a/**' },
  ],
  detect: ['[data-testid="conversation-stream"]', '.conversation__stream'],
  idPatterns: ['/conversations?/(?<id>\\d+)'],
  fields: {
    ticketId: [{ selector: '[data-conversation-id]', attribute: 'data-conversation-id' }],
    subject: [
      { selector: '[data-testid="conversation-title"]' },
      { selector: '.conversation__header .conversation__title' },
    ],
    requester: [
      { selector: '[data-testid="conversation-header-user-name"]' },
      { selector: '.conversation__header .user-name' },
    ],
    status: [
      { selector: '[data-testid="conversation-state-button"]', attribute: 'data-state' },
      { selector: '.conversation__header .conversation__state' },
    ],
    tags: [
      { selector: '[data-testid="conversation-tags"] [data-testid="tag-name"]' },
      { selector: '.conversation__tags .tag' },
    ],
    messages: {
      items: [
        { selector: '[data-testid="conversation-stream"] [data-part-group]', order: 'oldest_first' },
        { selector: '.conversation__stream .conversation__part', order: 'oldest_first' },
      ],
      exclude: ['[data-part-type="note"]', '.o__note', '[data-part-type="event"]'],
      author: [{ selector: '[data-testid="part-author-name"]' }, { selector: '.conversation__part__author' }],
      text: [{ selector: '[data-testid="part-body"]' }, { selector: '.conversation__text' }],
      time: [{ selector: 'time', attribute: 'datetime' }, { selector: '.conversation__part__timestamp', attribute: 'title' }],
      role: [
        { selector: ':scope', attribute: 'data-author-type', pattern: '^user$|^lead$|^contact$', role: 'customer' },
        { selector: ':scope', attribute: 'data-author-type', pattern: '^(?:admin|bot|operator)$', role: 'agent' },
        { selector: '.o__admin', role: 'agent' },
        { selector: '.o__user', role: 'customer' },
      ],
      defaultRole: 'customer',
    },
  },
};
