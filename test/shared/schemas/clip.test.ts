import { describe, it, expect } from 'vitest';
import { Clip } from '../../../shared/schemas/clip';
import { clip } from './fixtures';
import { issuesOf, pathsAndCodes, wire } from './helpers';

describe('Clip', () => {
  it('parses a clipped Zendesk ticket', () => {
    expect(Clip.parse(wire(clip))).toEqual(clip);
  });

  it('parses a plain page without a ticket', () => {
    const page = { page: { url: 'https://forum.example.com/t/42', title: '', metadata: {} }, capturedAt: '2024-05-20T02:05:11Z' };
    expect(Clip.parse(page)).toEqual(page);
  });

  it('bounds metadata to 100 entries', () => {
    const metadata = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`og:k${i}`, 'v']));
    const issues = issuesOf(Clip, { ...clip, page: { ...clip.page, metadata } });
    expect(pathsAndCodes(issues)).toEqual([{ path: ['page', 'metadata'], code: 'too_many_entries' }]);
    expect(issues[0]?.limit).toBe(100);
  });

  it('refuses a bad message role, an unknown helpdesk and oversize readable text', () => {
    const issues = issuesOf(Clip, {
      ...clip,
      page: { ...clip.page, readableText: 'x'.repeat(100_001) },
      ticket: { ...clip.ticket, system: 'servicenow', messages: [{ role: 'bot', text: 'hi' }] },
    });
    expect(pathsAndCodes(issues)).toEqual([
      { path: ['page', 'readableText'], code: 'too_big' },
      { path: ['ticket', 'system'], code: 'invalid_value' },
      { path: ['ticket', 'messages', 0, 'role'], code: 'invalid_value' },
    ]);
  });

  it('needs the ticket lists, even when empty', () => {
    const { tags: _t, ...ticket } = clip.ticket!;
    expect(pathsAndCodes(issuesOf(Clip, { ...clip, ticket }))).toEqual([{ path: ['ticket', 'tags'], code: 'invalid_type' }]);
  });
});
