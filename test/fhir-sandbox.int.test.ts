/**
 * Sandbox tenants (the demo tenant is one): an integrator with the demo client `demo-ehr` sends the
 * PAS IG's own example for a member the tenant does not know — the member, coverage and requester are
 * registered from the bundle — subscribes with the requester's identifier (and its own organisation's
 * NPI), and receives, through the notification job, the final answer once a medical director decides
 * in the workbench API. A tenant that is not a sandbox answers the same situation with the IG's error
 * shape (AAA 75) and registers nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { nextNpi } from './support/builders';
import { PAS_EXAMPLE, buildPasTenant, fixture } from './support/fhir-builders';
import { smartToken } from './support/fhir-clients';
import { claimResponseOf, focusBundle, list, obj, reviewActions, startSubscriber, statusParams, type Subscriber } from './support/fhir-subscriber';
import { DEMO_CLIENT, DEMO_PASSWORD } from '../src/demo/generate';
import { NOTIFICATION_JOB, fhirJobs } from '../src/interop/fhir/jobs';
import { createJobRunner, type JobRunner } from '../src/platform/jobs';
import { createValidator, validatePasBundle, type FhirValidator } from '../src/interop/fhir/validation';
import * as S from '../src/platform/db/schema';

type J = Record<string, unknown>;

let t: TestApp;
let v: FhirValidator;
let hooks: Subscriber;
let runner: JobRunner;
let demoTenantId: string;
let northsideNpi: string;
let token: string;

const errorsOf = (b: unknown) => validatePasBundle(v, b, 'response').issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.expression}: ${i.diagnostics}`);
const swap = (b: J, from: string, to: string): J => obj(JSON.parse(JSON.stringify(b).replaceAll(from, to)));

async function fhirCall(method: 'GET' | 'POST', url: string, bearer: string, body?: unknown) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  return { status: r.statusCode, body: obj(r.json()) };
}

function subscription(filter: string, path: string): J {
  const example = fixture('pas-testkit/PAS_Subscription_example_v221_good.json');
  const sub: J = { ...example, _criteria: { extension: [{ url: 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-filter-criteria', valueString: `org-identifier=${filter}` }] }, channel: { ...obj(example['channel']), endpoint: `${hooks.url}${path}` } };
  delete sub['id'];
  return sub;
}

/** Delivers due notifications the way production does: one run of the notification job. */
async function runNotificationJob(): Promise<number> {
  await runner.trigger(NOTIFICATION_JOB);
  return runner.drain(NOTIFICATION_JOB);
}

beforeAll(async () => {
  [t, v, hooks] = await Promise.all([testApp({ demo: true }), createValidator(), startSubscriber()]);
  const db = t.app.ctx.db;
  const [demo] = await db.select().from(S.tenants).where(eq(S.tenants.slug, 'demo'));
  if (demo === undefined || !demo.sandbox) throw new Error('the demo tenant is missing or not a sandbox');
  demoTenantId = demo.id;
  const [northside] = await db.select().from(S.organisations).where(and(eq(S.organisations.tenantId, demo.id), eq(S.organisations.name, 'Northside Family Medicine')));
  northsideNpi = northside?.npi ?? '';
  // The demo client's own grant (client secret), as an integrator on the demo uses it.
  const r = await t.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.secret}` });
  token = String(obj(r.json())['access_token']);
  runner = createJobRunner(t.app.ctx, fhirJobs(t.app.ctx), { work: false, schedule: false, supervise: false });
  await runner.start();
}, 180_000);
afterAll(async () => {
  await runner.stop();
  await hooks.close();
  await t.close();
});

describe('the sandbox journey on the demo tenant (demo-ehr)', () => {
  it('registers the IG example\'s unknown member and requester, pends a PA-list service, and notifies both subscriptions of the decision', async () => {
    const db = t.app.ctx.db;
    const known = await db.select().from(S.members).where(and(eq(S.members.tenantId, demoTenantId), eq(S.members.memberNumber, PAS_EXAMPLE.memberNumber)));
    expect(known).toEqual([]);

    // 1. The IG's own request example, unchanged: accepted, and answered at once — no rule of the demo's
    // PA list was in force on its date of service (2005), so no authorization is required (NA).
    const req = fixture('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json');
    const sync = await fhirCall('POST', '/fhir/Claim/$submit', token, req);
    expect(sync.status).toBe(200);
    expect(errorsOf(sync.body)).toEqual([]);
    expect(claimResponseOf(sync.body)).toMatchObject({ outcome: 'complete' });
    expect(claimResponseOf(sync.body)['error']).toBeUndefined();
    expect(reviewActions(claimResponseOf(sync.body))).toEqual({ 1: 'NA' });

    // The member, coverage and requester now exist; the requester belongs to the client's organisation.
    const [member] = await db.select().from(S.members).where(and(eq(S.members.tenantId, demoTenantId), eq(S.members.memberNumber, PAS_EXAMPLE.memberNumber)));
    expect(member).toMatchObject({ firstName: 'JOE', lastName: 'SMITH' });
    expect(await db.select().from(S.coverages).where(and(eq(S.coverages.tenantId, demoTenantId), eq(S.coverages.memberId, member?.id ?? '')))).toHaveLength(1);
    const [requester] = await db.select().from(S.providers).where(and(eq(S.providers.tenantId, demoTenantId), eq(S.providers.npi, PAS_EXAMPLE.requesterNpi)));
    const [client] = await db.select().from(S.clients).where(and(eq(S.clients.tenantId, demoTenantId), eq(S.clients.clientId, DEMO_CLIENT.clientId)));
    expect(requester?.providerOrgId).toBe(client?.providerOrgId);

    // 2. Subscriptions with the IG requester's identifier and with the client's own organisation NPI.
    for (const [filter, path] of [[PAS_EXAMPLE.requesterNpi, '/requester'], [northsideNpi, '/own-npi']] as const) {
      const created = await fhirCall('POST', '/fhir/Subscription', token, subscription(filter, path));
      expect([filter, created.status]).toEqual([filter, 201]);
      expect(created.body['status']).toBe('active');
    }
    expect(await runNotificationJob()).toBe(1);
    expect(hooks.received.map((r) => [r.path, statusParams(r.body).get('type')]).sort()).toEqual([['/own-npi', 'handshake'], ['/requester', 'handshake']]);
    hooks.received.length = 0;

    // 3. The same example for a service on the PA list (outpatient cardiac rehabilitation, 93797) next
    // month — what an integrator's own example looks like — is pended for review.
    const pa = { ...swap(swap(req, '"code":"99212","display":"Established Office Visit"', '"code":"93797"'), '"servicedDate":"2005-05-10"', '"servicedDate":"2026-12-01"'), identifier: { system: 'urn:test:sandbox', value: 'cardiac-rehab-1' } };
    const pended = await fhirCall('POST', '/fhir/Claim/$submit', token, pa);
    expect(errorsOf(pended.body)).toEqual([]);
    const cr = claimResponseOf(pended.body);
    expect(cr['outcome']).toBe('complete');
    expect(reviewActions(cr)).toEqual({ 1: 'A4' });

    // 3. A medical director decides in the workbench API.
    const [row] = await db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, demoTenantId), eq(S.fhirPasRequests.bundleKey, 'urn:test:sandbox|cardiac-rehab-1')));
    expect(row?.orgIdentifiers).toEqual(expect.arrayContaining([PAS_EXAMPLE.requesterNpi, northsideNpi]));
    const md = await t.login('md', DEMO_PASSWORD);
    const decided = await t.call('POST', `/api/cases/${row?.caseId ?? ''}/decision`, md, { outcome: 'approved' });
    expect(decided.statusCode).toBe(200);

    // 4. The notification job delivers the final answer to each subscription.
    expect(await runNotificationJob()).toBe(1);
    expect(hooks.received.map((r) => r.path).sort()).toEqual(['/own-npi', '/requester']);
    for (const n of hooks.received) {
      expect(statusParams(n.body).get('type')).toBe('event-notification');
      const final = focusBundle(n.body);
      expect(errorsOf(final)).toEqual([]);
      const answer = claimResponseOf(final);
      expect(answer['id']).toBe(cr['id']);
      expect(reviewActions(answer)).toEqual({ 1: 'A1' });
      expect(typeof answer['preAuthRef']).toBe('string');
    }
    const stored = await db.select().from(S.fhirNotifications).where(and(eq(S.fhirNotifications.tenantId, demoTenantId), eq(S.fhirNotifications.type, 'event-notification')));
    expect(stored.map((s) => s.status)).toEqual(['delivered', 'delivered']);
  });

  it('lets a client subscribe first to a requester NPI nobody carries yet, but never to another organisation\'s provider', async () => {
    const fresh = nextNpi();
    const first = await fhirCall('POST', '/fhir/Subscription', token, subscription(fresh, '/fresh'));
    expect(first.status).toBe(201);
    const [other] = await t.app.ctx.db.select({ npi: S.providers.npi, org: S.providers.providerOrgId }).from(S.providers).innerJoin(S.organisations, and(eq(S.organisations.tenantId, S.providers.tenantId), eq(S.organisations.id, S.providers.providerOrgId))).where(and(eq(S.providers.tenantId, demoTenantId), eq(S.organisations.name, 'Lakeside Orthopedics'))).limit(1);
    const refused = await fhirCall('POST', '/fhir/Subscription', token, subscription(other?.npi ?? '', '/other'));
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', expression: ['Subscription.criteria.extension'] }] });
  });
});

describe('a tenant that is not a sandbox', () => {
  it('answers a member it does not know with the IG\'s error shape (AAA 75) and registers nothing', async () => {
    const db = t.app.ctx.db;
    const tenant = await buildPasTenant(db);
    const bearer = await smartToken(t, tenant.smart);
    const req = { ...swap(fixture('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json'), PAS_EXAMPLE.memberNumber, '7777777777'), identifier: { system: 'urn:test', value: 'not-sandbox' } };
    const r = await fhirCall('POST', '/fhir/Claim/$submit', bearer, req);
    expect(r.status).toBe(200);
    expect(errorsOf(r.body)).toEqual([]);
    const cr = claimResponseOf(r.body);
    expect(cr['outcome']).toBe('error');
    expect(cr['item']).toBeUndefined();
    const [error] = list(cr['error']);
    expect(obj(error?.['code'])['coding']).toEqual([{ system: 'https://codesystem.x12.org/005010/901', code: '75' }]);
    const ext = new Map(list(error?.['extension']).map((e) => [String(e['url']).split('/').pop(), e]));
    expect(JSON.stringify(ext.get('extension-errorElement'))).toContain('2010C-NM109');
    expect(ext.get('extension-errorPath')?.['valueString']).toBe('Bundle.entry[3].resource.subscriberId');
    expect(JSON.stringify(ext.get('extension-errorFollowupAction'))).toContain('"code":"C"');
    expect(await db.select().from(S.members).where(and(eq(S.members.tenantId, tenant.tenantId), eq(S.members.memberNumber, '7777777777')))).toEqual([]);
    expect(await db.select().from(S.cases).where(eq(S.cases.tenantId, tenant.tenantId)).then((c) => c.filter((x) => x.channel === 'fhir'))).toEqual([]);
  });
});
