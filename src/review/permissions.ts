/**
 * What the caller may do on a case now (pure): the UI shows only these actions, and the server
 * refuses the others anyway.
 */
import type { Principal, Role } from '../platform/auth/model';
import { checkDecisionAuthority, type MatrixEntry } from '../determination/authority';
import { DECISION_OUTCOMES, type DecisionOutcome } from '../determination/model';
import { caseStatus, isClosed, REQUIREMENTS } from '../intake/model';
import { LINES_OF_BUSINESS, RESPONSIBILITIES } from '../tenancy/model';
import { mayStart } from './transitions';

export interface CaseActions {
  /** Outcomes the caller may record on at least one pending line. */
  readonly outcomes: readonly DecisionOutcome[];
  /** Per pending line: the outcomes allowed on it. */
  readonly lineOutcomes: Readonly<Record<string, readonly DecisionOutcome[]>>;
  readonly pend: boolean;
  readonly refer: boolean;
  readonly sendToReview: boolean;
  readonly assign: boolean;
  readonly take: boolean;
  readonly withdraw: boolean;
  readonly cancel: boolean;
  readonly correctReceipt: boolean;
  readonly addNote: boolean;
  readonly addAttachment: boolean;
  readonly viewAudit: boolean;
}

export interface CaseForActions {
  readonly status: string;
  readonly lineOfBusiness: string | null;
  readonly assignedUserId: string | null;
  readonly lines: readonly { readonly id: string; readonly outcome: string | null; readonly requirement: string; readonly serviceGroup: string; readonly responsibility: string; readonly criteriaMet?: boolean }[];
}

const has = (p: Principal, roles: readonly Role[]): boolean => p.kind === 'user' && roles.includes(p.role);

export function caseActions(p: Principal, c: CaseForActions, matrix: readonly MatrixEntry[]): CaseActions {
  const status = caseStatus(c.status);
  const open = !isClosed(status);
  const provider = p.kind === 'client' || p.role === 'provider';
  const lob = LINES_OF_BUSINESS.find((l) => l === c.lineOfBusiness) ?? null;
  const lineOutcomes: Record<string, DecisionOutcome[]> = {};
  if (mayStart('decide', status) && p.kind === 'user') {
    for (const l of c.lines) {
      if (l.outcome !== null) continue;
      lineOutcomes[l.id] = DECISION_OUTCOMES.filter(
        (o) =>
          checkDecisionAuthority(
            { role: p.role, credential: p.credential },
            o,
            {
              requirement: REQUIREMENTS.find((r) => r === l.requirement) ?? 'unknown',
              serviceGroup: l.serviceGroup,
              responsibility: RESPONSIBILITIES.find((r) => r === l.responsibility) ?? 'ipa',
              criteriaMet: l.criteriaMet ?? false,
            },
            lob,
            matrix,
          ).ok,
      );
    }
  }
  const outcomes = DECISION_OUTCOMES.filter((o) => Object.values(lineOutcomes).some((os) => os.includes(o)));
  return {
    outcomes,
    lineOutcomes,
    pend: mayStart('pend', status) && has(p, ['intake', 'nurse', 'medical_director', 'appeals']),
    refer: mayStart('refer', status) && has(p, ['intake', 'nurse', 'appeals']),
    sendToReview: mayStart('send_to_review', status) && has(p, ['intake', 'supervisor']),
    assign: open && has(p, ['supervisor']),
    take: open && p.kind === 'user' && c.assignedUserId !== p.userId && has(p, ['intake', 'nurse', 'medical_director', 'appeals', 'specialist']),
    withdraw: mayStart('withdraw', status) && (provider || has(p, ['intake', 'nurse', 'medical_director', 'supervisor', 'appeals'])),
    cancel: mayStart('cancel', status) && has(p, ['intake', 'nurse', 'medical_director', 'supervisor', 'appeals']),
    correctReceipt: has(p, ['supervisor']),
    addNote: provider || has(p, ['intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals']),
    addAttachment: open && (provider || has(p, ['intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals'])),
    viewAudit: has(p, ['auditor', 'admin', 'supervisor', 'intake', 'nurse', 'medical_director', 'specialist', 'appeals']),
  };
}
