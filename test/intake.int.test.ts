import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { cases } from '../src/intake/schema';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';

let h: TestApp;
let t: TestTenant;
let intake: string;
let provider: string;

const countCases = async () => {
  const [row] = await h.app.ctx.db.select({ n: sql<number>`count(*)::int` }).from(cases).where(eq(cases.tenantId, t.tenantId));
  return row?.n ?? -1;
};

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  intake = await h.login(t.usernames.intake);
  provider = await h.login(t.usernames.provider);
});
afterAll(async () => h.close());

describe('POST /api/cases', () => {
  it('creates a case from a faxed request with the fax time as its receipt time', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { receivedAt: '2026-11-20T08:12:00-06:00' }));
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({
      kind: 'prior_auth',
      channel: 'fax',
      receivedAt: '2026-11-20T14:12:00.000Z',
      status: 'nurse_review',
      disposition: 'pending',
      eligibility: 'eligible',
      lineOfBusiness: 'medicare_advantage',
      member: { memberNumber: t.memberNumbers.covered },
      coverage: { planName: 'Test MA Plan', ipaName: 'Test IPA' },
      requestingProvider: { npi: t.providers.clinicianNpi },
      diagnoses: [{ seq: 1, system: 'ICD-10-CM', code: 'G47.33' }],
    });
    expect(c.caseNumber).toMatch(/^UM-\d+$/);
    expect(c.lines).toEqual([expect.objectContaining({ lineNo: 1, codeSystem: 'HCPCS', code: 'E0601', units: 1, serviceGroup: 'dme', responsibility: 'ipa', outcome: null })]);
    expect(r.headers.location).toBe(`/api/cases/${c.id}`);
  });

  it('refuses a receipt time in the future, and stores nothing', async () => {
    const before = await countCases();
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { receivedAt: '2026-11-20T15:00:01Z' }));
    expect(r.statusCode).toBe(422);
    expect(r.headers['content-type']).toContain('application/problem+json');
    expect(r.json()).toMatchObject({
      type: 'urn:openum:problem:UM_ERR_INTAKE_RECEIVED_IN_FUTURE',
      status: 422,
      code: 'UM_ERR_INTAKE_RECEIVED_IN_FUTURE',
      errors: [{ path: 'receivedAt', message: 'in the future' }],
      instance: '/api/cases',
    });
    expect(await countCases()).toBe(before);
  });

  it('takes the receipt time of portal submissions from the server, whatever the body says', async () => {
    const r = await h.call('POST', '/api/cases', provider, paRequest(t, { channel: 'fax', receivedAt: '2026-01-01T00:00:00Z' }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ channel: 'portal', receivedAt: '2026-11-20T15:00:00.000Z' });
  });

  it('answers an unknown member with a problem and stores nothing', async () => {
    const before = await countCases();
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { member: { memberNumber: 'NOPE-1' } }));
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_INTAKE_MEMBER_UNKNOWN', errors: [{ path: 'member', message: 'not found' }] });
    expect(await countCases()).toBe(before);
  });

  it('lists every problem of a malformed request, and stores nothing', async () => {
    const before = await countCases();
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [{ codeSystem: 'CPT', code: 'ABCDE', units: 2, fromDate: '2026-12-10', toDate: '2026-12-01' }], diagnoses: [{ code: '12' }] }));
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.code).toBe('UM_ERR_VALIDATION');
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('diagnoses/0/code') })]));
    const r2 = await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [{ codeSystem: 'CPT', code: 'ABCDE', units: 2, fromDate: '2026-12-10', toDate: '2026-12-01' }] }));
    expect(r2.statusCode).toBe(400);
    expect(r2.json().errors).toEqual([
      { path: 'lines/0/code', message: '"ABCDE" is not a valid CPT code' },
      { path: 'lines/0/toDate', message: 'ends before it starts' },
    ]);
    expect(await countCases()).toBe(before);
  });

  it('rejects a body that is not JSON with a problem', async () => {
    const r = await h.call('POST', '/api/cases', intake, '{"kind": ', { 'content-type': 'application/json' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_VALIDATION', status: 400 });
  });

  it('accepts a member not covered on the date of service and queues it for intake with the reason', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { member: { memberNumber: t.memberNumbers.termed } }));
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ status: 'intake', eligibility: 'not_covered', disposition: 'pending', eligibilityNote: expect.stringContaining('2026-12-01') });
  });

  it('requires authentication', async () => {
    const r = await h.call('POST', '/api/cases', null, paRequest(t));
    expect(r.statusCode).toBe(401);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_UNAUTHENTICATED' });
  });
});

describe('Idempotency-Key', () => {
  it('returns the same case for the same key and body, never a second one', async () => {
    const before = await countCases();
    const body = paRequest(t, { channel: 'phone' });
    const a = await h.call('POST', '/api/cases', intake, body, { 'idempotency-key': 'fax-7781' });
    const b = await h.call('POST', '/api/cases', intake, body, { 'idempotency-key': 'fax-7781' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
    expect(await countCases()).toBe(before + 1);
  });

  it('refuses the same key with a different body as a conflict', async () => {
    await h.call('POST', '/api/cases', intake, paRequest(t), { 'idempotency-key': 'fax-7782' });
    const before = await countCases();
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { priority: 'expedited', expediteRequestedBy: 'physician' }), { 'idempotency-key': 'fax-7782' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_INTAKE_IDEMPOTENCY_CONFLICT' });
    expect(await countCases()).toBe(before);
  });

  it('creates exactly one case when the same key arrives many times at once', async () => {
    const before = await countCases();
    const body = paRequest(t, { note: 'concurrent' });
    const rs = await Promise.all(Array.from({ length: 6 }, () => h.call('POST', '/api/cases', intake, body, { 'idempotency-key': 'burst-1' })));
    const ids = new Set(rs.map((r) => r.json().id));
    expect(rs.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await countCases()).toBe(before + 1);
  });

  it('scopes keys to the submitter: another user with the same key gets their own case', async () => {
    const a = await h.call('POST', '/api/cases', intake, paRequest(t), { 'idempotency-key': 'shared-key' });
    const b = await h.call('POST', '/api/cases', provider, paRequest(t), { 'idempotency-key': 'shared-key' });
    expect(a.json().id).not.toBe(b.json().id);
  });
});

describe('DOFR routing', () => {
  it('forwards a request at the plan\'s risk to the plan and closes it here', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { lines: [{ codeSystem: 'REV', code: '0120', units: 3, unitType: 'DA', fromDate: '2026-12-01', toDate: '2026-12-03', placeOfService: '21' }] }));
    expect(r.statusCode).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ status: 'forwarded_to_plan', disposition: 'forwarded_to_plan' });
    expect(c.lines[0]).toMatchObject({ serviceGroup: 'inpatient_facility', responsibility: 'plan', outcome: 'forwarded' });
    expect(c.determinations[0]).toMatchObject({ outcome: 'forwarded', basis: { kind: 'dofr' }, decidedBy: { type: 'system', id: 'automation' } });
  });

  it('keeps the IPA\'s lines of a mixed request for review and forwards the plan\'s', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, {
      lines: [
        { codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2026-12-01' },
        { codeSystem: 'HCPCS', code: 'J9271', units: 200, partB: true, fromDate: '2026-12-01' },
      ],
    }));
    const c = r.json();
    expect(c.status).toBe('nurse_review');
    expect(c.lines.map((l: { responsibility: string; outcome: string | null }) => [l.responsibility, l.outcome])).toEqual([
      ['ipa', null],
      ['plan', 'forwarded'],
    ]);
    const md = await h.login(t.usernames.medical_director);
    const deny = await h.call('POST', `/api/cases/${c.id}/decision`, md, {
      lines: [{ lineId: c.lines[1].id, outcome: 'denied' }],
      category: 'medical_necessity',
      reasonCode: 'MN1',
      reason: 'The records do not show the criteria are met.',
    });
    expect(deny.statusCode).toBe(409);
    expect(deny.json().code).toBe('UM_ERR_PLAN_RISK_NOT_DENIABLE');
  });

  it('routes by the member\'s own contract: the same code is the plan\'s under the Medicaid DOFR', async () => {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { member: { memberNumber: t.memberNumbers.otherIpa } }));
    expect(r.json()).toMatchObject({ status: 'forwarded_to_plan', lineOfBusiness: 'medicaid', coverage: { ipaName: 'Other IPA' } });
  });
});

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF').toString('base64');

  it('stores a PDF and serves it back', async () => {
    const c = (await h.call('POST', '/api/cases', intake, paRequest(t, { attachments: [{ fileName: 'sleep-study.pdf', contentType: 'application/pdf', contentBase64: pdf }] }))).json();
    expect(c.attachments).toEqual([expect.objectContaining({ fileName: 'sleep-study.pdf', contentType: 'application/pdf', sizeBytes: Buffer.from(pdf, 'base64').length })]);
    const file = await h.call('GET', `/api/cases/${c.id}/attachments/${c.attachments[0].id}`, intake);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a file whose content is not the declared type, and stores nothing', async () => {
    const before = await countCases();
    const exe = Buffer.from('MZ\x90\x00fake').toString('base64');
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { attachments: [{ fileName: 'notes.pdf', contentType: 'application/pdf', contentBase64: exe }] }));
    expect(r.statusCode).toBe(415);
    expect(r.json().code).toBe('UM_ERR_ATTACHMENT_TYPE');
    expect(await countCases()).toBe(before);
  });
});
