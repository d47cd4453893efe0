/**
 * What changed between two versions of a criteria set (pure), for the administrator who compares
 * versions before activating one: the set's own fields, each criterion (by id) and each question
 * (by linkId).
 */
import type { CriteriaSet, QuestionnaireItemDef } from './schema';

export type Change = 'added' | 'removed' | 'changed';

export interface FieldChange {
  readonly field: string;
  readonly from: unknown;
  readonly to: unknown;
}

export interface ElementChange {
  readonly id: string;
  readonly change: Change;
  /** The fields that differ, for `changed`. */
  readonly fields: readonly FieldChange[];
}

export interface CriteriaSetDiff {
  readonly setId: string;
  readonly from: string;
  readonly to: string;
  readonly fields: readonly FieldChange[];
  readonly criteria: readonly ElementChange[];
  readonly questions: readonly ElementChange[];
  /** The all-of / any-of structure changed. */
  readonly logicChanged: boolean;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function record(x: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) out[k] = v;
  return out;
}

function fieldChanges(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, fields: readonly string[]): FieldChange[] {
  return fields.filter((f) => !same(a[f], b[f])).map((f) => ({ field: f, from: a[f], to: b[f] }));
}

function flatten(items: readonly QuestionnaireItemDef[], out: QuestionnaireItemDef[] = []): QuestionnaireItemDef[] {
  for (const i of items) {
    out.push(i);
    flatten(i.item ?? [], out);
  }
  return out;
}

function elementChanges<T extends object>(from: readonly T[], to: readonly T[], idOf: (t: T) => string, fields: readonly string[]): ElementChange[] {
  const a = new Map(from.map((x) => [idOf(x), x]));
  const b = new Map(to.map((x) => [idOf(x), x]));
  const out: ElementChange[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (y === undefined) out.push({ id, change: 'removed', fields: [] });
    else {
      const changed = fieldChanges(record(x), record(y), fields);
      if (changed.length > 0) out.push({ id, change: 'changed', fields: changed });
    }
  }
  for (const id of b.keys()) if (!a.has(id)) out.push({ id, change: 'added', fields: [] });
  return out;
}

const QUESTION_FIELDS = ['text', 'type', 'required', 'repeats', 'enableWhen', 'enableBehavior', 'answerOption', 'extension'] as const;

/** The differences from version `a` to version `b` of one set. */
export function diffCriteriaSets(a: CriteriaSet, b: CriteriaSet): CriteriaSetDiff {
  return {
    setId: b.id,
    from: a.version,
    to: b.version,
    fields: fieldChanges(record(a), record(b), ['title', 'description', 'status', 'effective', 'appliesTo', 'source', 'clinicallyReviewed', 'notes']),
    criteria: elementChanges(a.criteria, b.criteria, (c) => c.id, ['text', 'citation', 'expression']),
    questions: elementChanges(flatten(a.questionnaire.item), flatten(b.questionnaire.item), (i) => i.linkId, QUESTION_FIELDS),
    logicChanged: !same(a.logic, b.logic),
  };
}
