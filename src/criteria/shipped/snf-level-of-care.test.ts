import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('cfr-409.31-snf-level-of-care'); });

const admission = '2025-03-10';
const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, { dateOfService: admission, line: { unitType: 'days', units: 20, from: admission }, ...o }));
const skilled = { physician_ordered: true, skilled_services: ['rehabilitation'], rehab_days_per_week: 5, practical_matter: true };
const stay = { hospital_midnights: 3, hospital_discharge_date: '2025-03-09' };

describe('42 CFR 409.30-409.35 SNF level of care', () => {
  it('409.30(a)(1): a 3-day qualifying stay, unless the plan waives it', () => {
    expect(run({ answers: { ...skilled, ...stay } }).outcome).toBe('met');
    expect(run({ answers: { ...skilled, ...stay, hospital_midnights: 2 } }).outcome).toBe('not_met');
    expect(run({ answers: skilled, coverageWaivers: ['snf-3-day-stay'] }).outcome).toBe('met');
    expect(run({ answers: skilled }).outcome).toBe('unknown');
  });

  it('409.30(b)(1): admission within 30 days of discharge', () => {
    expect(run({ answers: { ...skilled, ...stay, hospital_discharge_date: '2025-02-08' } }).outcome).toBe('met');
    expect(run({ answers: { ...skilled, ...stay, hospital_discharge_date: '2025-02-07' } }).outcome).toBe('not_met');
  });

  it('409.34(a): daily means skilled nursing 7 days a week or rehabilitation 5 days a week', () => {
    expect(run({ answers: { ...stay, ...skilled, rehab_days_per_week: 4 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...stay, ...skilled, skilled_services: ['nursing'], nursing_days_per_week: 7 } }).outcome).toBe('met');
    expect(run({ answers: { ...stay, ...skilled, skilled_services: ['nursing'], nursing_days_per_week: 6 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...stay, ...skilled, skilled_services: ['none'] } }).outcome).toBe('not_met');
  });

  it('409.35: the care must need a SNF as a practical matter; 409.61(b): at most 100 days', () => {
    expect(run({ answers: { ...stay, ...skilled, practical_matter: false } }).outcome).toBe('not_met');
    expect(run({ answers: { ...stay, ...skilled }, line: { unitType: 'days', units: 101, from: admission } }).outcome).toBe('not_met');
  });
});
