/**
 * The Medicare Advantage 7-day clock applies only to items subject to the prior-authorization
 * rules of 42 CFR 422.122 (422.568(b)(1)(ii)); the contract's PA list says which items are. The
 * rule that decided a line's requirement sets the line's flag before the clock starts, on every
 * intake — with or without the automation; without a list, a prior-authorization request stays
 * "subject" (the default).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import * as S from '../src/platform/db/schema';

let h: TestApp;
let t: TestTenant;
let intake: string;
let nurse: string;

const RECEIVED = '2026-11-20T14:00:00Z'; // Friday 08:00 in Chicago
const DAY_7 = '2026-11-28T05:59:59.000Z'; // day 7 ends 23:59:59 CST
const DAY_14 = '2026-12-05T05:59:59.000Z'; // day 14 ends 23:59:59 CST

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  intake = await h.login(t.usernames.intake);
  nurse = await h.login(t.usernames.nurse);
});
afterAll(async () => h?.close());

const imaging = (code: string) => ({ lines: [{ codeSystem: 'CPT', code, units: 1, fromDate: '2026-12-01', placeOfService: '22' }] });

async function newCase(body: Record<string, unknown>) {
  const r = await h.call('POST', '/api/cases', intake, paRequest(t, { receivedAt: RECEIVED, ...body }));
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}
async function clockOf(id: string) {
  const r = await h.call('GET', `/api/cases/${id}/clock`, nurse);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
async function flagOf(caseId: string): Promise<boolean | undefined> {
  const [l] = await h.app.ctx.db.select({ subject: S.serviceLines.subjectToPa }).from(S.serviceLines).where(and(eq(S.serviceLines.tenantId, t.tenantId), eq(S.serviceLines.caseId, caseId)));
  return l?.subject;
}
const setAutomation = async (enabled: boolean) =>
  h.app.ctx.db.update(S.tenants).set({ settings: sql`${S.tenants.settings} || ${JSON.stringify({ automation: { enabled } })}::jsonb` }).where(eq(S.tenants.id, t.tenantId));

describe('the 422.122 flag from the PA list decides the Medicare Advantage clock', () => {
  it('keeps the 7-day clock for a prior-authorization request while the contract has no PA list', async () => {
    const c = await newCase(imaging('72148'));
    expect(c.dueAt).toBe(DAY_7);
    expect(await flagOf(c.id)).toBe(true);
  });

  it('gives a line whose rule says "not subject to 422.122" the 14-day clock, and one whose rule says "subject" the 7-day clock', async () => {
    const admin = await h.login(t.usernames.admin);
    const rule = (ruleId: string, code: string, subjectTo422122: boolean) =>
      h.call('POST', `/api/coverage/pa-rules/${t.contracts.ma}`, admin, { ruleId, codeSystem: 'CPT', codeFrom: code, effectiveFrom: '2026-01-01', requirement: 'required', subjectTo422122, serviceGroup: 'imaging' });
    expect((await rule('mri-lumbar', '72148', false)).statusCode).toBe(201);
    expect((await rule('mri-thoracic', '72146', true)).statusCode).toBe(201);

    const no = await newCase(imaging('72148'));
    expect(no.status).toBe('nurse_review');
    expect(await flagOf(no.id)).toBe(false);
    expect(no.dueAt).toBe(DAY_14);
    const noClock = await clockOf(no.id);
    expect(noClock).toMatchObject({ state: 'running', policy: { id: 'medicare_advantage' }, citation: '42 CFR 422.568(b)(1)(i)' });

    const yes = await newCase(imaging('72146'));
    expect(await flagOf(yes.id)).toBe(true);
    expect(yes.dueAt).toBe(DAY_7);
    expect(await clockOf(yes.id)).toMatchObject({ ruleId: 'ma.pre_service.standard.7d', citation: '42 CFR 422.568(b)(1)(ii)' });

    // A case is due at its earliest line deadline: one subject line is enough for 7 days.
    const both = await newCase({ lines: [...imaging('72148').lines, ...imaging('72146').lines] });
    expect(both.dueAt).toBe(DAY_7);
  });

  it('sets the flag on every intake, also when the automation is switched off', async () => {
    await setAutomation(false);
    try {
      const no = await newCase(imaging('72148'));
      expect(no.criteria ?? []).toEqual([]); // nothing was evaluated automatically
      expect(await flagOf(no.id)).toBe(false);
      expect(no.dueAt).toBe(DAY_14);
      const yes = await newCase(imaging('72146'));
      expect(yes.dueAt).toBe(DAY_7);
      // A code the list does not name is not subject either.
      const unlisted = await newCase(imaging('72141'));
      expect(await flagOf(unlisted.id)).toBe(false);
      expect(unlisted.dueAt).toBe(DAY_14);
    } finally {
      await setAutomation(true);
    }
  });
});
