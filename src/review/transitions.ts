/**
 * The case status machine as one table (pure): which action may start from which status, and where
 * it leads. The review and determination services refuse what the table does not allow
 * (`UM_ERR_CASE_CLOSED` on a closed case, `UM_ERR_CASE_STATE` otherwise), and the UI offers only
 * what it allows (see `permissions.ts`).
 *
 * Decisions while pended for information are allowed, on purpose. A request for information does
 * not stop the reviewer: the information often arrives by phone or fax rather than as a portal
 * upload (the nurse logs the call and approves), and the decision is due by the clock whether or
 * not the requester answers — Medicare Advantage does not toll the clock for a pend (42 CFR
 * 422.568(b), 422.572; only a formal extension adds time), so at the due time a physician decides
 * on the information at hand, if need be with an adverse `insufficient_information` decision.
 * The audit event of such a decision records the status it was made from.
 */
import { CLOSED_STATUSES, type CaseStatus } from '../intake/model';
import { UmError } from '../platform/errors';

export const CASE_ACTIONS = ['send_to_review', 'pend', 'resume', 'refer', 'decide', 'withdraw', 'cancel'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** Statuses in which a case is open: the work queues and the wait for information. */
export const OPEN_STATUSES: readonly CaseStatus[] = ['intake', 'nurse_review', 'md_review', 'pended_info'];

export interface Transition {
  readonly from: readonly CaseStatus[];
  /** Where the action may lead (a partial decision leaves the case where it is). */
  readonly to: readonly CaseStatus[];
  /** Why the action is refused in another open status (shown to the user). */
  readonly refusal: string;
}

export const TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  send_to_review: { from: ['intake'], to: ['nurse_review'], refusal: 'Only a case in the intake queue can be sent to clinical review' },
  pend: { from: ['intake', 'nurse_review', 'md_review'], to: ['pended_info'], refusal: 'The case is already pended for information' },
  /** The requester's answer returns the case to the queue it left. */
  resume: { from: ['pended_info'], to: ['intake', 'nurse_review', 'md_review'], refusal: 'The case is not waiting for information' },
  refer: { from: ['intake', 'nurse_review', 'pended_info'], to: ['md_review'], refusal: 'The case is already with a physician' },
  decide: { from: OPEN_STATUSES, to: [...OPEN_STATUSES, 'decided'], refusal: 'The case cannot be decided now' },
  withdraw: { from: OPEN_STATUSES, to: ['withdrawn', 'decided'], refusal: 'The case cannot be withdrawn now' },
  cancel: { from: OPEN_STATUSES, to: ['cancelled'], refusal: 'The case cannot be cancelled now' },
};

export const mayStart = (action: CaseAction, status: CaseStatus): boolean => TRANSITIONS[action].from.includes(status);

/** Refuses an action the table does not allow from the case's status. */
export function requireTransition(action: CaseAction, status: CaseStatus, caseNumber: string): void {
  if (mayStart(action, status)) return;
  if (CLOSED_STATUSES.includes(status)) throw new UmError('UM_ERR_CASE_CLOSED', `Case ${caseNumber} is ${status}`);
  throw new UmError('UM_ERR_CASE_STATE', TRANSITIONS[action].refusal, { details: [{ path: 'status', message: `${action} is not allowed from ${status}` }] });
}
