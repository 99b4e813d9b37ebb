import type { AdapterDefinition } from '../schemas/adapter';

/** GitHub issues: the React issue view and the classic server-rendered timeline (also GitHub Enterprise by marker). */
export const GITHUB_ADAPTER: AdapterDefinition = {
  id: 'github-issue',
  system: 'github',
  version: 1,
  urls: [{ host: 'github.com', path: '/*/*/issues/*' }],
  detect: ['[data-testid="issue-viewer-container"]', '.js-issue-title'],
  idPatterns: ['/[^/]+/[^/]+/issues/(?<id>\\d+)'],
  fields: {
    ticketId: [
      { selector: '[data-testid="issue-header"] [data-testid="issue-number"]', pattern: '#?(?<value>\\d+)' },
      { selector: '.gh-header-number', pattern: '#?(?<value>\\d+)' },
    ],
    subject: [
      { selector: 'bdi[data-testid="issue-title"]' },
      { selector: '[data-testid="issue-title"]' },
      { selector: '.js-issue-title' },
    ],
    requester: [
      { selector: '[data-testid="issue-body-header-author"]' },
      { selector: '.gh-header-meta .author' },
    ],
    status: [
      { selector: '[data-testid="header-state"]' },
      { selector: '.gh-header-meta .State' },
    ],
    tags: [
      { selector: '[data-testid="sidebar-labels-section"] [data-testid="issue-label"]' },
      { selector: '.js-issue-labels .IssueLabel' },
    ],
    messages: {
      items: [
        { selector: '[data-testid="issue-body"], [data-testid="issue-timeline-comment"]', order: 'oldest_first' },
        { selector: '.js-discussion .timeline-comment', order: 'oldest_first' },
      ],
      exclude: ['[data-testid="minimized-comment"]', '.minimized-comment'],
      author: [
        { selector: '[data-testid="avatar-link"]' },
        { selector: '.timeline-comment-header .author' },
      ],
      text: [{ selector: '[data-testid="markdown-body"]' }, { selector: '.comment-body' }],
      time: [{ selector: 'relative-time', attribute: 'datetime' }],
      role: [
        { selector: '[data-testid="comment-author-association"]', pattern: '^(?:Member|Owner|Collaborator)$', role: 'agent' },
        { selector: '.timeline-comment-label', pattern: '^(?:Member|Owner|Collaborator)$', role: 'agent' },
      ],
      defaultRole: 'customer',
    },
  },
};
