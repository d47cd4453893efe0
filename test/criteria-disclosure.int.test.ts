/**
 * Criteria sets in the database and their disclosure: the public list and texts (no login, in the
 * OpenAPI document), versions that are never overwritten, activation, the version in force on the
 * date of service frozen onto the case, and the criteria-request log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';
import { auditEvents } from '../src/audit/schema';
import { responseTo, shippedSet } from '../src/criteria/test-support';
import { MET_EXAMPLES } from '../src/criteria/shipped/met-examples';
import type { CompiledCriteriaSet } from '../src/criteria';

let h: TestApp;
let t: TestTenant;
let provider: string;
let admin: string;
let intake: string;
let cpap: CompiledCriteriaSet;
const CPAP_MET = MET_EXAMPLES['ncd-240.4-cpap-osa']?.answers ?? {};

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db, { slug: `crit${Date.now().toString(36)}` });
  await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma] });
  provider = await h.login(t.usernames.provider);
  admin = await h.login(t.usernames.admin);
  intake = await h.login(t.usernames.intake);
  cpap = await shippedSet('ncd-240.4-cpap-osa');
});
afterAll(async () => h.close());

describe('public criteria', () => {
  it('lists the sets in force without a login, each with its citation and clinical sign-off state', async () => {
    const r = await h.call('GET', `/api/criteria?tenant=${t.slug}`, null);
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.items).toHaveLength(10);
    expect(body.items.find((s: { id: string }) => s.id === 'ncd-240.2-home-oxygen')).toMatchObject({
      version: '1', title: 'Home oxygen therapy', status: 'active', activated: true,
      source: { kind: 'cms-ncd', citation: expect.stringContaining('NCD 240.2') },
      clinicallyReviewed: { reviewed: false, statement: expect.stringContaining('No clinician has signed off') },
      links: { text: '/api/criteria/ncd-240.2-home-oxygen.txt?version=1' },
    });
  });

  it('is in the OpenAPI document as a call that needs no login', async () => {
    const doc = (await h.call('GET', '/docs/json', null)).json();
    expect(doc.paths['/api/criteria'].get.security).toEqual([]);
    expect(doc.paths['/api/criteria/{id}'].get.security).toEqual([]);
  });

  it('reads a set as plain text and as a DTR Questionnaire; every viewing is recorded', async () => {
    const txt = await h.call('GET', `/api/criteria/ncd-240.2-home-oxygen.txt?tenant=${t.slug}`, null);
    expect(txt.statusCode).toBe(200);
    expect(txt.headers['content-type']).toContain('text/plain');
    expect(txt.body).toContain('NCD 240.2');
    expect(txt.body).toContain('Clinically reviewed: NO.');
    const q = await h.call('GET', `/api/criteria/ncd-240.4-cpap-osa/questionnaire?tenant=${t.slug}`, null);
    expect(q.json()).toMatchObject({ resourceType: 'Questionnaire', url: 'https://openum.org/fhir/Questionnaire/ncd-240.4-cpap-osa', version: '1', meta: { profile: [expect.stringContaining('dtr-std-questionnaire')] } });
    const views = await h.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, 'criteria.read')));
    expect(views.map((v) => [v.actorType, v.actorId, v.recordId])).toEqual(expect.arrayContaining([['system', 'anonymous', 'ncd-240.2-home-oxygen@1'], ['system', 'anonymous', 'ncd-240.4-cpap-osa@1']]));
    expect((await h.call('GET', `/api/criteria/no-such-set?tenant=${t.slug}`, null)).json()).toMatchObject({ code: 'UM_ERR_CRITERIA_SET_UNKNOWN' });
  });
});

describe('criteria-set versions', () => {
  const v2 = () => ({ ...cpap.set, version: '2', effective: { from: '2027-01-01' }, questionnaire: { ...cpap.set.questionnaire, version: '2' }, criteria: cpap.set.criteria.map((c) => (c.id === 'minimum-recording' ? { ...c, expression: '%answers.sleep_hours >= 3 or %answers.recorded_events >= iif(%answers.index_value >= 15, 45, 15)' } : c)) });

  it('stores a new version beside the old one, never over it, and compares them', async () => {
    const up = await h.call('POST', '/api/admin/criteria-sets', admin, v2());
    expect(up.statusCode).toBe(201);
    expect(up.json()).toEqual({ inserted: ['ncd-240.4-cpap-osa v2'], unchanged: [], activated: [] });
    const changed = await h.call('POST', '/api/admin/criteria-sets', admin, { ...cpap.set, title: 'Edited in place' });
    expect(changed.statusCode).toBe(409);
    expect(changed.json()).toMatchObject({ code: 'UM_ERR_CRITERIA_VERSION_CONFLICT' });
    const diff = (await h.call('GET', '/api/admin/criteria-sets/ncd-240.4-cpap-osa/compare?from=1&to=2', admin)).json();
    expect(diff).toMatchObject({ from: '1', to: '2', criteria: [{ id: 'minimum-recording', change: 'changed', fields: [{ field: 'expression' }] }], logicChanged: false });
    expect(diff.fields.map((f: { field: string }) => f.field)).toEqual(['effective']);
    const list = (await h.call('GET', '/api/admin/criteria-sets', admin)).json().items.filter((i: { setId: string }) => i.setId === 'ncd-240.4-cpap-osa');
    expect(list.map((i: { version: string; activated: boolean }) => [i.version, i.activated])).toEqual([['1', true], ['2', false]]);
  });

  it('freezes the version in force on the date of service onto each line, once activated', async () => {
    const act = await h.call('POST', '/api/admin/criteria-sets/ncd-240.4-cpap-osa/versions/2/activate', admin);
    expect(act.json()).toMatchObject({ version: '2', activated: true });
    const before = (await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2026-12-10', toDate: '2026-12-20', answers: responseTo(cpap, CPAP_MET) }] }))).json();
    expect(before.lines[0]).toMatchObject({ criteriaSetVersion: '1', outcome: 'approved' });
    expect(before.determinations[0].basis).toMatchObject({ criteriaSetId: 'ncd-240.4-cpap-osa', criteriaSetVersion: '1' });
    const answers = { ...responseTo(cpap, CPAP_MET), questionnaire: 'https://openum.org/fhir/Questionnaire/ncd-240.4-cpap-osa|2' };
    const after = (await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2027-06-10', toDate: '2027-06-20', answers }] }))).json();
    expect(after.lines[0]).toMatchObject({ criteriaSetVersion: '2', outcome: 'approved' });
    expect(after.determinations[0].basis).toMatchObject({ criteriaSetVersion: '2' });
    const off = await h.call('POST', '/api/admin/criteria-sets/ncd-240.4-cpap-osa/versions/2/deactivate', admin);
    expect(off.json()).toMatchObject({ activated: false });
    const audit = await h.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.recordId, 'ncd-240.4-cpap-osa@2')));
    expect(audit.map((e) => e.action).sort()).toEqual(['criteria_set.activate', 'criteria_set.deactivate', 'criteria_set.load']);
  });

  it('lets only administrators load and activate', async () => {
    expect((await h.call('POST', '/api/admin/criteria-sets/ncd-240.4-cpap-osa/versions/2/activate', intake)).statusCode).toBe(403);
    expect((await h.call('POST', '/api/admin/criteria-sets', provider, v2())).statusCode).toBe(403);
  });
});

describe('criteria requests', () => {
  it('answers a provider\'s request for the criteria behind a decision at once, and records it and its fulfilment', async () => {
    const c = (await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2028-03-01', toDate: '2028-03-05', answers: responseTo(cpap, CPAP_MET) }] }))).json();
    const r = await h.call('POST', `/api/cases/${c.id}/criteria-requests`, provider, { note: 'Please send the criteria used.' });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.request).toMatchObject({ caseId: c.id, channel: 'portal', status: 'fulfilled', fulfilmentMethod: 'portal', disclosed: [{ setId: 'ncd-240.4-cpap-osa', version: '1' }] });
    expect(body.criteria).toEqual([expect.objectContaining({ id: 'ncd-240.4-cpap-osa', version: '1', text: expect.stringContaining('NCD 240.4') })]);
    const trail = (await h.call('GET', `/api/cases/${c.id}/audit`, intake)).json().items.map((e: { action: string }) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['criteria_request.create', 'criteria_request.fulfil']));
    const listed = (await h.call('GET', `/api/cases/${c.id}/criteria-requests`, provider)).json().items;
    expect(listed).toHaveLength(1);
  });

  it('records every read of a case\'s criteria requests in the audit trail, with who read them', async () => {
    const c = (await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2029-03-01', toDate: '2029-03-05' }] }))).json();
    const reads = async () => h.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.caseId, c.id), eq(auditEvents.action, 'criteria_request.read')));
    expect(await reads()).toEqual([]);
    expect((await h.call('GET', `/api/cases/${c.id}/criteria-requests`, provider)).statusCode).toBe(200);
    expect((await h.call('GET', `/api/cases/${c.id}/criteria-requests`, intake)).statusCode).toBe(200);
    const rows = await reads();
    expect(rows.map((r) => [r.actorType, r.actorId, r.recordType, r.recordId])).toEqual([['user', t.userIds.provider, 'case', c.id], ['user', t.userIds.intake, 'case', c.id]]);
    // The case's own trail shows them.
    const trail = (await h.call('GET', `/api/cases/${c.id}/audit`, await h.login(t.usernames.auditor))).json().items.map((e: { action: string }) => e.action);
    expect(trail.filter((a: string) => a === 'criteria_request.read')).toHaveLength(2);
    // A case the caller may not see is refused, and nothing is recorded for it.
    const other = (await h.call('POST', '/api/cases', intake, paRequest(t, { member: { memberNumber: t.memberNumbers.otherIpa }, requestingProvider: { npi: t.providers.otherClinicianNpi }, lines: [{ codeSystem: 'CPT', code: '95810', units: 1, fromDate: '2029-04-01' }] }))).json();
    expect((await h.call('GET', `/api/cases/${other.id}/criteria-requests`, provider)).statusCode).toBe(404);
    expect(await h.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.caseId, other.id), eq(auditEvents.action, 'criteria_request.read')))).toEqual([]);
  });

  it('logs requests received by phone, by mail or fax, and on-site visits, and their fulfilment', async () => {
    const phone = await h.call('POST', '/api/criteria-requests', intake, { channel: 'phone', requesterName: 'Dr. Lee\'s office', requesterOrganisation: 'Test Clinic', subject: 'CPAP criteria' });
    expect(phone.statusCode).toBe(201);
    expect(phone.json()).toMatchObject({ channel: 'phone', status: 'open', receivedAt: '2026-11-20T15:00:00.000Z' });
    const noDate = await h.call('POST', '/api/criteria-requests', intake, { channel: 'on_site', requesterName: 'Audit team' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json()).toMatchObject({ errors: [{ path: 'visitScheduledFor' }] });
    const visit = await h.call('POST', '/api/criteria-requests', intake, { channel: 'on_site', requesterName: 'Hillcrest compliance', visitScheduledFor: '2026-12-03', formReceived: true, receivedAt: '2026-11-19T16:00:00Z' });
    expect(visit.json()).toMatchObject({ channel: 'on_site', visitScheduledFor: '2026-12-03', formReceived: true, receivedAt: '2026-11-19T16:00:00.000Z' });
    const done = await h.call('POST', `/api/criteria-requests/${visit.json().id}/fulfil`, intake, { method: 'in_person', metBy: 'Ines Quintero', disclosed: [{ setId: 'ncd-240.2-home-oxygen', version: '1' }] });
    expect(done.json()).toMatchObject({ status: 'fulfilled', fulfilmentMethod: 'in_person', metBy: 'Ines Quintero', fulfilledByName: 'Test intake', disclosed: [{ setId: 'ncd-240.2-home-oxygen', version: '1' }] });
    const twice = await h.call('POST', `/api/criteria-requests/${visit.json().id}/fulfil`, intake, { method: 'mail' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'UM_ERR_CRITERIA_REQUEST_STATE' });
    const mail = await h.call('POST', `/api/criteria-requests/${phone.json().id}/fulfil`, intake, { method: 'mail', disclosed: [{ setId: 'no-such-set', version: '1' }] });
    expect(mail.statusCode).toBe(404);
    const open = (await h.call('GET', '/api/criteria-requests?status=open', intake)).json().items;
    expect(open.map((x: { id: string }) => x.id)).toContain(phone.json().id);
    const audit = await h.app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.recordId, visit.json().id)));
    expect(audit.map((e) => e.action).sort()).toEqual(['criteria_request.create', 'criteria_request.fulfil']);
    expect((await h.call('POST', '/api/criteria-requests', provider, { channel: 'phone', requesterName: 'x' })).statusCode).toBe(403);
  });
});
