/**
 * What happened to a case, told to the capabilities that act on it (criteria and automatic
 * approval, decision clocks, notifications) inside the same transaction as the change — so that a
 * case is never recorded without its clock, and a crash loses neither.
 */
import type { Tx } from '../platform/db';
import type { Actor, Principal } from '../platform/auth/model';
import type { Channel } from './model';
import type { IntakeRequest } from './request';
import type { DecisionOutcome } from '../determination/model';

export type CaseEvent =
  | { readonly type: 'created'; readonly caseId: string; readonly request: IntakeRequest; readonly channel: Channel; readonly receivedAt: Date }
  | { readonly type: 'decided'; readonly caseId: string; readonly lines: readonly { readonly lineId: string; readonly outcome: DecisionOutcome }[]; readonly closed: boolean }
  | { readonly type: 'pended'; readonly caseId: string; readonly noteId: string }
  | { readonly type: 'resumed'; readonly caseId: string }
  | { readonly type: 'referred'; readonly caseId: string }
  | { readonly type: 'assigned'; readonly caseId: string; readonly userId: string | null }
  | { readonly type: 'receipt_corrected'; readonly caseId: string; readonly from: Date; readonly to: Date; readonly reason: string }
  | { readonly type: 'withdrawn'; readonly caseId: string }
  | { readonly type: 'cancelled'; readonly caseId: string };

export interface CaseEventContext {
  readonly tx: Tx;
  readonly tenantId: string;
  readonly actor: Actor;
  /** The caller, when a person or client caused the event (null for jobs). */
  readonly principal: Principal | null;
  readonly now: Date;
}

export type CaseEventHandler = (event: CaseEvent, ctx: CaseEventContext) => Promise<void>;

/** Runs the handlers in order (criteria before clocks: an automatic approval stops the clock). */
export async function dispatchCaseEvent(handlers: readonly CaseEventHandler[], event: CaseEvent, ctx: CaseEventContext): Promise<void> {
  for (const h of handlers) await h(event, ctx);
}
