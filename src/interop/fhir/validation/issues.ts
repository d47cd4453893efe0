/**
 * Validation issues and their OperationOutcome form (FHIR R4 §OperationOutcome; issue codes from
 * http://hl7.org/fhir/issue-type). Every issue names the offending element with a FHIRPath
 * `expression` such as `Bundle.entry[0].resource.item[1].extension[0]`.
 */
import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';

export type IssueSeverity = 'error' | 'warning' | 'information';

/** The OperationOutcome issue types this validator reports. */
export type IssueCode =
  | 'structure'
  | 'required'
  | 'value'
  | 'invalid'
  | 'code-invalid'
  | 'invariant'
  | 'not-supported'
  | 'informational';

export interface ValidationIssue {
  readonly severity: IssueSeverity;
  readonly code: IssueCode;
  readonly diagnostics: string;
  /** FHIRPath of the offending element, from the root of the validated resource. */
  readonly expression: string;
}

/** True when at least one issue is an error. */
export const hasErrors = (issues: readonly ValidationIssue[]): boolean => issues.some((i) => i.severity === 'error');

export const errorsOf = (issues: readonly ValidationIssue[]): readonly ValidationIssue[] => issues.filter((i) => i.severity === 'error');

/**
 * Rewrite an issue found on a resource validated on its own (expression rooted at its type, e.g.
 * `Claim.item[0]`) to its place inside a container (`Bundle.entry[0].resource.item[0]`).
 */
export function rebase(issue: ValidationIssue, rootName: string, prefix: string): ValidationIssue {
  const e = issue.expression;
  if (e === rootName) return { ...issue, expression: prefix };
  if (e.startsWith(`${rootName}.`)) return { ...issue, expression: prefix + e.slice(rootName.length) };
  return issue;
}

/** Drop exact duplicates (the same check reached through two profiles), keeping the first. */
export function dedupe(issues: readonly ValidationIssue[]): readonly ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const i of issues) {
    const k = `${i.severity}\u0000${i.code}\u0000${i.expression}\u0000${i.diagnostics}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(i);
    }
  }
  return out;
}

const SEVERITY_ORDER: Readonly<Record<IssueSeverity, number>> = { error: 0, warning: 1, information: 2 };

/** Errors first, then warnings, then information; stable within a severity. */
export const bySeverity = (issues: readonly ValidationIssue[]): readonly ValidationIssue[] =>
  [...issues].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

/**
 * The OperationOutcome for a list of issues (errors first). With `errorsOnly`, only the errors
 * are kept — the shape a 400/422 answer to `$submit` carries (PAS spec-35: "a single
 * OperationOutcome"). An empty list yields one `informational` issue saying all is well, since
 * OperationOutcome.issue is 1..*.
 */
export function toOperationOutcome(issues: readonly ValidationIssue[], options: { errorsOnly?: boolean } = {}): OperationOutcome {
  const kept = bySeverity(options.errorsOnly === true ? errorsOf(issues) : issues);
  const issue: OperationOutcomeIssue[] =
    kept.length === 0
      ? [{ severity: 'information', code: 'informational', diagnostics: 'No issues found' }]
      : kept.map((i) => ({ severity: i.severity, code: i.code, diagnostics: i.diagnostics, expression: [i.expression] }));
  return { resourceType: 'OperationOutcome', issue };
}
