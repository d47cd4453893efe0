/**
 * Da Vinci PAS through the real HTTP endpoint with a real FHIR client (fhir-kit-client): every request
 * example of the corpus and of the PAS 2.2.1 / 2.0.1 packages sent to Claim/$submit and answered with a
 * response that validates against the PAS Response Bundle profile; resubmission, identifier conflicts,
 * business errors, non-conformant bundles and the CapabilityStatement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'fhir-kit-client';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { registerSmartClient, smartToken } from './support/fhir-clients';
import { nextNpi } from './support/builders';
import { buildPasTenant, fixture, type PasTenant } from './support/fhir-builders';
import { createValidator, readPackage, DEFAULT_PACKAGE_FILES, validatePasBundle, type FhirValidator } from '../src/interop/fhir/validation';
import * as S from '../src/platform/db/schema';

let t: TestApp;
let tenant: PasTenant;
let v: FhirValidator;
let fhir: Client;
let base: string;
let token: string;

beforeAll(async () => {
  [t, v] = await Promise.all([testApp(), createValidator()]);
  tenant = await buildPasTenant(t.app.ctx.db);
  token = await smartToken(t, tenant.smart);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('not listening');
  base = `http://127.0.0.1:${addr.port}/fhir`;
  fhir = new Client({ baseUrl: base, bearerToken: token });
}, 120_000);
afterAll(async () => t.close());

type J = Record<string, unknown>;
const entries = (b: unknown): J[] => (typeof b === 'object' && b !== null && 'entry' in b && Array.isArray(b.entry) ? b.entry : []);
const claimResponse = (b: unknown): J => {
  const first = entries(b)[0];
  const r = first?.['resource'];
  if (typeof r !== 'object' || r === null) throw new Error('no first entry');
  return Object.fromEntries(Object.entries(r));
};
const actions = (b: unknown): string[] => {
  const out: string[] = [];
  JSON.stringify(claimResponse(b)['item'] ?? [], (k, x: unknown) => {
    if (k === 'code' && typeof x === 'string' && /^(A[1-6]|C|NA)$/.test(x)) out.push(x);
    return x;
  });
  return out;
};
const errorsOf = (issues: readonly { severity: string; code: string; expression: string; diagnostics: string }[]) => issues.filter((i) => i.severity === 'error').map((i) => `${i.code} ${i.expression}: ${i.diagnostics}`);

async function submit(bundle: J, client: Client = fhir): Promise<J> {
  const r: unknown = await client.operation({ name: '$submit', resourceType: 'Claim', input: { resourceType: 'Bundle', ...bundle } });
  if (typeof r !== 'object' || r === null) throw new Error('no answer');
  return Object.fromEntries(Object.entries(r));
}

/**
 * Another machine client of the same organisation: its submissions are its own (idempotency keys,
 * Claim identifiers for updates), so a test does not depend on what other tests submitted.
 */
async function freshClient(): Promise<{ client: Client; submitter: string }> {
  const smart = await registerSmartClient(t.app.ctx.db, tenant.tenantId, { providerOrgId: tenant.orgs.clinic, keys: tenant.smart.keys });
  return { client: new Client({ baseUrl: base, bearerToken: await smartToken(t, smart) }), submitter: `client:${smart.clientId}` };
}

function expectValidResponse(resp: J): void {
  const r = validatePasBundle(v, resp, 'response');
  expect(errorsOf(r.issues)).toEqual([]);
  expect(claimResponse(resp)['resourceType']).toBe('ClaimResponse');
}

describe('Claim/$submit with the PAS 2.2.1 IG request examples', () => {
  it.each([
    ['pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json', ['A4']],
    ['pas-package-2.2.1/Bundle-SurgicalRequestBundleExample.json', ['A4']],
    ['pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json', ['A4', 'A4']],
  ])('%s is pended (A4) and the answer validates', async (file, expected) => {
    const req = fixture(file);
    const resp = await submit(req);
    expectValidResponse(resp);
    expect(actions(resp)).toEqual(expected);
    const cr = claimResponse(resp);
    expect(cr['outcome']).toBe('complete');
    expect(resp['identifier']).toEqual(req['identifier']);
    // Echoed resources keep the request's fullUrl and resource.
    const reqByUrl = new Map(entries(req).map((e) => [e['fullUrl'], e['resource']]));
    for (const e of entries(resp).slice(1)) expect(e['resource']).toEqual(reqByUrl.get(e['fullUrl']));
  });
});

describe('resubmission and conflicts', () => {
  it('answers a resubmitted bundle with the original answer and creates nothing', async () => {
    const { client, submitter } = await freshClient();
    const req = fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json');
    const first = await submit(req, client);
    const count = async () => (await t.app.ctx.db.select({ id: S.cases.id }).from(S.cases).where(eq(S.cases.tenantId, tenant.tenantId))).length;
    const before = await count();
    const again = await submit(req, client);
    expect(await count()).toBe(before);
    expect(again).toEqual(first);
    const rows = await t.app.ctx.db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.submitter, submitter), eq(S.fhirPasRequests.bundleKey, 'http://example.org/SUBMITTER_TRANSACTION_IDENTIFIER|B56789')));
    expect(rows).toHaveLength(1);
    expect(again).toEqual(rows[0]?.responseBundle);
  });
});

describe('PAS 2.0.1 request examples are accepted as PAS 2.0.1', () => {
  it('answers each with a valid response', async () => {
    const pkg = await readPackage(DEFAULT_PACKAGE_FILES.find((f) => f.includes('2.0.1') && f.includes('pas')) ?? '');
    const names = [...pkg.examples.keys()].filter((n) => n.startsWith('Bundle-') && n.includes('AuthorizationBundleExample') && !n.includes('Update') && !n.includes('Differential'));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) {
      const ex = pkg.examples.get(n);
      if (typeof ex !== 'object' || ex === null) throw new Error(n);
      const copy: J = { ...Object.fromEntries(Object.entries(ex)), identifier: { system: 'urn:test:pas201', value: n } };
      const resp = await submit(copy);
      expectValidResponse(resp);
    }
  });
});

const outcome = (r: { statusCode: number; json: () => unknown }) => {
  const body = r.json();
  const issues = typeof body === 'object' && body !== null && 'issue' in body && Array.isArray(body.issue) ? body.issue.map((i) => Object.fromEntries(Object.entries(i))) : [];
  return { status: r.statusCode, resourceType: typeof body === 'object' && body !== null && 'resourceType' in body ? body.resourceType : undefined, issues };
};
const post = (url: string, body: unknown, contentType = 'application/fhir+json', bearer: string | null = token) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': contentType, ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }) }, payload: typeof body === 'string' ? body : JSON.stringify(body) });

describe('requests that cannot be processed get one OperationOutcome', () => {
  it('refuses the PAS test kit bundles (not valid PAS 2.2.1 nor 2.0.1) with every issue and its FHIRPath', async () => {
    const raw = await post('/fhir/Claim/$submit', fixture('pas-testkit/conformant_pas_bundle_v110.json'));
    expect(v.validate(raw.json()).filter((i) => i.severity === 'error')).toEqual([]);
    const r = outcome(raw);
    expect(r.status).toBe(422);
    expect(r.resourceType).toBe('OperationOutcome');
    expect(r.issues).toHaveLength(22);
    expect(r.issues.every((i) => i['severity'] === 'error' && typeof i['diagnostics'] === 'string' && Array.isArray(i['expression']))).toBe(true);
    expect(r.issues.slice(0, 3).map((i) => [i['code'], i['expression']])).toEqual([
      ['code-invalid', ['Bundle.entry[0].resource.extension[0].value.ofType(CodeableConcept)']],
      ['invalid', ['Bundle.entry[0].resource.insurer']],
      ['invalid', ['Bundle.entry[0].resource.careTeam[0].provider']],
    ]);
    const n = outcome(await post('/fhir/Claim/$submit', fixture('pas-testkit/nonconformant_pas_bundle_v110.json')));
    expect(n.status).toBe(422);
    expect(n.issues.map((i) => [i['code'], i['expression']])).toEqual([['structure', ['Bundle.entry']], ['required', ['Bundle.entry']], ['required', ['Bundle.entry']]]);
    const inq = outcome(await post('/fhir/Claim/$inquire', fixture('pas-testkit/conformant_pas_inquire_bundle_v110.json')));
    expect(inq.status).toBe(422);
    expect(inq.issues).toHaveLength(19);
  });

  it('refuses the reference implementation\'s PAS 1.x bundles with precise reasons', async () => {
    for (const [file, count] of [['pas-ri-prior-auth/bundle-prior-auth.json', 26], ['pas-ri-prior-auth/bundle-items.json', 27]] as const) {
      const r = outcome(await post('/fhir/Claim/$submit', fixture(file)));
      expect(r.status).toBe(422);
      expect(r.issues).toHaveLength(count);
      expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'required', expression: ['Bundle.identifier'] });
    }
    const claim = outcome(await post('/fhir/Claim/$submit', fixture('pas-ri-prior-auth/claim-update.json')));
    expect(claim).toMatchObject({ status: 400, issues: [{ severity: 'error', code: 'structure', expression: ['Claim'], diagnostics: '$submit takes a Bundle, not a Claim' }] });
  });

  it('refuses malformed JSON, another media type, a missing token and a missing scope', async () => {
    expect(outcome(await post('/fhir/Claim/$submit', '{"resourceType": "Bundle",'))).toMatchObject({ status: 400, issues: [{ severity: 'error', code: 'structure', expression: ['Resource'] }] });
    expect(outcome(await post('/fhir/Claim/$submit', 'hello', 'text/plain'))).toMatchObject({ status: 415, resourceType: 'OperationOutcome' });
    expect(outcome(await post('/fhir/Claim/$submit', fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json'), 'application/fhir+json', null))).toMatchObject({ status: 401, issues: [{ severity: 'error', code: 'login' }] });
    const readOnly = await smartToken(t, tenant.smart, 'system/ClaimResponse.read');
    expect(outcome(await post('/fhir/Claim/$submit', fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json'), 'application/fhir+json', readOnly))).toMatchObject({ status: 403, issues: [{ severity: 'error', code: 'forbidden' }] });
  });
});

describe('business errors are PAS responses (HTTP 200, ClaimResponse.error)', () => {
  const errorsIn = (resp: J): unknown[] => {
    const e = claimResponse(resp)['error'];
    return Array.isArray(e) ? e : [];
  };

  it('answers a referral by service type only with AG (no procedure code), creating nothing', async () => {
    const resp = await submit(fixture('pas-ig-2.2.1/Bundle-ReferralAuthorizationBundleExample.json'));
    expectValidResponse(resp);
    expect(claimResponse(resp)['outcome']).toBe('error');
    expect(JSON.stringify(errorsIn(resp))).toContain('"code":"AG"');
    expect(JSON.stringify(errorsIn(resp))).toContain('X12 service type 3 (UM03)');
  });

  it('answers an unknown member with AAA 75 at 2010C-NM109, and an unknown provider with 51', async () => {
    const req = fixture('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json');
    const swap = (b: J, from: string, to: string): J => {
      const parsed: unknown = JSON.parse(JSON.stringify(b).replaceAll(from, to));
      return typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
    };
    const unknownMember = { ...swap(req, '1122334455', '9999999999'), identifier: { system: 'urn:test', value: 'unknown-member' } };
    const m = await submit(unknownMember);
    expectValidResponse(m);
    expect(claimResponse(m)['outcome']).toBe('error');
    const e = JSON.stringify(errorsIn(m));
    expect(e).toContain('"code":"75"');
    expect(e).toContain('2010C-NM109');
    expect(e).toContain('Bundle.entry[3].resource.subscriberId');
    const unknownNpi = { ...swap(req, '8189991234', nextNpi()), identifier: { system: 'urn:test', value: 'unknown-npi' } };
    const p = await submit(unknownNpi);
    expectValidResponse(p);
    expect(JSON.stringify(errorsIn(p))).toContain('"code":"51"');
  });

  it('answers the same identifier with different content as a business error and creates nothing', async () => {
    const { client } = await freshClient();
    const req = fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json');
    await submit(req, client);
    const count = async () => (await t.app.ctx.db.select({ id: S.cases.id }).from(S.cases).where(eq(S.cases.tenantId, tenant.tenantId))).length;
    const before = await count();
    const changed = { ...req, timestamp: '2005-05-03T09:00:00+05:00' };
    const resp = await submit(changed, client);
    expect(await count()).toBe(before);
    expectValidResponse(resp);
    expect(claimResponse(resp)['outcome']).toBe('error');
    expect(JSON.stringify(errorsIn(resp))).toContain('"code":"33"');
  });
});

const itemActions = (resp: J): Record<number, string> => {
  const out: Record<number, string> = {};
  const items = claimResponse(resp)['item'];
  for (const it of Array.isArray(items) ? items : []) {
    const text = JSON.stringify(it);
    const code = /"system":"https:\/\/codesystem.x12.org\/005010\/306","code":"(\w+)"/.exec(text)?.[1];
    const seq = typeof it === 'object' && it !== null && 'itemSequence' in it && typeof it.itemSequence === 'number' ? it.itemSequence : 0;
    out[seq] = code ?? '';
  }
  return out;
};

describe('updates and cancellation (PAS Claim Update)', () => {
  /** The IG's home-care request and its update, by a client of their own. */
  async function submitAndUpdate(): Promise<{ client: Client; submitter: string; update: J }> {
    const { client, submitter } = await freshClient();
    await submit(fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json'), client);
    const update = await submit(fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationUpdateBundleExample.json'), client);
    return { client, submitter, update };
  }

  it('applies the IG update: item 2 cancelled, item 3 added; the case is replaced by a related one', async () => {
    const db = t.app.ctx.db;
    const { submitter, update: resp } = await submitAndUpdate();
    const [before] = await db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.submitter, submitter), eq(S.fhirPasRequests.bundleKey, 'http://example.org/SUBMITTER_TRANSACTION_IDENTIFIER|B56789')));
    expectValidResponse(resp);
    expect(itemActions(resp)).toEqual({ 1: 'A4', 2: 'C', 3: 'A4' });
    const [original] = await db.select().from(S.cases).where(and(eq(S.cases.tenantId, tenant.tenantId), eq(S.cases.id, before?.caseId ?? '')));
    expect(original?.status).toBe('withdrawn');
    const [replacement] = await db.select().from(S.cases).where(and(eq(S.cases.tenantId, tenant.tenantId), eq(S.cases.relatedCaseId, original?.id ?? '')));
    const lines = await db.select({ code: S.serviceLines.code }).from(S.serviceLines).where(and(eq(S.serviceLines.tenantId, tenant.tenantId), eq(S.serviceLines.caseId, replacement?.id ?? '')));
    expect(lines.map((l) => l.code).sort()).toEqual(['B4185', 'G0154']);
  });

  it('cancels the whole request (Claim-level certification type 3; the profile still wants the items): the pending lines are withdrawn', async () => {
    const { client, submitter } = await submitAndUpdate();
    const upd = fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationUpdateBundleExample.json');
    const list = entries(upd);
    const first = list[0]?.['resource'];
    const claim: J = typeof first === 'object' && first !== null ? Object.fromEntries(Object.entries(first)) : {};
    const ext = Array.isArray(claim['extension']) ? claim['extension'] : [];
    const cancel: J = {
      ...claim,
      id: 'HomecareAuthorizationCancelExample',
      identifier: [{ system: 'http://example.org/PATIENT_EVENT_TRACE_NUMBER', value: '111099-CANCEL' }],
      extension: [...ext, { url: 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-certificationType', valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/1322', code: '3', display: 'Cancel' }] } }],
      related: [{ claim: { reference: 'Claim/HomecareAuthorizationUpdateExample' }, relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/ex-relatedclaimrelationship', code: 'prior' }] } }],
    };
    const bundle: J = { ...upd, identifier: { system: 'urn:test', value: 'cancel-1' }, entry: [{ fullUrl: 'http://example.org/fhir/Claim/HomecareAuthorizationCancelExample', resource: cancel }, ...list.slice(1, -1)] };
    const resp = await submit(bundle, client);
    expectValidResponse(resp);
    expect(itemActions(resp)).toEqual({ 1: 'C', 2: 'C', 3: 'C' });
    expect(claimResponse(resp)['outcome']).toBe('complete');
    const lines = await t.app.ctx.db
      .select({ outcome: S.serviceLines.outcome })
      .from(S.fhirPasItems)
      .innerJoin(S.fhirPasRequests, and(eq(S.fhirPasRequests.tenantId, S.fhirPasItems.tenantId), eq(S.fhirPasRequests.id, S.fhirPasItems.requestId)))
      .innerJoin(S.serviceLines, and(eq(S.serviceLines.tenantId, S.fhirPasItems.tenantId), eq(S.serviceLines.id, S.fhirPasItems.lineId)))
      .where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.submitter, submitter), eq(S.fhirPasRequests.bundleKey, 'urn:test|cancel-1')));
    // Items 1 and 3 are lines (the replacement case's); item 2 was cancelled by the update and has none.
    expect(lines.map((l) => l.outcome)).toEqual(['withdrawn', 'withdrawn']);
  });
});

describe('Claim/$inquire and ClaimResponse read', () => {
  it('answers the IG inquiry from stored state with inquiry responses that validate', async () => {
    const { client } = await freshClient();
    const submitted = await submit({ ...fixture('pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json'), identifier: { system: 'urn:test', value: 'inquire-1' } }, client);
    const r: unknown = await fhir.operation({ name: '$inquire', resourceType: 'Claim', input: { resourceType: 'Bundle', ...fixture('pas-ig-2.2.1/Bundle-PASClaimInquiryBundleExample.json') } });
    const params = typeof r === 'object' && r !== null && 'parameter' in r && Array.isArray(r.parameter) ? r.parameter : [];
    // Every home-care request of the organisation matches (G0154 for member 1122334455), this one among them.
    const ids = params.map((p: unknown) => claimResponse(typeof p === 'object' && p !== null && 'resource' in p ? p.resource : undefined)['id']);
    expect(ids).toContain(claimResponse(submitted)['id']);
    for (const p of params) {
      const bundle = typeof p === 'object' && p !== null && 'resource' in p ? p.resource : undefined;
      const check = validatePasBundle(v, bundle, 'inquiry-response');
      expect(errorsOf(check.issues)).toEqual([]);
    }
    const other = { ...fixture('pas-ig-2.2.1/Bundle-PASClaimInquiryBundleExample.json') };
    const swapped: unknown = JSON.parse(JSON.stringify(other).replaceAll('1122334455', '5555555555'));
    const none: unknown = await fhir.operation({ name: '$inquire', resourceType: 'Claim', input: { resourceType: 'Bundle', ...(typeof swapped === 'object' && swapped !== null ? swapped : {}) } });
    expect(none).toEqual({ resourceType: 'Parameters', parameter: [] });
  });

  it('reads the current ClaimResponse of a request', async () => {
    const submitted = await submit({ ...fixture('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json'), identifier: { system: 'urn:test', value: 'read-1' } });
    const [row] = await t.app.ctx.db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.bundleKey, 'urn:test|read-1')));
    expect(claimResponse(submitted)['id']).toBe(row?.id);
    const cr: unknown = await fhir.read({ resourceType: 'ClaimResponse', id: row?.id ?? '' });
    expect(cr).toMatchObject({ resourceType: 'ClaimResponse', id: row?.id, outcome: 'complete' });
    const missing = await t.app.inject({ method: 'GET', url: '/fhir/ClaimResponse/00000000-0000-0000-0000-000000000000', headers: { authorization: `Bearer ${token}` } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
  });
});

describe('the CapabilityStatement lists exactly what is served', () => {
  it('lists the operations and interactions, each of which answers (401 without a token, never 404)', async () => {
    const cs: unknown = await fhir.capabilityStatement();
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    expect(v.validate(cs).filter((i) => i.severity === 'error')).toEqual([]);
    const rest = typeof cs === 'object' && cs !== null && 'rest' in cs && Array.isArray(cs.rest) ? cs.rest[0] : undefined;
    const resources: J[] = typeof rest === 'object' && rest !== null && 'resource' in rest && Array.isArray(rest.resource) ? rest.resource : [];
    const listed = resources.flatMap((r) => [
      ...(Array.isArray(r['interaction']) ? r['interaction'].map((i: J) => `${String(r['type'])} ${String(i['code'])}`) : []),
      ...(Array.isArray(r['operation']) ? r['operation'].map((o: J) => `${String(r['type'])} $${String(o['name'])}`) : []),
    ]);
    expect(listed.sort()).toEqual(['Claim $inquire', 'Claim $submit', 'ClaimResponse read', 'Questionnaire $questionnaire-package', 'Subscription $status', 'Subscription create', 'Subscription delete', 'Subscription read', 'Subscription update'].sort());
    const calls: [string, string][] = [['POST', '/fhir/Claim/$submit'], ['POST', '/fhir/Claim/$inquire'], ['GET', '/fhir/ClaimResponse/x'], ['POST', '/fhir/Subscription'], ['GET', '/fhir/Subscription/x'], ['PUT', '/fhir/Subscription/x'], ['DELETE', '/fhir/Subscription/x'], ['GET', '/fhir/Subscription/x/$status'], ['POST', '/fhir/Questionnaire/$questionnaire-package']];
    for (const [method, url] of calls) {
      const r = await t.app.inject({ method: method === 'POST' ? 'POST' : method === 'PUT' ? 'PUT' : method === 'DELETE' ? 'DELETE' : 'GET', url, headers: { 'content-type': 'application/fhir+json' }, ...(method === 'POST' || method === 'PUT' ? { payload: '{}' } : {}) });
      expect([url, r.statusCode]).toEqual([url, 401]);
    }
  });
});
