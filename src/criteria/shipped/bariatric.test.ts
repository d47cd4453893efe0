import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('ncd-100.1-bariatric-surgery'); });

const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, o));

describe('NCD 100.1 bariatric surgery', () => {
  it('BMI ≥ 35 with a co-morbidity and unsuccessful medical treatment is met', () => {
    expect(run({ answers: { bmi: 35, comorbidities: ['type-2-diabetes'], prior_medical_treatment: true } }).outcome).toBe('met');
    expect(run({ answers: { bmi: 48.2, comorbidities: ['sleep-apnea', 'hypertension'], prior_medical_treatment: true }, line: { code: '43775' } }).outcome).toBe('met');
  });

  it('BMI 34.9 is not met', () => {
    const r = run({ answers: { bmi: 34.9, comorbidities: ['hypertension'], prior_medical_treatment: true } });
    expect(r.outcome).toBe('not_met');
    expect(r.criteria.find((c) => c.id === 'bmi-35')?.outcome).toBe('not_met');
  });

  it('obesity alone (no co-morbidity) or no prior medical treatment is not met', () => {
    expect(run({ answers: { bmi: 40, comorbidities: ['none'], prior_medical_treatment: true } }).outcome).toBe('not_met');
    expect(run({ answers: { bmi: 40, comorbidities: ['hypertension'], prior_medical_treatment: false } }).outcome).toBe('not_met');
  });

  it('a missing answer leaves the result unknown', () => {
    expect(run({ answers: { bmi: 40, prior_medical_treatment: true } }).outcome).toBe('unknown');
    expect(run({ answers: { comorbidities: ['hypertension'], prior_medical_treatment: true } }).outcome).toBe('unknown');
  });
});
