/**
 * Which clock a case gets, from its kind and its lines (issue 3): a Part B drug line on a Medicare
 * Advantage case → `part_b_drug`; `retrospective` → `post_service`; reconsiderations by what they
 * are about (pre-service, payment, Part B drug). The table is data and is pinned by tests.
 */
import type { ReconsiderationSubject, RequestType } from './types';

/** The case kinds of the intake model (src/intake/model.ts). */
export type CaseKind =
  | 'prior_auth'
  | 'referral'
  | 'admission_notification'
  | 'concurrent_review'
  | 'snf_admission'
  | 'post_stabilization'
  | 'retrospective'
  | 'reconsideration';

/** Lines of business of the tenancy model (src/tenancy/model.ts). */
export type DomainLineOfBusiness = 'medicare_advantage' | 'medicaid' | 'chip' | 'commercial' | 'qhp';

/** The facts of one service line the table reads. */
export interface ClockLineFacts {
  /** Service group of the line (src/intake/service-groups.ts), e.g. `part_b_drug`, `outpatient_drug`. */
  readonly serviceGroup?: string;
  /** From the PA list: the item is subject to the plan's prior-authorization rules (42 CFR 422.122). */
  readonly subjectToPriorAuthorization?: boolean;
}

export interface ClockKindOptions {
  readonly lineOfBusiness: DomainLineOfBusiness;
  /** For a reconsideration: the kind of the case it appeals (its subject follows from it)… */
  readonly appealOf?: CaseKind;
  /** …or the subject, when known directly (wins over `appealOf`). */
  readonly reconsiderationSubject?: ReconsiderationSubject;
}

/** What the engine needs to know about the request besides times and events. */
export interface ClockRequestKind {
  readonly requestType: RequestType;
  readonly reconsiderationSubject?: ReconsiderationSubject;
  /** Set for pre-service kinds: the line's flag, defaulting to "subject" for prior-authorization requests. */
  readonly subjectToPriorAuthorization?: boolean;
}

/** Kind → request type for a line that is not a drug. */
export const CASE_KIND_REQUEST_TYPES: Readonly<Record<CaseKind, RequestType>> = {
  prior_auth: 'pre_service',
  referral: 'pre_service',
  admission_notification: 'concurrent',
  concurrent_review: 'concurrent',
  snf_admission: 'concurrent',
  post_stabilization: 'post_stabilization',
  retrospective: 'post_service',
  reconsideration: 'reconsideration',
};

/** Part B drugs exist only in Medicare; elsewhere a physician-administered drug is a medical pre-service request. */
const isPartBDrug = (line: ClockLineFacts, lob: DomainLineOfBusiness): boolean =>
  lob === 'medicare_advantage' && line.serviceGroup === 'part_b_drug';
const isOutpatientDrug = (line: ClockLineFacts): boolean => line.serviceGroup === 'outpatient_drug';

function subjectOfAppeal(original: CaseKind, line: ClockLineFacts, lob: DomainLineOfBusiness): ReconsiderationSubject {
  if (isPartBDrug(line, lob)) return 'part_b_drug';
  switch (original) {
    case 'retrospective':
      return 'post_service';
    case 'prior_auth':
    case 'referral':
    case 'admission_notification':
    case 'concurrent_review':
    case 'snf_admission':
    case 'post_stabilization':
    case 'reconsideration':
      return 'pre_service';
  }
}

/** The clock request type (and its qualifiers) for one line of a case. */
export function clockRequestTypeFor(caseKind: CaseKind, line: ClockLineFacts, opts: ClockKindOptions): ClockRequestKind {
  const lob = opts.lineOfBusiness;
  switch (caseKind) {
    case 'prior_auth':
    case 'referral': {
      if (isPartBDrug(line, lob)) return { requestType: 'part_b_drug' };
      if (isOutpatientDrug(line)) return { requestType: 'outpatient_drug' };
      return { requestType: 'pre_service', subjectToPriorAuthorization: line.subjectToPriorAuthorization ?? true };
    }
    case 'admission_notification':
    case 'concurrent_review':
    case 'snf_admission':
      return { requestType: 'concurrent', subjectToPriorAuthorization: line.subjectToPriorAuthorization ?? true };
    case 'post_stabilization':
    case 'retrospective':
      return { requestType: CASE_KIND_REQUEST_TYPES[caseKind] };
    case 'reconsideration':
      return {
        requestType: 'reconsideration',
        reconsiderationSubject: opts.reconsiderationSubject ?? subjectOfAppeal(opts.appealOf ?? 'prior_auth', line, lob),
      };
  }
}
