/**
 * Reads a QuestionnaireResponse against the set's Questionnaire into the `%answers` map.
 *
 * Each answer must carry the `value[x]` its item's type calls for (R4 "Questionnaire.item.type"
 * ↔ "QuestionnaireResponse.item.answer.value[x]"); a choice answer must be one of the item's
 * answer options. Anything else is left out and reported as an `error` problem, so that the
 * request goes to a person instead of being decided on a misread answer. Answers to items the
 * Questionnaire does not have, and answers to disabled items, are left out with an `info` note.
 */
import type { QuestionnaireResponse, QuestionnaireResponseItem } from '@medplum/fhirtypes';
import { isIsoDate } from './dates';
import { enabledItems, isQuestion, type IndexedItem } from './questionnaire';
import type { QuestionnaireDef, QuestionnaireItemDef } from './schema';
import type { AnswerMap, AnswerProblem, AnswerValue, ExtractedAnswers } from './types';

const UNIT_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit';

type Read = { readonly value: AnswerValue } | { readonly problem: AnswerProblem['kind']; readonly message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function expectedUnit(item: QuestionnaireItemDef): string | undefined {
  const ext: unknown = item.extension?.find((e) => e.url === UNIT_EXTENSION);
  if (!isRecord(ext) || !isRecord(ext['valueCoding'])) return undefined;
  const code = ext['valueCoding']['code'];
  return typeof code === 'string' ? code : undefined;
}

function readChoice(item: QuestionnaireItemDef, coding: unknown): Read {
  if (!isRecord(coding) || typeof coding['code'] !== 'string') {
    return { problem: 'wrong_type', message: 'expected valueCoding with a code' };
  }
  const code = coding['code'];
  const system = coding['system'];
  const option = item.answerOption?.find((o) => o.valueCoding.code === code
    && (system === undefined || o.valueCoding.system === undefined || o.valueCoding.system === system));
  return option ? { value: code } : { problem: 'not_in_options', message: `"${code}" is not one of the answer options` };
}

/** One answer of one item, read by the item's type. */
function readAnswer(item: QuestionnaireItemDef, a: Readonly<Record<string, unknown>>): Read {
  const wrong = (expected: string): Read => ({ problem: 'wrong_type', message: `expected ${expected}` });
  switch (item.type) {
    case 'boolean':
      return typeof a['valueBoolean'] === 'boolean' ? { value: a['valueBoolean'] } : wrong('valueBoolean');
    case 'decimal': {
      const v = a['valueDecimal'] ?? a['valueInteger'];
      return finite(v) ? { value: v } : wrong('a finite valueDecimal');
    }
    case 'integer': {
      const v = a['valueInteger'];
      return finite(v) && Number.isSafeInteger(v) ? { value: v } : wrong('valueInteger');
    }
    case 'date': {
      const v = a['valueDate'];
      if (typeof v !== 'string') return wrong('valueDate');
      return isIsoDate(v) ? { value: v } : { problem: 'invalid_value', message: `${JSON.stringify(a['valueDate'])} is not a full date (YYYY-MM-DD)` };
    }
    case 'dateTime':
      return typeof a['valueDateTime'] === 'string' ? { value: a['valueDateTime'] } : wrong('valueDateTime');
    case 'time':
      return typeof a['valueTime'] === 'string' ? { value: a['valueTime'] } : wrong('valueTime');
    case 'string':
    case 'text':
      return typeof a['valueString'] === 'string' ? { value: a['valueString'] } : wrong('valueString');
    case 'url':
      return typeof a['valueUri'] === 'string' ? { value: a['valueUri'] } : wrong('valueUri');
    case 'choice':
      return readChoice(item, a['valueCoding']);
    case 'open-choice':
      if (typeof a['valueString'] === 'string') return { value: a['valueString'] };
      return readChoice(item, a['valueCoding']);
    case 'quantity': {
      const q = a['valueQuantity'];
      if (!isRecord(q) || !finite(q['value'])) return wrong('valueQuantity with a finite value');
      const unit = expectedUnit(item);
      if (unit !== undefined && q['code'] !== undefined && q['code'] !== unit) {
        return { problem: 'invalid_value', message: `expected the unit ${unit}, got ${JSON.stringify(q['code'])}` };
      }
      return { value: q['value'] };
    }
    case 'attachment':
    case 'reference':
    case 'group':
    case 'display':
      return { problem: 'wrong_type', message: `items of type ${item.type} carry no answers the rules read` };
  }
}

/** Response items at any depth (inside groups and inside answers), skipping anything malformed. */
function collectResponseItems(items: unknown, out: QuestionnaireResponseItem[]): void {
  if (!Array.isArray(items)) return;
  for (const it of items) {
    if (!isResponseItem(it)) continue;
    out.push(it);
    collectResponseItems(it.item, out);
    for (const ans of Array.isArray(it.answer) ? it.answer : []) if (isRecord(ans)) collectResponseItems(ans['item'], out);
  }
}

function isResponseItem(value: unknown): value is QuestionnaireResponseItem {
  return isRecord(value) && typeof value['linkId'] === 'string';
}

/**
 * The answers map and its problems. `expected` is the set's Questionnaire canonical
 * (`url|version`); a response that names another Questionnaire is reported.
 */
export function extractAnswers(
  questionnaire: Pick<QuestionnaireDef, 'url' | 'version'>,
  index: ReadonlyMap<string, IndexedItem>,
  response: QuestionnaireResponse | undefined,
): ExtractedAnswers {
  const problems: AnswerProblem[] = [];
  const valid = new Map<string, AnswerValue[]>();
  if (response === undefined) return { answers: {}, problems };

  const named = response.questionnaire;
  if (named !== undefined && named !== questionnaire.url && named !== `${questionnaire.url}|${questionnaire.version}`) {
    problems.push({ linkId: '', kind: 'questionnaire_mismatch', severity: 'error', message: `the response answers ${named}, not ${questionnaire.url}|${questionnaire.version}` });
  }

  const items: QuestionnaireResponseItem[] = [];
  collectResponseItems(response.item, items);
  for (const ri of items) {
    const linkId = ri.linkId;
    const def = index.get(linkId)?.item;
    const answers: readonly unknown[] = Array.isArray(ri.answer) ? ri.answer : [];
    if (def === undefined) {
      if (answers.length > 0) problems.push({ linkId, kind: 'unknown_item', severity: 'info', message: 'the Questionnaire has no such item; ignored' });
      continue;
    }
    if (!isQuestion(def) || answers.length === 0) continue;
    if (!def.repeats && (answers.length > 1 || valid.has(linkId))) {
      problems.push({ linkId, kind: 'multiple_answers', severity: 'error', message: 'more than one answer to a question that takes one' });
      valid.delete(linkId);
      continue;
    }
    for (const answer of answers) {
      const read = isRecord(answer) ? readAnswer(def, answer) : { problem: 'wrong_type' as const, message: 'an answer must be an object' };
      if ('value' in read) valid.set(linkId, [...(valid.get(linkId) ?? []), read.value]);
      else problems.push({ linkId, kind: read.problem, severity: 'error', message: read.message });
    }
  }

  const enabled = enabledItems(index, valid);
  const map: Record<string, AnswerValue | readonly AnswerValue[]> = {};
  for (const [linkId, values] of valid) {
    if (!enabled.has(linkId)) {
      problems.push({ linkId, kind: 'not_enabled', severity: 'info', message: 'answered although its enableWhen does not hold; ignored' });
      continue;
    }
    const def = index.get(linkId)?.item;
    const first = values[0];
    if (def?.repeats) map[linkId] = values;
    else if (first !== undefined) map[linkId] = first;
  }
  const answers: AnswerMap = map;
  return { answers, problems };
}
