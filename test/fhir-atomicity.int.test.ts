/**
 * A PAS request's case and its PAS record (items → lines, the stored answer every notification,
 * inquiry and resubmission is answered from) are written in one transaction: a failure while
 * recording leaves neither, and the resubmission creates both. A case that was recorded without its
 * PAS record (before they shared a transaction) gets it on resubmission, without a second case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildPasTenant, fixture, type PasTenant } from './support/fhir-builders';
import { smartToken } from './support/fhir-clients';
import { claimResponseOf, obj, reviewActions } from './support/fhir-subscriber';
import * as S from '../src/platform/db/schema';

let t: TestApp;
let tenant: PasTenant;
let token: string;

beforeAll(async () => {
  t = await testApp();
  tenant = await buildPasTenant(t.app.ctx.db);
  token = await smartToken(t, tenant.smart);
}, 120_000);
afterAll(async () => t.close());

async function submit(bundle: unknown) {
  const r = await t.app.inject({ method: 'POST', url: '/fhir/Claim/$submit', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/fhir+json' }, payload: JSON.stringify(bundle) });
  return { status: r.statusCode, body: obj(r.json()) };
}

const request = (value: string) => ({ ...fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json'), identifier: { system: 'urn:test:atomic', value } });

async function state(bundleKey: string) {
  const db = t.app.ctx.db;
  const cases = await db.select().from(S.cases).where(and(eq(S.cases.tenantId, tenant.tenantId), eq(S.cases.channel, 'fhir')));
  const keys = await db.select().from(S.idempotencyKeys).where(and(eq(S.idempotencyKeys.tenantId, tenant.tenantId), eq(S.idempotencyKeys.key, `pas:${bundleKey}`)));
  const records = await db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.bundleKey, bundleKey)));
  return { cases: cases.filter((c) => keys.some((k) => k.caseId === c.id)), keys, records, allCases: cases.length };
}

describe('the case and its PAS record are one transaction', () => {
  it('a failure while recording the PAS request leaves no case; the resubmission records both', async () => {
    const db = t.app.ctx.db;
    const before = await state('urn:test:atomic|crash');
    // The PAS record cannot be written (as if the process died between the two writes).
    await db.execute(sql.raw(`create or replace function pas_record_fails() returns trigger language plpgsql as $$
      begin raise exception 'simulated failure while recording the PAS request'; end $$`));
    await db.execute(sql.raw(`create trigger pas_record_fails before insert on fhir_pas_requests for each row
      when (new.bundle_key = 'urn:test:atomic|crash') execute function pas_record_fails()`));
    try {
      const failed = await submit(request('crash'));
      expect(failed.status).toBe(500);
      expect(failed.body['resourceType']).toBe('OperationOutcome');
    } finally {
      await db.execute(sql.raw('drop trigger pas_record_fails on fhir_pas_requests'));
      await db.execute(sql.raw('drop function pas_record_fails()'));
    }
    const after = await state('urn:test:atomic|crash');
    expect(after.allCases).toBe(before.allCases);
    expect(after.keys).toEqual([]);
    expect(after.records).toEqual([]);

    const again = await submit(request('crash'));
    expect(again.status).toBe(200);
    expect(reviewActions(claimResponseOf(again.body))).toEqual({ 1: 'A4', 2: 'A4' });
    const done = await state('urn:test:atomic|crash');
    expect(done.allCases).toBe(before.allCases + 1);
    expect(done.records).toHaveLength(1);
    expect(done.records[0]?.caseId).toBe(done.cases[0]?.id);
    expect(claimResponseOf(again.body)['id']).toBe(done.records[0]?.id);
  });

  it('a case recorded without its PAS record gets it on resubmission, and no second case', async () => {
    const db = t.app.ctx.db;
    const first = await submit(request('orphan'));
    expect(first.status).toBe(200);
    const recorded = await state('urn:test:atomic|orphan');
    expect(recorded.cases).toHaveLength(1);
    const caseId = recorded.cases[0]?.id ?? '';
    // The state a crash between the two writes used to leave: the case, without its PAS record.
    for (const r of recorded.records) {
      await db.delete(S.fhirPasItems).where(and(eq(S.fhirPasItems.tenantId, tenant.tenantId), eq(S.fhirPasItems.requestId, r.id)));
      await db.delete(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.id, r.id)));
    }
    const again = await submit(request('orphan'));
    expect(again.status).toBe(200);
    expect(reviewActions(claimResponseOf(again.body))).toEqual({ 1: 'A4', 2: 'A4' });
    const recovered = await state('urn:test:atomic|orphan');
    expect(recovered.allCases).toBe(recorded.allCases);
    expect(recovered.records).toHaveLength(1);
    expect(recovered.records[0]?.caseId).toBe(caseId);
    const items = await db.select().from(S.fhirPasItems).where(and(eq(S.fhirPasItems.tenantId, tenant.tenantId), eq(S.fhirPasItems.requestId, recovered.records[0]?.id ?? '')));
    expect(items.map((i) => [i.sequence, i.state, i.caseId])).toEqual([[1, 'line', caseId], [2, 'line', caseId]]);
    // From now on it is an ordinary resubmission: the stored answer, verbatim.
    expect(await submit(request('orphan'))).toEqual({ status: 200, body: recovered.records[0]?.responseBundle });
  });
});
