/** Decisions per service line and the case disposition derived from them. */

/** What a person (or the automation) may record on a line. */
export const DECISION_OUTCOMES = ['approved', 'approved_modified', 'denied', 'no_auth_required'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

/**
 * Every state a line can be in. `withdrawn` comes from a withdrawal, `forwarded` from the DOFR
 * (the line is at the plan's risk and goes to the plan), `null` means still pending.
 */
export const LINE_OUTCOMES = [...DECISION_OUTCOMES, 'withdrawn', 'forwarded'] as const;
export type LineOutcome = (typeof LINE_OUTCOMES)[number];

/** Adverse outcomes: a denial or any reduction of what was asked (42 CFR 422.566(d)). */
export const ADVERSE_OUTCOMES: readonly DecisionOutcome[] = ['approved_modified', 'denied'];
export const isAdverse = (o: DecisionOutcome): boolean => ADVERSE_OUTCOMES.includes(o);

export const DENIAL_CATEGORIES = [
  'medical_necessity',
  'benefit',
  'eligibility',
  'network',
  'insufficient_information',
  'administrative',
] as const;
export type DenialCategory = (typeof DENIAL_CATEGORIES)[number];

export const DISPOSITIONS = [
  'pending',
  'approved',
  'partially_approved',
  'denied',
  'no_auth_required',
  'withdrawn',
  'cancelled',
  'forwarded_to_plan',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** What a determination rests on. */
export const BASIS_KINDS = ['criteria', 'coverage_rule', 'eligibility', 'gold_card', 'dofr', 'reviewer_judgement'] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];

export const isLineOutcome = (s: string): s is LineOutcome => (LINE_OUTCOMES as readonly string[]).includes(s);

/** Reads a stored line outcome (null = pending). */
export function lineOutcome(s: string | null): LineOutcome | null {
  if (s === null) return null;
  if (!isLineOutcome(s)) throw new Error(`unknown line outcome "${s}"`);
  return s;
}
