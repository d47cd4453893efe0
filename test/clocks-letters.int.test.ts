/**
 * The written notice recorded when staff produce the decision letter (issue 3, "timeliness is
 * measured on what the rule measures"): a decided Medicare Advantage request no longer waits in
 * "awaiting notice" until someone remembers POST /clock/written-notice. Recorded once, on the same
 * path (event, audit, timeliness), by the person who produced the letter; reading a letter as the
 * requesting office or an auditor sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import * as S from '../src/platform/db/schema';
import { sweepClocks } from '../src/clocks/sweep';

let h: TestApp;
let t: TestTenant;
let intake: string;
let nurse: string;
let md: string;
let provider: string;
let auditor: string;

const NOW = '2026-11-20T15:00:00Z';
const RECEIVED = '2026-11-20T14:00:00Z';

beforeAll(async () => {
  h = await testApp({ now: NOW });
  t = await buildTenant(h.app.ctx.db);
  intake = await h.login(t.usernames.intake);
  nurse = await h.login(t.usernames.nurse);
  md = await h.login(t.usernames.medical_director);
  provider = await h.login(t.usernames.provider);
  auditor = await h.login(t.usernames.auditor);
});
afterAll(async () => h?.close());

const clockOf = async (id: string) => {
  const r = await h.call('GET', `/api/cases/${id}/clock`, nurse);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const pdf = async (id: string, kind: string, token: string) => {
  const r = await h.call('GET', `/api/cases/${id}/letters/${kind}.pdf`, token);
  expect(r.statusCode, r.body).toBe(200);
  expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
};
const noticeAudits = async (caseId: string) =>
  h.app.ctx.db.select().from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, t.tenantId), eq(S.auditEvents.caseId, caseId), eq(S.auditEvents.action, 'clock.written_notice_sent')));

async function decided(outcome: 'approved' | 'denied') {
  const c = (await h.call('POST', '/api/cases', intake, paRequest(t, { receivedAt: RECEIVED }))).json();
  const body = outcome === 'approved'
    ? { outcome }
    : { outcome, category: 'medical_necessity', reasonCode: 'MN-CRIT', reason: 'The sleep study sent does not show an AHI of 15 or more.', basis: { coverageRule: { rule: 'Positive airway pressure devices policy', reference: 'Plan medical policy DME-014' } } };
  const d = await h.call('POST', `/api/cases/${c.id}/decision`, md, body);
  expect(d.statusCode, d.body).toBe(200);
  expect(await clockOf(c.id)).toMatchObject({ state: 'awaiting_notice', policy: { id: 'medicare_advantage' }, writtenNoticeAt: null });
  return c;
}

describe('the decision letter records the written notice', () => {
  it('records it when staff produce the denial letter — not when the requesting office or an auditor reads it — once', async () => {
    const c = await decided('denied');
    await pdf(c.id, 'denial', provider);
    await pdf(c.id, 'denial', auditor);
    expect(await clockOf(c.id)).toMatchObject({ state: 'awaiting_notice', writtenNoticeAt: null });
    expect(await noticeAudits(c.id)).toEqual([]);

    h.clock.set('2026-11-21T16:00:00Z');
    try {
      intake = await h.login(t.usernames.intake);
      nurse = await h.login(t.usernames.nurse);
      await pdf(c.id, 'denial', intake);
      const k = await clockOf(c.id);
      expect(k).toMatchObject({ state: 'met', writtenNoticeAt: '2026-11-21T16:00:00.000Z', measuredAt: '2026-11-21T16:00:00.000Z' });
      const ev = k.events.filter((e: { type: string }) => e.type === 'written_notice_sent');
      expect(ev).toHaveLength(1);
      expect(ev[0]).toMatchObject({ actor: { role: 'intake' }, reason: 'Decision letter (denial) produced for sending' });
      const audits = await noticeAudits(c.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actorType: 'user', actorId: t.userIds.intake });

      // Produced again later: nothing more is recorded, and the notice cannot be recorded twice by hand either.
      h.clock.set('2026-11-22T16:00:00Z');
      nurse = await h.login(t.usernames.nurse);
      await pdf(c.id, 'denial', nurse);
      expect(await clockOf(c.id)).toMatchObject({ writtenNoticeAt: '2026-11-21T16:00:00.000Z' });
      expect(await noticeAudits(c.id)).toHaveLength(1);
      const again = await h.call('POST', `/api/cases/${c.id}/clock/written-notice`, nurse, {});
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toContain('application/problem+json');
    } finally {
      h.clock.set(NOW);
      intake = await h.login(t.usernames.intake);
      nurse = await h.login(t.usernames.nurse);
    }
  });

  it('records it for an approval letter too, so that the decided case is not marked overdue', async () => {
    const sent = await decided('approved');
    const forgotten = await decided('approved');
    await pdf(sent.id, 'approval', nurse);
    expect(await clockOf(sent.id)).toMatchObject({ state: 'met', writtenNoticeAt: new Date(NOW).toISOString() });
    // Past the 7-day due time: only the case whose letter was never produced is overdue.
    const fired = (await sweepClocks(h.app.ctx.db, new Date('2026-12-01T00:00:00Z'))).filter((f) => f.caseId === sent.id || f.caseId === forgotten.id);
    expect(fired).toEqual([expect.objectContaining({ caseId: forgotten.id, kind: 'overdue' })]);
  });
});
