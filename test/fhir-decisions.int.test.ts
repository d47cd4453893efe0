/**
 * What a person decides, as the EHR hears it: a PAS request with three items (one that cannot be
 * reviewed, so the answer is `partial`) is pended for information by a nurse — the subscriber is told,
 * with the reviewer's question — then a medical director approves fewer units on item 1 (A2, the
 * authorized quantity) and another code on item 2 (A6, the authorized version in `addItem`). Every
 * notification is delivered by the notification job (pg-boss), and the notification and `$inquire`
 * answers are checked against the PAS response profiles with the project's validator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildPasTenant, fixture, type PasTenant } from './support/fhir-builders';
import { smartToken } from './support/fhir-clients';
import { claimResponseOf, focusBundle, list, obj, reviewActions, startSubscriber, statusParams, type Subscriber } from './support/fhir-subscriber';
import { NOTIFICATION_JOB, fhirJobs } from '../src/interop/fhir/jobs';
import { createJobRunner, type JobRunner } from '../src/platform/jobs';
import { createValidator, validatePasBundle, type FhirValidator } from '../src/interop/fhir/validation';
import * as S from '../src/platform/db/schema';

type J = Record<string, unknown>;

let t: TestApp;
let v: FhirValidator;
let tenant: PasTenant;
let token: string;
let hooks: Subscriber;
let runner: JobRunner;

const PAS_EXT = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';
const errorsOf = (b: unknown, kind: 'response' | 'inquiry-response') => validatePasBundle(v, b, kind).issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.expression}: ${i.diagnostics}`);

async function fhirCall(method: 'GET' | 'POST', url: string, body?: unknown) {
  const r = await t.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/fhir+json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  return { status: r.statusCode, body: obj(r.json()) };
}

/** One run of the notification job, as production delivers (the job posts with fetch). */
async function runNotificationJob(): Promise<number> {
  await runner.trigger(NOTIFICATION_JOB);
  return runner.drain(NOTIFICATION_JOB);
}

/**
 * The IG's home-care request (G0154 home health visits, B4184 parenteral nutrition) with ten visits
 * asked for on item 1, and a third item that names only an X12 service type (the IG's referral item),
 * which OpenUM cannot review (AAA AG): the answer is `partial`.
 */
function threeItemRequest(): J {
  const b = fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json');
  const entries = list(b['entry']);
  const claim = obj(entries[0]?.['resource']);
  const items = list(claim['item']);
  const referral = obj(list(obj(list(fixture('pas-ig-2.2.1/Bundle-ReferralAuthorizationBundleExample.json')['entry'])[0]?.['resource'])['item'])[0]);
  const serviceTypeOnly: J = { ...items[0], sequence: 3, category: referral['category'], productOrService: referral['productOrService'] };
  const newClaim: J = { ...claim, item: [{ ...items[0], quantity: { value: 10 } }, items[1], serviceTypeOnly] };
  return { ...b, identifier: { system: 'urn:test:decisions', value: 'three-items' }, entry: [{ ...entries[0], resource: newClaim }, ...entries.slice(1)] };
}

beforeAll(async () => {
  [t, v, hooks] = await Promise.all([testApp(), createValidator(), startSubscriber()]);
  tenant = await buildPasTenant(t.app.ctx.db);
  token = await smartToken(t, tenant.smart);
  runner = createJobRunner(t.app.ctx, fhirJobs(t.app.ctx), { work: false, schedule: false, supervise: false });
  await runner.start();
}, 120_000);
afterAll(async () => {
  await runner.stop();
  await hooks.close();
  await t.close();
});

describe('a pended request, pended for information, then decided with fewer units and another code', () => {
  it('notifies the pend and the decision through the job, with A2, A6 in addItem and outcome partial', async () => {
    const db = t.app.ctx.db;
    // The PAS test kit's subscription (org-identifier = the requester's NPI 8189991234).
    const sub: J = { ...fixture('pas-testkit/PAS_Subscription_example_v221_good.json'), channel: { ...obj(fixture('pas-testkit/PAS_Subscription_example_v221_good.json')['channel']), endpoint: `${hooks.url}/hook` } };
    delete sub['id'];
    expect((await fhirCall('POST', '/fhir/Subscription', sub)).status).toBe(201);
    // The job was enqueued at start: the handshake goes out on the first run.
    expect(await runner.drain(NOTIFICATION_JOB)).toBe(1);
    expect(hooks.received.map((r) => statusParams(r.body).get('type'))).toEqual(['handshake']);
    hooks.received.length = 0;

    // Submit: items 1 and 2 pended, item 3 a business error; the answer is partial.
    const sync = await fhirCall('POST', '/fhir/Claim/$submit', threeItemRequest());
    expect(sync.status).toBe(200);
    expect(errorsOf(sync.body, 'response')).toEqual([]);
    const cr = claimResponseOf(sync.body);
    expect(cr['outcome']).toBe('partial');
    expect(reviewActions(cr)).toEqual({ 1: 'A4', 2: 'A4' });
    const syncError = list(cr['error']);
    expect(syncError).toHaveLength(1);
    expect(syncError[0]).toMatchObject({ itemSequence: 3, code: { coding: [{ system: 'https://codesystem.x12.org/005010/901', code: 'AG' }] } });

    const [row] = await db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.bundleKey, 'urn:test:decisions|three-items')));
    const caseId = row?.caseId ?? '';
    const nurse = await t.login(tenant.usernames.nurse);
    const view = obj((await t.call('GET', `/api/cases/${caseId}`, nurse)).json());
    const lines = list(view['lines']);
    expect(lines.map((l) => [l['code'], l['units']])).toEqual([['G0154', 10], ['B4184', 1]]);

    // A nurse pends the case for information: the subscriber hears it, with the question (items stay A4).
    const question = 'Please send the home health plan of care signed by the physician.';
    expect((await t.call('POST', `/api/cases/${caseId}/pend`, nurse, { message: question })).statusCode).toBe(200);
    expect(await runNotificationJob()).toBe(1);
    expect(hooks.received).toHaveLength(1);
    const pendNote = hooks.received[0]?.body ?? {};
    expect(statusParams(pendNote).get('type')).toBe('event-notification');
    expect(statusParams(pendNote).get('events-since-subscription-start')).toBe('1');
    const pendBundle = focusBundle(pendNote);
    expect(errorsOf(pendBundle, 'response')).toEqual([]);
    const pended = claimResponseOf(pendBundle);
    expect(pended['id']).toBe(cr['id']);
    expect(reviewActions(pended)).toEqual({ 1: 'A4', 2: 'A4' });
    expect(list(pended['processNote']).map((n) => n['text'])).toContain(`Item 1: pended; the reviewer asks for more information: ${question}`);
    expect(pended['outcome']).toBe('partial');
    hooks.received.length = 0;

    // A medical director approves 6 of the 10 visits, and B4185 instead of B4184.
    const md = await t.login(tenant.usernames.medical_director);
    const decided = await t.call('POST', `/api/cases/${caseId}/decision`, md, {
      lines: [
        { lineId: lines[0]?.['id'], outcome: 'approved_modified', approvedUnits: 6 },
        { lineId: lines[1]?.['id'], outcome: 'approved_modified', approvedCode: 'B4185' },
      ],
      category: 'medical_necessity',
      reasonCode: 'MN-FREQ',
      reason: 'Six visits meet the plan of care; the lipid-free formula B4185 is the one indicated.',
      basis: { coverageRule: { rule: 'Home health visits and parenteral nutrition as the plan of care supports', reference: 'Evidence of Coverage, chapter 4, home health agency care' } },
    });
    expect(decided.statusCode).toBe(200);
    expect(await runNotificationJob()).toBe(1);
    expect(hooks.received).toHaveLength(1);
    const finalNote = hooks.received[0]?.body ?? {};
    expect(statusParams(finalNote).get('events-since-subscription-start')).toBe('2');
    const final = focusBundle(finalNote);
    expect(errorsOf(final, 'response')).toEqual([]);
    const answer = claimResponseOf(final);
    checkDecided(answer);
    const stored = await db.select().from(S.fhirNotifications).where(and(eq(S.fhirNotifications.tenantId, tenant.tenantId), eq(S.fhirNotifications.type, 'event-notification')));
    expect(stored.map((n) => [n.eventNumber, n.status, n.attempts]).sort()).toEqual([[1, 'delivered', 1], [2, 'delivered', 1]]);

    // $inquire with the IG's inquiry example answers the same from stored state.
    const inquiry = await fhirCall('POST', '/fhir/Claim/$inquire', fixture('pas-ig-2.2.1/Bundle-PASClaimInquiryBundleExample.json'));
    expect(inquiry.status).toBe(200);
    const returned = list(inquiry.body['parameter']);
    expect(returned).toHaveLength(1);
    const inquiryBundle = obj(returned[0]?.['resource']);
    expect(errorsOf(inquiryBundle, 'inquiry-response')).toEqual([]);
    checkDecided(claimResponseOf(inquiryBundle));
  });
});

/** Item 1 A2 with 6 authorized, item 2 A6 with B4185 in addItem (A1 there), item 3's error kept: partial. */
function checkDecided(answer: J): void {
  expect(answer['outcome']).toBe('partial');
  expect(reviewActions(answer)).toEqual({ 1: 'A2', 2: 'A6' });
  const [item1, item2] = list(answer['item']);
  const detail = list(item1?.['extension']).find((e) => e['url'] === `${PAS_EXT}extension-itemAuthorizedDetail`);
  expect(list(detail?.['extension'])).toEqual([{ url: 'quantity', valueQuantity: { value: 6 } }]);
  expect(JSON.stringify(item2)).not.toContain('itemAuthorizedDetail');
  const added = list(answer['addItem']);
  expect(added).toHaveLength(1);
  expect(added[0]?.['itemSequence']).toEqual([2]);
  expect(list(obj(added[0]?.['productOrService'])['coding']).map((c) => c['code'])).toEqual(['B4185']);
  expect(reviewActions({ item: [{ itemSequence: 2, adjudication: added[0]?.['adjudication'] }] })).toEqual({ 2: 'A1' });
  const action = list(list(added[0]?.['adjudication'])[0]?.['extension'])[0];
  expect(list(action?.['extension']).find((e) => e['url'] === 'number')?.['valueString']).toMatch(/^PA-/);
  const errors = list(answer['error']);
  expect(errors.map((e) => [e['itemSequence'], list(obj(e['code'])['coding'])[0]?.['code']])).toEqual([[3, 'AG']]);
  const notes = list(answer['processNote']).map((n) => String(n['text']));
  expect(notes.some((n) => n.startsWith('Item 1: certified - partial') && n.includes('Six visits meet the plan of care'))).toBe(true);
  expect(notes.some((n) => n.startsWith('Item 2: modified'))).toBe(true);
}
