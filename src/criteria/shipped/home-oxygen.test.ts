import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { evaluateForAutomation } from '../automation';
import { contextFor, shippedSet, type AnswerInput } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('ncd-240.2-home-oxygen'); });

const qualified = { test_qualified: true, test_timing: 'time-of-need' };
const run = (answers: Record<string, AnswerInput | undefined>) => evaluateCriteria(set, contextFor(set, { answers }));
const outcome = (answers: Record<string, AnswerInput | undefined>, id: string) => run(answers).criteria.find((c) => c.id === id)?.outcome;

describe('NCD 240.2 home oxygen', () => {
  it('Group I (1): PO2 55 mm Hg at rest is met, 56 is not; saturation 88 % is met, 89 % is not', () => {
    expect(outcome({ po2_rest: 55 }, 'group1-rest')).toBe('met');
    expect(outcome({ po2_rest: 56 }, 'group1-rest')).toBe('not_met');
    expect(outcome({ spo2_rest: 88 }, 'group1-rest')).toBe('met');
    expect(outcome({ spo2_rest: 89 }, 'group1-rest')).toBe('not_met');
    expect(outcome({}, 'group1-rest')).toBe('unknown');
  });

  it('prefers the arterial blood gas when both tests are given', () => {
    expect(outcome({ po2_rest: 60, spo2_rest: 85 }, 'group1-rest')).toBe('not_met');
    expect(outcome({ po2_rest: 50, spo2_rest: 93 }, 'group1-rest')).toBe('met');
  });

  it('approves a qualifying resting value with a qualified, timely test', () => {
    const r = evaluateForAutomation(set, contextFor(set, { answers: { ...qualified, po2_rest: 52 } }));
    expect(r.kind).toBe('approve');
    if (r.kind !== 'approve') return;
    expect(r.basis.criteria.map((c) => c.id)).toEqual(['test-qualified', 'test-timing', 'group1-rest']);
    expect(r.basis.criteria.map((c) => c.citation)).toContain('NCD 240.2 v2 §B, Group I (1)');
    expect(r.basis.clinicallyReviewed).toBe(false);
  });

  it('Group I (2) and (4): desaturation in sleep or exercise with adequate values awake', () => {
    expect(run({ ...qualified, spo2_rest: 92, spo2_sleep: 88 }).outcome).toBe('met');
    expect(outcome({ spo2_rest: 92, spo2_sleep: 89 }, 'group1-sleep')).toBe('not_met');
    expect(outcome({ spo2_rest: 92 }, 'group1-sleep')).toBe('unknown');
    expect(run({ ...qualified, po2_rest: 70, po2_exercise: 55 }).outcome).toBe('met');
    expect(outcome({ po2_rest: 70, po2_exercise: 58 }, 'group1-exercise')).toBe('not_met');
    const complete = { ...qualified, po2_rest: 70, po2_sleep: 60, po2_exercise: 58, po2_sleep_drop: 4, spo2_sleep_drop: 2, sleep_symptoms: false };
    expect(run(complete).outcome).toBe('not_met');
    expect(run({ ...complete, po2_exercise: undefined }).outcome).toBe('unknown');
  });

  it('Group I (3): a sleep drop > 10 mm Hg or > 5 points needs symptoms', () => {
    expect(outcome({ po2_sleep_drop: 11, sleep_symptoms: true }, 'group1-sleep-drop')).toBe('met');
    expect(outcome({ po2_sleep_drop: 10, spo2_sleep_drop: 5, sleep_symptoms: true }, 'group1-sleep-drop')).toBe('not_met');
    expect(outcome({ po2_sleep_drop: 10, sleep_symptoms: true }, 'group1-sleep-drop')).toBe('unknown');
    expect(outcome({ spo2_sleep_drop: 6, sleep_symptoms: false }, 'group1-sleep-drop')).toBe('not_met');
    expect(outcome({ spo2_sleep_drop: 6 }, 'group1-sleep-drop')).toBe('unknown');
  });

  it('Group II: PO2 56-59 or saturation 89 % with a secondary finding', () => {
    expect(run({ ...qualified, po2_rest: 57, dependent_edema: true }).outcome).toBe('met');
    expect(run({ ...qualified, spo2_rest: 89, hematocrit: 57 }).outcome).toBe('met');
    expect(outcome({ spo2_rest: 89, hematocrit: 56, dependent_edema: false, pulmonary_hypertension: false }, 'group2-finding')).toBe('not_met');
    expect(outcome({ po2_rest: 59 }, 'group2-values')).toBe('met');
    expect(outcome({ po2_rest: 59 }, 'group2-finding')).toBe('unknown');
    expect(outcome({ po2_rest: 60 }, 'group2-values')).toBe('not_met');
    expect(outcome({ spo2_rest: 90 }, 'group2-values')).toBe('not_met');
  });

  it('ignores sleep and exercise values when the resting value already qualifies (enableWhen)', () => {
    const r = run({ ...qualified, po2_rest: 50, po2_sleep: 40 });
    expect(r.answers['po2_sleep']).toBeUndefined();
    expect(r.answerProblems).toContainEqual(expect.objectContaining({ linkId: 'po2_sleep', kind: 'not_enabled', severity: 'info' }));
    expect(r.outcome).toBe('met');
  });

  it('refers when the test was not qualified or not timely, never denies', () => {
    const r = evaluateForAutomation(set, contextFor(set, { answers: { test_qualified: false, test_timing: 'other', po2_rest: 50 } }));
    expect(r.kind).toBe('refer_to_review');
    if (r.kind !== 'refer_to_review') return;
    expect(r.reasons.map((x) => x.code)).toEqual(['criteria_not_met']);
    expect(r.reasons[0]?.criteria).toEqual(['test-qualified', 'test-timing']);
  });
});
