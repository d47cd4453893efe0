import type { Contact, DateEntry } from '../common/types';
import { toD8, toPeriod } from '../syntax/dates';
import type { SegmentSpec, ElementValue } from '../write/serialize';
import { required } from '../write/serialize';
import type { RequestRejection } from './aaa';
import type { CertificationDates, ResponseLevel, ResponseParty, ReviewDecision, ServicesReviewResponse } from './response-types';
import type { Diagnosis, RequestedService, ReviewInformation, ServiceDelivery } from './types';

const n = (v: number | undefined): string | undefined => (v === undefined ? undefined : String(v));

export const aaaSegment = (r: RequestRejection): SegmentSpec => ['AAA', r.valid ? 'Y' : 'N', undefined, r.reason, r.followUp];

export const nm1Segment = (p: ResponseParty): SegmentSpec => [
  'NM1', required(p.entityCode, 'NM101'), p.entityType === 'organization' ? '2' : '1',
  { text: p.name.last }, p.name.first === undefined ? undefined : { text: p.name.first }, p.name.middle === undefined ? undefined : { text: p.name.middle },
  p.name.prefix, p.name.suffix, p.id?.qualifier, p.id?.value,
];

export const perSegment = (c: Contact): SegmentSpec => ['PER', c.function, c.name === undefined ? undefined : { text: c.name }, ...c.numbers.flatMap((x) => [x.qualifier, x.value])];

export function dtpSegment(d: DateEntry): SegmentSpec {
  switch (d.format) {
    case 'D8':
    case 'RD8':
      return ['DTP', d.qualifier, d.format, toPeriod(d.start, d.end).value];
    case 'DT':
      return ['DTP', d.qualifier, 'DT', `${toD8(d.start)}${(d.startTime ?? '00:00').replaceAll(':', '').slice(0, 4)}`];
    case 'RDT':
      return ['DTP', d.qualifier, 'RDT', `${toD8(d.start)}${(d.startTime ?? '00:00').replaceAll(':', '').slice(0, 4)}-${toD8(d.end)}${(d.endTime ?? '00:00').replaceAll(':', '').slice(0, 4)}`];
  }
}

export const umSegment = (r: ReviewInformation): SegmentSpec => [
  'UM', r.requestCategory, r.certificationType, r.serviceType,
  r.facility === undefined ? undefined : [r.facility.code, r.facility.qualifier],
  r.relatedCauses === undefined ? undefined : [...r.relatedCauses],
  r.levelOfService, r.currentHealthCondition, r.prognosis, r.releaseOfInformation, r.delayReason,
];

export const hcrSegment = (d: ReviewDecision): SegmentSpec => [
  'HCR', d.action, d.certificationNumber, d.reasonCode, d.secondSurgicalOpinion === undefined ? undefined : d.secondSurgicalOpinion ? 'Y' : 'N',
];

export const hsdSegment = (h: ServiceDelivery): SegmentSpec => [
  'HSD', h.quantityQualifier, n(h.quantity), h.unit, n(h.sampleModulus), h.periodQualifier, n(h.periodCount), h.deliveryPattern, h.deliveryTime,
];

export function hiSegment(dx: readonly Diagnosis[]): SegmentSpec {
  return ['HI', ...dx.slice(0, 12).map((x): ElementValue => [x.qualifier, x.code, x.date === undefined ? undefined : 'D8', x.date === undefined ? undefined : toD8(x.date)])];
}

export function certificationSegments(c: CertificationDates | undefined): SegmentSpec[] {
  if (c === undefined) return [];
  const out: SegmentSpec[] = [];
  if (c.issued !== undefined) out.push(['DTP', '102', 'D8', toD8(c.issued)]);
  if (c.effective !== undefined) {
    const p = toPeriod(c.effective.start, c.effective.end);
    out.push(['DTP', '007', p.format, p.value]);
  }
  if (c.expires !== undefined) out.push(['DTP', '036', 'D8', toD8(c.expires)]);
  return out;
}

export function serviceSegments(s: RequestedService): SegmentSpec[] {
  const proc: ElementValue = [s.qualifier, s.code, s.modifiers[0], s.modifiers[1], s.modifiers[2], s.modifiers[3], s.description, s.rangeEnd];
  switch (s.kind) {
    case 'professional':
      return [['SV1', proc, n(s.amount), s.unit, n(s.quantity)]];
    case 'institutional':
      return [['SV2', s.revenueCode, s.codeSystem === 'revenue' ? undefined : proc, n(s.amount), s.unit, n(s.quantity), undefined, undefined, undefined, s.nursingHomeStatus, s.levelOfCare]];
    case 'dental':
      return [['SV3', proc, n(s.amount), undefined, undefined, undefined, n(s.quantity)], ...(s.teeth ?? []).map((t): SegmentSpec => ['TOO', 'JP', t])];
  }
}

function levelSegments(l: ResponseLevel, id: number, parent: number, code: string, children: boolean, extra: { readonly diagnoses?: readonly Diagnosis[]; readonly service?: RequestedService }): SegmentSpec[] {
  const out: SegmentSpec[] = [['HL', String(id), String(parent), code, children ? '1' : '0']];
  for (const t of l.traceNumbers) out.push(['TRN', '2', t.number, t.originatorId, t.originatorSupplemental]);
  if (l.responderTrace !== undefined) out.push(['TRN', '1', l.responderTrace.number, l.responderTrace.originatorId, l.responderTrace.originatorSupplemental]);
  for (const r of l.rejections) out.push(aaaSegment(r));
  out.push(umSegment(l.review));
  if (l.decision !== undefined) out.push(hcrSegment(l.decision));
  if (l.administrativeReferenceNumber !== undefined) out.push(['REF', 'NT', l.administrativeReferenceNumber]);
  if (l.previousAuthorizationNumber !== undefined) out.push(['REF', 'BB', l.previousAuthorizationNumber]);
  for (const d of l.dates) out.push(dtpSegment(d));
  out.push(...certificationSegments(l.certification));
  if (extra.diagnoses !== undefined && extra.diagnoses.length > 0) out.push(hiSegment(extra.diagnoses));
  if (extra.service !== undefined) out.push(...serviceSegments(extra.service));
  if (l.delivery !== undefined) out.push(hsdSegment(l.delivery));
  if (l.message !== undefined) out.push(['MSG', { text: l.message.slice(0, 264) }]);
  for (const p of l.providers) {
    out.push(nm1Segment(p));
    for (const r of p.rejections) out.push(aaaSegment(r));
  }
  return out;
}

function partySegments(p: ResponseParty, hl?: SegmentSpec): SegmentSpec[] {
  const out: SegmentSpec[] = hl === undefined ? [nm1Segment(p)] : [hl, nm1Segment(p)];
  for (const c of p.contacts ?? []) out.push(perSegment(c));
  for (const r of p.rejections) out.push(aaaSegment(r));
  if (p.birthDate !== undefined) out.push(['DMG', 'D8', toD8(p.birthDate), p.sex]);
  return out;
}

/**
 * The segments between ST and SE of a 278 response (005010X217, BHT02 = 11), in TR3 order:
 * 2000A/2010A UMO, 2000B/2010B requester, 2000C/2010C subscriber, 2000D/2010D dependent,
 * 2000E patient event (TRN*2 echo, TRN*1, AAA, UM, HCR, REF, DTP, HI, HSD, MSG, 2010EA), 2000F
 * services (… SV1/SV2/SV3 …).
 */
export function servicesReviewResponseSegments(r: ServicesReviewResponse): SegmentSpec[] {
  const out: SegmentSpec[] = [['BHT', '0007', '11', required(r.reference, 'BHT03'), toD8(r.date), r.time.replaceAll(':', '').slice(0, 4)]];
  out.push(['HL', '1', undefined, '20', r.requester === undefined ? '0' : '1'], ...(r.sourceRejections ?? []).map(aaaSegment), ...partySegments(r.umo));
  let id = 1;
  const next = (parent: number, code: string, children: boolean): SegmentSpec => ['HL', String(++id), String(parent), code, children ? '1' : '0'];
  if (r.requester === undefined) return out;
  out.push(...partySegments(r.requester, next(1, '21', r.subscriber !== undefined)));
  const requesterId = id;
  if (r.subscriber === undefined) return out;
  out.push(...partySegments(r.subscriber, next(requesterId, '22', r.dependent !== undefined || r.event !== undefined)));
  let parent = id;
  if (r.dependent !== undefined) {
    out.push(...partySegments(r.dependent, next(parent, '23', r.event !== undefined)));
    parent = id;
  }
  const ev = r.event;
  if (ev === undefined) return out;
  const eventId = ++id;
  out.push(...levelSegments(ev, eventId, parent, 'EV', ev.services.length > 0, { diagnoses: ev.diagnoses }));
  for (const s of ev.services) out.push(...levelSegments(s, ++id, eventId, 'SS', false, { service: s.service }));
  return out;
}
