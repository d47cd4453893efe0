/**
 * The order in which every channel checks a request line (issue 4, "Automatic decisions"):
 * eligibility → requirement (not required: no authorization required) → gold-card exemption →
 * criteria. The outcome can say "approve as requested", "refer to a person", "no authorization
 * required", "notification recorded", "queue for intake staff" or "unknown member" — it cannot
 * say "deny" or "approve less": adverse determinations are for physicians (42 CFR 422.566(d)).
 */
import { referral, type AutomationResult, type CriteriaBasis, type ReferralReason } from './automation';
import type { CriteriaEvaluation } from './engine';
import type { GoldCardExemption } from './gold-card';
import { computeValidityPeriod, type ValidityPeriod } from './pa-validity';
import type { RequirementDecision } from './pa-rules';
import type { IsoDate } from './types';

/** Eligibility on the date of service, as the members capability answers it. */
export type EligibilityResult =
  | { readonly kind: 'eligible'; readonly coverageEnd?: IsoDate }
  | { readonly kind: 'member_unknown' }
  | { readonly kind: 'not_covered_on_date'; readonly reason: string };

export interface GoldCardBasis {
  readonly kind: 'gold_card';
  readonly exemption: GoldCardExemption;
  readonly citation: string;
}

export type ApprovalBasis = CriteriaBasis | GoldCardBasis;

export type IntakeOutcome =
  /** Not a determination: the channel answers with its standard error (X12 AAA, PAS error, problem+json). */
  | { readonly kind: 'member_unknown' }
  /** A known member not covered on the date of service: accepted, clocked, queued for intake staff. */
  | { readonly kind: 'queue_for_intake'; readonly reason: string }
  | { readonly kind: 'no_authorization_required'; readonly requirement: RequirementDecision }
  | { readonly kind: 'notification_only'; readonly requirement: RequirementDecision }
  | {
    readonly kind: 'approve';
    readonly asRequested: true;
    readonly basis: ApprovalBasis;
    readonly validity: ValidityPeriod;
    readonly requirement: RequirementDecision;
    readonly criteria?: CriteriaEvaluation;
  }
  | {
    readonly kind: 'refer_to_review';
    readonly reasons: readonly ReferralReason[];
    readonly requirement: RequirementDecision;
    readonly criteria?: CriteriaEvaluation;
  };

export interface IntakeDecisionInput {
  readonly eligibility: EligibilityResult;
  readonly requirement: RequirementDecision;
  /** The gold-card exemption covering this provider and service group on the date, if any (`findExemption`). */
  readonly exemption?: GoldCardExemption;
  /** Evaluates the criteria set the requirement names; called only when the order reaches the criteria. */
  readonly evaluateCriteria?: () => AutomationResult;
  readonly requested: { readonly start: IsoDate; readonly end?: IsoDate };
}

/** Decides what happens to a request line, in the order eligibility → requirement → gold card → criteria. */
export function decideIntake(input: IntakeDecisionInput): IntakeOutcome {
  const { eligibility, requirement } = input;
  switch (eligibility.kind) {
    case 'member_unknown':
      return { kind: 'member_unknown' };
    case 'not_covered_on_date':
      return { kind: 'queue_for_intake', reason: eligibility.reason };
    case 'eligible':
      break;
  }
  switch (requirement.requirement) {
    case 'not_required':
      return { kind: 'no_authorization_required', requirement };
    case 'notification_only':
      return { kind: 'notification_only', requirement };
    case 'required':
      break;
  }
  const refer = (reasons: readonly ReferralReason[], criteria?: CriteriaEvaluation): IntakeOutcome =>
    ({ kind: 'refer_to_review', reasons, requirement, ...(criteria ? { criteria } : {}) });

  if (requirement.query.networkStatus === 'out_of_network') {
    return refer([referral('out_of_network', 'out-of-network services are reviewed by a person with the justification given')]);
  }
  const validity = computeValidityPeriod({
    validity: requirement.validity ?? { kind: 'window', days: 90 },
    requestedStart: input.requested.start,
    ...(input.requested.end !== undefined ? { requestedEnd: input.requested.end } : {}),
    ...(eligibility.coverageEnd !== undefined ? { coverageEnd: eligibility.coverageEnd } : {}),
  });
  const approve = (basis: ApprovalBasis, criteria?: CriteriaEvaluation): IntakeOutcome => {
    if (validity.shorterThanRequested) {
      return refer([referral('validity_shorter_than_requested', `an approval would end on ${validity.end}, before the requested end (${validity.citation})`)], criteria);
    }
    return { kind: 'approve', asRequested: true, basis, validity, requirement, ...(criteria ? { criteria } : {}) };
  };

  if (input.exemption !== undefined) {
    return approve({ kind: 'gold_card', exemption: input.exemption, citation: input.exemption.citation });
  }
  if (requirement.criteriaSetId === undefined || input.evaluateCriteria === undefined) {
    return refer([referral('no_criteria_set', 'no criteria set applies to this service; a person reviews it')]);
  }
  const result = input.evaluateCriteria();
  switch (result.kind) {
    case 'approve':
      return approve(result.basis, result.evaluation);
    case 'refer_to_review':
      return refer(result.reasons, result.evaluation);
  }
}
