/**
 * Who may record which outcome on a service line (pure). The rule that matters most: nobody but a
 * physician, or a licensed professional the plan's reviewer matrix names for the service category
 * and line of business, issues an adverse determination (a denial or any reduction) — 42 CFR
 * 422.566(d); and the software itself never does.
 */
import type { ErrorCode } from '../platform/errors';
import type { Role } from '../platform/auth/model';
import type { LineOfBusiness, Responsibility } from '../tenancy/model';
import type { Requirement } from '../intake/model';
import type { DecisionOutcome } from './model';
import { isAdverse } from './model';

/** Credentials of physicians: adverse authority for every category, without a matrix entry. */
export const PHYSICIAN_CREDENTIALS: readonly string[] = ['MD', 'DO'];
/** Nursing credentials can never be granted adverse authority, whatever a matrix says. */
export const NURSING_CREDENTIALS: readonly string[] = ['RN', 'LPN', 'LVN', 'NP', 'CNA'];

export interface MatrixEntry {
  readonly serviceCategory: string;
  readonly lineOfBusiness: string;
  readonly credential: string;
}

export interface DeciderProfile {
  readonly role: Role;
  readonly credential: string | null;
}

export interface LineForAuthority {
  readonly requirement: Requirement;
  readonly serviceGroup: string;
  readonly responsibility: Responsibility;
  /** Every criterion of the criteria set in force is met (set by the criteria engine). */
  readonly criteriaMet: boolean;
}

export type AuthorityResult = { readonly ok: true } | { readonly ok: false; readonly code: ErrorCode; readonly reason: string };

const ok: AuthorityResult = { ok: true };
const refuse = (code: ErrorCode, reason: string): AuthorityResult => ({ ok: false, code, reason });

/** Roles that review cases clinically and may approve as requested. */
const CLINICAL_REVIEWERS: readonly Role[] = ['nurse', 'medical_director', 'appeals'];

/** Whether this person may issue an adverse determination on a line of this category. */
export function hasAdverseAuthority(
  who: DeciderProfile,
  serviceCategory: string,
  lineOfBusiness: LineOfBusiness | null,
  matrix: readonly MatrixEntry[],
): boolean {
  if (!CLINICAL_REVIEWERS.includes(who.role)) return false;
  const credential = who.credential?.toUpperCase() ?? null;
  if (credential === null || NURSING_CREDENTIALS.includes(credential)) return false;
  if (who.role === 'medical_director') return PHYSICIAN_CREDENTIALS.includes(credential);
  return matrix.some(
    (m) =>
      m.credential.toUpperCase() === credential &&
      (m.serviceCategory === serviceCategory || m.serviceCategory === '*') &&
      (m.lineOfBusiness === lineOfBusiness || m.lineOfBusiness === '*'),
  );
}

/** May `who` record `outcome` on `line`? */
export function checkDecisionAuthority(
  who: DeciderProfile,
  outcome: DecisionOutcome,
  line: LineForAuthority,
  lineOfBusiness: LineOfBusiness | null,
  matrix: readonly MatrixEntry[],
): AuthorityResult {
  if (isAdverse(outcome)) {
    if (line.responsibility === 'plan') {
      return refuse('UM_ERR_PLAN_RISK_NOT_DENIABLE', 'the service is at the plan\'s risk under the DOFR: it is forwarded to the plan');
    }
    if (!hasAdverseAuthority(who, line.serviceGroup, lineOfBusiness, matrix)) {
      return refuse(
        'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN',
        `a ${who.role}${who.credential === null ? '' : ` (${who.credential})`} cannot ${outcome === 'denied' ? 'deny' : 'approve with modifications'}; refer the case to a physician`,
      );
    }
    return ok;
  }
  switch (who.role) {
    case 'medical_director':
    case 'nurse':
    case 'appeals':
      return ok;
    case 'intake':
      // Non-clinical staff approve only what needs no clinical judgement.
      if (outcome === 'no_auth_required') {
        return line.requirement === 'not_required' ? ok : refuse('UM_ERR_ROLE_CANNOT_DECIDE', 'intake staff may answer "no authorization required" only for codes the PA list does not list');
      }
      return line.requirement === 'notification_only' || line.criteriaMet
        ? ok
        : refuse('UM_ERR_ROLE_CANNOT_DECIDE', 'intake staff may approve only notification-only lines or lines whose criteria are met');
    case 'specialist':
      return refuse('UM_ERR_ROLE_CANNOT_DECIDE', 'a specialist advises; the decision is the reviewer\'s');
    case 'supervisor':
    case 'provider':
    case 'admin':
    case 'auditor':
      return refuse('UM_ERR_ROLE_CANNOT_DECIDE', `a ${who.role} does not record determinations`);
  }
}
