import { describe, expect, it } from 'vitest';
import { UmError } from '../platform/errors';
import { parseCriteriaSet } from './validate';
import { minimalSetDoc } from './test-support';

function problems(doc: unknown): { code: string; details: readonly { path?: string; message: string }[] } {
  try {
    parseCriteriaSet(doc, 'test.json');
  } catch (e) {
    if (e instanceof UmError) return { code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected the set to be rejected');
}

function edit(change: (doc: Record<string, unknown>) => void): Record<string, unknown> {
  const doc = minimalSetDoc();
  change(doc);
  return doc;
}

describe('parseCriteriaSet', () => {
  it('accepts a valid set and returns it unchanged', () => {
    const doc = minimalSetDoc();
    expect(parseCriteriaSet(doc)).toEqual(doc);
  });

  it('reports shape problems with their JSON pointer', () => {
    const r = problems(edit((d) => { d['status'] = 'live'; d['extra'] = 1; delete d['title']; }));
    expect(r.code).toBe('UM_ERR_CRITERIA_SET_INVALID');
    expect(r.details).toEqual(expect.arrayContaining([
      { path: '/extra', message: 'unexpected property' },
      { path: '/', message: 'must have required properties title' },
      { path: '/status', message: 'must be equal to constant' },
    ]));
  });

  it('reports every semantic problem at once', () => {
    const r = problems(edit((d) => {
      d['effective'] = { from: '2024-02-30', to: '2023-01-01' };
      d['appliesTo'] = [{ system: 'HCPCS', from: 'E0444', to: 'E0424' }, { system: 'CPT', code: 'ABC' }];
      d['criteria'] = [
        { id: 'score', text: 't', citation: 'c', expression: '%answers.scor >= 10' },
        { id: 'kind', text: 't', citation: 'c', expression: '%answer.kind = 1' },
        { id: 'extra', text: 't', citation: 'c', expression: '%answers.score >>> 1' },
        { id: 'num', text: 't', citation: 'c', expression: '1 + 1' },
      ];
      d['logic'] = { anyOf: ['score', 'kind', 'kind', 'missing'] };
    }));
    expect(r.details).toEqual([
      { path: '/effective/from', message: 'not a calendar date' },
      { path: '/effective/to', message: 'ends before it starts' },
      { path: '/appliesTo/0', message: 'the range E0444–E0424 ends before it starts' },
      { path: '/appliesTo/1', message: '"ABC" is not a CPT code' },
      { path: '/logic', message: '"missing" is not a criterion of this set' },
      { path: '/logic', message: '"kind" appears more than once' },
      { path: '/logic', message: 'criterion "extra" is not part of the logic' },
      { path: '/logic', message: 'criterion "num" is not part of the logic' },
      { path: '/criteria/0/expression', message: '%answers.scor is not a question of the Questionnaire' },
      { path: '/criteria/1/expression', message: '%answer is not an evaluation-context variable' },
      { path: '/criteria/1/expression', message: 'Attempting to access an undefined environment variable: answer' },
      { path: '/criteria/2/expression', message: expect.stringMatching(/^line: 1; column: \d+; message: mismatched input/) },
      { path: '/criteria/3/expression', message: 'with no answers the expression must give a boolean or nothing' },
    ]);
  });

  it('checks the Questionnaire: unique linkIds, enableWhen targets, choice options, version', () => {
    const r = problems(edit((d) => {
      d['questionnaire'] = {
        resourceType: 'Questionnaire', url: 'https://example.org/q', version: '2', title: 'Q', status: 'active',
        item: [
          { linkId: 'score', type: 'decimal' },
          { linkId: 'score', type: 'integer' },
          { linkId: 'kind', type: 'choice' },
          { linkId: 'detail', type: 'boolean', enableWhen: [{ question: 'nope', operator: '=' }, { question: 'kind', operator: 'exists' }] },
          { linkId: 'g', type: 'group' },
        ],
      };
    }));
    expect(r.details).toEqual([
      { path: '/questionnaire/version', message: 'must equal the set version 1' },
      { path: '/questionnaire/item', message: 'linkId "score" is used more than once' },
      { path: '/questionnaire/item/2', message: 'a choice item needs answerOption' },
      { path: '/questionnaire/item/3/enableBehavior', message: 'required when there is more than one enableWhen (R4 que-12)' },
      { path: '/questionnaire/item/3/enableWhen/0/question', message: '"nope" is not a question of this Questionnaire' },
      { path: '/questionnaire/item/3/enableWhen/0', message: 'needs exactly one answer[x]' },
      { path: '/questionnaire/item/3/enableWhen/1', message: 'exists needs answerBoolean' },
      { path: '/questionnaire/item/4', message: 'a group needs items' },
    ]);
  });
});
