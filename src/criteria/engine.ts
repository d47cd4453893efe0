/**
 * Compiles a criteria set's FHIRPath expressions once (fhirpath.js 5.2, R4 model) and evaluates
 * them over an evaluation context. See `types.ts` for the variables an expression may read.
 *
 * OpenUM adds one FHIRPath function, `hasAny(codes)`: empty when its input is empty (the
 * question is unanswered), otherwise true when any input value is one of `codes` — the
 * three-valued form of "at least one of these was selected".
 */
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { UmError, type ErrorDetail } from '../platform/errors';
import { extractAnswers } from './answers';
import { normalizeIcd10 } from './codes';
import { ageInYears, daysBetween, isIsoDate } from './dates';
import { combine, type LogicResult } from './logic';
import { indexItems, type IndexedItem } from './questionnaire';
import type { CriteriaSet, CriterionDef } from './schema';
import type { AnswerMap, AnswerProblem, CriterionOutcome, EvaluationContext } from './types';

type Evaluator = (resource: object, env: Record<string, unknown>) => unknown[];

function unwrap(value: unknown): unknown {
  return fhirpath.util.valData(value);
}

const USER_FUNCTIONS = {
  hasAny: {
    fn: (inputs: readonly unknown[], codes: readonly unknown[]): boolean[] => {
      if (inputs.length === 0) return [];
      const wanted = codes.map(unwrap);
      return [inputs.some((v) => wanted.includes(unwrap(v)))];
    },
    arity: { 1: ['AnyAtRoot' as const] },
  },
};

/** Compiles one expression; throws the parser's message. */
export function compileExpression(expression: string): Evaluator {
  const fn = fhirpath.compile(expression, r4, { userInvocationTable: USER_FUNCTIONS });
  return (resource, env) => {
    const out: unknown[] = fn(resource, env);
    return out;
  };
}

export interface CompiledCriterion {
  readonly def: CriterionDef;
  readonly evaluate: Evaluator;
}

/** A set with its expressions compiled and its items indexed; build once, evaluate many times. */
export interface CompiledCriteriaSet {
  readonly set: CriteriaSet;
  readonly criteria: readonly CompiledCriterion[];
  readonly items: ReadonlyMap<string, IndexedItem>;
}

/** Compiles every criterion of a validated set. Throws `UM_ERR_CRITERIA_SET_INVALID` on syntax errors. */
export function compileCriteriaSet(set: CriteriaSet): CompiledCriteriaSet {
  const details: ErrorDetail[] = [];
  const criteria: CompiledCriterion[] = [];
  set.criteria.forEach((def, i) => {
    try {
      criteria.push({ def, evaluate: compileExpression(def.expression) });
    } catch (e) {
      details.push({ path: `/criteria/${i}/expression`, message: e instanceof Error ? e.message : String(e) });
    }
  });
  if (details.length > 0) {
    throw new UmError('UM_ERR_CRITERIA_SET_INVALID', `criteria set ${set.id} v${set.version}: expressions do not compile`, { details });
  }
  return { set, criteria, items: indexItems(set.questionnaire) };
}

/** One criterion's result as shown to a reviewer. */
export interface CriterionResult {
  readonly id: string;
  readonly text: string;
  readonly citation: string;
  readonly outcome: CriterionOutcome;
  /** Why the result is unknown although answers were given: the expression failed or gave a non-boolean. */
  readonly error?: string;
}

export interface CriteriaEvaluation {
  readonly setId: string;
  readonly version: string;
  readonly outcome: CriterionOutcome;
  readonly criteria: readonly CriterionResult[];
  readonly logic: LogicResult;
  readonly answers: AnswerMap;
  readonly answerProblems: readonly AnswerProblem[];
}

/** The FHIRPath environment for a context (see `types.ts`). Malformed facts are left out, never guessed. */
export function buildEnvironment(ctx: EvaluationContext, answers: AnswerMap): Record<string, unknown> {
  const dosValid = isIsoDate(ctx.dateOfService);
  const member: Record<string, unknown> = { birthDate: ctx.member.birthDate, sex: ctx.member.sex };
  if (dosValid && isIsoDate(ctx.member.birthDate) && ctx.member.birthDate <= ctx.dateOfService) {
    member['ageYears'] = ageInYears(ctx.member.birthDate, ctx.dateOfService);
  }
  const l = ctx.line;
  const line: Record<string, unknown> = {
    system: l.codeSystem, code: l.code.trim().toUpperCase(), modifiers: [...l.modifiers], unitType: l.unitType, from: l.from,
  };
  if (Number.isFinite(l.units)) line['units'] = l.units;
  if (l.to !== undefined) line['to'] = l.to;
  if (l.placeOfService !== undefined) line['pos'] = l.placeOfService;
  if (l.to !== undefined && isIsoDate(l.from) && isIsoDate(l.to) && l.from <= l.to) line['lengthDays'] = daysBetween(l.from, l.to) + 1;
  const diagnoses = ctx.diagnoses.map(normalizeIcd10).filter((d): d is string => d !== undefined);
  return {
    answers,
    member,
    dos: dosValid ? ctx.dateOfService : [],
    diagnoses,
    line,
    coverage: { waivers: [...(ctx.coverageWaivers ?? [])] },
    qr: ctx.answers ?? {},
  };
}

const EMPTY_BASE: object = Object.freeze({});

function runCriterion(c: CompiledCriterion, resource: object, env: Record<string, unknown>): CriterionResult {
  const base = { id: c.def.id, text: c.def.text, citation: c.def.citation };
  let out: unknown[];
  try {
    out = c.evaluate(resource, env);
  } catch (e) {
    return { ...base, outcome: 'unknown', error: e instanceof Error ? e.message : String(e) };
  }
  if (out.length === 0) return { ...base, outcome: 'unknown' };
  const [first] = out;
  if (out.length === 1 && typeof first === 'boolean') return { ...base, outcome: first ? 'met' : 'not_met' };
  return { ...base, outcome: 'unknown', error: `the expression gave ${JSON.stringify(out).slice(0, 80)}, not one boolean` };
}

/** Evaluates every criterion of a compiled set and combines them by the set's logic. */
export function evaluateCriteria(compiled: CompiledCriteriaSet, ctx: EvaluationContext): CriteriaEvaluation {
  const { set } = compiled;
  const { answers, problems } = extractAnswers(set.questionnaire, compiled.items, ctx.answers);
  const env = buildEnvironment(ctx, answers);
  // The base resource is empty: wrapping the QuestionnaireResponse in the R4 model costs ~4x an
  // expression. DTR-style paths over the response read `%qr` instead.
  const criteria = compiled.criteria.map((c) => runCriterion(c, EMPTY_BASE, env));
  const byId = new Map(criteria.map((c) => [c.id, c.outcome]));
  const logic = combine(set.logic, (id) => byId.get(id));
  return { setId: set.id, version: set.version, outcome: logic.outcome, criteria, logic, answers, answerProblems: problems };
}
