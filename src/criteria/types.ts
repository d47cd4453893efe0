/**
 * The data a medical-necessity rule may read: the evaluation context.
 *
 * A criterion is a FHIRPath expression (fhirpath.js 5.2, FHIR R4 model) evaluated over these
 * environment variables (the base resource is empty; paths over the response start at `%qr`):
 *
 * | variable       | value                                                                       |
 * | -------------- | --------------------------------------------------------------------------- |
 * | `%answers`     | answers by linkId (`%answers.spo2_rest`), typed by the Questionnaire item   |
 * | `%member`      | `{ birthDate, sex, ageYears }` — age in whole years on the date of service  |
 * | `%dos`         | the date of service, `YYYY-MM-DD` (use `%dos.toDate()` for date arithmetic)  |
 * | `%diagnoses`   | ICD-10-CM codes, upper case with the dot (`E66.01`)                         |
 * | `%line`        | `{ system, code, modifiers, units, unitType, from, to, lengthDays, pos }`       |
 * | `%coverage`    | `{ waivers }` — benefit waivers of the member's plan (e.g. `snf-3-day-stay`) |
 * | `%qr`          | the QuestionnaireResponse itself                                            |
 *
 * A criterion yields `true` (met), `false` (not met) or empty (unknown: an answer is missing).
 * Answers of items whose `enableWhen` is not satisfied are left out, as a form renderer would.
 * FHIR R4 Questionnaire `enableWhen`: http://hl7.org/fhir/R4/questionnaire-definitions.html#Questionnaire.item.enableWhen
 */
import type { QuestionnaireResponse } from '@medplum/fhirtypes';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Code systems of a service line: CPT, HCPCS Level II, and UB-04 revenue codes. */
export type ServiceCodeSystem = 'CPT' | 'HCPCS' | 'REV';

/** What the requested quantity counts (X12 HSD01 / PAS `item.quantity`). */
export type UnitType = 'units' | 'days' | 'visits' | 'hours' | 'months';

/** Administrative sex as in FHIR `Patient.gender`. */
export type AdministrativeSex = 'male' | 'female' | 'other' | 'unknown';

export interface MemberFacts {
  readonly birthDate: IsoDate;
  readonly sex: AdministrativeSex;
}

export interface ServiceLineFacts {
  readonly codeSystem: ServiceCodeSystem;
  readonly code: string;
  readonly modifiers: readonly string[];
  readonly units: number;
  readonly unitType: UnitType;
  readonly from: IsoDate;
  readonly to?: IsoDate;
  /** CMS place-of-service code, two digits (e.g. `12` home, `22` outpatient hospital). */
  readonly placeOfService?: string;
}

/** The request's data the rules may read. */
export interface EvaluationContext {
  readonly member: MemberFacts;
  readonly dateOfService: IsoDate;
  /** ICD-10-CM codes, with or without the dot. */
  readonly diagnoses: readonly string[];
  readonly line: ServiceLineFacts;
  /** The provider's answers to the set's Questionnaire (portal or Da Vinci DTR). */
  readonly answers?: QuestionnaireResponse;
  /** Benefit waivers of the member's plan, e.g. `snf-3-day-stay` (MA plans may waive it). */
  readonly coverageWaivers?: readonly string[];
}

/** One criterion's three-valued result. */
export type CriterionOutcome = 'met' | 'not_met' | 'unknown';

/** A scalar answer as exposed to FHIRPath: boolean, number, string, date (`YYYY-MM-DD`) or a code. */
export type AnswerValue = boolean | number | string;

/** Answers by linkId; repeating items give an array. */
export type AnswerMap = Readonly<Record<string, AnswerValue | readonly AnswerValue[]>>;

export type AnswerProblemKind =
  | 'wrong_type'
  | 'invalid_value'
  | 'not_in_options'
  | 'multiple_answers'
  | 'unknown_item'
  | 'not_enabled'
  | 'questionnaire_mismatch';

/** Something wrong or ignored in the answers. `error` problems send the request to a person. */
export interface AnswerProblem {
  readonly linkId: string;
  readonly kind: AnswerProblemKind;
  readonly severity: 'error' | 'info';
  readonly message: string;
}

export interface ExtractedAnswers {
  readonly answers: AnswerMap;
  readonly problems: readonly AnswerProblem[];
}
