import type { AdapterDefinition } from '../schemas/adapter';

const ISSUE_KEY = '(?<id>[A-Z][A-Z0-9_]{0,9}-\\d{1,9})';

/**
 * Jira issue view: Jira Cloud (`/browse/KEY-1`, boards, and the Jira Service Management agent
 * view of a request in a queue) and the server-rendered Jira Data Center page.
 */
export const JIRA_ISSUE_ADAPTER: AdapterDefinition = {
  id: 'jira-issue',
  system: 'jira',
  version: 1,
  urls: [
    { host: '*.atlassian.net', path: '/browse/*' },
    { host: '*.atlassian.net', path: '/jira/software/**' },
    { host: '*.atlassian.net', path: '/jira/servicedesk/projects/**' },
    { host: '*.atlassian.net', path: '/jira/core/**' },
  ],
  detect: ['[data-testid="issue.views.issue-base.foundation.summary.heading"]', '#jira #summary-val'],
  idPatterns: [`[?&]selectedIssue=${ISSUE_KEY}`, `/browse/${ISSUE_KEY}`, `/queues/[^?#]*/${ISSUE_KEY}(?:[/?#]|$)`],
  fields: {
    ticketId: [
      { selector: '[data-testid="issue.views.issue-base.foundation.breadcrumbs.current-issue.item"]' },
      { selector: '#key-val' },
    ],
    subject: [
      { selector: 'h1[data-testid="issue.views.issue-base.foundation.summary.heading"]' },
      { selector: 'h1#summary-val' },
    ],
    requester: [
      { selector: '[data-testid="issue.views.field.user.reporter"] [data-testid="issue.views.field.user.reporter.name"]' },
      { selector: '[data-testid="issue.views.field.user.reporter"]' },
      { selector: '#reporter-val .user-hover' },
    ],
    status: [
      { selector: '[data-testid="issue-field-status.ui.status-view.status-button.status-button"]' },
      { selector: '#status-val' },
    ],
    tags: [
      { selector: '[data-testid="issue.views.field.labels"] [data-testid="issue.views.field.labels.label"]' },
      { selector: '#wrap-labels .labels li a span' },
    ],
    messages: {
      items: [
        {
          selector: '[data-testid="issue.views.field.rich-text.description"], [data-testid^="comment-base-item-"]',
          order: 'oldest_first',
        },
        { selector: '#description-val, #issue_actions_container .activity-comment', order: 'oldest_first' },
      ],
      exclude: ['[data-testid="issue-comment-base.ui.comment.comment-visibility.comment-visibility-wrapper"]', '.internal-comment'],
      author: [
        { selector: '[data-testid$=".author"]' },
        { selector: '.action-details .user-hover' },
      ],
      text: [
        { selector: '[data-testid$="-body"]' },
        { selector: '.action-body' },
        { selector: ':scope' },
      ],
      time: [{ selector: 'time[datetime]', attribute: 'datetime' }, { selector: '.livestamp', attribute: 'datetime' }],
      role: [
        { selector: '[data-testid="issue.views.field.rich-text.description"]', role: 'customer' },
        { selector: '#description-val', role: 'customer' },
      ],
      defaultRole: 'agent',
      requesterIsCustomer: true,
    },
  },
};

/** Jira Service Management customer portal request view (`/servicedesk/customer/portal/N/KEY-1`). */
export const JIRA_PORTAL_ADAPTER: AdapterDefinition = {
  id: 'jira-service-portal',
  system: 'jira',
  version: 1,
  urls: [{ host: '*.atlassian.net', path: '/servicedesk/customer/portal/*/*' }],
  detect: ['#cv-request-details', '[data-testid="request-details.ui.request-details"]'],
  idPatterns: [`/servicedesk/customer/portal/\\d+/${ISSUE_KEY}`],
  fields: {
    ticketId: [{ selector: '[data-testid="request-details.ui.request-key"]' }, { selector: '.cv-request-key' }],
    subject: [{ selector: '[data-testid="request-details.ui.summary"]' }, { selector: 'h1.cv-request-name' }],
    requester: [{ selector: '[data-testid="request-details.ui.reporter"] [data-testid="user-name"]' }, { selector: '.cv-request-reporter .vp-user-name' }],
    status: [{ selector: '[data-testid="request-details.ui.status-lozenge"]' }, { selector: '.cv-request-status .lozenge' }],
    messages: {
      items: [
        { selector: '[data-testid="request-details.ui.description"], [data-testid="activity-item.comment"]', order: 'oldest_first' },
        { selector: '.cv-request-description, .cv-activity-stream .cv-activity-comment', order: 'oldest_first' },
      ],
      author: [{ selector: '[data-testid="user-name"]' }, { selector: '.vp-user-name' }],
      text: [{ selector: '[data-testid="activity-item.body"]' }, { selector: '.cv-activity-body' }, { selector: ':scope' }],
      time: [{ selector: 'time[datetime]', attribute: 'datetime' }],
      role: [
        { selector: '[data-testid="request-details.ui.description"]', role: 'customer' },
        { selector: '.cv-request-description', role: 'customer' },
        { selector: ':scope', attribute: 'data-author-type', pattern: '^agent$', role: 'agent' },
        { selector: '.cv-activity-comment--agent', role: 'agent' },
      ],
      defaultRole: 'customer',
    },
  },
};
