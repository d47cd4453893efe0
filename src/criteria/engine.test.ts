import { describe, expect, it } from 'vitest';
import { evaluateForAutomation } from './automation';
import { buildEnvironment, compileCriteriaSet, compileExpression, evaluateCriteria } from './engine';
import { parseCriteriaSet } from './validate';
import { minimalSetDoc } from './test-support';
import type { EvaluationContext } from './types';

const base: EvaluationContext = {
  member: { birthDate: '1960-03-04', sex: 'female' },
  dateOfService: '2025-03-03',
  diagnoses: ['e6601', 'I10', 'nonsense'],
  line: { codeSystem: 'CPT', code: ' 12345 ', modifiers: ['RT'], units: 2, unitType: 'visits', from: '2025-03-03', to: '2025-03-12', placeOfService: '11' },
  coverageWaivers: ['snf-3-day-stay'],
};

describe('evaluation environment', () => {
  it('exposes member age on the date of service, normalized diagnoses and the line', () => {
    const env = buildEnvironment(base, {});
    expect(env['member']).toEqual({ birthDate: '1960-03-04', sex: 'female', ageYears: 64 });
    expect(env['diagnoses']).toEqual(['E66.01', 'I10']);
    expect(env['line']).toEqual({ system: 'CPT', code: '12345', modifiers: ['RT'], units: 2, unitType: 'visits', from: '2025-03-03', to: '2025-03-12', lengthDays: 10, pos: '11' });
    expect(env['coverage']).toEqual({ waivers: ['snf-3-day-stay'] });
  });

  it('leaves out malformed facts instead of guessing', () => {
    const env = buildEnvironment({ ...base, dateOfService: '2025-02-30', line: { ...base.line, units: Number.NaN, to: '2025-01-01' } }, {});
    expect(env['dos']).toEqual([]);
    expect(env['member']).toEqual({ birthDate: '1960-03-04', sex: 'female' });
    expect(env['line']).not.toHaveProperty('units');
    expect(env['line']).not.toHaveProperty('lengthDays');
  });

  it('evaluates FHIRPath over the variables, with hasAny() three-valued', () => {
    const env = buildEnvironment(base, { list: ['x', 'y'] });
    const run = (e: string) => compileExpression(e)({}, env);
    expect(run("%diagnoses.where($this.startsWith('E66')).exists()")).toEqual([true]);
    expect(run("%answers.list.hasAny('y' | 'z')")).toEqual([true]);
    expect(run("%answers.list.hasAny('z')")).toEqual([false]);
    expect(run("%answers.missing.hasAny('z')")).toEqual([]);
    expect(run('%member.ageYears >= 65')).toEqual([false]);
    expect(run("%dos.toDate() - 12 months")).toEqual(['2024-03-03']);
  });
});

describe('criterion results', () => {
  it('turns an expression that fails or gives a non-boolean into unknown with the error, and refers', () => {
    const doc = minimalSetDoc();
    doc['criteria'] = [
      { id: 'score', text: 't', citation: 'c', expression: "iif(%answers.score.exists(), %answers.score + 1, {})" },
      { id: 'kind', text: 't', citation: 'c', expression: "%answers.kind = 'a' or %answers.detail" },
    ];
    const compiled = compileCriteriaSet(parseCriteriaSet(doc));
    const ctx: EvaluationContext = {
      ...base, line: { ...base.line, code: '12345' },
      answers: { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'score', answer: [{ valueDecimal: 3 }] }, { linkId: 'kind', answer: [{ valueCoding: { code: 'a' } }] }] },
    };
    const r = evaluateCriteria(compiled, ctx);
    expect(r.criteria[0]).toEqual({ id: 'score', text: 't', citation: 'c', outcome: 'unknown', error: 'the expression gave [4], not one boolean' });
    const a = evaluateForAutomation(compiled, ctx);
    expect(a.kind === 'refer_to_review' && a.reasons.map((x) => x.code)).toEqual(['evaluation_error', 'criteria_unknown']);
  });

  it('refers when the set is not in force, not active, or not for this code', () => {
    const doc = minimalSetDoc();
    doc['status'] = 'retired';
    doc['effective'] = { from: '2026-01-01' };
    const compiled = compileCriteriaSet(parseCriteriaSet(doc));
    const r = evaluateForAutomation(compiled, {
      ...base, line: { ...base.line, code: '99999' },
      answers: { resourceType: 'QuestionnaireResponse', status: 'completed', item: [{ linkId: 'score', answer: [{ valueDecimal: 30 }] }, { linkId: 'kind', answer: [{ valueCoding: { code: 'a' } }] }] },
    });
    expect(r.kind === 'refer_to_review' && r.reasons.map((x) => x.code)).toEqual(['set_not_active', 'set_not_in_force', 'code_not_in_set']);
    expect(r.evaluation?.outcome).toBe('met');
  });
});
