/**
 * The tenant's clock settings over HTTP (`GET/PUT /api/tenant/clock-settings`): staff read them,
 * administrators change them (audited), a change applies to cases received from then on and never
 * moves an existing clock, and an invalid body is refused with problem+json, changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import * as S from '../src/platform/db/schema';

let h: TestApp;
let t: TestTenant;
let admin: string;
let nurse: string;
let intake: string;

const URL_ = '/api/tenant/clock-settings';
const RECEIVED = '2026-11-20T14:00:00Z'; // Friday 08:00 in Chicago

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  admin = await h.login(t.usernames.admin);
  nurse = await h.login(t.usernames.nurse);
  intake = await h.login(t.usernames.intake);
});
afterAll(async () => h?.close());

const settings = async () => {
  const r = await h.call('GET', URL_, nurse);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const changes = async () =>
  h.app.ctx.db.select().from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, t.tenantId), eq(S.auditEvents.action, 'tenant.clock_settings')));
const newCase = async (overrides: Record<string, unknown> = {}) => {
  const r = await h.call('POST', '/api/cases', intake, paRequest(t, { receivedAt: RECEIVED, ...overrides }));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
};
const clockOf = async (id: string) => (await h.call('GET', `/api/cases/${id}/clock`, nurse)).json();

describe('GET /api/tenant/clock-settings', () => {
  it('shows staff the defaults in the tenant\'s zone, and the 75 % at-risk share', async () => {
    const s = await settings();
    expect(s).toMatchObject({ atRiskPercent: 75, clocks: { version: 1, timeZone: 'America/Chicago' } });
    expect(s.clocks.assignments).toEqual(expect.arrayContaining([{ lineOfBusiness: 'medicare_advantage', policies: ['medicare_advantage'] }]));
  });

  it('is for staff only', async () => {
    expect((await h.call('GET', URL_, null)).statusCode).toBe(401);
    const provider = await h.login(t.usernames.provider);
    const r = await h.call('GET', URL_, provider);
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });
});

describe('PUT /api/tenant/clock-settings', () => {
  const badBodies: [string, unknown, number, string][] = [
    ['an at-risk share of 150 %', { atRiskPercent: 150 }, 422, 'UM_ERR_CLOCK_INPUT'],
    ['an at-risk share that is not a number', { atRiskPercent: 'high' }, 400, 'UM_ERR_VALIDATION'],
    ['an unknown field', { colour: 'red' }, 400, 'UM_ERR_VALIDATION'],
    ['settings of an unknown line of business', { clocks: { version: 1, timeZone: 'America/Chicago', assignments: [{ lineOfBusiness: 'dental', policies: ['commercial_erisa'] }] } }, 422, 'UM_ERR_CLOCK_INPUT'],
    ['an assignment without policies', { clocks: { version: 1, timeZone: 'America/Chicago', assignments: [{ lineOfBusiness: 'commercial', policies: [] }] } }, 422, 'UM_ERR_CLOCK_INPUT'],
    ['a good share with bad settings', { atRiskPercent: 50, clocks: { version: 2, timeZone: 'America/Chicago', assignments: [] } }, 422, 'UM_ERR_CLOCK_INPUT'],
  ];
  it.each(badBodies)('refuses %s with problem+json and changes nothing', async (_name, body, status, code) => {
    const before = await settings();
    const r = await h.call('PUT', URL_, admin, body);
    expect(r.statusCode, r.body).toBe(status);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({ code, status });
    expect(await settings()).toEqual(before);
    expect(await changes()).toEqual([]);
  });

  it('refuses anyone but an administrator, changing nothing', async () => {
    const before = await settings();
    const r = await h.call('PUT', URL_, nurse, { atRiskPercent: 50 });
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(await settings()).toEqual(before);
    expect(await changes()).toEqual([]);
  });

  it('sets the at-risk share for cases received from now on, audited', async () => {
    const earlier = await newCase({ priority: 'expedited', expediteRequestedBy: 'member' });
    const r = await h.call('PUT', URL_, admin, { atRiskPercent: 50 });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ atRiskPercent: 50, clocks: { timeZone: 'America/Chicago' } });
    expect((await settings()).atRiskPercent).toBe(50);
    const audited = await changes();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorType: 'user', actorId: t.userIds.admin, recordType: 'tenant', recordId: t.tenantId });

    // 72 hours from 14:00Z: half way is 36 hours; the earlier case keeps 75 % (54 hours).
    const later = await newCase({ priority: 'expedited', expediteRequestedBy: 'member' });
    expect(await clockOf(later.id)).toMatchObject({ dueAt: '2026-11-23T14:00:00.000Z', atRiskAt: '2026-11-22T02:00:00.000Z' });
    expect(await clockOf(earlier.id)).toMatchObject({ dueAt: '2026-11-23T14:00:00.000Z', atRiskAt: '2026-11-22T20:00:00.000Z' });
  });

  it('sets the policy assignments and zone for cases received from now on; an existing clock does not move', async () => {
    const earlier = await newCase();
    expect(earlier.dueAt).toBe('2026-11-28T05:59:59.000Z'); // 7 days, 23:59:59 in Chicago
    const current = await settings();
    const clocks = { ...current.clocks, timeZone: 'America/Los_Angeles' };
    const r = await h.call('PUT', URL_, admin, { clocks });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ clocks, atRiskPercent: 50 });
    const later = await newCase();
    expect(later.dueAt).toBe('2026-11-28T07:59:59.000Z'); // 23:59:59 in Los Angeles
    expect((await clockOf(later.id)).timeZone).toBe('America/Los_Angeles');
    expect((await clockOf(earlier.id)).dueAt).toBe('2026-11-28T05:59:59.000Z');
    expect(await changes()).toHaveLength(2);
  });
});
