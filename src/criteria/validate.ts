/**
 * Parses and checks a criteria-set document: first its shape (TypeBox), then what a schema cannot
 * say — dates, code ranges, unique linkIds, enableWhen targets, criteria referenced by the
 * logic, FHIRPath that compiles and reads only existing answers. Every problem is reported with
 * its JSON pointer in one `UM_ERR_CRITERIA_SET_INVALID`.
 */
import { Value } from 'typebox/value';
import { UmError, type ErrorDetail } from '../platform/errors';
import { codeSpecProblems } from './codes';
import { isIsoDate } from './dates';
import { compileExpression, buildEnvironment } from './engine';
import { logicIds } from './logic';
import { allLinkIds, enableWhenAnswer, indexItems, isQuestion, type IndexedItem } from './questionnaire';
import { CriteriaSetSchema, type CriteriaSet, type CriteriaSetDef, type QuestionnaireItemDef } from './schema';
import type { EvaluationContext } from './types';

/** Environment variables an expression may use (ours, and those fhirpath.js defines itself). */
const KNOWN_VARIABLES = new Set([
  'answers', 'member', 'dos', 'diagnoses', 'line', 'coverage', 'qr',
  'context', 'resource', 'rootResource', 'ucum', 'sct', 'loinc', 'factory', 'terminologies',
]);

function shapeProblems(value: unknown): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  for (const e of Value.Errors(CriteriaSetSchema, value)) {
    const message = e.message === 'schema is false' ? 'unexpected property' : e.message;
    const key = `${e.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push({ path: e.instancePath || '/', message });
    if (details.length >= 50) break;
  }
  return details;
}

function itemPaths(items: readonly QuestionnaireItemDef[], base: string, out: Map<QuestionnaireItemDef, string>): void {
  items.forEach((item, i) => {
    const path = `${base}/${i}`;
    out.set(item, path);
    if (item.item) itemPaths(item.item, `${path}/item`, out);
  });
}

function questionnaireProblems(set: CriteriaSetDef, index: ReadonlyMap<string, IndexedItem>): ErrorDetail[] {
  const q = set.questionnaire;
  const details: ErrorDetail[] = [];
  if (q.version !== set.version) details.push({ path: '/questionnaire/version', message: `must equal the set version ${set.version}` });
  const ids = allLinkIds(q);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  for (const id of new Set(dupes)) details.push({ path: '/questionnaire/item', message: `linkId "${id}" is used more than once` });
  const paths = new Map<QuestionnaireItemDef, string>();
  itemPaths(q.item, '/questionnaire/item', paths);
  for (const [item, path] of paths) {
    if ((item.type === 'group') !== (item.item !== undefined)) {
      details.push({ path, message: item.type === 'group' ? 'a group needs items' : 'only groups may nest items' });
    }
    if ((item.type === 'choice' || item.type === 'open-choice') && item.answerOption === undefined) {
      details.push({ path, message: 'a choice item needs answerOption' });
    }
    const codes = (item.answerOption ?? []).map((o) => o.valueCoding.code);
    if (new Set(codes).size !== codes.length) details.push({ path: `${path}/answerOption`, message: 'answer codes must be unique' });
    if ((item.enableWhen?.length ?? 0) > 1 && item.enableBehavior === undefined) {
      details.push({ path: `${path}/enableBehavior`, message: 'required when there is more than one enableWhen (R4 que-12)' });
    }
    item.enableWhen?.forEach((cond, j) => {
      const p = `${path}/enableWhen/${j}`;
      const target = index.get(cond.question)?.item;
      if (target === undefined || !isQuestion(target)) details.push({ path: `${p}/question`, message: `"${cond.question}" is not a question of this Questionnaire` });
      if (cond.question === item.linkId) details.push({ path: `${p}/question`, message: 'an item cannot depend on itself' });
      if (cond.operator === 'exists' ? cond.answerBoolean === undefined : enableWhenAnswer(cond) === undefined) {
        details.push({ path: p, message: cond.operator === 'exists' ? 'exists needs answerBoolean' : 'needs exactly one answer[x]' });
      }
    });
  }
  return details;
}

/** `%answers.x` and `%answers.\`x\`` references in an expression. */
export function answerReferences(expression: string): string[] {
  return [...expression.matchAll(/%answers\.(?:`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*))/g)].map((m) => m[1] ?? m[2] ?? '');
}

function variableReferences(expression: string): string[] {
  const noStrings = expression.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  return [...noStrings.matchAll(/%([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
}

const DRY_RUN: EvaluationContext = {
  member: { birthDate: '1950-01-01', sex: 'unknown' },
  dateOfService: '2025-01-01',
  diagnoses: [],
  line: { codeSystem: 'CPT', code: '99999', modifiers: [], units: 1, unitType: 'units', from: '2025-01-01' },
};

function criteriaProblems(set: CriteriaSetDef, index: ReadonlyMap<string, IndexedItem>): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const ids = set.criteria.map((c) => c.id);
  const used = logicIds(set.logic);
  for (const id of new Set(ids.filter((id, i) => ids.indexOf(id) !== i))) details.push({ path: '/criteria', message: `criterion id "${id}" is used more than once` });
  for (const id of used) if (!ids.includes(id)) details.push({ path: '/logic', message: `"${id}" is not a criterion of this set` });
  for (const id of new Set(used.filter((id, i) => used.indexOf(id) !== i))) details.push({ path: '/logic', message: `"${id}" appears more than once` });
  for (const id of ids) if (!used.includes(id)) details.push({ path: '/logic', message: `criterion "${id}" is not part of the logic` });
  const env = buildEnvironment(DRY_RUN, {});
  set.criteria.forEach((c, i) => {
    const path = `/criteria/${i}/expression`;
    for (const ref of answerReferences(c.expression)) {
      const item = index.get(ref)?.item;
      if (item === undefined || !isQuestion(item)) details.push({ path, message: `%answers.${ref} is not a question of the Questionnaire` });
    }
    for (const v of variableReferences(c.expression)) {
      if (!KNOWN_VARIABLES.has(v)) details.push({ path, message: `%${v} is not an evaluation-context variable` });
    }
    try {
      const out = compileExpression(c.expression)({}, env);
      if (out.some((v) => typeof v !== 'boolean')) details.push({ path, message: 'with no answers the expression must give a boolean or nothing' });
    } catch (e) {
      details.push({ path, message: e instanceof Error ? e.message : String(e) });
    }
  });
  return details;
}

function dateProblems(set: CriteriaSetDef): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const { from, to } = set.effective;
  if (!isIsoDate(from)) details.push({ path: '/effective/from', message: 'not a calendar date' });
  if (to !== undefined && !isIsoDate(to)) details.push({ path: '/effective/to', message: 'not a calendar date' });
  if (to !== undefined && to < from) details.push({ path: '/effective/to', message: 'ends before it starts' });
  if (set.clinicallyReviewed.reviewed && !isIsoDate(set.clinicallyReviewed.on)) {
    details.push({ path: '/clinicallyReviewed/on', message: 'not a calendar date' });
  }
  set.appliesTo.forEach((spec, i) => {
    for (const message of codeSpecProblems(spec)) details.push({ path: `/appliesTo/${i}`, message });
  });
  return details;
}

/**
 * Validates a criteria-set document. `source` (a file name) is named in the error message.
 * Throws `UM_ERR_CRITERIA_SET_INVALID` with every problem found.
 */
export function parseCriteriaSet(value: unknown, source = 'criteria set'): CriteriaSet {
  if (!Value.Check(CriteriaSetSchema, value)) {
    throw new UmError('UM_ERR_CRITERIA_SET_INVALID', `${source}: the document does not have the criteria-set shape`, { details: shapeProblems(value) });
  }
  const index = indexItems(value.questionnaire);
  const details = [...dateProblems(value), ...questionnaireProblems(value, index), ...criteriaProblems(value, index)];
  if (details.length > 0) {
    throw new UmError('UM_ERR_CRITERIA_SET_INVALID', `${source}: ${details.length} problem(s) in ${value.id} v${value.version}`, { details });
  }
  return value;
}
