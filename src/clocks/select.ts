/**
 * Picking the rule: expand the tenant's policy stack (overlay → base), choose each policy's
 * version by its key date (receipt date or rating-period start, C7), then take the first rule
 * whose request type, priority, variant and conditions match.
 */
import { UmError } from '../platform/errors';
import type { ClockPolicy, ClockRule, PolicyVersion } from './policy';
import type { PolicyRegistry } from './policies/index';
import type { PriorityClass, ReconsiderationSubject, RequestType } from './types';

/** The facts rule selection depends on (computed once per clock). */
export interface SelectionFacts {
  readonly requestType: RequestType;
  /** YYYY-MM-DD, local to the plan's zone. */
  readonly receiptDate: string;
  readonly ratingPeriodStart: string;
  readonly subjectToPriorAuthorization: boolean;
  readonly reconsiderationSubject: ReconsiderationSubject | undefined;
  readonly concurrentLead: 'at_least_24h' | 'under_24h';
  readonly hasStatusChange: boolean;
}

export type Variant = 'decision' | 'procedural_failure_notice';

export interface SelectedRule {
  readonly policy: ClockPolicy;
  readonly version: PolicyVersion;
  readonly rule: ClockRule;
}

/**
 * Expands policy ids: the listed ones first, in order, then their fallbacks (breadth first), without
 * repeats — so `['texas_commercial', 'qhp_ffe']` searches Texas, then QHP, then ERISA. Unknown ids
 * are input errors.
 */
export function resolvePolicies(ids: readonly string[], registry: PolicyRegistry): readonly ClockPolicy[] {
  const out: ClockPolicy[] = [];
  const seen = new Set<string>();
  const queue = [...ids];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const policy = registry.get(id);
    if (policy === undefined) throw new UmError('UM_ERR_CLOCK_INPUT', `Unknown clock policy "${id}"`);
    out.push(policy);
    queue.push(...policy.fallbacks);
  }
  return out;
}

const keyDate = (policy: ClockPolicy, facts: SelectionFacts): string =>
  policy.versionKey === 'receipt_date' ? facts.receiptDate : facts.ratingPeriodStart;

/** The version in force on the policy's key date (ISO dates compare as strings). */
export function versionFor(policy: ClockPolicy, facts: SelectionFacts): PolicyVersion | undefined {
  const key = keyDate(policy, facts);
  return policy.versions.find((v) => v.effectiveFrom <= key && (v.effectiveTo === undefined || key < v.effectiveTo));
}

function matches(rule: ClockRule, policy: ClockPolicy, facts: SelectionFacts, priority: PriorityClass, variant: Variant): boolean {
  if (!rule.requestTypes.includes(facts.requestType)) return false;
  if (rule.priority !== 'any' && rule.priority !== priority) return false;
  if ((rule.variant ?? 'decision') !== variant) return false;
  const w = rule.when;
  if (w === undefined) return true;
  if (w.subjectToPriorAuthorization !== undefined && w.subjectToPriorAuthorization !== facts.subjectToPriorAuthorization) return false;
  if (w.reconsiderationSubjects !== undefined) {
    const subject = facts.reconsiderationSubject ?? policy.defaultReconsiderationSubject;
    if (!w.reconsiderationSubjects.includes(subject)) return false;
  }
  if (w.concurrentLead !== undefined && w.concurrentLead !== facts.concurrentLead) return false;
  if (w.withStatusChange !== undefined && w.withStatusChange !== facts.hasStatusChange) return false;
  if (w.keyDateOnOrAfter !== undefined && keyDate(policy, facts) < w.keyDateOnOrAfter) return false;
  return true;
}

/** The first matching rule in the stack, or undefined when no policy has one. */
export function selectRule(
  stack: readonly ClockPolicy[],
  facts: SelectionFacts,
  priority: PriorityClass,
  variant: Variant,
): SelectedRule | undefined {
  for (const policy of stack) {
    const version = versionFor(policy, facts);
    if (version === undefined) continue;
    const rule = version.rules.find((r) => matches(r, policy, facts, priority, variant));
    if (rule !== undefined) return { policy, version, rule };
  }
  return undefined;
}
