import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('ncd-240.4-cpap-osa'); });

const base = { request_type: 'initial-trial', clinical_evaluation: true, test_type: 'hst-type-3', test_ordered: true, sleep_hours: 5 };
const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, o));
const outcome = (o: ContextOverrides, id: string) => run(o).criteria.find((c) => c.id === id)?.outcome;

describe('NCD 240.4 CPAP for obstructive sleep apnea', () => {
  it('§B.5.a: an AHI or RDI of 15 meets the threshold alone, 14.9 does not', () => {
    expect(run({ answers: { ...base, index_value: 15 } }).outcome).toBe('met');
    expect(outcome({ answers: { ...base, index_value: 14.9, symptoms: ['none'] } }, 'severity')).toBe('not_met');
  });

  it('§B.5.b: 5 to 14 events per hour needs a documented symptom or comorbidity', () => {
    expect(run({ answers: { ...base, index_value: 5, symptoms: ['hypertension'] } }).outcome).toBe('met');
    expect(run({ answers: { ...base, index_value: 14, symptoms: ['daytime-sleepiness', 'insomnia'] } }).outcome).toBe('met');
    expect(outcome({ answers: { ...base, index_value: 4.9, symptoms: ['stroke-history'] } }, 'severity')).toBe('not_met');
    expect(outcome({ answers: { ...base, index_value: 10, symptoms: ['none'] } }, 'severity')).toBe('not_met');
    expect(outcome({ answers: { ...base, index_value: 10 } }, 'severity')).toBe('unknown');
  });

  it('§B.1: adults only (18 on the date of service)', () => {
    const answers = { ...base, index_value: 30 };
    expect(outcome({ answers, member: { birthDate: '2007-03-03' } }, 'adult')).toBe('met');
    expect(outcome({ answers, member: { birthDate: '2007-03-04' } }, 'adult')).toBe('not_met');
  });

  it('§B.3: a home sleep test counts only with a Type II, III or IV (3-channel) device', () => {
    expect(outcome({ answers: { ...base, test_type: 'psg-lab' } }, 'sleep-test')).toBe('met');
    expect(outcome({ answers: { ...base, test_type: 'other' } }, 'sleep-test')).toBe('not_met');
    expect(outcome({ answers: { request_type: 'initial-trial' } }, 'sleep-test')).toBe('unknown');
  });

  it('§B.6: under 2 hours of sleep the events must reach the 2-hour count (30 at ≥ 15/h, 10 at 5-14/h)', () => {
    const short = { ...base, sleep_hours: 1.5 };
    expect(outcome({ answers: { ...short, index_value: 20, recorded_events: 30 } }, 'minimum-recording')).toBe('met');
    expect(outcome({ answers: { ...short, index_value: 20, recorded_events: 29 } }, 'minimum-recording')).toBe('not_met');
    expect(outcome({ answers: { ...short, index_value: 8, recorded_events: 10 } }, 'minimum-recording')).toBe('met');
    expect(outcome({ answers: { ...short, index_value: 8 } }, 'minimum-recording')).toBe('unknown');
    expect(outcome({ answers: { ...base, sleep_hours: 2, index_value: 20, recorded_events: 1 } }, 'minimum-recording')).toBe('met');
  });

  it('§B.1: continued coverage after the 12-week trial needs documented benefit', () => {
    const continued = { ...base, request_type: 'continued', index_value: 20 };
    expect(run({ answers: { ...continued, trial_benefit: true } }).outcome).toBe('met');
    expect(run({ answers: { ...continued, trial_benefit: false } }).outcome).toBe('not_met');
    expect(run({ answers: continued }).outcome).toBe('unknown');
  });
});
