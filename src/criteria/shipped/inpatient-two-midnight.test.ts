import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { evaluateForAutomation } from '../automation';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('cfr-412.3-inpatient-two-midnight'); });

const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, o));
const base = { admission_order: true, expectation_documented: true, inpatient_only: false, case_by_case: false };

describe('42 CFR 412.3 two-midnight expectation', () => {
  it('(d)(1): two expected midnights, counting those already spent in the hospital', () => {
    expect(run({ answers: { ...base, midnights_already: 0, midnights_expected: 2 } }).outcome).toBe('met');
    expect(run({ answers: { ...base, midnights_already: 1, midnights_expected: 1 } }).outcome).toBe('met');
    expect(run({ answers: { ...base, midnights_already: 0, midnights_expected: 1 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...base, midnights_already: 1, midnights_expected: 1, expectation_documented: false } }).outcome).toBe('not_met');
  });

  it('(d)(2): an inpatient-only procedure qualifies whatever the length of stay', () => {
    expect(run({ answers: { ...base, midnights_already: 0, midnights_expected: 0, inpatient_only: true } }).outcome).toBe('met');
  });

  it('(d)(3): the case-by-case exception is never met automatically, it goes to a reviewer', () => {
    const ctx = contextFor(set, { answers: { ...base, midnights_already: 0, midnights_expected: 1, case_by_case: true } });
    expect(evaluateCriteria(set, ctx).outcome).toBe('unknown');
    const r = evaluateForAutomation(set, ctx);
    expect(r.kind).toBe('refer_to_review');
    if (r.kind === 'refer_to_review') expect(r.reasons[0]?.criteria).toContain('case-by-case-exception');
  });

  it('(a)-(b): without a proper admission order it is not met', () => {
    expect(run({ answers: { ...base, admission_order: false, midnights_already: 0, midnights_expected: 3 } }).outcome).toBe('not_met');
  });

  it('missing midnights leave the benchmark unknown', () => {
    const r = run({ answers: { ...base, midnights_expected: 3 } });
    expect(r.criteria.find((c) => c.id === 'two-midnight-benchmark')?.outcome).toBe('unknown');
    expect(r.outcome).toBe('unknown');
  });
});
