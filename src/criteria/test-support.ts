/**
 * Typed builders for criteria tests: a QuestionnaireResponse shaped like the set's Questionnaire,
 * and an evaluation context for a set's first code. Used by the tests and the benchmark only.
 */
import { fileURLToPath } from 'node:url';
import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import type { CompiledCriteriaSet } from './engine';
import type { QuestionnaireItemDef } from './schema';
import type { EvaluationContext, ServiceLineFacts } from './types';

/** The repository's `criteria/` folder. */
export const SHIPPED_CRITERIA_DIR = fileURLToPath(new URL('../../criteria', import.meta.url));

export type AnswerInput = boolean | number | string | readonly (boolean | number | string)[];

function answerFor(item: QuestionnaireItemDef, value: boolean | number | string): QuestionnaireResponseItemAnswer {
  switch (item.type) {
    case 'boolean':
      return typeof value === 'boolean' ? { valueBoolean: value } : { valueString: String(value) };
    case 'decimal':
      return typeof value === 'number' ? { valueDecimal: value } : { valueString: String(value) };
    case 'integer':
      return typeof value === 'number' ? { valueInteger: value } : { valueString: String(value) };
    case 'date':
      return { valueDate: String(value) };
    case 'choice':
    case 'open-choice': {
      const option = item.answerOption?.find((o) => o.valueCoding.code === String(value));
      return { valueCoding: { system: option?.valueCoding.system, code: String(value) } };
    }
    case 'quantity':
      return typeof value === 'number' ? { valueQuantity: { value } } : { valueString: String(value) };
    case 'string':
    case 'text':
    case 'url':
    case 'dateTime':
    case 'time':
    case 'attachment':
    case 'reference':
    case 'group':
    case 'display':
      return { valueString: String(value) };
  }
}

function responseItems(items: readonly QuestionnaireItemDef[], answers: Readonly<Record<string, AnswerInput | undefined>>): QuestionnaireResponseItem[] {
  const out: QuestionnaireResponseItem[] = [];
  for (const item of items) {
    if (item.type === 'group') {
      const children = responseItems(item.item ?? [], answers);
      if (children.length > 0) out.push({ linkId: item.linkId, item: children });
      continue;
    }
    const given = answers[item.linkId];
    if (given === undefined) continue;
    const values: readonly (boolean | number | string)[] = Array.isArray(given) ? given : [given];
    out.push({ linkId: item.linkId, answer: values.map((v) => answerFor(item, v)) });
  }
  return out;
}

/** A completed QuestionnaireResponse to the set's Questionnaire with the given answers by linkId. */
export function responseTo(compiled: CompiledCriteriaSet, answers: Readonly<Record<string, AnswerInput | undefined>>): QuestionnaireResponse {
  const q = compiled.set.questionnaire;
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: `${q.url}|${q.version}`,
    item: responseItems(q.item, answers),
  };
}

/** The first code a set applies to, as a service line. */
export function firstLine(compiled: CompiledCriteriaSet): Pick<ServiceLineFacts, 'codeSystem' | 'code'> {
  const spec = compiled.set.appliesTo[0];
  if (spec === undefined) throw new Error(`set ${compiled.set.id} applies to no code`);
  return { codeSystem: spec.system, code: 'code' in spec ? spec.code : spec.from };
}

export interface ContextOverrides {
  readonly answers?: Readonly<Record<string, AnswerInput | undefined>>;
  readonly line?: Partial<ServiceLineFacts>;
  readonly member?: Partial<EvaluationContext['member']>;
  readonly dateOfService?: string;
  readonly diagnoses?: readonly string[];
  readonly coverageWaivers?: readonly string[];
}

/** An evaluation context for the set's first code on 2025-03-03 for a 72-year-old member. */
export function contextFor(compiled: CompiledCriteriaSet, o: ContextOverrides = {}): EvaluationContext {
  const dos = o.dateOfService ?? '2025-03-03';
  return {
    member: { birthDate: '1953-01-15', sex: 'female', ...o.member },
    dateOfService: dos,
    diagnoses: o.diagnoses ?? [],
    line: { ...firstLine(compiled), modifiers: [], units: 1, unitType: 'units', from: dos, ...o.line },
    answers: responseTo(compiled, o.answers ?? {}),
    coverageWaivers: o.coverageWaivers ?? [],
  };
}

/** Loads the shipped sets and returns the one with `id` (its highest version). */
export async function shippedSet(id: string): Promise<CompiledCriteriaSet> {
  const { loadCriteriaSets } = await import('./loader');
  const found = (await loadCriteriaSets(SHIPPED_CRITERIA_DIR)).filter((c) => c.set.id === id).at(-1);
  if (found === undefined) throw new Error(`no shipped criteria set ${id}`);
  return found;
}

/** A small valid criteria-set document (plain JSON) to break in validation tests. */
export function minimalSetDoc(): Record<string, unknown> {
  return {
    id: 'test-set',
    version: '1',
    title: 'Test set',
    status: 'active',
    effective: { from: '2024-01-01' },
    appliesTo: [{ system: 'CPT', code: '12345' }],
    source: { kind: 'plan-policy', reference: 'Policy 1', title: 'Test policy', citation: 'Policy 1 §1' },
    clinicallyReviewed: { reviewed: false, statement: 'No clinician has signed off this version.' },
    questionnaire: {
      resourceType: 'Questionnaire',
      url: 'https://example.org/Questionnaire/test-set',
      version: '1',
      title: 'Test',
      status: 'active',
      item: [
        { linkId: 'score', type: 'decimal', text: 'Score' },
        { linkId: 'kind', type: 'choice', text: 'Kind', answerOption: [{ valueCoding: { code: 'a' } }, { valueCoding: { code: 'b' } }] },
        { linkId: 'detail', type: 'boolean', text: 'Detail', enableWhen: [{ question: 'kind', operator: '=', answerCoding: { code: 'b' } }] },
      ],
    },
    criteria: [
      { id: 'score', text: 'Score at least 10', citation: 'Policy 1 §1.1', expression: '%answers.score >= 10' },
      { id: 'kind', text: 'Kind a, or b with detail', citation: 'Policy 1 §1.2', expression: "%answers.kind = 'a' or %answers.detail" },
    ],
    logic: { allOf: ['score', 'kind'] },
  };
}
