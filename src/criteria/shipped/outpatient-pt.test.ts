import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('cfr-410.61-outpatient-pt'); });

const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, { line: { units: 12, unitType: 'visits', from: '2025-03-03', to: '2025-05-31' }, ...o }));
const plan = {
  plan_established_by: 'therapist', plan_contents: true, plan_certified: true, first_treatment_date: '2025-03-03',
  certification_date: '2025-04-02', skilled_need: true, therapy_goal: 'restorative',
};

describe('42 CFR 410.61 outpatient physical therapy', () => {
  it('a certified plan of care for skilled, restorative or maintenance therapy within 90 days is met', () => {
    expect(run({ answers: plan }).outcome).toBe('met');
    expect(run({ answers: { ...plan, therapy_goal: 'maintenance' } }).outcome).toBe('met');
  });

  it('§220.1.3: certification later than 30 days after the first treatment goes to a reviewer', () => {
    expect(run({ answers: { ...plan, certification_date: '2025-04-03' } }).outcome).toBe('not_met');
    expect(run({ answers: { ...plan, plan_certified: false } }).outcome).toBe('not_met');
  });

  it('a requested period over 90 days, or without an end, is not within one certification', () => {
    expect(run({ answers: plan, line: { from: '2025-03-03', to: '2025-06-01' } }).outcome).toBe('not_met');
    expect(run({ answers: plan, line: { from: '2025-03-03', to: undefined } }).outcome).toBe('unknown');
  });

  it('410.61(a)-(b): no written plan, or therapy that needs no therapist, is not met', () => {
    expect(run({ answers: { ...plan, plan_established_by: 'none' } }).outcome).toBe('not_met');
    expect(run({ answers: { ...plan, skilled_need: false } }).outcome).toBe('not_met');
    expect(run({ answers: { ...plan, therapy_goal: 'neither' } }).outcome).toBe('not_met');
  });
});
