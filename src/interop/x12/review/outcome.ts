/**
 * The state of a case as the 278 response says it (005010X217 2000E/2000F HCR, with the review
 * action codes of the PAS mapping, Da Vinci PAS 2.2.1 §"Review action"): a pending line is pended
 * (A4), an approval is certified in total (A1) with its authorization number and period, an
 * approval with fewer units or a shorter period is certified in part (A2), one with another code or
 * site is modified (A6), a denial is not certified (A3), "no authorization required" is NA and a
 * withdrawn line is cancelled (C). A line at the plan's risk (DOFR) is pended with a message naming
 * the plan, which decides it. Pure.
 */
import type { CaseStatus } from '../../../intake/model';
import type { LineOutcome } from '../../../determination/model';
import type { ServiceDelivery, ServicesReviewRequest } from '../tx278/types';
import type { ReviewDecision } from '../tx278/response-types';
import type { ReviewOutcome, ServiceOutcome } from '../tx278/response-build';
import type { ServiceMapping } from './map';

export interface LineSnapshot {
  readonly lineNo: number;
  readonly code: string;
  readonly units: number;
  readonly placeOfService: string | null;
  readonly outcome: LineOutcome | null;
  readonly authorizationNumber: string | null;
  readonly approvedUnits: number | null;
  readonly approvedFrom: string | null;
  readonly approvedTo: string | null;
  /** The local date of the decision. */
  readonly decidedOn: string | null;
  /** The latest determination's details. */
  readonly approvedCode: string | null;
  readonly approvedPlaceOfService: string | null;
  readonly reasonCode: string | null;
  readonly reason: string | null;
}

export interface CaseSnapshot {
  readonly caseNumber: string;
  readonly status: CaseStatus;
  readonly pendMessage: string | null;
  readonly planName: string | null;
  /** In line order (line i of the intake request is `lines[i]`). */
  readonly lines: readonly LineSnapshot[];
}

export interface OutcomeOptions {
  readonly at: Date;
  readonly timeZone: string;
  /** The plan's denial reason codes → X12 HCR03 codes (external code list 886). */
  readonly decisionReasonCodes: Readonly<Record<string, string>>;
}

export type LineAction = Exclude<ReviewDecision['action'], 'CT'>;

/** The review action of a line, as in the PAS mapping. */
export function reviewActionOf(l: LineSnapshot): LineAction {
  switch (l.outcome) {
    case null:
    case 'forwarded':
      return 'A4';
    case 'approved':
      return 'A1';
    case 'approved_modified':
      return (l.approvedCode !== null && l.approvedCode !== l.code) || (l.approvedPlaceOfService !== null && l.approvedPlaceOfService !== l.placeOfService) ? 'A6' : 'A2';
    case 'denied':
      return 'A3';
    case 'no_auth_required':
      return 'NA';
    case 'withdrawn':
      return 'C';
  }
}

const plural = (n: number, w: string): string => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Free text in the X12 character sets (X12.6 §3.3: printable ASCII): accents dropped, other characters spaced. */
export const ascii = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x7e]/g, ' ');

function serviceOutcome(l: LineSnapshot, c: CaseSnapshot, requested: ServiceDelivery | undefined, o: OutcomeOptions, service: ServicesReviewRequest['event']['services'][number]): ServiceOutcome {
  const action = reviewActionOf(l);
  const number = l.authorizationNumber;
  const certification = {
    ...(l.decidedOn === null ? {} : { issued: l.decidedOn }),
    ...(l.approvedFrom === null || l.approvedTo === null ? {} : { effective: { start: l.approvedFrom, end: l.approvedTo }, expires: l.approvedTo }),
  };
  const fewer = l.approvedUnits !== null && l.approvedUnits < l.units;
  const delivery: ServiceDelivery | undefined = fewer ? { quantityQualifier: requested?.quantityQualifier ?? 'FL', quantity: l.approvedUnits ?? undefined } : undefined;
  const reason = l.reasonCode === null ? undefined : o.decisionReasonCodes[l.reasonCode];
  switch (action) {
    case 'A1':
    case 'A2':
    case 'A6':
      if (number === null) return { decision: { action: 'A4' }, message: `Pended for review (reference ${c.caseNumber})` };
      return {
        decision: { action, certificationNumber: number, ...(action === 'A1' || reason === undefined ? {} : { reasonCode: reason }) },
        certification,
        ...(delivery === undefined ? {} : { authorizedDelivery: delivery }),
        ...(action === 'A6' && service.service !== undefined && l.approvedCode !== null ? { authorizedService: { ...service.service, code: l.approvedCode } } : {}),
        ...(action === 'A1' ? {} : { message: `Approved with changes${fewer ? ` (${plural(l.approvedUnits ?? 0, 'unit')} of ${l.units})` : ''}${l.reason === null ? '' : ` - ${ascii(l.reason)}`}` }),
      };
    case 'A3':
      return { decision: { action: 'A3', ...(reason === undefined ? {} : { reasonCode: reason }) }, ...(l.reason === null ? {} : { message: `Not certified - ${ascii(l.reason)}` }) };
    case 'NA':
      return { decision: { action: 'NA' }, message: 'No authorization is required for this service' };
    case 'C':
      return { decision: { action: 'C' }, message: 'Withdrawn' };
    case 'A4':
      return {
        decision: { action: 'A4' },
        message:
          l.outcome === 'forwarded'
            ? `Forwarded to ${c.planName ?? 'the health plan'}, which decides this service (reference ${c.caseNumber})`
            : c.status === 'pended_info' && c.pendMessage !== null
              ? `Pended; more information is needed - ${ascii(c.pendMessage)}`
              : `Pended for review (reference ${c.caseNumber})`,
      };
  }
}

/**
 * The outcome to write for a request from the state of its case. `services` says which 2000F
 * became which line; the others carry their AAA (AAA03 AG, 57…) and no HCR. The case number is
 * the administrative reference number (REF*NT) of the patient event.
 */
export function outcomeOfCase(request: ServicesReviewRequest, services: readonly ServiceMapping[], c: CaseSnapshot, o: OutcomeOptions): ReviewOutcome {
  const outs: (ServiceOutcome | undefined)[] = request.event.services.map(() => undefined);
  const rejections = [];
  for (const s of services) {
    if ('rejection' in s) {
      rejections.push(s.rejection);
      continue;
    }
    const line = c.lines[s.line];
    const svc = request.event.services[s.index];
    outs[s.index] = line === undefined || svc === undefined ? { decision: { action: 'A4' } } : serviceOutcome(line, c, svc.delivery, o, svc);
  }
  const pended = outs.some((x) => x?.decision.action === 'A4');
  return {
    at: o.at,
    timeZone: o.timeZone,
    services: outs,
    serviceRejections: rejections,
    event: {
      administrativeReferenceNumber: c.caseNumber,
      ...(pended ? { message: `Pended for review; the decision will follow in a 278 response (reference ${c.caseNumber})` } : {}),
    },
  };
}
