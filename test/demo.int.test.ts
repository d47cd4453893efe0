import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { generateDemo, DEMO_USERNAMES, DEMO_PASSWORD, DEMO_CLIENT } from '../src/demo/generate';
import { verifyAudit } from '../src/audit/store';
import { cases, serviceLines } from '../src/intake/schema';
import { isValidNpi } from '../src/members/csv-rows';

let h: TestApp;
beforeAll(async () => {
  h = await testApp({ demo: true, now: '2026-11-20T15:00:00Z' });
});
afterAll(async () => h.close());

describe('demo tenant', () => {
  it('is generated from a fixed seed: the same seed and instant give the same data', () => {
    const a = generateDemo(7, new Date('2026-11-20T15:00:00Z'));
    const b = generateDemo(7, new Date('2026-11-20T15:00:00Z'));
    expect(a.members.slice(0, 5)).toEqual(b.members.slice(0, 5));
    expect(a.cases.map((c) => c.id)).toEqual(b.cases.map((c) => c.id));
    expect(a.members).toHaveLength(1000);
    expect(a.providers).toHaveLength(200);
    expect(a.providers.every((p) => isValidNpi(p.npi))).toBe(true);
  });

  it('has a login for every role with the password "demo", and the machine client', async () => {
    for (const u of DEMO_USERNAMES) {
      const r = await h.call('POST', '/api/auth/login', null, { username: u, password: DEMO_PASSWORD });
      expect(r.statusCode, u).toBe(200);
    }
    const tok = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.secret}` });
    expect(tok.statusCode).toBe(200);
  });

  it('has a few hundred cases in every status, and a nurse sees her queue', async () => {
    const rows = await h.app.ctx.db.select({ status: cases.status, n: sql<number>`count(*)::int` }).from(cases).groupBy(cases.status);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    for (const s of ['intake', 'nurse_review', 'md_review', 'pended_info', 'decided', 'forwarded_to_plan', 'withdrawn', 'cancelled']) expect(by[s], s).toBeGreaterThan(0);
    const total = rows.reduce((a, r) => a + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(200);
    const nurse = await h.login('nurse', DEMO_PASSWORD);
    const queue = await h.call('GET', '/api/cases?queue=nurse', nurse);
    expect(queue.json().items.length).toBeGreaterThan(10);
  });

  it('keeps its data consistent: every approved line has an authorization number, every case a valid audit chain', async () => {
    const approved = await h.app.ctx.db.select().from(serviceLines).where(sql`${serviceLines.outcome} in ('approved', 'approved_modified')`);
    expect(approved.length).toBeGreaterThan(50);
    expect(approved.every((l) => l.authorizationNumber !== null)).toBe(true);
    const r = await verifyAudit(h.app.ctx.db);
    expect(r.ok).toBe(true);
    expect(r.seals).toBeGreaterThanOrEqual(1);
  });
});
