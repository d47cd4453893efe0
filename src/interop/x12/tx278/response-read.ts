import type { ReadContext } from '../common/parties';
import type { DateEntry, RawSegment } from '../common/types';
import { transactionInfo } from '../envelope/buffered';
import type { SetContext } from '../envelope/handler';
import type { Segment } from '../syntax/segment';
import { REJECT_REASON, FOLLOW_UP_ACTION, type RequestRejection, type RejectReasonCode, type FollowUpActionCode } from './aaa';
import { walk278, type PartyLevel } from './hierarchy';
import { readLevel, type LevelParts } from './level';
import { readBeginning, REQUEST, RESPONSE } from './request';
import type { CertificationDates, ResponseLevel, ResponseParty, ReviewDecision, ServicesReviewResponse } from './response-types';

const isReason = (v: string): v is RejectReasonCode => Object.hasOwn(REJECT_REASON, v);
const isFollowUp = (v: string): v is FollowUpActionCode => Object.hasOwn(FOLLOW_UP_ACTION, v);
const at = (s: RawSegment, i: number): string | undefined => {
  const v = s.elements[i];
  return v === undefined || v === '' ? undefined : v;
};

/** AAA segments as rejections; codes outside OpenUM's list are left out. */
export function rejections(aaa: readonly RawSegment[]): RequestRejection[] {
  const out: RequestRejection[] = [];
  for (const a of aaa) {
    const reason = at(a, 3) ?? '';
    const followUp = at(a, 4) ?? '';
    if (isReason(reason) && isFollowUp(followUp)) out.push({ valid: at(a, 1) === 'Y', reason, followUp });
  }
  return out;
}

/** HCR as a decision; undefined when the action is unknown or its required element is missing. */
export function decisionOf(h: RawSegment | undefined): ReviewDecision | undefined {
  if (h === undefined) return undefined;
  const action = at(h, 1);
  const certificationNumber = at(h, 2);
  const reasonCode = at(h, 3);
  const opinion = at(h, 4);
  const secondSurgicalOpinion = opinion === undefined ? undefined : opinion === 'Y';
  switch (action) {
    case 'A1':
    case 'A2':
    case 'A6':
      return certificationNumber === undefined ? undefined : { action, certificationNumber, reasonCode, secondSurgicalOpinion };
    case 'A3':
      return { action, reasonCode, certificationNumber, secondSurgicalOpinion };
    case 'A4':
    case 'C':
    case 'CT':
    case 'NA':
      return { action, certificationNumber, reasonCode, secondSurgicalOpinion };
    case undefined:
    default:
      return undefined;
  }
}

const CERTIFICATION = new Set(['102', '007', '036']);

function certification(dates: readonly DateEntry[]): CertificationDates | undefined {
  const issued = dates.find((d) => d.qualifier === '102')?.start;
  const eff = dates.find((d) => d.qualifier === '007');
  const expires = dates.find((d) => d.qualifier === '036')?.start;
  if (issued === undefined && eff === undefined && expires === undefined) return undefined;
  return { issued, effective: eff === undefined ? undefined : { start: eff.start, end: eff.end }, expires };
}

function level(p: LevelParts): ResponseLevel | undefined {
  if (p.review === undefined) return undefined;
  const own = p.traceNumbers.find((t) => t.type === '1');
  return {
    traceNumbers: p.traceNumbers.filter((t) => t.type === '2'),
    responderTrace: own === undefined ? undefined : { number: own.number, originatorId: own.originatorId, originatorSupplemental: own.originatorSupplemental },
    rejections: rejections(p.aaa),
    review: p.review,
    decision: decisionOf(p.hcr),
    previousAuthorizationNumber: p.previousAuthorizationNumber,
    administrativeReferenceNumber: p.administrativeReferenceNumber,
    dates: p.dates.filter((d) => !CERTIFICATION.has(d.qualifier)),
    certification: certification(p.dates),
    delivery: p.delivery,
    message: p.message,
    providers: p.providers.map((x) => ({ entityCode: x.entityCode, entityType: x.entityType, name: x.name, id: x.id, rejections: [] })),
  };
}

const party = (l: PartyLevel | undefined): ResponseParty | undefined =>
  l === undefined
    ? undefined
    : {
        entityCode: l.party.entityCode,
        entityType: l.party.entityType,
        name: l.party.name,
        id: l.party.id,
        contacts: l.party.contacts.length === 0 ? undefined : l.party.contacts,
        birthDate: l.party.birthDate,
        sex: l.party.sex,
        rejections: rejections(l.aaa),
      };

/** Reads a 278 response (BHT02 = 11) into the structure OpenUM writes, so that a written response can be checked by reading it back. */
export function readResponse(segments: readonly Segment[], ctx: ReadContext, sctx: SetContext, end: number): ServicesReviewResponse | undefined {
  const bht = readBeginning(segments, ctx, RESPONSE, REQUEST, end);
  const h = walk278(bht === undefined ? segments : segments.slice(1), ctx, end);
  const umo = party(h.umo);
  if (bht === undefined || umo === undefined) return undefined;
  const evParts = h.event === undefined ? undefined : readLevel(h.event, ctx, 'response');
  const ev = evParts === undefined ? undefined : level(evParts);
  const services = h.services.map((node) => {
    const p = readLevel(node, ctx, 'response');
    const l = level(p);
    return l === undefined ? undefined : { ...l, service: p.service };
  });
  return {
    kind: '278-response',
    reference: bht.reference,
    date: bht.date,
    time: bht.time,
    sourceRejections: rejections(h.umo?.levelAaa ?? []),
    umo,
    requester: party(h.requester),
    subscriber: party(h.subscriber),
    dependent: party(h.dependent),
    event: ev === undefined || evParts === undefined ? undefined : { ...ev, diagnoses: evParts.diagnoses, services: services.filter((s) => s !== undefined) },
    transaction: transactionInfo(sctx),
  };
}
