import type { ReadContext } from '../common/parties';
import type { X12Document } from '../document';
import { buffered, transactionInfo } from '../envelope/buffered';
import type { SetContext, SetHandler } from '../envelope/handler';
import { d8, tm } from '../syntax/dates';
import { el, opt, type Segment } from '../syntax/segment';
import { checkCharacters, checkSegment } from '../validate/rules';
import { walk278 } from './hierarchy';
import { readLevel, type LevelParts } from './level';
import { readResponse } from './response-read';
import { bhtRules } from './rules';
import type { Beginning, PatientEvent, ServiceLine, ServicesReviewInquiry, ServicesReviewRequest } from './types';

/** BHT02 purposes: 13 request, 11 response. */
export const REQUEST: readonly string[] = ['13'];
export const RESPONSE: readonly string[] = ['11'];

/** BHT of a 278 (or 270): checked against the purposes the caller accepts. */
export function readBeginning(segments: readonly Segment[], ctx: ReadContext, purposes: readonly string[], notUsed: readonly string[], end: number, structure = '0007'): Beginning | undefined {
  const bht = segments[0];
  if (bht?.id !== 'BHT') {
    ctx.issues.missing('BHT', bht?.position ?? end, undefined, 'the transaction set must begin with BHT');
    return undefined;
  }
  checkCharacters(bht, ctx.issues, undefined);
  checkSegment(bht, bhtRules(purposes, notUsed, structure), ctx.d, ctx.issues, undefined);
  return { structure: el(bht, 1), purpose: el(bht, 2), reference: el(bht, 3), date: d8(el(bht, 4)) ?? '', time: tm(el(bht, 5)) ?? '', transactionType: opt(bht, 6) };
}

/** A 2000F level from what the level reader found (fields listed: spreading objects is slow on big files). */
function serviceLine(p: LevelParts, index: number): ServiceLine {
  return {
    position: p.position,
    traceNumbers: p.traceNumbers,
    review: p.review,
    previousAuthorizationNumber: p.previousAuthorizationNumber,
    administrativeReferenceNumber: p.administrativeReferenceNumber,
    references: p.references,
    dates: p.dates,
    delivery: p.delivery,
    institutional: p.institutional,
    clinical: p.clinical,
    attachments: p.attachments,
    message: p.message,
    providers: p.providers,
    other: p.other,
    index,
    service: p.service,
  };
}

/** The 2000E level from what the level reader found. */
function patientEvent(p: LevelParts, services: readonly ServiceLine[]): PatientEvent {
  return {
    position: p.position,
    traceNumbers: p.traceNumbers,
    review: p.review,
    previousAuthorizationNumber: p.previousAuthorizationNumber,
    administrativeReferenceNumber: p.administrativeReferenceNumber,
    references: p.references,
    dates: p.dates,
    delivery: p.delivery,
    institutional: p.institutional,
    clinical: p.clinical,
    attachments: p.attachments,
    message: p.message,
    providers: p.providers,
    other: p.other,
    diagnoses: p.diagnoses,
    services,
  };
}

/** Reads the segments between ST and SE of a 005010X217 request (BHT02 = 13) into its typed form. */
export function readRequest(segments: readonly Segment[], ctx: ReadContext, sctx: SetContext, end: number): ServicesReviewRequest | undefined {
  const body = readBody(segments, ctx, sctx, end, 'request');
  return body === undefined ? undefined : { kind: '278-request', ...body };
}

/** Reads a 005010X215 inquiry (BHT02 = 13). */
export function readInquiry(segments: readonly Segment[], ctx: ReadContext, sctx: SetContext, end: number): ServicesReviewInquiry | undefined {
  const body = readBody(segments, ctx, sctx, end, 'inquiry');
  return body === undefined ? undefined : { kind: '278-inquiry', ...body };
}

function readBody(segments: readonly Segment[], ctx: ReadContext, sctx: SetContext, end: number, direction: 'request' | 'inquiry'): Omit<ServicesReviewRequest, 'kind'> | undefined {
  const beginning = readBeginning(segments, ctx, REQUEST, RESPONSE, end);
  const h = walk278(beginning === undefined ? segments : segments.slice(1), ctx, end);
  if (h.event === undefined || h.umo === undefined || h.requester === undefined || h.subscriber === undefined || beginning === undefined) return undefined;
  const ev = readLevel(h.event, ctx, direction);
  // A service level without SV1/SV2/SV3 is allowed (the UM segment alone may describe it).
  const services: ServiceLine[] = [];
  for (let i = 0; i < h.services.length; i++) {
    const node = h.services[i];
    if (node !== undefined) services.push(serviceLine(readLevel(node, ctx, direction), i));
  }
  const event = patientEvent(ev, services);
  const dependent = h.dependent?.party;
  return {
    transaction: transactionInfo(sctx),
    beginning,
    umo: h.umo.party,
    requester: h.requester.party,
    subscriber: h.subscriber.party,
    dependent,
    patient: dependent ?? h.subscriber.party,
    event,
    other: [h.umo, h.requester, h.subscriber, h.dependent].flatMap((l) => l?.other ?? []),
  };
}

/**
 * Handler of 005010X217 sets: BHT02 = 13 is a request, 11 a response. A response is read only
 * when the caller accepts responses; otherwise BHT02 = 11 is reported as a code not used by the
 * request (IK403 I6) and the set is rejected — a response fed to a payer as a request.
 */
export function servicesReviewHandler(sctx: SetContext): SetHandler {
  const ctx: ReadContext = { d: sctx.delimiters, issues: sctx.issues };
  const requests = sctx.accept.has('278-request');
  const responses = sctx.accept.has('278-response');
  return buffered(sctx, (segments, end): X12Document | undefined => {
    const purpose = segments[0]?.id === 'BHT' ? el(segments[0], 2) : '';
    if (responses && (purpose === '11' || !requests)) return readResponse(segments, ctx, sctx, end);
    if (requests) return readRequest(segments, ctx, sctx, end);
    ctx.issues.missing('BHT', segments[0]?.position ?? end, undefined, 'no 278 of this kind is accepted here', '2');
    return undefined;
  });
}

/** Handler of 005010X215 inquiry sets. */
export function servicesReviewInquiryHandler(sctx: SetContext): SetHandler {
  const ctx: ReadContext = { d: sctx.delimiters, issues: sctx.issues };
  return buffered(sctx, (segments, end) => (sctx.accept.has('278-inquiry') ? readInquiry(segments, ctx, sctx, end) : undefined));
}
