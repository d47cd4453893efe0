import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('ncd-20.32-tavr'); });

const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, o));
const common = {
  symptomatic_stenosis: true, fda_system: true, surgeon_examined: true, cardiologist_examined: true, rationale_documented: true,
  joint_participation: true, onsite_programs: true, post_procedure_icu: true, cardiac_surgeons: 2, interventional_cardiologists: 1,
  pci_per_year: 300, registry: true,
};
const existing = { ...common, tavr_experience: 'existing', avr_last_year: 50, tavr_last_year: 20 };
const beginning = { ...common, tavr_experience: 'new', open_heart_prior_year: 50, aortic_procedures_prior_2_years: 20 };

describe('NCD 20.32 TAVR', () => {
  it('meets the 2019 conditions with an existing or a beginning program at the volume thresholds', () => {
    expect(run({ answers: existing }).outcome).toBe('met');
    expect(run({ answers: { ...existing, avr_last_year: 49, avr_last_2_years: 100, tavr_last_2_years: 40 } }).outcome).toBe('met');
    expect(run({ answers: beginning }).outcome).toBe('met');
  });

  it('falls short by one case or one physician', () => {
    expect(run({ answers: { ...existing, tavr_last_year: 19, avr_last_2_years: 100, tavr_last_2_years: 39 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...beginning, open_heart_prior_year: 49 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...existing, cardiac_surgeons: 1 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...existing, pci_per_year: 299 } }).outcome).toBe('not_met');
  });

  it('§B.A.2-3: both heart-team physicians examine the patient and operate jointly', () => {
    expect(run({ answers: { ...existing, cardiologist_examined: false } }).outcome).toBe('not_met');
    expect(run({ answers: { ...existing, joint_participation: false } }).outcome).toBe('not_met');
    expect(run({ answers: { ...existing, surgeon_examined: undefined } }).outcome).toBe('unknown');
  });

  it('§B.A.5: registry participation is required', () => {
    expect(run({ answers: { ...existing, registry: false } }).outcome).toBe('not_met');
  });
});
