import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('ncd-20.29-hyperbaric-oxygen'); });

const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, o));
const dfu = { condition: 'diabetic-wound', diabetes_wound: true, wagner_grade: '3', standard_care_days: 30, standard_care_complete: true, request_phase: 'initial' };

describe('NCD 20.29 hyperbaric oxygen', () => {
  it('§A.1-8, 13: acute conditions are covered as such', () => {
    expect(run({ answers: { condition: 'carbon-monoxide' } }).outcome).toBe('met');
    expect(run({ answers: { condition: 'gas-gangrene' } }).outcome).toBe('met');
  });

  it('§A.15: a diabetic wound of Wagner grade III after 30 days of standard therapy', () => {
    expect(run({ answers: dfu }).outcome).toBe('met');
    expect(run({ answers: { ...dfu, wagner_grade: '2' } }).outcome).toBe('not_met');
    expect(run({ answers: { ...dfu, standard_care_days: 29 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...dfu, standard_care_complete: false } }).outcome).toBe('not_met');
    expect(run({ answers: { ...dfu, wagner_grade: undefined } }).outcome).toBe('unknown');
  });

  it('§A.15: continuation needs measurable healing in the last 30 days', () => {
    expect(run({ answers: { ...dfu, request_phase: 'continued', healing_last_30_days: true } }).outcome).toBe('met');
    expect(run({ answers: { ...dfu, request_phase: 'continued', healing_last_30_days: false } }).outcome).toBe('not_met');
  });

  it('§A.10, A.14: refractory osteomyelitis and actinomycosis only when refractory', () => {
    expect(run({ answers: { condition: 'osteomyelitis', osteomyelitis_refractory: true } }).outcome).toBe('met');
    expect(run({ answers: { condition: 'osteomyelitis', osteomyelitis_refractory: false } }).outcome).toBe('not_met');
    expect(run({ answers: { condition: 'actinomycosis' } }).outcome).toBe('unknown');
  });

  it('a condition NCD 20.29 §A does not list is not met, and no answer is unknown', () => {
    expect(run({ answers: { condition: 'other' } }).outcome).toBe('not_met');
    expect(run({ answers: {} }).outcome).toBe('unknown');
  });

  it('answers about a diabetic wound are ignored for another condition (enableWhen)', () => {
    const r = run({ answers: { condition: 'other', ...{ diabetes_wound: true, wagner_grade: '4' } } });
    expect(r.answers['wagner_grade']).toBeUndefined();
    expect(r.outcome).toBe('not_met');
  });
});
