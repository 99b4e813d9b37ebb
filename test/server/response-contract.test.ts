import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { contractViolation } from './support/response-contract';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const campaign = {
  id: uuidv7(),
  goal: 'Faster exports',
  targetCustomers: 'Buyers of product A',
  categories: ['feature_request'],
  period: { label: '2025 Q4' },
  active: true,
};
const problem = { type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found' };

describe('the response contract every server test is held to', () => {
  it('accepts an answer as documented', async () => {
    expect(await contractViolation('GET', `/api/v1/campaigns/${campaign.id}`, json(200, { campaign }))).toBeUndefined();
    expect(await contractViolation('GET', '/api/v1/campaigns/x', json(404, problem, 'application/problem+json'))).toBeUndefined();
    expect(await contractViolation('DELETE', `/api/v1/me/tokens/${campaign.id}`, new Response(null, { status: 204 }))).toBeUndefined();
  });

  it('refuses a body off its schema, an undocumented status and a success from an undocumented route', async () => {
    // The campaign routes once answered { campaign } while the document described the bare object.
    expect(await contractViolation('GET', `/api/v1/campaigns/${campaign.id}`, json(200, campaign))).toMatch(/off its schema/);
    expect(await contractViolation('GET', `/api/v1/campaigns/${campaign.id}`, json(202, { campaign }))).toMatch(/undocumented status 202/);
    expect(await contractViolation('GET', '/api/v1/nothing-here', json(200, {}))).toMatch(/undocumented operation/);
    expect(await contractViolation('GET', '/api/v1/campaigns/x', json(404, problem))).toMatch(/content-type/);
    expect(await contractViolation('GET', '/api/v1/campaigns/x', json(404, { message: 'gone' }, 'application/problem+json'))).toMatch(/off its schema/);
  });

  it('leaves the console and widget assets alone', async () => {
    expect(await contractViolation('GET', '/', new Response('<!doctype html>', { status: 200 }))).toBeUndefined();
  });
});
