/**
 * One gold-card rule for the portal look-up and intake: the exemption of the provider who requests
 * (Tex. Ins. Code 4201.653), else of the servicing provider, in force on the day the request is
 * made. The "is authorization required?" answer a provider gets is the answer intake then gives.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';
import { goldCardExemptions } from '../src/coverage/schema';

let h: TestApp;
let t: TestTenant;
let provider: string;
let intake: string;

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma] });
  // The clinician is gold-carded for CPAP in 2026; the hospital is not.
  await h.app.ctx.db.insert(goldCardExemptions).values({
    tenantId: t.tenantId, id: randomUUID(), providerKind: 'npi', providerValue: t.providers.clinicianNpi, serviceGroup: 'cpap', startDate: '2026-01-01', endDate: '2026-12-31',
    approved: 6, counted: 6, approvalPercent: 100, evaluationFrom: '2025-01-01', evaluationTo: '2025-12-31', citation: 'Tex. Ins. Code 4201.653', computedAt: new Date('2026-01-01T08:00:00Z'),
  });
  provider = await h.login(t.usernames.provider);
  intake = await h.login(t.usernames.intake);
});
afterAll(async () => h?.close());

let year = 2027;
/** The portal's answer and intake's outcome for the same request (each in its own year: an approval lasts 84 days, and overlaps are duplicates). */
async function both(requesting: string | null, servicing: string) {
  const date = `${year++}-03-01`;
  const q = new URLSearchParams({ member: t.memberNumbers.covered, code: 'E0601', date, pos: '12', provider: servicing });
  if (requesting !== null) q.set('requestingProvider', requesting);
  const look = await h.call('GET', `/api/coverage/requirements?${q.toString()}`, provider);
  expect(look.statusCode, look.body).toBe(200);
  const body = paRequest(t, { servicingProvider: { npi: servicing }, lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: date, placeOfService: '12' }] });
  if (requesting === null) delete (body as { requestingProvider?: unknown }).requestingProvider;
  else body.requestingProvider = { npi: requesting };
  const c = await h.call('POST', '/api/cases', intake, body);
  expect(c.statusCode, c.body).toBe(201);
  return { answer: look.json(), item: look.json().items[0], c: c.json() };
}

describe('the gold-card exemption, looked up and applied', () => {
  it('is the requesting provider\'s: exempt requester, servicing provider not exempt → exempt in the portal and approved at intake', async () => {
    const { answer, item, c } = await both(t.providers.clinicianNpi, t.providers.hospitalNpi);
    expect(answer.goldCardProvider).toMatchObject({ npi: t.providers.clinicianNpi });
    expect(item).toMatchObject({ requirement: 'required', goldCard: { provider: { kind: 'npi', value: t.providers.clinicianNpi }, serviceGroup: 'cpap' } });
    expect(c).toMatchObject({ status: 'decided', disposition: 'approved' });
    expect(c.determinations[0]).toMatchObject({ basis: { kind: 'gold_card' } });
  });

  it('is not the servicing provider\'s when someone else requests: not exempt in the portal, and a person reviews at intake', async () => {
    const { answer, item, c } = await both(t.providers.hospitalNpi, t.providers.clinicianNpi);
    expect(answer.goldCardProvider).toMatchObject({ npi: t.providers.hospitalNpi });
    expect(item).toMatchObject({ requirement: 'required', goldCard: null });
    expect(c).toMatchObject({ status: 'nurse_review', disposition: 'pending' });
  });

  it('falls back to the servicing provider when no requester is named, in both', async () => {
    const { item, c } = await both(null, t.providers.clinicianNpi);
    expect(item.goldCard).not.toBeNull();
    expect(c).toMatchObject({ disposition: 'approved' });
  });

  it('refuses a malformed or unknown requesting provider with problem+json', async () => {
    const bad = await h.call('GET', `/api/coverage/requirements?member=${t.memberNumbers.covered}&code=E0601&date=2027-04-01&requestingProvider=abc`, provider);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'UM_ERR_VALIDATION', errors: [{ path: 'querystring/requestingProvider' }] });
    const unknown = await h.call('GET', `/api/coverage/requirements?member=${t.memberNumbers.covered}&code=E0601&date=2027-04-01&requestingProvider=1234567893`, provider);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ code: 'UM_ERR_INTAKE_PROVIDER_UNKNOWN', errors: [{ path: 'requestingProvider' }] });
  });
});
