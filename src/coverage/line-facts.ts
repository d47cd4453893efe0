/**
 * From stored case data to what the criteria engine reads (pure): the evaluation context of a
 * service line, and which QuestionnaireResponse of the request answers it.
 */
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { isServiceCodeSystem, type AdministrativeSex, type CompiledCriteriaSet, type EvaluationContext, type ServiceCodeSystem, type UnitType } from '../criteria';

/** X12 sex codes (DMG03) as FHIR administrative gender. */
export function sexOf(code: string): AdministrativeSex {
  switch (code) {
    case 'F':
      return 'female';
    case 'M':
      return 'male';
    default:
      return 'unknown';
  }
}

/** X12 unit-of-measure codes (HSD01 / SV1-04) as the criteria's unit types. */
export function unitTypeOf(code: string): UnitType {
  switch (code) {
    case 'DA':
      return 'days';
    case 'VS':
      return 'visits';
    default:
      return 'units';
  }
}

export interface StoredLine {
  readonly codeSystem: string;
  readonly code: string;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly unitType: string;
  readonly fromDate: string | null;
  readonly toDate: string | null;
  readonly placeOfService: string | null;
}

/** The code system of a line, when it is one the PA list and the criteria cover (CPT, HCPCS, revenue codes). */
export function ruleSystemOf(line: Pick<StoredLine, 'codeSystem'>): ServiceCodeSystem | undefined {
  return isServiceCodeSystem(line.codeSystem) ? line.codeSystem : undefined;
}

export function evaluationContext(input: {
  readonly member: { readonly birthDate: string; readonly sex: string };
  readonly line: StoredLine & { readonly codeSystem: ServiceCodeSystem };
  readonly dateOfService: string;
  readonly diagnoses: readonly string[];
  readonly answers: QuestionnaireResponse | undefined;
  readonly coverageWaivers: readonly string[];
}): EvaluationContext {
  const l = input.line;
  return {
    member: { birthDate: input.member.birthDate, sex: sexOf(input.member.sex) },
    dateOfService: input.dateOfService,
    diagnoses: input.diagnoses,
    line: {
      codeSystem: l.codeSystem,
      code: l.code,
      modifiers: l.modifiers,
      units: l.units,
      unitType: unitTypeOf(l.unitType),
      from: l.fromDate ?? input.dateOfService,
      ...(l.toDate === null ? {} : { to: l.toDate }),
      ...(l.placeOfService === null ? {} : { placeOfService: l.placeOfService }),
    },
    ...(input.answers === undefined ? {} : { answers: input.answers }),
    coverageWaivers: input.coverageWaivers,
  };
}

/** Whether a response names this set's Questionnaire (`url` or `url|version`). */
export function answersSet(qr: QuestionnaireResponse, set: CompiledCriteriaSet): boolean {
  const q = set.set.questionnaire;
  return qr.questionnaire === q.url || qr.questionnaire === `${q.url}|${q.version}`;
}

/**
 * The answers for a line: its own response if it has one; otherwise the request-level response
 * naming the set's Questionnaire; otherwise the request's only response if it names none.
 */
export function answersForLine(lineAnswers: QuestionnaireResponse | undefined, requestAnswers: readonly QuestionnaireResponse[] | undefined, set: CompiledCriteriaSet | undefined): QuestionnaireResponse | undefined {
  if (lineAnswers !== undefined) return lineAnswers;
  const all = requestAnswers ?? [];
  if (set !== undefined) {
    const named = all.find((qr) => answersSet(qr, set));
    if (named !== undefined) return named;
  }
  const [only] = all;
  return all.length === 1 && only !== undefined && only.questionnaire === undefined ? only : undefined;
}

/** Benefit waivers a contract's settings list (`{ "coverageWaivers": ["snf-3-day-stay"] }`). */
export function waiversOf(contractSettings: unknown): string[] {
  if (typeof contractSettings !== 'object' || contractSettings === null) return [];
  const v: unknown = Object.entries(contractSettings).find(([k]) => k === 'coverageWaivers')?.[1];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
