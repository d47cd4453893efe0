/**
 * The pended round trip: a PAS Subscription (R4 Backport rest-hook), a $submit answered A4, a medical
 * director's decision through the workbench API, and the subscriber — a small HTTP server — receiving
 * the notification with the final PAS Response Bundle; retries with backoff, event numbers, and a
 * restart that loses nothing.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'fhir-kit-client';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { smartToken } from './support/fhir-clients';
import { buildPasTenant, fixture, type PasTenant } from './support/fhir-builders';
import { buildApp } from '../src/platform/http/app';
import { deliverDueNotifications } from '../src/interop/fhir';
import { createValidator, validatePasBundle, type FhirValidator } from '../src/interop/fhir/validation';
import * as S from '../src/platform/db/schema';

type J = Record<string, unknown>;
const obj = (v: unknown): J => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {});
const list = (v: unknown): J[] => (Array.isArray(v) ? v.map(obj) : []);

let t: TestApp;
let tenant: PasTenant;
let v: FhirValidator;
let fhir: Client;
let token: string;
let subscriber: Server;
let hookUrl: string;
const received: J[] = [];
let failNext = 0;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve(a !== null && typeof a !== 'string' ? a.port : 0);
  }));
}

beforeAll(async () => {
  [t, v] = await Promise.all([testApp(), createValidator()]);
  tenant = await buildPasTenant(t.app.ctx.db);
  token = await smartToken(t, tenant.smart);
  subscriber = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end();
        return;
      }
      received.push({ headers: obj(req.headers), body: obj(JSON.parse(body)) });
      res.writeHead(200).end();
    });
  });
  hookUrl = `http://127.0.0.1:${await listen(subscriber)}/hook`;
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const a = t.app.server.address();
  if (a === null || typeof a === 'string') throw new Error('not listening');
  fhir = new Client({ baseUrl: `http://127.0.0.1:${a.port}/fhir`, bearerToken: token });
}, 120_000);
afterAll(async () => {
  await new Promise<void>((r) => subscriber.close(() => r()));
  await t.close();
});

const statusParams = (bundle: J): Map<string, unknown> => {
  const params = list(obj(list(bundle['entry'])[0]?.['resource'])['parameter']);
  return new Map(params.map((p) => [String(p['name']), p['valueCode'] ?? p['valueString'] ?? p['part']]));
};

let subscriptionId = '';

describe('PAS subscription, pended request and the final notification', () => {
  it('creates a rest-hook subscription and sends the handshake', async () => {
    // The PAS test kit's subscription filters on the requester's identifier (org-identifier=8189991234).
    const example = fixture('pas-testkit/PAS_Subscription_example_v221_good.json');
    const sub: J = { ...example, channel: { ...obj(example['channel']), endpoint: hookUrl, header: ['Authorization: Bearer subscriber-secret'] } };
    delete sub['id'];
    const created = obj(await fhir.create({ resourceType: 'Subscription', body: { resourceType: 'Subscription', ...sub } }));
    expect(created).toMatchObject({ resourceType: 'Subscription', status: 'active', criteria: 'http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic' });
    subscriptionId = String(created['id']);
    expect(await deliverDueNotifications(t.app.ctx.db, t.clock.now())).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const hs = received.shift();
    expect(obj(hs?.['headers'])['authorization']).toBe('Bearer subscriber-secret');
    expect(statusParams(obj(hs?.['body'])).get('type')).toBe('handshake');
  });

  it('refuses a filter on another organisation\'s identifier, and a channel that is not a rest-hook', async () => {
    const base = fixture('pas-ig-2.2.1/Subscription-PASSubscriptionExample.json');
    const foreign = { ...base, _criteria: { extension: [{ url: 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-filter-criteria', valueString: 'org-identifier=9999999991' }] } };
    const r = await t.call('POST', '/fhir/Subscription', token, foreign);
    expect(r.statusCode).toBe(403);
    expect(r.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', expression: ['Subscription.criteria.extension'], diagnostics: "9999999991 is not an identifier of the caller's organisation (PAS spec-59)" }] });
    const email = { ...base, channel: { ...obj(base['channel']), type: 'email' } };
    const e = await t.call('POST', '/fhir/Subscription', token, email);
    expect([400, 422]).toContain(e.statusCode);
    expect(JSON.stringify(e.json())).toContain('Subscription.channel.type');
  });

  let caseId = '';
  it('answers the request A4, then notifies the subscriber of the reviewer\'s decision with the full bundle', async () => {
    const req = fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json');
    const sync = obj(await fhir.operation({ name: '$submit', resourceType: 'Claim', input: { resourceType: 'Bundle', ...req } }));
    expect(JSON.stringify(sync)).toContain('"A4"');
    const [row] = await t.app.ctx.db.select().from(S.fhirPasRequests).where(eq(S.fhirPasRequests.tenantId, tenant.tenantId));
    caseId = row?.caseId ?? '';
    const md = await t.login(tenant.usernames.medical_director);
    const view = (await t.call('GET', `/api/cases/${caseId}`, md)).json();
    const lines = list(obj(view)['lines']);
    expect(lines).toHaveLength(2);
    const decided = await t.call('POST', `/api/cases/${caseId}/decision`, md, {
      lines: [{ lineId: lines[0]?.['id'], outcome: 'approved' }, { lineId: lines[1]?.['id'], outcome: 'denied' }],
      category: 'medical_necessity',
      reasonCode: 'MN-CRIT',
      reason: 'The documentation does not show the parenteral nutrition is medically necessary at home.',
      basis: { coverageRule: { rule: 'Parenteral nutrition policy', reference: 'LCD L38953' } },
    });
    expect(decided.statusCode).toBe(200);
    expect(await deliverDueNotifications(t.app.ctx.db, t.clock.now())).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const n = obj(received.shift()?.['body']);
    expect(n['type']).toBe('history');
    const params = statusParams(n);
    expect(params.get('type')).toBe('event-notification');
    expect(params.get('events-since-subscription-start')).toBe('1');
    const final = obj(list(n['entry'])[1]?.['resource']);
    expect(validatePasBundle(v, final, 'response').issues.filter((i) => i.severity === 'error')).toEqual([]);
    const cr = obj(list(final['entry'])[0]?.['resource']);
    const text = JSON.stringify(cr);
    expect(text).toContain('"A1"');
    expect(text).toContain('"A3"');
    expect(text).toContain('The documentation does not show the parenteral nutrition is medically necessary at home.');
    expect(cr['outcome']).toBe('complete');
    expect(list(cr['item']).map((i) => i['itemSequence'])).toEqual([1, 2]);
  });

  it('retries a failed delivery with backoff, in event-number order', async () => {
    const md = await t.login(tenant.usernames.medical_director);
    const req = { ...fixture('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json') };
    await fhir.operation({ name: '$submit', resourceType: 'Claim', input: { resourceType: 'Bundle', ...req } });
    const [row] = await t.app.ctx.db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.bundleKey, 'http://example.org/SUBMITTER_TRANSACTION_IDENTIFIER|5269367')));
    expect((await t.call('POST', `/api/cases/${row?.caseId ?? ''}/decision`, md, { outcome: 'approved' })).statusCode).toBe(200);
    failNext = 1;
    expect(await deliverDueNotifications(t.app.ctx.db, t.clock.now())).toEqual({ delivered: 0, retried: 1, failed: 0 });
    expect(await deliverDueNotifications(t.app.ctx.db, t.clock.now())).toEqual({ delivered: 0, retried: 0, failed: 0 });
    t.clock.advance(30_000);
    expect(await deliverDueNotifications(t.app.ctx.db, t.clock.now())).toEqual({ delivered: 1, retried: 0, failed: 0 });
    const n = obj(received.shift()?.['body']);
    expect(statusParams(n).get('events-since-subscription-start')).toBe('2');
    const [stored] = await t.app.ctx.db.select().from(S.fhirNotifications).where(and(eq(S.fhirNotifications.tenantId, tenant.tenantId), eq(S.fhirNotifications.eventNumber, 2)));
    expect(stored).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200 });
  });

  it('loses no notification across a restart', async () => {
    const md = await t.login(tenant.usernames.medical_director);
    const req = { ...fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json'), identifier: { system: 'urn:test', value: 'restart-1' } };
    await fhir.operation({ name: '$submit', resourceType: 'Claim', input: { resourceType: 'Bundle', ...req } });
    const [row] = await t.app.ctx.db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.bundleKey, 'urn:test|restart-1')));
    expect((await t.call('POST', `/api/cases/${row?.caseId ?? ''}/decision`, md, { outcome: 'approved' })).statusCode).toBe(200);
    // Another process (a restart, or a second node) delivers what this one queued.
    const again = await buildApp({ ...t.tdb.config, demo: false }, { database: t.tdb.database, clock: t.clock, skipMigrations: true });
    try {
      expect(await deliverDueNotifications(again.ctx.db, t.clock.now())).toEqual({ delivered: 1, retried: 0, failed: 0 });
      expect(statusParams(obj(received.shift()?.['body'])).get('events-since-subscription-start')).toBe('3');
      const status = await again.inject({ method: 'GET', url: `/fhir/Subscription/${subscriptionId}/$status`, headers: { authorization: `Bearer ${token}` } });
      expect(status.statusCode).toBe(200);
      expect(JSON.stringify(status.json())).toContain('"valueString":"3"');
      const del = await again.inject({ method: 'DELETE', url: `/fhir/Subscription/${subscriptionId}`, headers: { authorization: `Bearer ${token}` } });
      expect(del.statusCode).toBe(204);
      expect((await again.inject({ method: 'GET', url: `/fhir/Subscription/${subscriptionId}`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(404);
    } finally {
      await again.close();
    }
  });
});
