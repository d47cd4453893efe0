/**
 * The provider portal's new-request screen, server side: an expedited request carries the
 * physician's attestation (42 CFR 422.570(c)(2)(ii)) onto the case, or is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import * as S from '../src/platform/db/schema';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';

let h: TestApp;
let t: TestTenant;
let provider: string;
let md: string;

const countCases = async () => {
  const [row] = await h.app.ctx.db.select({ n: sql<number>`count(*)::int` }).from(S.cases).where(eq(S.cases.tenantId, t.tenantId));
  return row?.n ?? -1;
};
const auditActions = async (caseId: string) =>
  (await h.app.ctx.db.select({ action: S.auditEvents.action, details: S.auditEvents.details }).from(S.auditEvents).where(and(eq(S.auditEvents.tenantId, t.tenantId), eq(S.auditEvents.caseId, caseId))));

const portal = (overrides: Record<string, unknown> = {}) => {
  const { channel: _c, ...rest } = paRequest(t, overrides);
  return rest;
};
const ATTESTATION = { physicianName: 'Dr. Ana Ruiz', seriousJeopardy: true, reason: 'Severe hypoxaemia at night; waiting two weeks risks a cardiac event.' };

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  provider = await h.login(t.usernames.provider);
  md = await h.login(t.usernames.medical_director);
});
afterAll(async () => h.close());

describe('expedited requests from the portal', () => {
  it('refuses an expedited request without the physician\'s attestation, and stores nothing', async () => {
    const before = await countCases();
    for (const body of [portal({ priority: 'expedited' }), portal({ priority: 'expedited', expediteRequestedBy: 'physician' })]) {
      const r = await h.call('POST', '/api/cases', provider, body, { 'idempotency-key': `no-attest-${Math.random()}` });
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({ code: 'UM_ERR_VALIDATION', errors: [{ path: 'expediteAttestation' }] });
      expect(r.json().detail).toMatch(/seriously jeopardize/);
    }
    // An attestation that does not attest is no attestation.
    const r = await h.call('POST', '/api/cases', provider, portal({ priority: 'expedited', expediteAttestation: { ...ATTESTATION, physicianNpi: t.providers.clinicianNpi, seriousJeopardy: false } }));
    expect(r.statusCode).toBe(400);
    expect(await countCases()).toBe(before);
  });

  it('refuses an attestation on a standard request', async () => {
    const before = await countCases();
    const r = await h.call('POST', '/api/cases', provider, portal({ expediteAttestation: { ...ATTESTATION, physicianNpi: t.providers.clinicianNpi } }));
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ code: 'UM_ERR_VALIDATION', errors: [{ path: 'expediteAttestation' }] });
    expect(await countCases()).toBe(before);
  });

  it('carries the attestation onto the case: physician-supported, a note both sides read, audited; the clock refuses a downgrade', async () => {
    const body = portal({ priority: 'expedited', expediteAttestation: { ...ATTESTATION, physicianNpi: t.providers.clinicianNpi } });
    const r = await h.call('POST', '/api/cases', provider, body, { 'idempotency-key': 'attested-1' });
    expect(r.statusCode, r.body).toBe(201);
    const c = r.json();
    expect(c).toMatchObject({ priority: 'expedited', expediteRequestedBy: 'physician', expeditePhysicianSupported: true, channel: 'portal' });
    const note = c.notes.find((n: { body: string }) => n.body.startsWith('Expedite attestation'));
    expect(note).toMatchObject({ visibility: 'provider' });
    expect(note.body).toContain(`Dr. Ana Ruiz (NPI ${t.providers.clinicianNpi}) attests that applying the standard time frame`);
    expect(note.body).toContain('Reason given: Severe hypoxaemia');
    const trail = await auditActions(c.id);
    const attested = trail.find((a) => a.action === 'case.expedite_attested');
    expect(attested?.details).toEqual({ physicianNpi: t.providers.clinicianNpi });
    // The expedited clock runs (72 hours for Medicare Advantage), and the reviewers see the note too.
    expect(new Date(c.dueAt).getTime() - new Date(c.receivedAt).getTime()).toBeLessThanOrEqual(72 * 3600_000);
    const staffView = (await h.call('GET', `/api/cases/${c.id}`, md)).json();
    expect(staffView.notes.map((n: { body: string }) => n.body)).toContain(note.body);
    // The medical director cannot move a physician-supported request to the standard time frame.
    const down = await h.call('POST', `/api/cases/${c.id}/clock/expedite-denied`, md, { reason: 'Not urgent' });
    expect(down.statusCode).toBe(422);
    expect(down.json().code).toBe('UM_ERR_CLOCK_DOWNGRADE_REFUSED');

    // A retry with the same key is the same case, with one attestation note.
    const again = await h.call('POST', '/api/cases', provider, body, { 'idempotency-key': 'attested-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(c.id);
    expect(again.json().notes.filter((n: { body: string }) => n.body.startsWith('Expedite attestation'))).toHaveLength(1);
  });
});

describe('eligibility on the date of service (GET /api/members/{id})', () => {
  it('gives a provider the member\'s coverage spans with plan, product, line of business, dates, IPA and PCP', async () => {
    const db = h.app.ctx.db;
    const [m] = await db.select({ id: S.members.id }).from(S.members).where(and(eq(S.members.tenantId, t.tenantId), eq(S.members.memberNumber, t.memberNumbers.covered)));
    await db.update(S.coverages).set({ pcpProviderId: t.providers.clinician }).where(and(eq(S.coverages.tenantId, t.tenantId), eq(S.coverages.memberId, m?.id ?? '')));
    const found = (await h.call('GET', `/api/members?q=${t.memberNumbers.covered}`, provider)).json().items;
    expect(found).toHaveLength(1);
    const r = await h.call('GET', `/api/members/${found[0].id}`, provider);
    expect(r.statusCode).toBe(200);
    expect(r.json().coverages).toEqual([
      expect.objectContaining({
        planName: 'Test MA Plan', ipaName: 'Test IPA', pbp: 'H0001-001', lineOfBusiness: 'medicare_advantage', productType: 'HMO', effectiveFrom: '2025-01-01', effectiveTo: null,
        pcp: { id: t.providers.clinician, npi: t.providers.clinicianNpi, name: expect.any(String) },
      }),
    ]);
    // A member whose coverage ended: the span says so (the portal shows "not covered on that date").
    const termed = (await h.call('GET', `/api/members?q=${t.memberNumbers.termed}`, provider)).json().items[0];
    const spans = (await h.call('GET', `/api/members/${termed.id}`, provider)).json().coverages;
    expect(spans).toEqual([expect.objectContaining({ effectiveTo: '2025-06-30', pcp: null })]);
  });
});

describe('documents sent with a submission (POST /api/cases/{id}/submission-attachments)', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n').toString('base64');
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not really an image, but its signature is')]).toString('base64');
  const attachmentRows = async (caseId: string) => h.app.ctx.db.select({ id: S.attachments.id }).from(S.attachments).where(and(eq(S.attachments.tenantId, t.tenantId), eq(S.attachments.caseId, caseId)));

  it('attaches each file once, however often the upload is retried, even at the same moment', async () => {
    const c = (await h.call('POST', '/api/cases', provider, portal(), { 'idempotency-key': 'with-docs-1' })).json();
    const up = (body: unknown, key = 'with-docs-1') => h.call('POST', `/api/cases/${c.id}/submission-attachments`, provider, body, { 'idempotency-key': key });
    const first = await up({ fileName: 'sleep-study.pdf', contentType: 'application/pdf', contentBase64: PDF });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ fileName: 'sleep-study.pdf', contentType: 'application/pdf' });
    const retry = await up({ fileName: 'sleep-study.pdf', contentType: 'application/pdf', contentBase64: PDF });
    expect(retry.statusCode).toBe(200);
    expect(retry.json().id).toBe(first.json().id);
    const both = await Promise.all([0, 1].map(() => up({ fileName: 'oximetry.png', contentType: 'image/png', contentBase64: PNG })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(both[0]?.json().id).toBe(both[1]?.json().id);
    expect(await attachmentRows(c.id)).toHaveLength(2);
    const view = (await h.call('GET', `/api/cases/${c.id}`, provider)).json();
    expect(view.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['sleep-study.pdf', 'oximetry.png']);
    // Each attachment audited once, marked as sent with the submission.
    const audited = (await auditActions(c.id)).filter((a) => a.action === 'case.attachment');
    expect(audited).toHaveLength(2);
    expect(audited.every((a) => (a.details as { atSubmission?: boolean }).atSubmission === true)).toBe(true);
    // The resubmission with the same key is the same request with the same attachments.
    const resubmit = await h.call('POST', '/api/cases', provider, portal(), { 'idempotency-key': 'with-docs-1' });
    expect(resubmit.statusCode).toBe(200);
    expect(resubmit.json().attachments).toHaveLength(2);
  });

  it('refuses a file that is not what it says, an unknown key, or a key of another case, and stores nothing', async () => {
    const c = (await h.call('POST', '/api/cases', provider, portal(), { 'idempotency-key': 'with-docs-2' })).json();
    const other = (await h.call('POST', '/api/cases', provider, portal(), { 'idempotency-key': 'with-docs-3' })).json();
    const fake = await h.call('POST', `/api/cases/${c.id}/submission-attachments`, provider, { fileName: 'notes.pdf', contentType: 'application/pdf', contentBase64: PNG }, { 'idempotency-key': 'with-docs-2' });
    expect(fake.statusCode).toBe(415);
    expect(fake.headers['content-type']).toContain('application/problem+json');
    expect(fake.json().code).toBe('UM_ERR_ATTACHMENT_TYPE');
    for (const key of ['never-used', 'with-docs-3']) {
      const r = await h.call('POST', `/api/cases/${c.id}/submission-attachments`, provider, { fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: PDF }, { 'idempotency-key': key });
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('UM_ERR_NOT_FOUND');
    }
    // Staff did not submit it with that key either.
    const intake = await h.login(t.usernames.intake);
    const staff = await h.call('POST', `/api/cases/${c.id}/submission-attachments`, intake, { fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: PDF }, { 'idempotency-key': 'with-docs-2' });
    expect(staff.statusCode).toBe(404);
    const noKey = await h.call('POST', `/api/cases/${c.id}/submission-attachments`, provider, { fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: PDF });
    expect(noKey.statusCode).toBe(400);
    expect(await attachmentRows(c.id)).toHaveLength(0);
    expect(await attachmentRows(other.id)).toHaveLength(0);
  });

  it('takes documents with the submission for 24 hours only', async () => {
    const c = (await h.call('POST', '/api/cases', provider, portal(), { 'idempotency-key': 'with-docs-late' })).json();
    h.clock.advance(24 * 3600_000 + 1000);
    try {
      const fresh = await h.login(t.usernames.provider);
      const r = await h.call('POST', `/api/cases/${c.id}/submission-attachments`, fresh, { fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: PDF }, { 'idempotency-key': 'with-docs-late' });
      expect(r.statusCode).toBe(409);
      expect(r.json().code).toBe('UM_ERR_CONFLICT');
      expect(await attachmentRows(c.id)).toHaveLength(0);
    } finally {
      h.clock.set('2026-11-20T15:00:00Z');
    }
  });
});

describe('code search (GET /api/coverage/codes)', () => {
  beforeAll(async () => {
    await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma], goldCard: false });
  });
  const search = async (q: string, token = provider) => {
    const r = await h.call('GET', `/api/coverage/codes?q=${encodeURIComponent(q)}`, token);
    expect(r.statusCode, r.body).toBe(200);
    return r.json().items as { codeSystem: string; code: string; codeTo: string | null; display: string; onPaList: boolean; criteriaSets: { id: string }[]; inRange: string | null }[];
  };

  it('finds a code the PA list and a criteria set know, with the set that applies', async () => {
    expect(await search('E0601')).toEqual([
      { codeSystem: 'HCPCS', code: 'E0601', codeTo: null, display: expect.stringMatching(/CPAP|Continuous Positive Airway Pressure/), onPaList: true, criteriaSets: [expect.objectContaining({ id: 'ncd-240.4-cpap-osa' })], inRange: null },
    ]);
  });

  it('finds an exact code inside a listed range, and the range from the start of a code', async () => {
    expect(await search('97112')).toEqual([expect.objectContaining({ codeSystem: 'CPT', code: '97112', codeTo: null, onPaList: true, inRange: '97110–97116' })]);
    expect(await search('E04')).toContainEqual(expect.objectContaining({ code: 'E0424', codeTo: 'E0444', criteriaSets: [expect.objectContaining({ id: 'ncd-240.2-home-oxygen' })] }));
  });

  it('finds codes by words of the criteria set they belong to', async () => {
    const cpap = await search('sleep apnea');
    expect(cpap.map((h) => h.code)).toContain('E0601');
    const oxygen = await search('home oxygen');
    expect(oxygen.length).toBeGreaterThan(0);
    expect(oxygen.every((h) => h.criteriaSets.some((s) => s.id === 'ncd-240.2-home-oxygen'))).toBe(true);
    expect(await search('zzz-no-such-service')).toEqual([]);
  });

  it('answers bad input with a problem, and unauthenticated callers not at all', async () => {
    const empty = await h.call('GET', '/api/coverage/codes?q=', provider);
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    const tooMany = await h.call('GET', '/api/coverage/codes?q=E0601&limit=500', provider);
    expect(tooMany.statusCode).toBe(400);
    expect((await h.call('GET', '/api/coverage/codes?q=E0601', null)).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/docs/json', null)).json();
    const op = doc.paths['/api/coverage/codes']?.get;
    expect(op).toBeDefined();
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'limit']));
    expect(Object.keys(op.responses)).toContain('200');
  });
});
