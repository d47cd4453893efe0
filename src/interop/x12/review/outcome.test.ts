import { describe, expect, it } from 'vitest';
import { fixture, onlyDocument } from '../testing/fixtures';
import { buildServicesReviewResponse } from '../tx278/response-build';
import { servicesReviewResponseSegments } from '../tx278/response-write';
import { serializeSegment } from '../write/serialize';
import { ascii, outcomeOfCase, reviewActionOf, type CaseSnapshot, type LineSnapshot } from './outcome';

const line = (over: Partial<LineSnapshot> = {}): LineSnapshot => ({
  lineNo: 1,
  code: 'E0601',
  units: 1,
  placeOfService: '12',
  outcome: null,
  authorizationNumber: null,
  approvedUnits: null,
  approvedFrom: null,
  approvedTo: null,
  decidedOn: null,
  approvedCode: null,
  approvedPlaceOfService: null,
  reasonCode: null,
  reason: null,
  ...over,
});
const snapshot = (l: LineSnapshot, over: Partial<CaseSnapshot> = {}): CaseSnapshot => ({ caseNumber: 'UM-1001', status: 'nurse_review', pendMessage: null, planName: 'ACME HEALTH PLAN', lines: [l], ...over });
const at = new Date('2026-09-02T15:00:00Z');
const opts = { at, timeZone: 'America/Chicago', decisionReasonCodes: { 'MN-01': '0U' } };

async function answer(c: CaseSnapshot): Promise<string[]> {
  const doc = await onlyDocument(fixture('278-dependent.x12'), '278-request');
  const r = buildServicesReviewResponse(doc, outcomeOfCase(doc, [{ index: 0, line: 0 }], c, opts));
  return servicesReviewResponseSegments(r).map((s) => serializeSegment(s));
}

describe('case state → 278 response', () => {
  it('review actions of the PAS mapping', () => {
    expect(reviewActionOf(line())).toBe('A4');
    expect(reviewActionOf(line({ outcome: 'forwarded' }))).toBe('A4');
    expect(reviewActionOf(line({ outcome: 'approved' }))).toBe('A1');
    expect(reviewActionOf(line({ outcome: 'approved_modified', approvedUnits: 1 }))).toBe('A2');
    expect(reviewActionOf(line({ outcome: 'approved_modified', approvedCode: 'E0470' }))).toBe('A6');
    expect(reviewActionOf(line({ outcome: 'denied' }))).toBe('A3');
    expect(reviewActionOf(line({ outcome: 'no_auth_required' }))).toBe('NA');
    expect(reviewActionOf(line({ outcome: 'withdrawn' }))).toBe('C');
  });

  it('pended: HCR A4 at both levels, the case number as REF*NT, MSG saying a response will follow', async () => {
    const s = await answer(snapshot(line()));
    expect(s).toContain('HCR*A4');
    expect(s).toContain('REF*NT*UM-1001');
    expect(s).toContain('MSG*Pended for review; the decision will follow in a 278 response (reference UM-1001)');
  });

  it('approved: HCR A1 with the authorization number, DTP 102 issue, 007 period and 036 expiration', async () => {
    const s = await answer(snapshot(line({ outcome: 'approved', authorizationNumber: 'AUTH-7', decidedOn: '2026-09-02', approvedFrom: '2026-09-01', approvedTo: '2026-09-30' }), { status: 'decided' }));
    expect(s.filter((x) => x.startsWith('HCR'))).toEqual(['HCR*A1*AUTH-7', 'HCR*A1*AUTH-7']);
    expect(s).toEqual(expect.arrayContaining(['DTP*102*D8*20260902', 'DTP*007*RD8*20260901-20260930', 'DTP*036*D8*20260930']));
  });

  it('denied: HCR A3 with the plan\'s mapped HCR03 and the reason as MSG (in the X12 character set)', async () => {
    const s = await answer(snapshot(line({ outcome: 'denied', reasonCode: 'MN-01', reason: 'SpO₂ above 88% — criteria not met' }), { status: 'decided' }));
    expect(s).toContain('HCR*A3**0U');
    expect(s).toContain('MSG*Not certified - SpO2 above 88% - criteria not met');
    const unmapped = await answer(snapshot(line({ outcome: 'denied', reasonCode: 'LOCAL', reason: 'Not covered' }), { status: 'decided' }));
    expect(unmapped.filter((x) => x.startsWith('HCR'))).toEqual(['HCR*A3', 'HCR*A3']);
  });

  it('fewer units: HCR A2 with the authorized quantity in HSD; another code: A6 with the authorized service', async () => {
    const base = { outcome: 'approved_modified' as const, authorizationNumber: 'AUTH-8', units: 3, decidedOn: '2026-09-02', approvedFrom: '2026-09-01', approvedTo: '2026-09-15' };
    const partial = await answer(snapshot(line({ ...base, approvedUnits: 2 })));
    expect(partial).toContain('HCR*A2*AUTH-8');
    expect(partial).toContain('HSD*VS*2');
    const modified = await answer(snapshot(line({ ...base, approvedUnits: 3, approvedCode: 'E0470' })));
    expect(modified).toContain('HCR*A6*AUTH-8');
    expect(modified).toContain('SV1*HC:E0470:RR*450*UN*1');
  });

  it('forwarded to the plan (DOFR) or waiting for information: pended with the reason as MSG', async () => {
    expect(await answer(snapshot(line({ outcome: 'forwarded' })))).toContain('MSG*Forwarded to ACME HEALTH PLAN, which decides this service (reference UM-1001)');
    expect(await answer(snapshot(line(), { status: 'pended_info', pendMessage: 'Send the sleep study' }))).toContain('MSG*Pended; more information is needed - Send the sleep study');
  });

  it('keeps free text in printable ASCII', () => {
    expect(ascii('Café — naïve\tß')).toBe('Cafe - naive ß'.replace('ß', ' '));
  });
});
