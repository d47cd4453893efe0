import { describe, expect, it } from 'vitest';
import { fixture, onlyDocument } from '../testing/fixtures';
import { caseKindOf, intakeFrom278 } from './map';
import { contentHash, intakeKey, senderKey } from './key';
import { setTexts } from './verbatim';
import { placeError } from './errors';
import { UmError } from '../../../platform/errors';
import { readInterchange } from '../read';

const parties = { memberId: '00000000-0000-4000-8000-000000000001', requestingNpi: '1234567893', servicingNpi: '1987654328', requesterType: 'contracted_provider' } as const;

describe('278 request → intake request', () => {
  it('maps the dependent request: kind, priority, member, providers, dotted diagnoses, one DME line with its dates and place of service', async () => {
    const doc = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const m = intakeFrom278(doc, parties);
    expect(m.request).toEqual({
      kind: 'prior_auth',
      priority: 'standard',
      requesterType: 'contracted_provider',
      channel: 'x12',
      member: { id: parties.memberId },
      requestingProvider: { npi: '1234567893' },
      servicingProvider: { npi: '1987654328' },
      diagnoses: [{ system: 'ICD-10-CM', code: 'J44.9' }, { system: 'ICD-10-CM', code: 'R06.02' }],
      lines: [{ codeSystem: 'HCPCS', code: 'E0601', modifiers: ['RR'], units: 1, unitType: 'UN', fromDate: '2026-09-01', toDate: '2026-09-30', placeOfService: '12' }],
    });
    expect(m.services).toEqual([{ index: 0, line: 0 }]);
  });

  it('maps SV2 with a procedure code to that code, and answers a dental SV3 with AAA AG at its 2000F', async () => {
    const r = await readInterchange(fixture('278-multi-group.x12'));
    const docs = r.interchanges[0]?.groups[0]?.transactions.map((t) => t.document) ?? [];
    const [, sv2, sv3] = docs;
    if (sv2?.kind !== '278-request' || sv3?.kind !== '278-request') throw new Error('fixture changed');
    expect(intakeFrom278(sv2, parties).request.lines).toEqual([{ codeSystem: 'CPT', code: '99223', units: 3, unitType: 'DA', fromDate: '2026-02-10', toDate: '2026-02-10', placeOfService: '11' }]);
    const dental = intakeFrom278(sv3, parties);
    expect(dental.request.lines).toEqual([]);
    expect(dental.services).toEqual([{ index: 0, rejection: { loop: '2000F', valid: false, reason: 'AG', followUp: 'C', serviceIndex: 0 } }]);
  });

  it('answers a service dated outside its patient event with AAA 57 at its 2000F', async () => {
    const doc = await onlyDocument(fixture('aaa-service-dates.x12'), '278-request');
    expect(intakeFrom278(doc, parties).services).toEqual([{ index: 0, rejection: { loop: '2000F', valid: false, reason: '57', followUp: 'C', serviceIndex: 0 } }]);
  });

  it('reads Example 1a as a standard referral with an ICD-9 diagnosis and no line (a service type only)', async () => {
    const doc = await onlyDocument(fixture('278-example-1a.x12'), '278-request');
    const m = intakeFrom278(doc, { memberId: parties.memberId, requesterType: 'non_contracted_provider' });
    expect(m.request).toMatchObject({ kind: 'referral', priority: 'standard', diagnoses: [{ system: 'ICD-9-CM', code: '410.90' }], lines: [] });
    expect(m.services).toEqual([]);
  });

  it('tells the case kind from UM01 and UM02 like the PAS mapping', () => {
    expect(caseKindOf([{ requestCategory: 'SC', certificationType: 'I' }])).toBe('referral');
    expect(caseKindOf([{ requestCategory: 'AR', certificationType: '4' }])).toBe('concurrent_review');
    expect(caseKindOf([{ requestCategory: 'AR', certificationType: 'I' }, undefined])).toBe('prior_auth');
  });
});

describe('submission key and content', () => {
  it('keys on ISA05:ISA06/GS02 and BHT03, and fingerprints the content without envelope numbers or positions', async () => {
    const a = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const b = await onlyDocument(fixture('278-delimiters-pipe.x12'), '278-request');
    expect(senderKey(a.transaction)).toBe('ZZ:PROVIDERID/PROVIDERAPP');
    expect(intakeKey(a.transaction, a.beginning.reference)).toBe('x12:ZZ:PROVIDERID/PROVIDERAPP:B99999');
    expect(contentHash(a)).toBe(contentHash(b));
    const c = await onlyDocument(fixture('278-dependent.x12').replace('SV1*HC:E0601:RR*450*UN*1', 'SV1*HC:E0601:RR*450*UN*2'), '278-request');
    expect(contentHash(c)).not.toBe(contentHash(a));
  });

  it('cuts each set out as an interchange of its own that reads back to the same document', async () => {
    const text = fixture('278-multi-group.x12');
    const texts = setTexts(text);
    expect(texts.size).toBe(5);
    const r = await readInterchange(text);
    const first = r.interchanges[0]?.groups[1]?.transactions[0];
    const alone = texts.get(first?.header.position ?? -1) ?? '';
    expect(alone.startsWith('ISA*')).toBe(true);
    expect(alone.endsWith('GE*1*2~IEA*1*000000101~')).toBe(true);
    const again = await onlyDocument(alone, '278-request');
    expect(contentHash(again)).toBe(contentHash(first?.document ?? {}));
  });
});

describe('intake errors → AAA', () => {
  const services = [{ index: 0, line: 0 }, { index: 1, rejection: { loop: '2000F', valid: false, reason: 'AG', followUp: 'C', serviceIndex: 1 } }, { index: 2, line: 1 }] as const;
  it('puts line errors at the 2000F of the service that became the line', () => {
    const e = new UmError('UM_ERR_VALIDATION', 'bad', { details: [{ path: 'lines/1/code', message: 'x' }, { path: 'lines/0/toDate', message: 'y' }] });
    expect(placeError(e, services)).toEqual({
      serviceRejections: [
        { loop: '2000F', valid: false, reason: '57', followUp: 'C', serviceIndex: 0 },
        { loop: '2000F', valid: false, reason: 'AG', followUp: 'C', serviceIndex: 2 },
      ],
    });
  });
  it('maps other errors once, through rejectionForError', () => {
    expect(placeError(new UmError('UM_ERR_INTAKE_MEMBER_UNKNOWN'), services)).toEqual({ rejection: { loop: '2010C', valid: true, reason: '75', followUp: 'C' }, serviceRejections: [] });
    expect(placeError(new UmError('UM_ERR_VALIDATION', 'x', { details: [{ path: 'diagnoses/0/code', message: 'bad' }] }), services).rejection).toMatchObject({ loop: '2000E', reason: 'AF' });
    expect(placeError(new UmError('UM_ERR_INTERNAL'), services).rejection).toEqual({ loop: '2010A', valid: true, reason: '42', followUp: 'P' });
  });
});
