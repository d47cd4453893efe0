import { X12Interchange, X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { readInterchange } from '../read';
import { segmentsOf } from '../syntax/read';
import { fixture, onlyDocument } from '../testing/fixtures';
import { REQUEST_PROBLEMS } from '../tx278/aaa';
import { writeInterchange } from '../write/envelope';
import { buildEligibilityResponse, eligibilityQueries, eligibilityResponseSegments, type EligibilityOutcome } from './respond';
import type { EligibilityInquiry } from './types';

const at = new Date(Date.UTC(2026, 4, 1, 13, 20));

const write271 = (inquiry: EligibilityInquiry, outcome: EligibilityOutcome): string =>
  writeInterchange({
    senderQualifier: 'ZZ',
    senderId: 'PAYER',
    receiverQualifier: 'ZZ',
    receiverId: 'PROVIDER',
    controlNumber: 2,
    at,
    groups: [{ functionalId: 'HB', applicationSender: 'PAYER', applicationReceiver: 'PROVIDER', controlNumber: 1, version: '005010X279A1', transactions: [{ setId: '271', controlNumber: 1, implementationRef: '005010X279A1', segments: eligibilityResponseSegments(buildEligibilityResponse(inquiry, outcome)) }] }],
  });

const active: EligibilityOutcome = {
  at,
  answer: () => ({
    kind: 'found',
    planDates: { begin: '2026-01-01', end: '2026-12-31' },
    benefits: [{ code: '1', coverageLevel: 'IND', serviceTypes: ['30'], insuranceType: 'HM', planName: 'GOLD 123 PLAN', dates: [{ qualifier: '291', format: 'RD8', start: '2026-01-01', end: '2026-12-31' }] }],
  }),
};

describe('270 eligibility inquiry (005010X279A1)', () => {
  it('reads the LinuxForHealth 270 into the typed inquiry and one query', async () => {
    const q = await onlyDocument(fixture('linuxforhealth/subscriber-health-benefit-check.270'), '270');
    expect(q.beginning).toMatchObject({ structure: '0022', purpose: '13', reference: '10001234', date: '2006-05-01' });
    const [query] = eligibilityQueries(q);
    expect(eligibilityQueries(q)).toHaveLength(1);
    expect(query?.source).toMatchObject({ entityCode: 'PR', name: { last: 'ABC COMPANY' }, id: { qualifier: 'PI', value: '842610001' } });
    expect(query?.receiver).toMatchObject({ entityCode: '1P', id: { qualifier: 'SV', value: '2000035' } });
    expect(query?.patient).toMatchObject({ memberId: '11122333301', name: { last: 'SMITH', first: 'ROBERT' }, birthDate: '1943-05-19' });
    expect(query?.traceNumbers).toEqual([{ type: '1', number: '93175-012547', originatorId: '9877281234', originatorSupplemental: undefined }]);
    expect(query?.date).toBe('2006-05-01');
    expect(query?.serviceTypes).toEqual(['30']);
  });

  it('reads dependents and repeated service types', async () => {
    const text = fixture('270-request.x12')
      .replace('HL*3*2*22*0~', 'HL*3*2*22*1~')
      .replace('EQ*30~', 'EQ*30~HL*4*3*23*0~TRN*1*DEP-1*9877281234~NM1*03*1*DOE*JIM~DMG*D8*20150101*M~EQ*1^33^35~')
      .replace('SE*13*1234', 'SE*18*1234');
    const q = await onlyDocument(text, '270');
    const queries = eligibilityQueries(q);
    expect(queries.map((x) => [x.patient.name.first, x.dependent === undefined, x.serviceTypes, x.date])).toEqual([
      ['JANE', true, ['30'], '2026-05-01'],
      ['JIM', false, ['1', '33', '35'], '2026-05-01'],
    ]);
  });
});

describe('271 eligibility response', () => {
  it('answers active coverage: EB with plan name and the plan dates 346/347, TRN echoed as TRN*2', async () => {
    const inquiry = await onlyDocument(fixture('270-request.x12'), '270');
    const lines = segmentsOf(write271(inquiry, active)).segments.map((s) => s.elements.join('*'));
    expect(lines.slice(3)).toEqual([
      'BHT*0022*11*10001234*20260501*1320',
      'HL*1**20*1',
      'NM1*PR*2*ACME HEALTH PLAN*****PI*842610001',
      'HL*2*1*21*1',
      'NM1*1P*2*BONE AND JOINT CLINIC*****XX*1234567893',
      'HL*3*2*22*0',
      'TRN*2*93175-012547*9877281234',
      'NM1*IL*1*DOE*JANE****MI*MEMBER001',
      'DMG*D8*19800101',
      'DTP*346*D8*20260101',
      'DTP*347*D8*20261231',
      'EB*1*IND*30*HM*GOLD 123 PLAN',
      'DTP*291*RD8*20260101-20261231',
      'SE*15*0001',
      'GE*1*1',
      'IEA*1*000000002',
    ]);
  });

  it('answers an unknown member with AAA*Y**75*C at 2100C and no EB; inactive coverage with EB*6', async () => {
    const inquiry = await onlyDocument(fixture('270-request.x12'), '270');
    const unknown = segmentsOf(write271(inquiry, { at, answer: () => ({ kind: 'rejected', rejection: REQUEST_PROBLEMS['member-not-found'] }) })).segments.map((s) => s.elements.join('*'));
    const nm1 = unknown.indexOf('NM1*IL*1*DOE*JANE****MI*MEMBER001');
    expect(unknown[nm1 + 1]).toBe('AAA*Y**75*C');
    expect(unknown.some((l) => l.startsWith('EB'))).toBe(false);
    const inactive = segmentsOf(write271(inquiry, { at, answer: () => ({ kind: 'found', benefits: [{ code: '6', serviceTypes: ['30'] }], planDates: { end: '2025-12-31' } }) })).segments.map((s) => s.elements.join('*'));
    expect(inactive).toContain('EB*6**30');
    expect(inactive).toContain('DTP*347*D8*20251231');
  });

  it('puts a payer problem at 2100A and answers no member', async () => {
    const inquiry = await onlyDocument(fixture('270-request.x12'), '270');
    let asked = 0;
    const lines = segmentsOf(write271(inquiry, { at, sourceRejection: REQUEST_PROBLEMS['payer-unknown'], answer: () => (asked++, { kind: 'found', benefits: [] }) })).segments.map((s) => s.elements.join('*'));
    expect(lines[lines.indexOf('NM1*PR*2*ACME HEALTH PLAN*****PI*842610001') + 1]).toBe('AAA*N**79*C');
    expect(asked).toBe(0);
  });

  it('round-trips through our reader and node-x12', async () => {
    const inquiry = await onlyDocument(fixture('270-request.x12'), '270');
    const text = write271(inquiry, active);
    const back = await onlyDocument(text, '271', { accept: ['271'] });
    const sub = back.sources[0]?.receivers[0]?.subscribers[0];
    expect(sub?.member).toMatchObject({ name: { last: 'DOE' }, id: { qualifier: 'MI', value: 'MEMBER001' }, rejections: [] });
    expect(sub?.benefits).toEqual([{ code: '1', coverageLevel: 'IND', serviceTypes: ['30'], insuranceType: 'HM', planName: 'GOLD 123 PLAN', authorizationRequired: undefined, inNetwork: undefined, dates: [{ qualifier: '291', format: 'RD8', start: '2026-01-01', end: '2026-12-31' }], messages: [] }]);
    expect(sub?.dates.map((d) => [d.qualifier, d.start])).toEqual([['346', '2026-01-01'], ['347', '2026-12-31']]);
    const parsed = new X12Parser(true).parse(text);
    expect(parsed).toBeInstanceOf(X12Interchange);
    if (parsed instanceof X12Interchange) expect(parsed.functionalGroups[0]?.transactions[0]?.segments.map((s) => s.tag)).toContain('EB');
  });

  it('reads the LinuxForHealth 271 when responses are accepted', async () => {
    const r = await onlyDocument(fixture('linuxforhealth/subscriber-health-benefit-check.271'), '271', { accept: ['271'] });
    const sub = r.sources[0]?.receivers[0]?.subscribers[0];
    expect(sub?.traceNumbers[0]?.number).toBe('93175-012547');
    expect(sub?.benefits.map((b) => [b.code, b.planName, b.serviceTypes?.length, b.inNetwork])).toEqual([
      ['1', 'GOLD 123 PLAN', 1, undefined],
      ['L', undefined, undefined, undefined],
      ['1', undefined, 10, undefined],
      ['B', 'GOLD 123 PLAN', 10, 'Y'],
      ['B', 'GOLD 123 PLAN', 10, 'N'],
    ]);
    const read = await readInterchange(fixture('linuxforhealth/subscriber-health-benefit-check.271'));
    expect(read.interchanges[0]?.groups[0]?.transactions[0]?.ack.errors).toEqual(['1']);
  });
});
