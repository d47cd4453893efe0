import { describe, expect, it } from 'vitest';
import { readInterchange } from '../read';
import { documents, fixture, onlyDocument } from '../testing/fixtures';
import { generate278Batch } from '../testing/generate';
import { priorityOf } from './priority';
import { dottedDiagnosisCode, hcpcsSystem } from './service';

describe('278 request (005010X217)', () => {
  it('reads the Example 1a referral into the typed request', async () => {
    const r = await onlyDocument(fixture('278-example-1a.x12'), '278-request');
    expect(r.beginning).toEqual({ structure: '0007', purpose: '13', reference: 'A12345', date: '2005-05-02', time: '11:01', transactionType: undefined });
    expect(r.transaction).toMatchObject({ senderId: 'PROVIDERID', applicationSender: 'PROVIDERAPP', controlNumber: '0001', implementationRef: '005010X217' });
    expect(r.umo).toMatchObject({ entityCode: 'X3', entityType: 'organization', name: { last: 'MARYLAND CAPITAL INSURANCE COMPANY' }, id: { qualifier: '46', value: '789312' } });
    expect(r.requester).toMatchObject({ entityCode: '1P', entityType: 'person', name: { last: 'GARDENER', first: 'JAMES' }, id: { qualifier: '46', value: '8189991234' }, npi: undefined });
    expect(r.subscriber).toMatchObject({ memberId: '12345678901', name: { last: 'SMITH', first: 'JOE' } });
    expect(r.patient).toBe(r.subscriber);
    expect(r.dependent).toBeUndefined();
    const ev = r.event;
    expect(ev.traceNumbers).toEqual([{ type: '1', number: '111099', originatorId: '9012345678', originatorSupplemental: undefined }]);
    expect(ev.review).toMatchObject({ requestCategory: 'SC', certificationType: 'I', serviceType: '3', facility: { code: '11', qualifier: 'B' }, placeOfService: '11', releaseOfInformation: 'Y' });
    expect(ev.diagnoses).toEqual([{ qualifier: 'BF', codeSystem: 'ICD-9-CM', code: '41090', principal: false, date: '2005-04-30' }]);
    expect(ev.delivery).toMatchObject({ quantityQualifier: 'VS', quantity: 1 });
    expect(ev.providers).toHaveLength(1);
    expect(ev.providers[0]).toMatchObject({ entityCode: 'SJ', name: { last: 'WATSON', first: 'SUSAN' }, id: { qualifier: '34', value: '987654321' }, contacts: [{ function: 'IC', numbers: [{ qualifier: 'TE', value: '4029993456' }] }] });
    expect(ev.services).toEqual([]);
    expect(priorityOf(ev)).toBe('standard');
  });

  it('reads a dependent patient (2000D), ICD-10 diagnoses, event dates and an SV1 service line', async () => {
    const r = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    expect(r.dependent).toMatchObject({ entityCode: 'QC', name: { last: 'DOE', first: 'JIMMY' }, birthDate: '2015-06-15', sex: 'M' });
    expect(r.patient).toBe(r.dependent);
    expect(r.subscriber.memberId).toBe('MEMBER001');
    expect(r.requester).toMatchObject({ entityType: 'organization', npi: '1234567893' });
    expect(r.event.diagnoses.map((d) => [d.qualifier, d.codeSystem, d.code, d.principal])).toEqual([
      ['ABK', 'ICD-10-CM', 'J449', true],
      ['ABF', 'ICD-10-CM', 'R0602', false],
    ]);
    expect(r.event.dates).toEqual([{ qualifier: 'AAH', format: 'RD8', start: '2026-09-01', end: '2026-09-30' }]);
    expect(r.event.providers[0]).toMatchObject({ entityCode: 'SJ', npi: '1987654328' });
    const [line] = r.event.services;
    expect(line).toMatchObject({ index: 0, traceNumbers: [{ number: 'ITEM-DEP-1' }], review: { requestCategory: 'HS', certificationType: 'I' } });
    expect(line?.dates).toEqual([{ qualifier: '472', format: 'RD8', start: '2026-09-01', end: '2026-09-30' }]);
    expect(line?.service).toEqual({ kind: 'professional', codeSystem: 'HCPCS', qualifier: 'HC', code: 'E0601', modifiers: ['RR'], description: undefined, rangeEnd: undefined, amount: 450, unit: 'UN', quantity: 1 });
    expect(line?.delivery).toMatchObject({ quantityQualifier: 'VS', quantity: 1 });
  });

  it('reads SV2 institutional and SV3 dental lines with their code systems', async () => {
    const docs = documents(await readInterchange(fixture('278-multi-group.x12')));
    expect(docs.map((d) => d.kind)).toEqual(['278-request', '278-request', '278-request', '278-request']);
    const services = docs.flatMap((d) => (d.kind === '278-request' ? d.event.services.map((s) => s.service) : []));
    expect(services.map((s) => [s?.kind, s?.codeSystem, s?.code, s?.modifiers, s?.quantity, s?.unit])).toEqual([
      ['professional', 'CPT', '27447', ['RT'], 1, 'UN'],
      ['institutional', 'CPT', '99223', [], 3, 'DA'],
      ['dental', 'CDT', 'D2740', [], 1, undefined],
      ['professional', 'CPT', '27447', ['RT'], 1, 'UN'],
    ]);
    expect(services[1]?.revenueCode).toBe('0120');
    expect(services[2]?.teeth).toEqual(['14']);
  });

  it('keeps BHT03, the submitter ids and the trace numbers that make the idempotency key', async () => {
    const [a, b] = documents(await readInterchange(fixture('278-multi-group.x12')));
    expect(a?.kind === '278-request' && [a.beginning.reference, a.transaction.senderId, a.transaction.applicationSender, a.event.traceNumbers[0]?.number]).toEqual(['MULTI0001', 'PROVIDERID', 'PROVIDERAPP', 'MT0001']);
    expect(b?.kind === '278-request' && b.event.services[0]?.traceNumbers[0]?.number).toBe('MT0002-1');
  });

  it('keeps segments it does not interpret instead of failing', async () => {
    const text = fixture('278-dependent.x12').replace('HI*ABK:J449*ABF:R0602~', 'HI*ABK:J449*ABF:R0602~CR6*4*20260901~ZZZ*FUTURE*SEGMENT~').replace('SE*24*0001', 'SE*26*0001');
    const r = await onlyDocument(text, '278-request');
    expect(r.event.clinical).toEqual([{ id: 'CR6', elements: ['CR6', '4', '20260901'] }]);
    expect(r.event.other.map((s) => s.elements)).toEqual([['ZZZ', 'FUTURE', 'SEGMENT']]);
    const atSubscriber = await onlyDocument(fixture('278-dependent.x12').replace('NM1*IL*1*DOE*JANE****MI*MEMBER001~', 'REF*SY*123~NM1*IL*1*DOE*JANE****MI*MEMBER001~').replace('SE*24*0001', 'SE*25*0001'), '278-request');
    expect(atSubscriber.other.map((s) => s.elements)).toEqual([['REF', 'SY', '123']]);
  });

  it('reads REF*BB / REF*NT, PWK attachments, MSG and UM06 urgent', async () => {
    const text = fixture('278-dependent.x12')
      .replace('UM*HS*I*1*12:B**E~', 'UM*HS*4*1*12:B**U~REF*BB*AUTH998~REF*NT*ADM77~')
      .replace('HI*ABK:J449*ABF:R0602~', 'HI*ABK:J449*ABF:R0602~PWK*OZ*EL***AC*DOC12345*Oximetry~MSG*PATIENT ON HOME O2 SINCE 2024~')
      .replace('SE*24*0001', 'SE*28*0001');
    const r = await onlyDocument(text, '278-request');
    expect(r.event.previousAuthorizationNumber).toBe('AUTH998');
    expect(r.event.administrativeReferenceNumber).toBe('ADM77');
    expect(r.event.review?.certificationType).toBe('4');
    expect(r.event.attachments).toEqual([{ reportType: 'OZ', transmission: 'EL', controlNumber: 'DOC12345', description: 'Oximetry' }]);
    expect(r.event.message).toBe('PATIENT ON HOME O2 SINCE 2024');
    expect(priorityOf(r.event)).toBe('expedited');
  });

  it('reads generated batches: every request accepted and typed', async () => {
    const text = [...generate278Batch({ requests: 40, perGroup: 15 })].join('');
    const r = await readInterchange(text);
    expect(r.interchanges[0]?.groups.map((g) => [g.ack.code, g.ack.accepted])).toEqual([['A', 15], ['A', 15], ['A', 10]]);
    const docs = documents(r);
    expect(docs).toHaveLength(40);
    expect(new Set(docs.map((d) => (d.kind === '278-request' ? d.beginning.reference : ''))).size).toBe(40);
  });

  it('writes diagnosis codes with their decimal point', () => {
    expect(dottedDiagnosisCode('G894', 'ICD-10-CM')).toBe('G89.4');
    expect(dottedDiagnosisCode('I10', 'ICD-10-CM')).toBe('I10');
    expect(dottedDiagnosisCode('41090', 'ICD-9-CM')).toBe('410.90');
    expect(dottedDiagnosisCode('E8889', 'ICD-9-CM')).toBe('E888.9');
    expect(dottedDiagnosisCode('M17.11', 'ICD-10-CM')).toBe('M17.11');
  });

  it('tells CPT from HCPCS Level II', () => {
    expect(['99213', '0075T', '3008F', '0001U', 'E0601', 'J1745', 'G0151'].map(hcpcsSystem)).toEqual(['CPT', 'CPT', 'CPT', 'CPT', 'HCPCS', 'HCPCS', 'HCPCS']);
  });
});

describe('278 inquiry (005010X215)', () => {
  it('reads the keys that find an earlier request: BHT03, trace numbers, REF*BB, subscriber, provider, dates', async () => {
    const text = fixture('278-dependent.x12')
      .replace('ST*278*0001*005010X217', 'ST*278*0001*005010X215')
      .replace('GS*HI*PROVIDERAPP*PAYERAPP*20260115*1030*1*X*005010X217', 'GS*HI*PROVIDERAPP*PAYERAPP*20260115*1030*1*X*005010X215')
      .replace('UM*HS*I*1*12:B**E~', 'REF*BB*AUTH0001~')
      .replace('UM*HS*I~', '');
    const q = await onlyDocument(text.replace('SE*24*0001', 'SE*23*0001'), '278-inquiry');
    expect(q.beginning.reference).toBe('B99999');
    expect(q.event.traceNumbers[0]?.number).toBe('TRACE-DEP-1');
    expect(q.event.previousAuthorizationNumber).toBe('AUTH0001');
    expect(q.event.review).toBeUndefined();
    expect(q.subscriber.memberId).toBe('MEMBER001');
    expect(q.requester.npi).toBe('1234567893');
    expect(q.event.services[0]?.dates[0]).toMatchObject({ qualifier: '472', start: '2026-09-01' });
  });
});
