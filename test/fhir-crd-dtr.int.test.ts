/**
 * Da Vinci CRD (CDS Hooks) and DTR against a tenant with the shipped criteria sets and the sample PA
 * list: every CDS Hooks request of the corpus (prefetch used when present, else the EHR's FHIR server —
 * a tiny Fastify app — queried with the fhirAuthorization token), the coverage-information extension
 * validated against the CRD profile; $questionnaire-package with the corpus inputs and real orders; and
 * a PAS request carrying DTR answers that the criteria engine approves at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { smartToken } from './support/fhir-clients';
import { buildPasTenant, fixture, loadCoverageRules, type PasTenant } from './support/fhir-builders';
import { startTinyEhr, type TinyEhr } from './support/fhir-ehr';
import { createValidator, validatePasBundle, type FhirValidator } from '../src/interop/fhir/validation';
import * as S from '../src/platform/db/schema';

type J = Record<string, unknown>;
const obj = (v: unknown): J => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {});
const list = (v: unknown): J[] => (Array.isArray(v) ? v.map(obj) : []);

let t: TestApp;
let tenant: PasTenant;
let v: FhirValidator;
let ehr: TinyEhr;
let token: string;
const CRD_MEMBER = '888009335';
const CI = 'http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information';

const coverageFor = (patient: string, memberNumber: string): J => ({
  resourceType: 'Coverage',
  id: `cov-${patient}`,
  status: 'active',
  subscriberId: memberNumber,
  beneficiary: { reference: `Patient/${patient}` },
  relationship: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship', code: 'self' }] },
  payor: [{ display: 'Test MA Plan' }],
});

beforeAll(async () => {
  [t, v] = await Promise.all([testApp(), createValidator()]);
  tenant = await buildPasTenant(t.app.ctx.db);
  const db = t.app.ctx.db;
  const crdMember = randomUUID();
  await db.insert(S.members).values({ tenantId: tenant.tenantId, id: crdMember, memberNumber: CRD_MEMBER, firstName: 'AMY', lastName: 'BAXTER', birthDate: '1987-02-20', sex: 'F' });
  await db.insert(S.coverages).values({ tenantId: tenant.tenantId, id: randomUUID(), memberId: crdMember, planOrgId: tenant.orgs.maPlan, contractId: tenant.contracts.ma, ipaOrgId: tenant.orgs.ipa, lineOfBusiness: 'medicare_advantage', productType: 'PPO', effectiveFrom: '2000-01-01' });
  await loadCoverageRules(db, tenant, t.clock.now());
  token = await smartToken(t, tenant.smart);
  ehr = await startTinyEhr([
    coverageFor('example', tenant.memberNumbers.covered),
    coverageFor('1288992', '1122334455'),
    coverageFor('123', CRD_MEMBER),
    { resourceType: 'Patient', id: 'example', gender: 'female', birthDate: '1950-04-12' },
    { resourceType: 'Encounter', id: 'example', status: 'planned', class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP' }, type: [{ coding: [{ system: 'https://www.nubc.org/CodeSystem/RevenueCodes', code: '0120' }] }], subject: { reference: 'Patient/example' } },
    { resourceType: 'ServiceRequest', id: 'dispatched-1', status: 'active', intent: 'order', code: { coding: [{ system: 'http://www.ama-assn.org/go/cpt', code: '43644' }] }, subject: { reference: 'Patient/example' } },
  ]);
}, 180_000);
afterAll(async () => {
  await ehr.close();
  await t.close();
});

async function hook(id: string, request: J, bearer: string | null = token) {
  const body = { ...request, ...(request['fhirServer'] === undefined ? {} : { fhirServer: ehr.url }) };
  const r = await t.app.inject({ method: 'POST', url: `/cds-services/${id}`, headers: { 'content-type': 'application/json', ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }) }, payload: JSON.stringify(body) });
  return { status: r.statusCode, body: obj(r.json()) };
}

/** Every card is a CDS Hooks card; every system action carries a valid coverage-information extension. */
function checkAnswer(body: J): J[] {
  for (const c of list(body['cards'])) {
    expect(typeof c['uuid']).toBe('string');
    expect(String(c['summary']).length).toBeLessThan(140);
    expect(['info', 'warning', 'critical']).toContain(c['indicator']);
    expect(obj(c['source'])['label']).toBe(`Test tenant ${tenant.slug}`);
  }
  const infos: J[] = [];
  for (const a of list(body['systemActions'])) {
    expect(a['type']).toBe('update');
    const ext = list(obj(a['resource'])['extension']).filter((e) => e['url'] === CI);
    expect(ext).toHaveLength(1);
    const carrier = { resourceType: 'ServiceRequest', status: 'draft', intent: 'order', subject: { reference: 'Patient/x' }, extension: ext };
    expect(v.validate(carrier).filter((i) => i.severity === 'error')).toEqual([]);
    infos.push(Object.fromEntries(list(ext[0]?.['extension']).map((e) => [String(e['url']), Object.entries(e).find(([k]) => k.startsWith('value'))?.[1]])));
  }
  return infos;
}

describe('CDS Hooks discovery', () => {
  it('lists the six CRD hooks with their prefetch', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/cds-services' });
    const services = list(obj(r.json())['services']);
    expect(services.map((s) => s['hook'])).toEqual(['order-sign', 'order-select', 'order-dispatch', 'appointment-book', 'encounter-start', 'encounter-discharge']);
    expect(obj(services[0]?.['prefetch'])['coverage']).toBe('Coverage?patient={{context.patientId}}&status=active');
  });
});

describe('CRD hook requests of the corpus', () => {
  it('IG order-sign (prefetch): home oxygen needs authorization and documentation; mammography does not', async () => {
    const r = await hook('openum-crd-order-sign', fixture('crd-ig-source/CRDServiceRequest.json'));
    expect(r.status).toBe(200);
    const [mammo, oxygen] = checkAnswer(r.body);
    expect(mammo).toMatchObject({ covered: 'covered', 'pa-needed': 'no-auth' });
    expect(oxygen).toMatchObject({ covered: 'covered', 'pa-needed': 'auth-needed', 'doc-needed': 'clinical', questionnaire: 'https://openum.org/fhir/Questionnaire/ncd-240.2-home-oxygen|1', coverage: { reference: 'Coverage/COV1' } });
    expect(JSON.stringify(r.body['cards'])).toContain('prior authorization required');
    expect(ehr.calls).toHaveLength(0);
  });

  it('IG appointment-book (no prefetch): the Coverage is read from the EHR with the token; no billing code → conditional', async () => {
    const r = await hook('openum-crd-appointment-book', fixture('crd-ig-source/CRDServiceRequest4.json'));
    expect(r.status).toBe(200);
    expect(checkAnswer(r.body)).toEqual([expect.objectContaining({ covered: 'conditional', 'pa-needed': 'conditional' })]);
    expect(ehr.calls.at(-1)).toEqual({ path: '/Coverage?patient=123&status=active', authorization: 'Bearer some-opaque-fhir-access-token' });
  });

  it.each([
    ['crd-testkit/order_sign_hook_request.json', 'openum-crd-order-sign', 2],
    ['crd-testkit/order_select_hook_request.json', 'openum-crd-order-select', 2],
    ['crd-testkit/appointment_book_hook_request.json', 'openum-crd-appointment-book', 2],
    ['crd-testkit/encounter_start_hook_request.json', 'openum-crd-encounter-start', 1],
  ])('%s is answered for each order, reading the EHR', async (file, service, orders) => {
    const before = ehr.calls.length;
    const r = await hook(service, fixture(file));
    expect(r.status).toBe(200);
    const infos = checkAnswer(r.body);
    expect(infos).toHaveLength(orders);
    // This request's own calls to the EHR (the list is shared by every test), with the hook's token.
    const calls = ehr.calls.slice(before);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.authorization === 'Bearer SAMPLE_TOKEN')).toBe(true);
  });

  it('the encounter is answered from its revenue code (inpatient room and board is on the PA list)', async () => {
    const r = await hook('openum-crd-encounter-start', fixture('crd-testkit/encounter_start_hook_request.json'));
    expect(checkAnswer(r.body)[0]).toMatchObject({ covered: 'covered', 'pa-needed': 'auth-needed' });
  });

  it('reference implementation requests: prefetch without a member id is not recognised; a hydrated bundle reads the EHR', async () => {
    const unknown = await hook('openum-crd-order-sign', fixture('crd-ri/deviceRequestPrefetch.json'));
    expect(unknown.status).toBe(200);
    expect(unknown.body['systemActions']).toEqual([]);
    expect(JSON.stringify(unknown.body['cards'])).toContain('Coverage not recognised');
    const hydrated = await hook('openum-crd-order-sign', fixture('crd-ri/requestWithHydratedPrefetchBundle.json'));
    expect(hydrated.status).toBe(200);
    expect(checkAnswer(hydrated.body)[0]).toMatchObject({ 'pa-needed': 'auth-needed', questionnaire: 'https://openum.org/fhir/Questionnaire/ncd-240.2-home-oxygen|1' });
    const retired = await hook('openum-crd-order-sign', fixture('crd-ri/medicationRequestPrefetch.json'));
    expect(retired.status).toBe(400);
    expect(retired.body).toMatchObject({ code: 'UM_ERR_FHIR_CDS_REQUEST', detail: 'This service answers the order-sign hook, not medication-prescribe' });
  });

  it('order-dispatch and encounter-discharge read the dispatched order and the encounter from the EHR', async () => {
    const base = fixture('crd-testkit/encounter_start_hook_request.json');
    const dispatch = await hook('openum-crd-order-dispatch', { ...base, hook: 'order-dispatch', context: { patientId: 'example', dispatchedOrders: ['ServiceRequest/dispatched-1'], performer: 'Practitioner/example' } });
    expect(dispatch.status).toBe(200);
    expect(checkAnswer(dispatch.body)[0]).toMatchObject({ 'pa-needed': 'auth-needed', questionnaire: expect.stringMatching(/^https:\/\/openum.org\/fhir\/Questionnaire\/ncd-100.1-bariatric-surgery\|/) });
    const discharge = await hook('openum-crd-encounter-discharge', { ...base, hook: 'encounter-discharge' });
    expect(discharge.status).toBe(200);
    expect(checkAnswer(discharge.body)).toHaveLength(1);
  });

  it('answers 412 when nothing is prefetched and the EHR cannot be read; 401/403 without a proper token', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/cds-services/openum-crd-appointment-book', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, payload: JSON.stringify({ ...fixture('crd-ig-source/CRDServiceRequest4.json'), fhirServer: 'http://127.0.0.1:9/fhir' }) });
    expect(r.statusCode).toBe(412);
    expect((await hook('openum-crd-order-sign', fixture('crd-ig-source/CRDServiceRequest.json'), null)).status).toBe(401);
    const claimsOnly = await smartToken(t, tenant.smart, 'system/Claim.write');
    expect((await hook('openum-crd-order-sign', fixture('crd-ig-source/CRDServiceRequest.json'), claimsOnly)).status).toBe(403);
  });
});

describe('DTR $questionnaire-package', () => {
  const post = async (body: unknown) => {
    const r = await t.app.inject({ method: 'POST', url: '/fhir/Questionnaire/$questionnaire-package', headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${token}` }, payload: JSON.stringify(body) });
    return { status: r.statusCode, body: obj(r.json()) };
  };
  const bundles = (p: J) => list(p['parameter']).filter((x) => x['name'] === 'PackageBundle').map((x) => obj(x['resource']));

  it.each(['dtr-ig-2.0.1/Parameters-QuestionnairePackageInputParamsExample.json', 'dtr-testkit/questionnaire_package_input_params_conformant.json'])(
    '%s (a coverage this payer does not hold, a LOINC order) is answered with an OperationOutcome saying why',
    async (file) => {
      const r = await post(fixture(file));
      expect(r.status).toBe(200);
      expect(bundles(r.body)).toEqual([]);
      expect(v.validate(r.body).filter((i) => i.severity === 'error')).toEqual([]);
      expect(JSON.stringify(r.body)).toContain('is not a coverage of');
    },
  );

  it('returns the criteria set\'s Questionnaire for a covered member\'s order, in a DTR package that validates', async () => {
    const input = fixture('dtr-ig-2.0.1/Parameters-QuestionnairePackageInputParamsExample.json');
    const params = list(input['parameter']);
    const coverage = { ...obj(params[0]?.['resource']), subscriberId: CRD_MEMBER };
    const order = { resourceType: 'DeviceRequest', id: 'o2', status: 'draft', intent: 'original-order', authoredOn: '2026-11-20', requester: { reference: 'Practitioner/PractitionerExample' }, codeCodeableConcept: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'E0431' }] }, subject: { reference: 'Patient/examplepatient' } };
    const r = await post({ ...input, parameter: [{ name: 'coverage', resource: coverage }, { name: 'order', resource: order }] });
    expect(r.status).toBe(200);
    // que-7 ("exists" takes a boolean answer) is reported for the set's `exists` conditions although they
    // answer with answerBoolean: fhirpath.js reads `answer is Boolean` as System.Boolean (FHIR.boolean is
    // not), which the HL7 validator does not. Every other rule of the output profile holds.
    const errors = v.validate(r.body).filter((i) => i.severity === 'error');
    expect(errors.filter((i) => !i.diagnostics.startsWith('Constraint failed: que-7'))).toEqual([]);
    expect(errors.every((i) => /enableWhen\[\d\]$/.test(i.expression))).toBe(true);
    const [pkg] = bundles(r.body);
    expect(obj(list(pkg?.['entry'])[0]?.['resource'])).toMatchObject({ resourceType: 'Questionnaire', url: 'https://openum.org/fhir/Questionnaire/ncd-240.2-home-oxygen', version: '1' });
  });

  it('answers by canonical and by the CRD coverage-assertion-id', async () => {
    const input = fixture('dtr-ig-2.0.1/Parameters-QuestionnairePackageInputParamsExample.json');
    const coverage = list(input['parameter'])[0];
    const byCanonical = await post({ resourceType: 'Parameters', parameter: [coverage, { name: 'questionnaire', valueCanonical: 'https://openum.org/fhir/Questionnaire/ncd-240.4-cpap-osa' }] });
    expect(bundles(byCanonical.body)).toHaveLength(1);
    const crd = await hook('openum-crd-order-sign', fixture('crd-ig-source/CRDServiceRequest.json'));
    const oxygen = list(obj(list(crd.body['systemActions'])[1]?.['resource'])['extension']).find((e) => e['url'] === CI);
    const assertion = list(oxygen?.['extension']).find((e) => e['url'] === 'coverage-assertion-id')?.['valueString'];
    const byContext = await post({ resourceType: 'Parameters', parameter: [coverage, { name: 'context', valueString: assertion }] });
    expect(obj(list(bundles(byContext.body)[0]?.['entry'])[0]?.['resource'])['url']).toBe('https://openum.org/fhir/Questionnaire/ncd-240.2-home-oxygen');
  });

  it('refuses an input without a coverage (dtr-qpackage-input-parameters) with an OperationOutcome', async () => {
    const r = await post({ resourceType: 'Parameters', parameter: [{ name: 'questionnaire', valueCanonical: 'https://openum.org/fhir/Questionnaire/ncd-240.4-cpap-osa' }] });
    expect(r.status).toBe(422);
    expect(r.body['resourceType']).toBe('OperationOutcome');
    expect(JSON.stringify(r.body)).toContain('coverage');
  });
});

describe('DTR answers in a PAS request are evaluated by the criteria engine', () => {
  it('approves home oxygen at once (A1 with an authorization number) when the answers meet NCD 240.2', async () => {
    const fhir = await smartToken(t, tenant.smart);
    const base = fixture('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json');
    const entries = list(base['entry']);
    const claim = obj(entries[0]?.['resource']);
    const item = { ...obj(list(claim['item'])[0]), category: { coding: [{ system: 'https://codesystem.x12.org/005010/1365', code: '12' }] }, productOrService: { coding: [{ system: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', code: 'E0431' }] }, servicedDate: '2026-12-01', locationCodeableConcept: { coding: [{ system: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', code: '12' }] } };
    const qr = {
      resourceType: 'QuestionnaireResponse', id: 'home-o2-answers', status: 'completed', questionnaire: 'https://openum.org/fhir/Questionnaire/ncd-240.2-home-oxygen|1', subject: { reference: 'Patient/SubscriberExample' },
      item: [
        { linkId: 'test', item: [{ linkId: 'test_qualified', answer: [{ valueBoolean: true }] }, { linkId: 'test_timing', answer: [{ valueCoding: { system: 'https://openum.org/fhir/CodeSystem/criteria-answers', code: 'time-of-need' } }] }] },
        { linkId: 'rest', item: [{ linkId: 'po2_rest', answer: [{ valueDecimal: 55 }] }] },
      ],
    };
    const supporting = {
      extension: [{ url: 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/extension-documentInformation', extension: [{ url: 'reportTypeCode', valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/755', code: 'PY' }] } }] }],
      sequence: 1,
      category: { coding: [{ system: 'http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes', code: 'additionalInformation' }] },
      valueReference: { reference: 'QuestionnaireResponse/home-o2-answers' },
    };
    const bundle = {
      ...base,
      identifier: { system: 'urn:test', value: 'dtr-home-o2' },
      entry: [
        { ...entries[0], resource: { ...claim, identifier: [{ system: 'urn:trn:test', value: 'O2-1' }], supportingInfo: [supporting], diagnosis: [{ sequence: 1, diagnosisCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'J44.1' }] } }], item: [{ ...item, diagnosisSequence: [1] }] } },
        ...entries.slice(1),
        { fullUrl: 'http://example.org/fhir/QuestionnaireResponse/home-o2-answers', resource: qr },
      ],
    };
    const r = await t.app.inject({ method: 'POST', url: '/fhir/Claim/$submit', headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${fhir}` }, payload: JSON.stringify(bundle) });
    expect(r.statusCode).toBe(200);
    const resp = obj(r.json());
    expect(validatePasBundle(v, resp, 'response').issues.filter((i) => i.severity === 'error')).toEqual([]);
    const cr = obj(list(resp['entry'])[0]?.['resource']);
    const text = JSON.stringify(cr['item']);
    expect(text).toContain('"code":"A1"');
    expect(typeof cr['preAuthRef']).toBe('string');
    const [row] = await t.app.ctx.db.select().from(S.fhirPasRequests).where(and(eq(S.fhirPasRequests.tenantId, tenant.tenantId), eq(S.fhirPasRequests.bundleKey, 'urn:test|dtr-home-o2')));
    const [line] = await t.app.ctx.db.select().from(S.serviceLines).where(and(eq(S.serviceLines.tenantId, tenant.tenantId), eq(S.serviceLines.caseId, row?.caseId ?? '')));
    expect(line).toMatchObject({ outcome: 'approved', criteriaSetId: 'ncd-240.2-home-oxygen', criteriaMet: true });
  });
});
