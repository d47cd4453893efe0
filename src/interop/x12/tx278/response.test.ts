import { X12Interchange, X12Parser } from 'node-x12';
import { describe, expect, it } from 'vitest';
import { UmError } from '../../../platform/errors';
import { readInterchange } from '../read';
import { segmentsOf } from '../syntax/read';
import { fixture, onlyDocument } from '../testing/fixtures';
import { ack999Group, replyInterchange } from '../ack/write';
import { replyGroup, writeInterchange } from '../write/envelope';
import { REQUEST_PROBLEMS, rejectionForError } from './aaa';
import { buildServicesReviewResponse, summarize, type ReviewOutcome } from './response-build';
import { servicesReviewResponseSegments } from './response-write';
import { serializeSegment, type SegmentSpec } from '../write/serialize';

const lines = (specs: readonly SegmentSpec[]): string[] => specs.map((s) => serializeSegment(s));
import type { ServicesReviewRequest } from './types';
import type { ServicesReviewResponse } from './response-types';

const at = new Date(Date.UTC(2026, 8, 2, 15, 4));

function write(request: ServicesReviewRequest, response: ServicesReviewResponse): string {
  const t = request.transaction;
  return writeInterchange({
    senderQualifier: t.receiverQualifier,
    senderId: t.receiverId,
    receiverQualifier: t.senderQualifier,
    receiverId: t.senderId,
    controlNumber: 42,
    at,
    usage: 'T',
    groups: [{ functionalId: 'HI', applicationSender: t.applicationReceiver, applicationReceiver: t.applicationSender, controlNumber: 7, version: '005010X217', transactions: [{ setId: '278', controlNumber: 1, implementationRef: '005010X217', segments: servicesReviewResponseSegments(response) }] }],
  });
}

const certified: ReviewOutcome = {
  at,
  services: [{ decision: { action: 'A1', certificationNumber: 'AUTH0001' }, certification: { issued: '2026-09-02', effective: { start: '2026-09-01', end: '2026-09-30' }, expires: '2026-09-30' }, message: 'Approved as requested' }],
  responderTrace: { number: 'UMO-TRACE-9', originatorId: '9999999999' },
};

describe('278 response writer', () => {
  it('answers the dependent request: echoes levels and traces, HCR with the authorization number, certification dates', async () => {
    const request = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const text = write(request, buildServicesReviewResponse(request, certified));
    const lines = segmentsOf(text).segments.map((s) => s.elements.join('*'));
    expect(lines.slice(3, 8)).toEqual(['BHT*0007*11*B99999*20260902*1504', 'HL*1**20*1', 'NM1*X3*2*ACME HEALTH PLAN*****PI*PAYER01', 'HL*2*1*21*1', 'NM1*1P*2*GENERAL HOSPITAL*****XX*1234567893']);
    expect(lines).toContain('HL*5*4*EV*1');
    expect(lines).toContain('TRN*2*TRACE-DEP-1*1234567890');
    expect(lines).toContain('TRN*1*UMO-TRACE-9*9999999999');
    expect(lines).toContain('HCR*A1*AUTH0001');
    expect(lines).toContain('TRN*2*ITEM-DEP-1*1234567890');
    expect(lines).toContain('DTP*102*D8*20260902');
    expect(lines).toContain('DTP*007*RD8*20260901-20260930');
    expect(lines).toContain('DTP*036*D8*20260930');
    expect(lines).toContain('MSG*Approved as requested');
    expect(lines).toContain('SV1*HC:E0601:RR*450*UN*1');
    expect(lines.filter((l) => l.startsWith('HCR'))).toEqual(['HCR*A1*AUTH0001', 'HCR*A1*AUTH0001']);
  });

  it('round-trips: the written response re-reads with our reader (999 A) into the same structure', async () => {
    const request = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const built = buildServicesReviewResponse(request, certified);
    const text = write(request, built);
    const read = await readInterchange(text, { accept: ['278-response'] });
    const g = read.interchanges[0]?.groups[0];
    expect(g?.ack.code).toBe('A');
    const back = g?.transactions[0]?.document;
    expect(back?.kind).toBe('278-response');
    if (back?.kind !== '278-response') return;
    const { transaction: _t, ...rest } = back;
    expect(JSON.parse(JSON.stringify(rest))).toEqual(JSON.parse(JSON.stringify({ ...built, umo: { ...built.umo, contacts: undefined } })));
  });

  it('re-parses with node-x12', async () => {
    const base = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const text = write(base, buildServicesReviewResponse(base, { ...certified, services: base.event.services.map(() => ({ decision: { action: 'A4' } })) }));
    const parsed = new X12Parser(true).parse(text);
    expect(parsed).toBeInstanceOf(X12Interchange);
    if (!(parsed instanceof X12Interchange)) return;
    const tx = parsed.functionalGroups[0]?.transactions[0];
    const ours = segmentsOf(text).segments.filter((s) => !['ISA', 'GS', 'ST', 'SE', 'GE', 'IEA'].includes(s.id));
    const theirs = tx?.segments ?? [];
    expect(theirs.map((s) => s.tag)).toEqual(ours.map((s) => s.id));
    expect(theirs.find((s) => s.tag === 'HCR')?.elements.map((e) => e.value)).toEqual(['A4']);
  });

  it.each([
    ['member-not-found', '2010C', 'AAA*Y**75*C'],
    ['payer-unknown', '2010A', 'AAA*N**79*C'],
    ['provider-unknown', '2010B', 'AAA*Y**51*C'],
    ['patient-not-found', '2010D', 'AAA*Y**67*C'],
    ['dates-invalid', '2000E', 'AAA*N**57*C'],
  ] as const)('puts the %s AAA in loop %s and writes no HCR at or below it', async (problem, loop, aaa) => {
    const request = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const r = buildServicesReviewResponse(request, { at, rejection: REQUEST_PROBLEMS[problem] });
    const segs = lines(servicesReviewResponseSegments(r));
    const i = segs.indexOf(aaa);
    expect(i).toBeGreaterThan(0);
    const before = segs.slice(0, i).reverse().find((s) => s.startsWith('HL') || s.startsWith('NM1'));
    const expectHl: Record<string, string> = { '2010A': 'NM1*X3', '2010B': 'NM1*1P', '2010C': 'NM1*IL', '2010D': 'NM1*QC', '2000E': 'HL*5*4*EV' };
    expect(before?.startsWith(expectHl[loop] ?? '?')).toBe(true);
    expect(segs.filter((s) => s.startsWith('HCR'))).toEqual([]);
    expect(segs.filter((s) => s.startsWith('AAA'))).toEqual([aaa]);
  });

  it('puts a 2000F AAA on the named service and still decides the event', async () => {
    const req = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const r = buildServicesReviewResponse(req, {
      at,
      rejection: { ...REQUEST_PROBLEMS['service-dates-invalid'], serviceIndex: 0 },
      event: { decision: { action: 'CT' } },
      services: [{ decision: { action: 'A1', certificationNumber: 'X' } }],
    });
    const segs = lines(servicesReviewResponseSegments(r));
    expect(segs.slice(segs.indexOf('HL*6*5*SS*0'))).toContain('AAA*N**57*C');
    expect(segs.filter((s) => s.startsWith('HCR'))).toEqual(['HCR*CT']);
    expect(() => buildServicesReviewResponse(req, { at, rejection: { ...REQUEST_PROBLEMS['service-dates-invalid'], serviceIndex: 3 } })).toThrow(UmError);
  });

  it('writes an A3 not-certified decision with its reason and an A6 modification with the authorized service', async () => {
    const request = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    const line = request.event.services[0]?.service;
    if (line === undefined) throw new Error('fixture has a service');
    const denied = servicesReviewResponseSegments(buildServicesReviewResponse(request, { at, services: [{ decision: { action: 'A3', reasonCode: '0U' }, message: 'Not medically necessary: oxygen saturation above 88 percent' }] }));
    expect(lines(denied)).toContain('HCR*A3**0U');
    const modified = servicesReviewResponseSegments(
      buildServicesReviewResponse(request, { at, services: [{ decision: { action: 'A6', certificationNumber: 'AUTH77' }, authorizedService: { ...line, quantity: 1, modifiers: ['NU'] } }] }),
    );
    const texts = lines(modified);
    expect(texts).toContain('SV1*HC:E0601:NU*450*UN*1');
    expect(texts.filter((t) => t.startsWith('HCR'))).toEqual(['HCR*A6*AUTH77', 'HCR*A6*AUTH77']);
  });

  it('refuses a response that does not decide every service, and values that would break the syntax', async () => {
    const request = await onlyDocument(fixture('278-dependent.x12'), '278-request');
    expect(() => buildServicesReviewResponse(request, { at, services: [] })).toThrow(UmError);
    const r = buildServicesReviewResponse(request, { at, services: [{ decision: { action: 'A1', certificationNumber: 'AUTH*1' } }] });
    expect(() => write(request, r)).toThrow(/delimiter/);
    const ok = buildServicesReviewResponse(request, { at, services: [{ decision: { action: 'A1', certificationNumber: 'AUTH1' }, message: 'free*text~with:delims^' }] });
    expect(segmentsOf(write(request, ok)).segments.find((s) => s.id === 'MSG')?.elements).toEqual(['MSG', 'free text with delims ']);
  });

  it('summarizes the event decision from the services', () => {
    expect(summarize([{ decision: { action: 'A1', certificationNumber: 'A' } }, { decision: { action: 'A1', certificationNumber: 'B' } }])).toEqual({ action: 'A1', certificationNumber: 'A' });
    expect(summarize([{ decision: { action: 'A1', certificationNumber: 'A' } }, { decision: { action: 'A3', reasonCode: 'X' } }])).toEqual({ action: 'A2', certificationNumber: 'A' });
    expect(summarize([{ decision: { action: 'A1', certificationNumber: 'A' } }, { decision: { action: 'A4' } }])).toEqual({ action: 'A4', certificationNumber: 'A' });
    expect(summarize([])).toBeUndefined();
  });

  it('maps OpenUM error codes to AAA once', () => {
    expect(rejectionForError('UM_ERR_INTAKE_MEMBER_UNKNOWN')).toEqual({ loop: '2010C', valid: true, reason: '75', followUp: 'C' });
    expect(rejectionForError('UM_ERR_INTAKE_PROVIDER_UNKNOWN')).toEqual({ loop: '2010B', valid: true, reason: '51', followUp: 'C' });
    expect(rejectionForError('UM_ERR_INTAKE_BAD_DATES')).toEqual({ loop: '2000E', valid: false, reason: '57', followUp: 'C' });
    expect(rejectionForError('UM_ERR_INTERNAL')).toEqual({ loop: '2010A', valid: true, reason: '42', followUp: 'P' });
  });

  it('answers a whole interchange: one reply with the 999 group and the 278 responses, read back accepted', async () => {
    const read = await readInterchange(fixture('278-multi-group.x12'));
    const ix = read.interchanges[0];
    if (ix === undefined) throw new Error('no interchange');
    const responses = ix.groups.map((g, i) =>
      replyGroup(g.header, 'HI', '005010X217', 10 + i, g.transactions.flatMap((t, j) => {
        const d = t.document;
        if (d?.kind !== '278-request') return [];
        const r = buildServicesReviewResponse(d, { at, services: d.event.services.map(() => ({ decision: { action: 'A4' } })) });
        return [{ setId: '278', controlNumber: j + 1, implementationRef: '005010X217', segments: servicesReviewResponseSegments(r) }];
      })),
    );
    const text = writeInterchange(replyInterchange(ix.header, { controlNumber: 77, at, usage: 'T', groups: [ack999Group({ interchange: ix.header, group: ix.groups[0]?.header }, ix.groups.map((g) => g.ack), 9), ...responses] }));
    const back = await readInterchange(text, { accept: ['278-response'] });
    const groups = back.interchanges[0]?.groups ?? [];
    expect(back.interchanges[0]?.accepted).toBe(true);
    expect(groups.map((g) => [g.header.functionalId, g.header.senderCode, g.ack.received, g.ack.accepted])).toEqual([
      ['FA', 'PAYERAPP', 2, 0],
      ['HI', 'PAYERAPP', 3, 3],
      ['HI', 'PAYERAPP', 1, 1],
    ]);
    expect(groups[1]?.transactions.map((t) => t.document?.kind === '278-response' && t.document.reference)).toEqual(['MULTI0001', 'MULTI0002', 'MULTI0003']);
  });

  it('writes the reply envelope from the request: sender and receiver swapped', async () => {
    const read = await readInterchange(fixture('278-dependent.x12'));
    const ix = read.interchanges[0];
    if (ix === undefined) throw new Error('no interchange');
    const text = writeInterchange(replyInterchange(ix.header, { controlNumber: 5, at, groups: [] }));
    expect(text.slice(0, 106)).toBe('ISA*00*          *00*          *ZZ*PAYERID        *ZZ*PROVIDERID     *260902*1504*^*00501*000000005*0*P*:~');
  });
});
