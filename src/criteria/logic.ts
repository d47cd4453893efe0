/**
 * Three-valued combination of criteria (Kleene logic, as FHIRPath's own `and` / `or`):
 * all-of is not met as soon as one part is not met, met when every part is met, unknown otherwise;
 * any-of is met as soon as one part is met, not met when every part is not met, unknown otherwise.
 */
import type { LogicNode } from './schema';
import type { CriterionOutcome } from './types';

/** The result of a logic node, kept as a tree so a reviewer sees which branch decided. */
export type LogicResult =
  | { readonly kind: 'criterion'; readonly id: string; readonly outcome: CriterionOutcome }
  | { readonly kind: 'allOf' | 'anyOf'; readonly outcome: CriterionOutcome; readonly parts: readonly LogicResult[] };

export function allOf(outcomes: readonly CriterionOutcome[]): CriterionOutcome {
  if (outcomes.includes('not_met')) return 'not_met';
  return outcomes.every((o) => o === 'met') ? 'met' : 'unknown';
}

export function anyOf(outcomes: readonly CriterionOutcome[]): CriterionOutcome {
  if (outcomes.includes('met')) return 'met';
  return outcomes.every((o) => o === 'not_met') ? 'not_met' : 'unknown';
}

/** Evaluates a logic tree; `outcomeOf` gives each criterion's outcome (unknown ids are unknown). */
export function combine(node: LogicNode, outcomeOf: (id: string) => CriterionOutcome | undefined): LogicResult {
  if (typeof node === 'string') return { kind: 'criterion', id: node, outcome: outcomeOf(node) ?? 'unknown' };
  if ('allOf' in node) {
    const parts = node.allOf.map((n) => combine(n, outcomeOf));
    return { kind: 'allOf', outcome: allOf(parts.map((p) => p.outcome)), parts };
  }
  const parts = node.anyOf.map((n) => combine(n, outcomeOf));
  return { kind: 'anyOf', outcome: anyOf(parts.map((p) => p.outcome)), parts };
}

/** Criterion ids referenced by a logic tree, in order, with repeats. */
export function logicIds(node: LogicNode): string[] {
  if (typeof node === 'string') return [node];
  return ('allOf' in node ? node.allOf : node.anyOf).flatMap(logicIds);
}

/**
 * Criteria that must be met for the tree to be met, given the outcomes: every part of an all-of,
 * and of an any-of only the parts that are met (one met branch suffices). Used to cite the
 * criteria an approval rests on.
 */
export function decisiveCriteria(result: LogicResult): string[] {
  switch (result.kind) {
    case 'criterion':
      return result.outcome === 'met' ? [result.id] : [];
    case 'allOf':
      return result.parts.flatMap(decisiveCriteria);
    case 'anyOf':
      return result.parts.filter((p) => p.outcome === 'met').flatMap(decisiveCriteria);
  }
}

/**
 * Criteria that keep the tree from being met: inside an all-of, the parts that are not met (or
 * unknown); inside an any-of that is not met, every part. Branches already met are skipped.
 */
export function blockingCriteria(result: LogicResult): string[] {
  if (result.outcome === 'met') return [];
  switch (result.kind) {
    case 'criterion':
      return [result.id];
    case 'allOf':
    case 'anyOf':
      return result.parts.flatMap(blockingCriteria);
  }
}
