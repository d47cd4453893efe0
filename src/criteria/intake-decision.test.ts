import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateForAutomation, type AutomationResult } from './automation';
import type { CompiledCriteriaSet } from './engine';
import { computeExemptions, TEXAS_GOLD_CARD_POLICY, type GoldCardExemption } from './gold-card';
import { decideIntake, type EligibilityResult, type IntakeOutcome } from './intake-decision';
import { createPaRule, matchRequirement, type RequirementDecision } from './pa-rules';
import { MET_EXAMPLES } from './shipped/met-examples';
import { contextFor, shippedSet } from './test-support';

let oxygen: CompiledCriteriaSet;
beforeAll(async () => { oxygen = await shippedSet('ncd-240.2-home-oxygen'); });

const rules = [createPaRule({
  id: 'o2', codes: { system: 'HCPCS', from: 'E0424', to: 'E0444' }, placesOfService: [], effectiveFrom: '2025-01-01', requirement: 'required',
  subjectTo422122: true, criteriaSetId: 'ncd-240.2-home-oxygen', documents: [], validity: { kind: 'window', days: 90 }, serviceGroup: 'home-oxygen',
}), createPaRule({
  id: 'o2-notify', codes: { system: 'HCPCS', code: 'E0441' }, placesOfService: [], effectiveFrom: '2025-01-01', requirement: 'notification_only',
  subjectTo422122: false, documents: [], validity: { kind: 'window', days: 90 }, serviceGroup: 'home-oxygen',
})];
const required = (): RequirementDecision => matchRequirement(rules, { codeSystem: 'HCPCS', code: 'E0424', dateOfService: '2025-03-03', networkStatus: 'in_network' });
const eligible: EligibilityResult = { kind: 'eligible' };
const requested = { start: '2025-03-03' };
const exemption = (): GoldCardExemption => {
  const [ex] = computeExemptions(Array.from({ length: 5 }, () => ({ npi: '1', serviceGroup: 'home-oxygen', decidedOn: '2025-01-10', outcome: 'approved' as const })), TEXAS_GOLD_CARD_POLICY, '2025-02-01');
  if (ex === undefined) throw new Error('no exemption');
  return ex;
};

describe('intake decision order', () => {
  it('stops at eligibility: an unknown member is an error, a lapsed one goes to intake staff', () => {
    let called = 0;
    const evaluateCriteria = (): AutomationResult => { called++; return evaluateForAutomation(oxygen, contextFor(oxygen)); };
    expect(decideIntake({ eligibility: { kind: 'member_unknown' }, requirement: required(), evaluateCriteria, requested })).toEqual({ kind: 'member_unknown' });
    expect(decideIntake({ eligibility: { kind: 'not_covered_on_date', reason: 'coverage ended 2025-02-28' }, requirement: required(), evaluateCriteria, requested }))
      .toEqual({ kind: 'queue_for_intake', reason: 'coverage ended 2025-02-28' });
    expect(called).toBe(0);
  });

  it('answers no authorization required or notification only from the list', () => {
    const none = matchRequirement(rules, { codeSystem: 'HCPCS', code: 'E0601', dateOfService: '2025-03-03' });
    expect(decideIntake({ eligibility: eligible, requirement: none, requested }).kind).toBe('no_authorization_required');
    const notify = matchRequirement(rules, { codeSystem: 'HCPCS', code: 'E0441', dateOfService: '2025-03-03' });
    expect(decideIntake({ eligibility: eligible, requirement: notify, requested }).kind).toBe('notification_only');
  });

  it('approves a gold-carded provider without evaluating the criteria, citing the exemption', () => {
    let called = 0;
    const out = decideIntake({ eligibility: eligible, requirement: required(), exemption: exemption(), evaluateCriteria: () => { called++; return evaluateForAutomation(oxygen, contextFor(oxygen)); }, requested });
    expect(called).toBe(0);
    expect(out).toMatchObject({ kind: 'approve', asRequested: true, basis: { kind: 'gold_card', citation: TEXAS_GOLD_CARD_POLICY.citation }, validity: { start: '2025-03-03', end: '2025-05-31' } });
  });

  it('approves on met criteria and refers otherwise, with the criteria results', () => {
    const met = decideIntake({ eligibility: eligible, requirement: required(), evaluateCriteria: () => evaluateForAutomation(oxygen, contextFor(oxygen, MET_EXAMPLES['ncd-240.2-home-oxygen'])), requested });
    expect(met).toMatchObject({ kind: 'approve', basis: { kind: 'criteria_met', setId: 'ncd-240.2-home-oxygen' } });
    const unmet = decideIntake({ eligibility: eligible, requirement: required(), evaluateCriteria: () => evaluateForAutomation(oxygen, contextFor(oxygen)), requested });
    expect(unmet.kind).toBe('refer_to_review');
    expect(unmet.kind === 'refer_to_review' && unmet.criteria?.criteria.length).toBe(8);
  });

  it('refers out-of-network requests, requests without criteria, and approvals that would be shorter than asked', () => {
    const oon = matchRequirement(rules, { codeSystem: 'HCPCS', code: 'E0424', dateOfService: '2025-03-03', networkStatus: 'out_of_network' });
    const reasons = (o: IntakeOutcome): string[] => (o.kind === 'refer_to_review' ? o.reasons.map((r) => r.code) : [o.kind]);
    expect(reasons(decideIntake({ eligibility: eligible, requirement: oon, exemption: exemption(), requested }))).toEqual(['out_of_network']);
    expect(reasons(decideIntake({ eligibility: eligible, requirement: required(), requested }))).toEqual(['no_criteria_set']);
    expect(reasons(decideIntake({ eligibility: eligible, requirement: required(), exemption: exemption(), requested: { start: '2025-03-03', end: '2025-12-31' } }))).toEqual(['validity_shorter_than_requested']);
    expect(reasons(decideIntake({ eligibility: { kind: 'eligible', coverageEnd: '2025-04-30' }, requirement: required(), exemption: exemption(), requested: { start: '2025-03-03', end: '2025-05-31' } }))).toEqual(['validity_shorter_than_requested']);
  });

  it('never produces anything but the six outcomes, and approves only on an exemption or met criteria (property)', () => {
    const automation = fc.constantFrom<'approve' | 'refer' | 'none'>('approve', 'refer', 'none');
    fc.assert(fc.property(
      fc.constantFrom<EligibilityResult>(eligible, { kind: 'member_unknown' }, { kind: 'not_covered_on_date', reason: 'x' }, { kind: 'eligible', coverageEnd: '2025-04-01' }),
      fc.constantFrom('E0424', 'E0441', 'E0601'), fc.constantFrom<'in_network' | 'out_of_network' | undefined>('in_network', 'out_of_network', undefined),
      fc.boolean(), automation, fc.option(fc.constantFrom('2025-03-10', '2025-06-30', '2026-01-01'), { nil: undefined }),
      (eligibility, code, networkStatus, exempt, auto, end) => {
        const requirement = matchRequirement(rules, { codeSystem: 'HCPCS', code, dateOfService: '2025-03-03', ...(networkStatus ? { networkStatus } : {}) });
        const ctx = contextFor(oxygen, auto === 'approve' ? MET_EXAMPLES['ncd-240.2-home-oxygen'] : {});
        const out = decideIntake({
          eligibility, requirement, ...(exempt ? { exemption: exemption() } : {}),
          ...(auto !== 'none' ? { evaluateCriteria: () => evaluateForAutomation(oxygen, ctx) } : {}),
          requested: { start: '2025-03-03', ...(end ? { end } : {}) },
        });
        expect(['member_unknown', 'queue_for_intake', 'no_authorization_required', 'notification_only', 'approve', 'refer_to_review']).toContain(out.kind);
        if (out.kind === 'approve') {
          expect(out.asRequested).toBe(true);
          expect(eligibility.kind).toBe('eligible');
          expect(requirement.requirement).toBe('required');
          expect(exempt || auto === 'approve').toBe(true);
          expect(out.validity.shorterThanRequested).toBe(false);
        }
      },
    ), { numRuns: 300, seed: 11 });
  });
});
