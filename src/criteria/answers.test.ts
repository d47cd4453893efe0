import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { evaluateForAutomation } from './automation';
import { compileCriteriaSet, evaluateCriteria } from './engine';
import { parseCriteriaSet } from './validate';
import { minimalSetDoc } from './test-support';

const fixture = (name: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../../test/fixtures/criteria/${name}`, import.meta.url)), 'utf8'));
const isQr = (v: unknown): v is QuestionnaireResponse => typeof v === 'object' && v !== null && 'resourceType' in v && v.resourceType === 'QuestionnaireResponse';

const compiled = compileCriteriaSet(parseCriteriaSet(minimalSetDoc()));
const ctx = (item: QuestionnaireResponse['item'], questionnaire = 'https://example.org/Questionnaire/test-set|1') => ({
  member: { birthDate: '1950-01-01', sex: 'male' as const },
  dateOfService: '2025-01-10',
  diagnoses: [],
  line: { codeSystem: 'CPT' as const, code: '12345', modifiers: [], units: 1, unitType: 'units' as const, from: '2025-01-10' },
  answers: { resourceType: 'QuestionnaireResponse' as const, status: 'completed' as const, questionnaire, item },
});

describe('reading answers', () => {
  it('reads answers by item type, in groups and nested answers', () => {
    const r = evaluateCriteria(compiled, ctx([
      { linkId: 'g', item: [{ linkId: 'score', answer: [{ valueInteger: 12 }] }] },
      { linkId: 'kind', answer: [{ valueCoding: { code: 'b' } }] },
      { linkId: 'detail', answer: [{ valueBoolean: true }] },
    ]));
    expect(r.answers).toEqual({ score: 12, kind: 'b', detail: true });
    expect(r.outcome).toBe('met');
  });

  it('leaves out and reports wrong-typed, non-finite, unlisted and repeated answers', () => {
    const r = evaluateCriteria(compiled, ctx([
      { linkId: 'score', answer: [{ valueString: '12' }] },
      { linkId: 'kind', answer: [{ valueCoding: { code: 'c' } }] },
      { linkId: 'detail', answer: [{ valueBoolean: true }, { valueBoolean: false }] },
      { linkId: 'other', answer: [{ valueBoolean: true }] },
    ]));
    expect(r.answers).toEqual({});
    expect(r.answerProblems).toEqual([
      { linkId: 'score', kind: 'wrong_type', severity: 'error', message: 'expected a finite valueDecimal' },
      { linkId: 'kind', kind: 'not_in_options', severity: 'error', message: '"c" is not one of the answer options' },
      { linkId: 'detail', kind: 'multiple_answers', severity: 'error', message: 'more than one answer to a question that takes one' },
      { linkId: 'other', kind: 'unknown_item', severity: 'info', message: 'the Questionnaire has no such item; ignored' },
    ]);
    const nan = evaluateCriteria(compiled, ctx([{ linkId: 'score', answer: [{ valueDecimal: Number.POSITIVE_INFINITY }] }]));
    expect(nan.answers).toEqual({});
    expect(nan.answerProblems[0]?.kind).toBe('wrong_type');
  });

  it('refers when answers could not be read, even if the criteria are met without them', () => {
    const r = evaluateForAutomation(compiled, ctx([
      { linkId: 'score', answer: [{ valueDecimal: 11 }] },
      { linkId: 'kind', answer: [{ valueCoding: { code: 'a' } }] },
      { linkId: 'detail', answer: [{ valueString: 'yes' }] },
    ]));
    expect(r.kind).toBe('refer_to_review');
    if (r.kind === 'refer_to_review') expect(r.reasons.map((x) => x.code)).toEqual(['answer_problems']);
  });

  it('reports a response to another Questionnaire and refers', () => {
    const r = evaluateForAutomation(compiled, ctx([{ linkId: 'score', answer: [{ valueDecimal: 11 }] }, { linkId: 'kind', answer: [{ valueCoding: { code: 'a' } }] }], 'https://example.org/other'));
    expect(r.kind).toBe('refer_to_review');
    expect(r.evaluation?.answerProblems[0]).toEqual({ linkId: '', kind: 'questionnaire_mismatch', severity: 'error', message: 'the response answers https://example.org/other, not https://example.org/Questionnaire/test-set|1' });
  });

  it('ignores the answer to a disabled item (enableWhen) with a note', () => {
    const r = evaluateCriteria(compiled, ctx([
      { linkId: 'score', answer: [{ valueDecimal: 11 }] },
      { linkId: 'kind', answer: [{ valueCoding: { code: 'a' } }] },
      { linkId: 'detail', answer: [{ valueBoolean: false }] },
    ]));
    expect(r.answers).toEqual({ score: 11, kind: 'a' });
    expect(r.answerProblems).toEqual([{ linkId: 'detail', kind: 'not_enabled', severity: 'info', message: 'answered although its enableWhen does not hold; ignored' }]);
  });
});

describe('a real Da Vinci DTR QuestionnaireResponse (DTR 2.0.1 IG example)', () => {
  const plan = compileCriteriaSet(parseCriteriaSet(fixture('plan-set-dtr-home-o2.json'), 'plan-set-dtr-home-o2.json'));
  const qr = fixture('QuestionnaireResponse-home-o2-questionnaireresponse.json');
  if (!isQr(qr)) throw new Error('fixture is not a QuestionnaireResponse');

  it('reads its quantity and boolean answers despite the information-origin extensions, by dotted linkIds', () => {
    const r = evaluateCriteria(plan, { ...ctx([]), line: { ...ctx([]).line, codeSystem: 'HCPCS', code: 'E0424' }, answers: qr });
    expect(r.answers).toEqual({ '3.2': 95, '3.3': 83, '3.6': true });
    expect(r.answerProblems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(r.answerProblems.filter((p) => p.kind === 'unknown_item').map((p) => p.linkId)).toContain('1.1');
    expect(r.criteria).toEqual([{ id: 'rest', text: expect.any(String), citation: 'Example plan policy HO-1 §2.1', outcome: 'not_met' }]);
  });

  it('is referred, not denied: PO2 83 mm Hg does not meet the example policy', () => {
    const r = evaluateForAutomation(plan, { ...ctx([]), line: { ...ctx([]).line, codeSystem: 'HCPCS', code: 'E0424' }, answers: qr });
    expect(r.kind).toBe('refer_to_review');
    if (r.kind === 'refer_to_review') expect(r.reasons).toEqual([{ code: 'criteria_not_met', message: expect.any(String), criteria: ['rest'] }]);
  });
});
