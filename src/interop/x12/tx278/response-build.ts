import { UmError } from '../../../platform/errors';
import type { Contact, Party, Person, TraceNumber } from '../common/types';
import { stamp } from '../write/envelope';
import type { PlacedRejection, RequestRejection, RejectionLoop } from './aaa';
import type { CertificationDates, EventResponse, ResponseParty, ReviewDecision, ServiceResponse, ServicesReviewResponse } from './response-types';
import type { RequestedService, ServiceDelivery, ServicesReviewRequest } from './types';

/** The decision on one requested service (2000F), in request order. */
export interface ServiceOutcome {
  readonly decision: ReviewDecision;
  readonly certification?: CertificationDates;
  /** HSD of what is authorized (defaults to the requested HSD). */
  readonly authorizedDelivery?: ServiceDelivery;
  /** For A6 (modified): the service as authorized, written instead of the requested one. */
  readonly authorizedService?: RequestedService;
  readonly message?: string;
  readonly responderTrace?: Omit<TraceNumber, 'type'>;
}

/** What the UMO answers to a 278 request; pure data, built by the domain's decision mapper. */
export interface ReviewOutcome {
  /** The moment the response is issued (BHT04/BHT05), with the zone to write it in. */
  readonly at: Date;
  readonly timeZone?: string;
  /** The request cannot be processed: the AAA and where it goes. No HCR is written at or below that level. */
  readonly rejection?: PlacedRejection;
  /** Services (2000F) that cannot be processed while the others are: an AAA each, and no HCR. */
  readonly serviceRejections?: readonly PlacedRejection[];
  /**
   * HCR of the patient event; by default summarized from the services (see `summarize`).
   * `administrativeReferenceNumber` (REF*NT) is the UMO's own reference of the review (OpenUM: the
   * case number); it replaces the one echoed from the request.
   */
  readonly event?: { readonly decision?: ReviewDecision; readonly certification?: CertificationDates; readonly message?: string; readonly administrativeReferenceNumber?: string };
  /** One per service in request order; `undefined` only for a service rejected in `serviceRejections`. */
  readonly services?: readonly (ServiceOutcome | undefined)[];
  /** TRN*1 of the response at the patient event level. */
  readonly responderTrace?: Omit<TraceNumber, 'type'>;
  /** PER in 2010A: whom to contact at the UMO. */
  readonly umoContact?: Contact;
}

/**
 * The event-level decision when none is given: all services alike → that action; any pended →
 * A4; any modified → A6; certified and not certified mixed → A2 (certified in part). The
 * certification number of a summary certification is that of the first certified service.
 */
export function summarize(services: readonly ServiceOutcome[]): ReviewDecision | undefined {
  const actions = new Set(services.map((s) => s.decision.action));
  const first = services[0]?.decision;
  if (first === undefined) return undefined;
  const certNo = services.map((s) => s.decision.certificationNumber).find((c) => c !== undefined);
  if (actions.size === 1) return first;
  if (actions.has('A4')) return { action: 'A4', certificationNumber: certNo };
  if (certNo === undefined) return { action: 'CT' };
  return { action: actions.has('A6') ? 'A6' : 'A2', certificationNumber: certNo };
}

/** The requester's traces, echoed as referenced-transaction traces (TRN01 = 2). */
const echoTraces = (ts: readonly TraceNumber[]): TraceNumber[] => ts.map((t) => ({ ...t, type: '2' }));

const LEVELS: readonly RejectionLoop[] = ['2000A', '2010A', '2010B', '2010C', '2010D', '2000E', '2000F'];
const plain = (r: PlacedRejection): RequestRejection => ({ valid: r.valid, reason: r.reason, followUp: r.followUp });

function echo(p: Party | Person, rejections: readonly RequestRejection[], withDemographics: boolean): ResponseParty {
  const person: Partial<Person> = p;
  return {
    entityCode: p.entityCode,
    entityType: p.entityType,
    name: p.name,
    id: p.id,
    birthDate: withDemographics ? person.birthDate : undefined,
    sex: withDemographics ? person.sex : undefined,
    rejections,
  };
}

/**
 * Builds the 278 response to a request from the UMO's outcome: every level of the request is
 * echoed (parties, UM, TRN as TRN*2, dates, services), the AAA goes to the loop named by the
 * rejection, and HCR decisions are written only below no rejection (005010X217 response;
 * X12 RFI 941: HCR is required when the review could be processed, AAA otherwise).
 */
export function buildServicesReviewResponse(request: ServicesReviewRequest, outcome: ReviewOutcome): ServicesReviewResponse {
  const rej = outcome.rejection;
  const all = [...(rej === undefined ? [] : [rej]), ...(outcome.serviceRejections ?? [])];
  const at = (loop: RejectionLoop, index?: number): RequestRejection[] =>
    all.filter((r) => r.loop === loop && (loop !== '2000F' || r.serviceIndex === index)).map(plain);
  const blocked = (loop: RejectionLoop): boolean => rej !== undefined && rej.loop !== '2000F' && LEVELS.indexOf(rej.loop) <= LEVELS.indexOf(loop);
  const ev = request.event;
  const outs = outcome.services ?? [];
  const undecided = ev.services.filter((_s, i) => outs[i] === undefined && at('2000F', i).length === 0).length;
  if (rej === undefined && (outs.length > ev.services.length || undecided > 0)) {
    throw new UmError('UM_ERR_X12_VALUE', `The request has ${ev.services.length} services but ${outs.length - undecided} decisions were given`);
  }
  for (const r of all) {
    if (r.loop === '2000F' && ev.services[r.serviceIndex ?? -1] === undefined) throw new UmError('UM_ERR_X12_VALUE', 'A 2000F rejection must name an existing service (serviceIndex)');
    if (r !== rej && r.loop !== '2000F') throw new UmError('UM_ERR_X12_VALUE', 'serviceRejections are 2000F rejections');
  }
  const services: ServiceResponse[] = ev.services.map((line, i) => {
    const out = outs[i];
    const review = line.review ?? ev.review;
    if (review === undefined) throw new UmError('UM_ERR_X12_VALUE', `Service ${i + 1} has no UM segment to echo`);
    const lineRejected = at('2000F', i).length > 0;
    const decided = !blocked('2000F') && !lineRejected && out !== undefined;
    return {
      traceNumbers: echoTraces(line.traceNumbers),
      responderTrace: out?.responderTrace,
      rejections: at('2000F', i),
      review,
      decision: decided ? out.decision : undefined,
      previousAuthorizationNumber: line.previousAuthorizationNumber,
      administrativeReferenceNumber: line.administrativeReferenceNumber,
      dates: line.dates,
      certification: decided ? out.certification : undefined,
      delivery: (decided ? out.authorizedDelivery : undefined) ?? line.delivery,
      message: decided ? out.message : undefined,
      service: (decided && out.decision.action === 'A6' ? out.authorizedService : undefined) ?? line.service,
      providers: line.providers.map((p) => echo(p, [], false)),
    };
  });
  const eventDecided = !blocked('2000E');
  const review = ev.review;
  if (review === undefined) throw new UmError('UM_ERR_X12_VALUE', 'The patient event has no UM segment to echo');
  const event: EventResponse = {
    traceNumbers: echoTraces(ev.traceNumbers),
    responderTrace: outcome.responderTrace,
    rejections: at('2000E'),
    review,
    decision: eventDecided ? (outcome.event?.decision ?? summarize(outs.filter((o, i): o is ServiceOutcome => o !== undefined && at('2000F', i).length === 0))) : undefined,
    previousAuthorizationNumber: ev.previousAuthorizationNumber,
    administrativeReferenceNumber: outcome.event?.administrativeReferenceNumber ?? ev.administrativeReferenceNumber,
    dates: ev.dates,
    certification: eventDecided ? outcome.event?.certification : undefined,
    delivery: ev.delivery,
    message: outcome.event?.message,
    providers: ev.providers.map((p) => echo(p, [], false)),
    diagnoses: ev.diagnoses,
    services,
  };
  const s = stamp(outcome.at, outcome.timeZone);
  const umo = echo(request.umo, at('2010A'), false);
  return {
    kind: '278-response',
    reference: request.beginning.reference,
    date: `${s.date.slice(0, 4)}-${s.date.slice(4, 6)}-${s.date.slice(6, 8)}`,
    time: `${s.time.slice(0, 2)}:${s.time.slice(2, 4)}`,
    sourceRejections: at('2000A'),
    umo: outcome.umoContact === undefined ? umo : { ...umo, contacts: [outcome.umoContact] },
    requester: echo(request.requester, at('2010B'), false),
    subscriber: echo(request.subscriber, at('2010C'), true),
    dependent: request.dependent === undefined ? undefined : echo(request.dependent, at('2010D'), true),
    event,
  };
}
