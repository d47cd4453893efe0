/**
 * Every authenticated FHIR, CRD and DTR call is audited (`auditCalls` in src/interop/fhir/http/plugin.ts):
 * one hash-chained audit event per call, by the machine client, naming the record and case by
 * identifier, the route and the HTTP status — refusals (403, 422) included — and never clinical content
 * (names, codes, answers). Unauthenticated calls have no tenant to be audited in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildPasTenant, fixture, loadCoverageRules, type PasTenant } from './support/fhir-builders';
import { smartToken } from './support/fhir-clients';
import { obj } from './support/fhir-subscriber';
import { verifyAudit } from '../src/audit/store';
import * as S from '../src/platform/db/schema';

let t: TestApp;
let tenant: PasTenant;
let token: string;

beforeAll(async () => {
  t = await testApp();
  tenant = await buildPasTenant(t.app.ctx.db);
  await loadCoverageRules(t.app.ctx.db, tenant, t.clock.now());
  token = await smartToken(t, tenant.smart);
}, 120_000);
afterAll(async () => t.close());

async function call(method: 'GET' | 'POST', url: string, body?: unknown, bearer: string | null = token) {
  const r = await t.app.inject({
    method,
    url,
    headers: { ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }), ...(body === undefined ? {} : { 'content-type': url.startsWith('/cds-services') ? 'application/json' : 'application/fhir+json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: r.statusCode, body: obj(r.json()) };
}

/** The tenant's audit events of an action. */
async function eventsOf(action: string) {
  return t.app.ctx.db.select().from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, tenant.tenantId), eq(S.auditEvents.action, action)));
}

/** The FHIR, CRD and DTR audit events carry no clinical content, and the audit trail verifies. */
async function expectNoClinicalContent(): Promise<void> {
  const events = await t.app.ctx.db.select().from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, tenant.tenantId), sql`(${S.auditEvents.action} like 'fhir.%' or ${S.auditEvents.action} like 'crd.%' or ${S.auditEvents.action} like 'dtr.%')`));
  expect(events.length).toBeGreaterThan(0);
  const text = JSON.stringify(events.map((e) => [e.recordId, e.details]));
  // The patient's name, the procedure and order codes of the requests, the CRD patients' names.
  for (const clinical of ['SMITH', 'JOE', 'G0154', 'B4184', '99212', 'E0431', '77065', 'Baxter', 'Shaw']) expect([clinical, text.includes(clinical)]).toEqual([clinical, false]);
  expect((await verifyAudit(t.app.ctx.db)).ok).toBe(true);
}

describe('audit of FHIR, CRD and DTR calls', () => {
  it('records each call by the client, with the record, the case, the route and the status', async () => {
    const db = t.app.ctx.db;
    const clientId = tenant.smart.clientId;

    const submitted = await call('POST', '/fhir/Claim/$submit', fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json'));
    expect(submitted.status).toBe(200);
    const [request] = await db.select().from(S.fhirPasRequests).where(eq(S.fhirPasRequests.tenantId, tenant.tenantId));
    const [submit] = await eventsOf('fhir.claim.submit');
    expect(submit).toMatchObject({ actorType: 'client', actorId: clientId, actorRole: 'client', recordType: 'pas-request', recordId: request?.id, caseId: request?.caseId });
    expect(submit?.details).toMatchObject({ method: 'POST', route: '/fhir/Claim/$submit', status: 200, pasVersion: '2.2.1', created: true, lines: 2 });

    expect((await call('POST', '/fhir/Claim/$inquire', fixture('pas-ig-2.2.1/Bundle-PASClaimInquiryBundleExample.json'))).status).toBe(200);
    const [inquire] = await eventsOf('fhir.claim.inquire');
    expect(inquire).toMatchObject({ actorId: clientId, recordType: 'pas-inquiry', recordId: tenant.pasMemberId, caseId: request?.caseId });
    expect(inquire?.details).toMatchObject({ matches: 1, requests: [request?.id], status: 200 });

    expect((await call('GET', `/fhir/ClaimResponse/${request?.id ?? ''}`)).status).toBe(200);
    expect((await eventsOf('fhir.claimresponse.read'))[0]).toMatchObject({ recordType: 'pas-request', recordId: request?.id, caseId: request?.caseId });

    const sub = { ...fixture('pas-testkit/PAS_Subscription_example_v221_good.json'), id: undefined, channel: { ...obj(fixture('pas-testkit/PAS_Subscription_example_v221_good.json')['channel']), endpoint: 'http://127.0.0.1:9/hook' } };
    const created = await call('POST', '/fhir/Subscription', sub);
    expect(created.status).toBe(201);
    expect((await eventsOf('fhir.subscription.create'))[0]).toMatchObject({ recordType: 'subscription', recordId: created.body['id'], details: expect.objectContaining({ filters: 1, status: 201 }) });

    expect((await call('POST', '/cds-services/openum-crd-order-sign', fixture('crd-ig-source/CRDServiceRequest.json'))).status).toBe(200);
    const [hook] = await eventsOf('crd.hook');
    expect(hook).toMatchObject({ actorId: clientId, recordType: 'cds-service', recordId: 'openum-crd-order-sign' });
    expect(hook?.details).toMatchObject({ hook: 'order-sign', orders: 2, method: 'POST', route: '/cds-services/:id', status: 200 });

    expect((await call('POST', '/fhir/Questionnaire/$questionnaire-package', fixture('dtr-ig-2.0.1/Parameters-QuestionnairePackageInputParamsExample.json'))).status).toBe(200);
    const [pkg] = await eventsOf('dtr.questionnaire_package');
    expect(pkg).toMatchObject({ actorId: clientId, recordType: 'questionnaire-package' });
    expect(pkg?.details).toMatchObject({ route: '/fhir/Questionnaire/$questionnaire-package', status: 200 });
    await expectNoClinicalContent();
  });

  it('records refusals (403 missing scope, 422 not conformant) and not unauthenticated calls', async () => {
    const readOnly = await smartToken(t, tenant.smart, 'system/ClaimResponse.read');
    const bundle = { ...fixture('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json'), identifier: { system: 'urn:test:audit', value: 'refused' } };
    expect((await call('POST', '/fhir/Claim/$submit', bundle, readOnly)).status).toBe(403);
    expect((await call('POST', '/fhir/Claim/$submit', fixture('pas-testkit/nonconformant_pas_bundle_v110.json'))).status).toBe(422);
    expect((await call('POST', '/cds-services/openum-crd-order-sign', fixture('crd-ig-source/CRDServiceRequest.json'), readOnly)).status).toBe(403);
    expect((await call('POST', '/fhir/Claim/$submit', bundle, null)).status).toBe(401);
    const refused = (await eventsOf('fhir.post')).map((e) => [e.actorId, e.recordType, e.recordId, obj(e.details)['status']]);
    expect(refused).toEqual(expect.arrayContaining([
      [tenant.smart.clientId, 'fhir-endpoint', '/fhir/Claim/$submit', 403],
      [tenant.smart.clientId, 'fhir-endpoint', '/fhir/Claim/$submit', 422],
      [tenant.smart.clientId, 'fhir-endpoint', '/cds-services/:id', 403],
    ]));
    const calls = (await t.app.ctx.db.select().from(S.auditEvents).where(eq(S.auditEvents.tenantId, tenant.tenantId))).map((e) => obj(e.details)).filter((d) => 'route' in d);
    expect(calls.map((d) => d['status'])).toContain(403);
    expect(calls.map((d) => d['status'])).not.toContain(401);
    await expectNoClinicalContent();
  });
});
