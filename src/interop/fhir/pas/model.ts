/**
 * What the PAS answer is built from: the state of each submitted item (a case line, cancelled, or
 * rejected) and the case it belongs to. Plain values read from the database; no FHIR here.
 */
import type { LineOutcome } from '../../../determination/model';
import type { ReviewActionCode } from './codes';

export interface Determination {
  readonly outcome: string;
  readonly approvedUnits: number | null;
  readonly approvedFrom: string | null;
  readonly approvedTo: string | null;
  readonly approvedCode: string | null;
  readonly approvedPlaceOfService: string | null;
  readonly category: string | null;
  readonly reasonCode: string | null;
  readonly reason: string | null;
  readonly decidedAt: Date;
  readonly decidedByType: string;
}

export interface LineState {
  readonly lineId: string;
  readonly codeSystem: string;
  readonly code: string;
  readonly units: number;
  readonly unitType: string;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  readonly placeOfService: string | null;
  readonly outcome: LineOutcome | null;
  readonly approvedUnits: number | null;
  readonly approvedFrom: string | null;
  readonly approvedTo: string | null;
  readonly authorizationNumber: string | null;
  readonly decidedAt: Date | null;
  /** The latest determination of the line, if any. */
  readonly determination: Determination | null;
}

export interface CaseState {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly status: string;
  readonly pendMessage: string | null;
  readonly dueAt: Date | null;
  readonly planName: string | null;
}

export type ItemState =
  | { readonly kind: 'line'; readonly sequence: number; readonly line: LineState; readonly case: CaseState }
  | { readonly kind: 'cancelled'; readonly sequence: number }
  | { readonly kind: 'rejected'; readonly sequence: number; readonly reason: string; readonly detail: string };

/** A business error answered in `ClaimResponse.error` (X12 AAA). */
export interface BusinessError {
  /** AAA03 reject reason (X12 901). */
  readonly reason: string;
  /** AAA04 follow-up action (X12 889). */
  readonly followUp: string;
  readonly message: string;
  /** X12 loop-segment-element, e.g. `2010C-NM109`. */
  readonly element?: string;
  /** FHIRPath into the request Bundle. */
  readonly path?: string;
  readonly itemSequence?: number;
}

/** The review action a line's state is answered with (PAS 2.2.1 §"Prior Authorization Response"). */
export function reviewActionOf(line: LineState): ReviewActionCode {
  switch (line.outcome) {
    case null:
    case 'forwarded':
      return 'A4';
    case 'approved':
      return 'A1';
    case 'approved_modified': {
      const d = line.determination;
      const otherService = d !== null && ((d.approvedCode !== null && d.approvedCode !== line.code) || (d.approvedPlaceOfService !== null && d.approvedPlaceOfService !== line.placeOfService));
      return otherService ? 'A6' : 'A2';
    }
    case 'denied':
      return 'A3';
    case 'no_auth_required':
      return 'NA';
    case 'withdrawn':
      return 'C';
  }
}

/** Review actions only a person can cause: never in a synchronous answer to a new request. */
export const ADVERSE_ACTIONS: readonly ReviewActionCode[] = ['A2', 'A3', 'A6'];

/** The review action of an item's line, given its case (a case the plan cancelled answers C for its open lines). */
export function itemAction(line: LineState, c: CaseState): ReviewActionCode {
  return c.status === 'cancelled' && line.outcome === null ? 'C' : reviewActionOf(line);
}

/** Whether an item's answer is final (not pended). */
export const isFinal = (s: ItemState): boolean => s.kind !== 'line' || itemAction(s.line, s.case) !== 'A4';
