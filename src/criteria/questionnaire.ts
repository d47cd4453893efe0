/**
 * Questionnaire structure: items by linkId, and the R4 `enableWhen` rules.
 *
 * R4 semantics (http://hl7.org/fhir/R4/questionnaire-definitions.html#Questionnaire.item.enableWhen):
 * `exists` tests for the presence of an answer; the other operators compare an answer of the
 * referenced question with `answer[x]` and hold when any answer satisfies them; several
 * conditions combine by `enableBehavior` (`all` when absent); a disabled item disables its
 * children, and a question that is disabled counts as unanswered.
 */
import type { AnswerValue } from './types';
import type { EnableWhenDef, QuestionnaireDef, QuestionnaireItemDef } from './schema';

export interface IndexedItem {
  readonly item: QuestionnaireItemDef;
  /** linkIds of the enclosing items, outermost first. */
  readonly ancestors: readonly string[];
}

/** Items by linkId, in document order. Duplicate linkIds keep the first. */
export function indexItems(q: Pick<QuestionnaireDef, 'item'>): ReadonlyMap<string, IndexedItem> {
  const index = new Map<string, IndexedItem>();
  const walk = (items: readonly QuestionnaireItemDef[], ancestors: readonly string[]): void => {
    for (const item of items) {
      if (!index.has(item.linkId)) index.set(item.linkId, { item, ancestors });
      if (item.item) walk(item.item, [...ancestors, item.linkId]);
    }
  };
  walk(q.item, []);
  return index;
}

/** Every linkId in document order, duplicates included (for validation). */
export function allLinkIds(q: Pick<QuestionnaireDef, 'item'>): string[] {
  const ids: string[] = [];
  const walk = (items: readonly QuestionnaireItemDef[]): void => {
    for (const item of items) {
      ids.push(item.linkId);
      if (item.item) walk(item.item);
    }
  };
  walk(q.item);
  return ids;
}

/** Item types that carry answers. */
export function isQuestion(item: QuestionnaireItemDef): boolean {
  return item.type !== 'group' && item.type !== 'display';
}

/** The one `answer[x]` of an enableWhen, if exactly one is present. */
export function enableWhenAnswer(cond: EnableWhenDef): AnswerValue | undefined {
  const values: AnswerValue[] = [];
  if (cond.answerBoolean !== undefined) values.push(cond.answerBoolean);
  if (cond.answerDecimal !== undefined) values.push(cond.answerDecimal);
  if (cond.answerInteger !== undefined) values.push(cond.answerInteger);
  if (cond.answerDate !== undefined) values.push(cond.answerDate);
  if (cond.answerString !== undefined) values.push(cond.answerString);
  if (cond.answerCoding !== undefined) values.push(cond.answerCoding.code);
  if (cond.answerQuantity?.value !== undefined) values.push(cond.answerQuantity.value);
  return values.length === 1 ? values[0] : undefined;
}

function compare(answer: AnswerValue, operator: EnableWhenDef['operator'], target: AnswerValue): boolean {
  switch (operator) {
    case 'exists':
      return true;
    case '=':
      return answer === target;
    case '!=':
      return answer !== target;
    case '>':
    case '<':
    case '>=':
    case '<=': {
      const comparable = (typeof answer === 'number' && typeof target === 'number')
        || (typeof answer === 'string' && typeof target === 'string');
      if (!comparable) return false;
      if (operator === '>') return answer > target;
      if (operator === '<') return answer < target;
      if (operator === '>=') return answer >= target;
      return answer <= target;
    }
  }
}

/**
 * Decides which items are enabled, given the valid answers by linkId (repeating items as arrays).
 * Returns the set of enabled linkIds.
 */
export function enabledItems(
  index: ReadonlyMap<string, IndexedItem>,
  answers: ReadonlyMap<string, readonly AnswerValue[]>,
): ReadonlySet<string> {
  const memo = new Map<string, boolean>();
  const visiting = new Set<string>();

  const isEnabled = (linkId: string): boolean => {
    const known = memo.get(linkId);
    if (known !== undefined) return known;
    const entry = index.get(linkId);
    if (entry === undefined) return false;
    if (visiting.has(linkId)) return false; // a cycle of enableWhen never enables
    visiting.add(linkId);
    let enabled = entry.ancestors.every((a) => isEnabled(a));
    const conds = entry.item.enableWhen;
    if (enabled && conds !== undefined) {
      const results = conds.map((cond) => {
        const given = isEnabled(cond.question) ? answers.get(cond.question) ?? [] : [];
        if (cond.operator === 'exists') return (given.length > 0) === (cond.answerBoolean ?? true);
        const target = enableWhenAnswer(cond);
        return target !== undefined && given.some((a) => compare(a, cond.operator, target));
      });
      enabled = (entry.item.enableBehavior ?? 'all') === 'any' ? results.some(Boolean) : results.every(Boolean);
    }
    visiting.delete(linkId);
    memo.set(linkId, enabled);
    return enabled;
  };

  const enabled = new Set<string>();
  for (const linkId of index.keys()) if (isEnabled(linkId)) enabled.add(linkId);
  return enabled;
}
