import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('ncd-280.3-power-mobility'); });

const base = {
  mobility_limitation: true, other_conditions: false, capable_willing: true, cane_walker_sufficient: false,
  environment_supports: true, manual_wheelchair_sufficient: false,
};
const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, o));
const scooter = { codeSystem: 'HCPCS' as const, code: 'K0800' };
const powerChair = { codeSystem: 'HCPCS' as const, code: 'K0823' };

describe('NCD 280.3 power mobility devices', () => {
  it('a scooter (K0800-K0812) needs the strength and stability to operate it (questions 8)', () => {
    expect(run({ line: scooter, answers: { ...base, scooter_operable: true } }).outcome).toBe('met');
    expect(run({ line: scooter, answers: { ...base, scooter_operable: false, power_wheelchair_features_needed: true } }).outcome).toBe('not_met');
  });

  it('a power wheelchair needs a scooter to be unusable and its features to be needed (questions 8-9)', () => {
    expect(run({ line: powerChair, answers: { ...base, scooter_operable: false, power_wheelchair_features_needed: true } }).outcome).toBe('met');
    expect(run({ line: powerChair, answers: { ...base, scooter_operable: true } }).outcome).toBe('not_met');
    expect(run({ line: powerChair, answers: { ...base, scooter_operable: false } }).outcome).toBe('unknown');
  });

  it('a cane or walker, or a manual wheelchair, that suffices is not met (questions 5 and 7)', () => {
    const answers = { ...base, scooter_operable: true };
    expect(run({ line: scooter, answers: { ...answers, cane_walker_sufficient: true } }).outcome).toBe('not_met');
    expect(run({ line: scooter, answers: { ...answers, manual_wheelchair_sufficient: true } }).outcome).toBe('not_met');
  });

  it('other limiting conditions must be compensable (questions 2-3)', () => {
    const answers = { ...base, scooter_operable: true, other_conditions: true };
    expect(run({ line: scooter, answers: { ...answers, other_conditions_compensated: true } }).outcome).toBe('met');
    expect(run({ line: scooter, answers: { ...answers, other_conditions_compensated: false } }).outcome).toBe('not_met');
    expect(run({ line: scooter, answers }).outcome).toBe('unknown');
  });

  it('no answers: every criterion is unknown', () => {
    const r = run({ line: scooter });
    expect(r.outcome).toBe('unknown');
    expect(new Set(r.criteria.map((c) => c.outcome))).toEqual(new Set(['unknown']));
  });
});
