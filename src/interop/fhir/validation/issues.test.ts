import { describe, expect, it } from 'vitest';
import { bySeverity, dedupe, hasErrors, rebase, toOperationOutcome, type ValidationIssue } from './issues';

const err: ValidationIssue = { severity: 'error', code: 'required', expression: 'Claim.insurer', diagnostics: 'Claim.insurer: minimum required = 1, but only found 0' };
const warn: ValidationIssue = { severity: 'warning', code: 'invariant', expression: 'Claim', diagnostics: 'Constraint failed: dom-6' };
const info: ValidationIssue = { severity: 'information', code: 'informational', expression: 'Claim.extension[0]', diagnostics: 'not available' };

describe('issues and OperationOutcome', () => {
  it('builds an OperationOutcome, errors first, each issue with its FHIRPath expression', () => {
    expect(toOperationOutcome([info, warn, err])).toEqual({
      resourceType: 'OperationOutcome',
      issue: [
        { severity: 'error', code: 'required', diagnostics: err.diagnostics, expression: ['Claim.insurer'] },
        { severity: 'warning', code: 'invariant', diagnostics: warn.diagnostics, expression: ['Claim'] },
        { severity: 'information', code: 'informational', diagnostics: info.diagnostics, expression: ['Claim.extension[0]'] },
      ],
    });
  });

  it('keeps only errors for a 4xx answer, and is never empty', () => {
    expect(toOperationOutcome([info, warn, err], { errorsOnly: true }).issue).toHaveLength(1);
    expect(toOperationOutcome([]).issue).toEqual([{ severity: 'information', code: 'informational', diagnostics: 'No issues found' }]);
  });

  it('rebases a resource-rooted issue into its container, dedupes and sorts', () => {
    expect(rebase(err, 'Claim', 'Bundle.entry[0].resource').expression).toBe('Bundle.entry[0].resource.insurer');
    expect(rebase(warn, 'Claim', 'Bundle.entry[0].resource').expression).toBe('Bundle.entry[0].resource');
    expect(rebase(err, 'Patient', 'Bundle.entry[1].resource')).toBe(err);
    expect(dedupe([err, warn, err])).toEqual([err, warn]);
    expect(bySeverity([info, err, warn])).toEqual([err, warn, info]);
    expect(hasErrors([warn, info])).toBe(false);
  });
});
