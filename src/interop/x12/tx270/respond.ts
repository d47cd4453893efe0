import type { DateEntry, Party, PartyName, Person } from '../common/types';
import { toD8 } from '../syntax/dates';
import type { RequestRejection } from '../tx278/aaa';
import type { ResponseParty } from '../tx278/response-types';
import { aaaSegment, dtpSegment, nm1Segment, perSegment } from '../tx278/response-write';
import { stamp } from '../write/envelope';
import type { SegmentSpec } from '../write/serialize';
import type { EligibilityBenefit, EligibilityInquiry, EligibilityMember, EligibilityMemberResponse, EligibilityQuery, EligibilityResponse } from './types';

/** The answer about one person: coverage found (with its benefits) or a rejection for the member loop (2100C/2100D). */
export type EligibilityAnswer =
  | {
      readonly kind: 'found';
      /** Name, birth date and sex as on file (default: echoed from the inquiry). */
      readonly member?: { readonly name?: PartyName; readonly birthDate?: string; readonly sex?: string };
      /** DTP*346 plan begin and DTP*347 plan end at 2100C/2100D. */
      readonly planDates?: { readonly begin?: string; readonly end?: string };
      /** Other 2100C/2100D dates (e.g. 356/357 eligibility begin/end). */
      readonly dates?: readonly DateEntry[];
      readonly benefits: readonly EligibilityBenefit[];
    }
  | { readonly kind: 'rejected'; readonly rejection: RequestRejection };

export interface EligibilityOutcome {
  readonly at: Date;
  readonly timeZone?: string;
  /** Called once per subscriber and dependent asked about. */
  readonly answer: (query: EligibilityQuery) => EligibilityAnswer;
  /** AAA at 2100A (payer unknown or unavailable): no member is answered. */
  readonly sourceRejection?: RequestRejection;
  /** AAA at 2100B (provider not known). */
  readonly receiverRejection?: RequestRejection;
}

const askedDate = (m: EligibilityMember): string | undefined =>
  m.dates.find((d) => d.qualifier === '291')?.start ?? m.inquiries.flatMap((q) => q.dates).find((d) => d.qualifier === '291')?.start;

/** Every person a 270 asks about, with the levels above it (a 270 may carry many subscribers). */
export function eligibilityQueries(inquiry: EligibilityInquiry): EligibilityQuery[] {
  const out: EligibilityQuery[] = [];
  for (const a of inquiry.sources) {
    for (const b of a.receivers) {
      for (const c of b.subscribers) {
        const base = { source: a.party, receiver: b.party, subscriber: c.member };
        out.push({ ...base, patient: c.member, traceNumbers: c.traceNumbers, date: askedDate(c), serviceTypes: c.inquiries.flatMap((q) => q.serviceTypes) });
        for (const d of c.dependents) {
          out.push({ ...base, dependent: d.member, patient: d.member, traceNumbers: d.traceNumbers, date: askedDate(d) ?? askedDate(c), serviceTypes: d.inquiries.flatMap((q) => q.serviceTypes) });
        }
      }
    }
  }
  return out;
}

const echo = (p: Party | Person, rejections: readonly RequestRejection[]): ResponseParty => {
  const person: Partial<Person> = p;
  return { entityCode: p.entityCode, entityType: p.entityType, name: p.name, id: p.id, birthDate: person.birthDate, sex: person.sex, rejections };
};

function answerMember(m: EligibilityMember, query: EligibilityQuery, outcome: EligibilityOutcome, blocked: boolean): EligibilityMemberResponse {
  const base = { traceNumbers: m.traceNumbers };
  if (blocked) return { ...base, member: echo(m.member, []), dates: [], benefits: [] };
  const a = outcome.answer(query);
  if (a.kind === 'rejected') return { ...base, member: echo(m.member, [a.rejection]), dates: [], benefits: [] };
  const dates: DateEntry[] = [];
  if (a.planDates?.begin !== undefined) dates.push({ qualifier: '346', format: 'D8', start: a.planDates.begin, end: a.planDates.begin });
  if (a.planDates?.end !== undefined) dates.push({ qualifier: '347', format: 'D8', start: a.planDates.end, end: a.planDates.end });
  dates.push(...(a.dates ?? []));
  const echoed = echo(m.member, []);
  const member: ResponseParty = { ...echoed, name: a.member?.name ?? echoed.name, birthDate: a.member?.birthDate ?? echoed.birthDate, sex: a.member?.sex ?? echoed.sex };
  return { ...base, member, dates, benefits: a.benefits };
}

/**
 * Builds the 271 answering a 270 (005010X279A1): the same levels, TRN echoed as TRN*2, one
 * answer per subscriber and dependent. A rejected member carries its AAA in 2100C/2100D (e.g.
 * AAA*Y**75*C subscriber not found) and no EB; a source or receiver rejection stops the
 * answers below it.
 */
export function buildEligibilityResponse(inquiry: EligibilityInquiry, outcome: EligibilityOutcome): EligibilityResponse {
  const s = stamp(outcome.at, outcome.timeZone);
  const blocked = outcome.sourceRejection !== undefined || outcome.receiverRejection !== undefined;
  return {
    kind: '271',
    reference: inquiry.beginning.reference,
    date: `${s.date.slice(0, 4)}-${s.date.slice(4, 6)}-${s.date.slice(6)}`,
    time: `${s.time.slice(0, 2)}:${s.time.slice(2)}`,
    sources: inquiry.sources.map((a) => ({
      party: echo(a.party, outcome.sourceRejection === undefined ? [] : [outcome.sourceRejection]),
      receivers: a.receivers.map((b) => ({
        party: echo(b.party, outcome.receiverRejection === undefined ? [] : [outcome.receiverRejection]),
        subscribers: b.subscribers.map((c) => {
          const base = { source: a.party, receiver: b.party, subscriber: c.member };
          const sq: EligibilityQuery = { ...base, patient: c.member, traceNumbers: c.traceNumbers, date: askedDate(c), serviceTypes: c.inquiries.flatMap((q) => q.serviceTypes) };
          return {
            ...answerMember(c, sq, outcome, blocked),
            dependents: c.dependents.map((d) =>
              answerMember(d, { ...base, dependent: d.member, patient: d.member, traceNumbers: d.traceNumbers, date: askedDate(d) ?? askedDate(c), serviceTypes: d.inquiries.flatMap((q) => q.serviceTypes) }, outcome, blocked),
            ),
          };
        }),
      })),
    })),
  };
}

function memberSegments(m: EligibilityMemberResponse, hl: SegmentSpec): SegmentSpec[] {
  const out: SegmentSpec[] = [hl];
  for (const t of m.traceNumbers) out.push(['TRN', '2', t.number, t.originatorId, t.originatorSupplemental]);
  if (m.responderTrace !== undefined) out.push(['TRN', '1', m.responderTrace.number, m.responderTrace.originatorId, m.responderTrace.originatorSupplemental]);
  out.push(nm1Segment(m.member));
  for (const r of m.member.rejections) out.push(aaaSegment(r));
  if (m.member.birthDate !== undefined) out.push(['DMG', 'D8', toD8(m.member.birthDate), m.member.sex]);
  for (const d of m.dates) out.push(dtpSegment(d));
  for (const b of m.benefits) {
    out.push([
      'EB', b.code, b.coverageLevel, b.serviceTypes === undefined ? undefined : { repeat: b.serviceTypes }, b.insuranceType,
      b.planName === undefined ? undefined : { text: b.planName }, undefined, undefined, undefined, undefined, undefined, b.authorizationRequired, b.inNetwork,
    ]);
    for (const d of b.dates ?? []) out.push(dtpSegment(d));
    for (const msg of b.messages ?? []) out.push(['MSG', { text: msg.slice(0, 264) }]);
  }
  return out;
}

/** The segments between ST and SE of a 271. */
export function eligibilityResponseSegments(r: EligibilityResponse): SegmentSpec[] {
  const out: SegmentSpec[] = [['BHT', '0022', '11', r.reference, toD8(r.date), r.time.replaceAll(':', '').slice(0, 4)]];
  let id = 0;
  const party = (p: ResponseParty): SegmentSpec[] => [nm1Segment(p), ...(p.contacts ?? []).map(perSegment), ...p.rejections.map(aaaSegment)];
  for (const a of r.sources) {
    const aId = ++id;
    out.push(['HL', String(aId), undefined, '20', a.receivers.length > 0 ? '1' : '0'], ...party(a.party));
    for (const b of a.receivers) {
      const bId = ++id;
      out.push(['HL', String(bId), String(aId), '21', b.subscribers.length > 0 ? '1' : '0'], ...party(b.party));
      for (const c of b.subscribers) {
        const cId = ++id;
        out.push(...memberSegments(c, ['HL', String(cId), String(bId), '22', c.dependents.length > 0 ? '1' : '0']));
        for (const d of c.dependents) out.push(...memberSegments(d, ['HL', String(++id), String(cId), '23', '0']));
      }
    }
  }
  return out;
}
