/**
 * What the automation may do with a request: approve it exactly as requested, or send it to a
 * person. Nothing else is representable — there is no denial, no partial approval and no
 * changed quantity in these types, because only a physician (or a professional the plan's
 * reviewer matrix names) may issue an adverse determination (42 CFR 422.566(d); DESIGN.md
 * "Invariants"). A request whose criteria are not met is referred, never denied.
 */
import { codeInSpec, normalizeCode } from './codes';
import { withinDates } from './dates';
import { evaluateCriteria, type CompiledCriteriaSet, type CriteriaEvaluation } from './engine';
import { blockingCriteria, decisiveCriteria } from './logic';
import type { AnswerProblem, EvaluationContext } from './types';

export type ReferralCode =
  | 'criteria_not_met'
  | 'criteria_unknown'
  | 'evaluation_error'
  | 'answer_problems'
  | 'set_not_active'
  | 'set_not_in_force'
  | 'code_not_in_set'
  | 'set_not_clinically_reviewed'
  | 'no_criteria_set'
  | 'out_of_network'
  | 'validity_shorter_than_requested'
  /** Intake found an open or approved request overlapping this one (same member, code and dates). */
  | 'possible_duplicate'
  /** Requests of this kind (e.g. a reconsideration) are always decided by a person. */
  | 'kind_not_automated';

/** Why a request goes to a person. `criteria` lists criterion ids, `problems` answer problems. */
export interface ReferralReason {
  readonly code: ReferralCode;
  readonly message: string;
  readonly criteria?: readonly string[];
  readonly problems?: readonly AnswerProblem[];
}

/** The criteria an automatic approval rests on, cited down to the section. */
export interface CriteriaBasis {
  readonly kind: 'criteria_met';
  readonly setId: string;
  readonly version: string;
  readonly title: string;
  readonly sourceCitation: string;
  readonly clinicallyReviewed: boolean;
  readonly criteria: readonly { readonly id: string; readonly text: string; readonly citation: string }[];
}

/** The automation's result: approve as requested, or refer. A denial cannot be written in it. */
export type AutomationResult =
  | { readonly kind: 'approve'; readonly asRequested: true; readonly basis: CriteriaBasis; readonly evaluation: CriteriaEvaluation }
  | { readonly kind: 'refer_to_review'; readonly reasons: readonly ReferralReason[]; readonly evaluation?: CriteriaEvaluation };

export interface AutomationPolicy {
  /** Refer instead of approving while the set version has no clinician's sign-off. */
  readonly requireClinicalReview: boolean;
}

export const DEFAULT_AUTOMATION_POLICY: AutomationPolicy = { requireClinicalReview: false };

export function referral(code: ReferralCode, message: string, extra: Pick<ReferralReason, 'criteria' | 'problems'> = {}): ReferralReason {
  return { code, message, ...extra };
}

function applicabilityReasons(compiled: CompiledCriteriaSet, ctx: EvaluationContext, policy: AutomationPolicy): ReferralReason[] {
  const { set } = compiled;
  const reasons: ReferralReason[] = [];
  if (set.status !== 'active') reasons.push(referral('set_not_active', `criteria set ${set.id} v${set.version} is ${set.status}`));
  if (!withinDates(ctx.dateOfService, set.effective.from, set.effective.to)) {
    reasons.push(referral('set_not_in_force', `criteria set ${set.id} v${set.version} is not in force on ${ctx.dateOfService}`));
  }
  const code = normalizeCode(ctx.line.codeSystem, ctx.line.code);
  if (code === undefined || !set.appliesTo.some((spec) => codeInSpec(spec, ctx.line.codeSystem, code))) {
    reasons.push(referral('code_not_in_set', `${ctx.line.codeSystem} ${ctx.line.code} is not a code criteria set ${set.id} applies to`));
  }
  if (policy.requireClinicalReview && !set.clinicallyReviewed.reviewed) {
    reasons.push(referral('set_not_clinically_reviewed', `criteria set ${set.id} v${set.version} has not been signed off by a clinician`));
  }
  return reasons;
}

function evaluationReasons(evaluation: CriteriaEvaluation): ReferralReason[] {
  const reasons: ReferralReason[] = [];
  const ids = (pred: (c: CriteriaEvaluation['criteria'][number]) => boolean): string[] => evaluation.criteria.filter(pred).map((c) => c.id);
  const errors = ids((c) => c.error !== undefined);
  if (errors.length > 0) reasons.push(referral('evaluation_error', 'some criteria could not be evaluated', { criteria: errors }));
  const problems = evaluation.answerProblems.filter((p) => p.severity === 'error');
  if (problems.length > 0) reasons.push(referral('answer_problems', 'some answers could not be read', { problems }));
  const blocking = new Set(blockingCriteria(evaluation.logic));
  if (evaluation.outcome === 'not_met') {
    reasons.push(referral('criteria_not_met', 'the criteria are not met on the answers given; a clinician must review', { criteria: ids((c) => blocking.has(c.id) && c.outcome === 'not_met') }));
  } else if (evaluation.outcome === 'unknown') {
    reasons.push(referral('criteria_unknown', 'some criteria cannot be decided from the answers given', { criteria: ids((c) => blocking.has(c.id) && c.outcome === 'unknown') }));
  }
  return reasons;
}

/**
 * Evaluates a request against a criteria set for automatic approval.
 * Approves as requested only when the set is active, in force on the date of service, applies
 * to the line's code, every criterion the set's logic requires is met, no criterion failed and
 * no answer was unreadable; otherwise refers with every reason found.
 */
export function evaluateForAutomation(
  compiled: CompiledCriteriaSet,
  ctx: EvaluationContext,
  policy: AutomationPolicy = DEFAULT_AUTOMATION_POLICY,
): AutomationResult {
  const evaluation = evaluateCriteria(compiled, ctx);
  const reasons = [...applicabilityReasons(compiled, ctx, policy), ...evaluationReasons(evaluation)];
  if (reasons.length > 0 || evaluation.outcome !== 'met') {
    return { kind: 'refer_to_review', reasons, evaluation };
  }
  const { set } = compiled;
  const decisive = new Set(decisiveCriteria(evaluation.logic));
  return {
    kind: 'approve',
    asRequested: true,
    basis: {
      kind: 'criteria_met',
      setId: set.id,
      version: set.version,
      title: set.title,
      sourceCitation: set.source.citation,
      clinicallyReviewed: set.clinicallyReviewed.reviewed,
      criteria: evaluation.criteria.filter((c) => decisive.has(c.id)).map(({ id, text, citation }) => ({ id, text, citation })),
    },
    evaluation,
  };
}
