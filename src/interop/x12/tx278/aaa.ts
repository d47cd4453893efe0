import type { ErrorCode } from '../../../platform/errors';

/**
 * AAA request validation codes of the 278 response (005010X217) and the 271 (005010X279A1):
 * AAA03 reject reason (X12 element 901) and AAA04 follow-up action (X12 element 889). Only
 * the codes OpenUM emits are listed.
 */
export const REJECT_REASON = {
  '04': 'Authorized Quantity Exceeded',
  '15': 'Required application data missing',
  '33': 'Input Errors',
  '41': 'Authorization/Access Restrictions',
  '42': 'Unable to Respond at Current Time',
  '43': 'Invalid/Missing Provider Identification',
  '51': 'Provider Not on File',
  '56': 'Inappropriate Date',
  '57': 'Invalid/Missing Date(s) of Service',
  '58': 'Invalid/Missing Date-of-Birth',
  '63': 'Date of Service in Future',
  '64': 'Invalid/Missing Patient ID',
  '67': 'Patient Not Found',
  '71': 'Patient Birth Date Does Not Match That for the Patient on the Database',
  '72': 'Invalid/Missing Subscriber/Insured ID',
  '75': 'Subscriber/Insured Not Found',
  '78': 'Subscriber/Insured Not in Group/Plan Identified',
  '79': 'Invalid Participant Identification',
  AA: 'Authorization Number Not Found',
  AF: 'Invalid/Missing Diagnosis Code(s)',
  AG: 'Invalid/Missing Procedure Code(s)',
  T4: 'Payer Name or Identifier Missing',
} as const;
export type RejectReasonCode = keyof typeof REJECT_REASON;

export const FOLLOW_UP_ACTION = {
  C: 'Please Correct and Resubmit',
  N: 'Resubmission Not Allowed',
  P: 'Please Resubmit Original Transaction',
  R: 'Resubmission Allowed',
  W: 'Please Wait 30 Days and Resubmit',
  X: 'Please Wait 10 Days and Resubmit',
  Y: 'Do Not Resubmit; We Will Hand Over Your Request',
} as const;
export type FollowUpActionCode = keyof typeof FOLLOW_UP_ACTION;

/** AAA: why a request could not be processed, at the loop where the problem is. */
export interface RequestRejection {
  /** AAA01: true (Y) when the request was valid but cannot be answered (e.g. member not found); false (N) when it is invalid. */
  readonly valid: boolean;
  readonly reason: RejectReasonCode;
  readonly followUp: FollowUpActionCode;
}

/** Loops of the 278 response that carry AAA (the 271 uses 2100A-2100D for the same levels). */
export type RejectionLoop = '2000A' | '2010A' | '2010B' | '2010C' | '2010D' | '2000E' | '2000F';

/** A rejection and where it goes. `serviceIndex` picks the 2000F level (0-based) for loop 2000F. */
export interface PlacedRejection extends RequestRejection {
  readonly loop: RejectionLoop;
  readonly serviceIndex?: number;
}

/** Request problems OpenUM reports, with the loop and codes each maps to. */
export const REQUEST_PROBLEMS = {
  'payer-unknown': { loop: '2010A', valid: false, reason: '79', followUp: 'C' },
  'payer-missing': { loop: '2010A', valid: false, reason: 'T4', followUp: 'C' },
  'payer-unavailable': { loop: '2010A', valid: true, reason: '42', followUp: 'P' },
  'access-restricted': { loop: '2010A', valid: true, reason: '41', followUp: 'N' },
  'provider-unknown': { loop: '2010B', valid: true, reason: '51', followUp: 'C' },
  'provider-id-invalid': { loop: '2010B', valid: false, reason: '43', followUp: 'C' },
  'member-not-found': { loop: '2010C', valid: true, reason: '75', followUp: 'C' },
  'member-id-invalid': { loop: '2010C', valid: false, reason: '72', followUp: 'C' },
  'member-not-in-plan': { loop: '2010C', valid: true, reason: '78', followUp: 'C' },
  'birth-date-invalid': { loop: '2010C', valid: false, reason: '58', followUp: 'C' },
  'birth-date-mismatch': { loop: '2010C', valid: true, reason: '71', followUp: 'C' },
  'patient-not-found': { loop: '2010D', valid: true, reason: '67', followUp: 'C' },
  'patient-birth-date-invalid': { loop: '2010D', valid: false, reason: '58', followUp: 'C' },
  'data-missing': { loop: '2000E', valid: false, reason: '15', followUp: 'C' },
  'input-error': { loop: '2000E', valid: false, reason: '33', followUp: 'C' },
  'dates-invalid': { loop: '2000E', valid: false, reason: '57', followUp: 'C' },
  'date-inappropriate': { loop: '2000E', valid: false, reason: '56', followUp: 'C' },
  'diagnosis-invalid': { loop: '2000E', valid: false, reason: 'AF', followUp: 'C' },
  'authorization-not-found': { loop: '2000E', valid: true, reason: 'AA', followUp: 'C' },
  'service-dates-invalid': { loop: '2000F', valid: false, reason: '57', followUp: 'C' },
  'procedure-invalid': { loop: '2000F', valid: false, reason: 'AG', followUp: 'C' },
} as const satisfies Record<string, Omit<PlacedRejection, 'serviceIndex'>>;
export type RequestProblem = keyof typeof REQUEST_PROBLEMS;

const BY_ERROR: Partial<Record<ErrorCode, RequestProblem>> = {
  UM_ERR_INTAKE_MEMBER_UNKNOWN: 'member-not-found',
  UM_ERR_INTAKE_PROVIDER_UNKNOWN: 'provider-unknown',
  UM_ERR_INTAKE_BAD_DATES: 'dates-invalid',
  UM_ERR_INTAKE_NO_LINES: 'data-missing',
  UM_ERR_VALIDATION: 'input-error',
  UM_ERR_INTAKE_IDEMPOTENCY_CONFLICT: 'input-error',
  UM_ERR_CONFLICT: 'input-error',
  UM_ERR_NOT_FOUND: 'authorization-not-found',
  UM_ERR_FORBIDDEN: 'access-restricted',
  UM_ERR_INSUFFICIENT_SCOPE: 'access-restricted',
  UM_ERR_UNAUTHENTICATED: 'access-restricted',
};

/**
 * The one mapping from OpenUM error codes to an AAA (STYLE: "one function maps it to X12
 * AAA/999"). Errors without a request-level meaning become "unable to respond at current time"
 * at 2010A with "resubmit the original transaction".
 */
export function rejectionForError(code: ErrorCode): Omit<PlacedRejection, 'serviceIndex'> {
  return REQUEST_PROBLEMS[BY_ERROR[code] ?? 'payer-unavailable'];
}
