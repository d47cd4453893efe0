/**
 * The prior-authorization list of a contract: which codes need authorization, for which product,
 * place of service and network status, when. Pure rules and one matcher that every channel
 * (portal, CRD, intake) asks, so that they all give the same answer.
 *
 * Emergency and urgently needed services never require authorization (42 CFR 422.113(b)(2): the MA
 * organization is financially responsible for them whether or not they were authorized in
 * advance): a rule that would make them required is rejected, and the matcher answers
 * `not_required` for them whatever the list says.
 */
import { UmError, type ErrorDetail } from '../platform/errors';
import { codeInSpec, codeSpecProblems, codeSpecsOverlap, codeSpecWidth, formatCodeSpec, normalizeCode, type CodeSpec } from './codes';
import { isIsoDate, requireIsoDate, withinDates } from './dates';
import type { IsoDate, ServiceCodeSystem } from './types';

export type Requirement = 'required' | 'notification_only' | 'not_required';
export type NetworkStatus = 'in_network' | 'out_of_network';

/** How long an approval is valid: a one-time window of N days from the requested start, or the requested course of treatment (42 CFR 422.112(b)(8)). */
export type ApprovalValidity =
  | { readonly kind: 'window'; readonly days: number }
  | { readonly kind: 'course_of_treatment' };

/** The default one-time window: 90 days from the requested start. */
export const DEFAULT_WINDOW_DAYS = 90;
export const DEFAULT_VALIDITY: ApprovalValidity = { kind: 'window', days: DEFAULT_WINDOW_DAYS };

export interface PaRule {
  readonly id: string;
  readonly codes: CodeSpec;
  /** Plan product (e.g. PBP or product code); absent = every product. */
  readonly product?: string;
  /** CMS place-of-service codes; empty = every place. */
  readonly placesOfService: readonly string[];
  /** Network status of the servicing provider; absent = either. */
  readonly networkStatus?: NetworkStatus;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo?: IsoDate;
  readonly requirement: Requirement;
  /** Subject to the prior-authorization rules of 42 CFR 422.122 (the 7-day standard clock of 422.568(b)(1)(ii)). */
  readonly subjectTo422122: boolean;
  readonly criteriaSetId?: string;
  /** Clinical documents expected with a request (free text labels, e.g. "sleep study report"). */
  readonly documents: readonly string[];
  readonly validity: ApprovalValidity;
  /** The service group for gold carding and reports. */
  readonly serviceGroup: string;
}

/** Places of service that are emergency (23, emergency room – hospital) or urgent care (20). */
export const EMERGENCY_PLACES_OF_SERVICE: readonly string[] = ['23'];
export const URGENT_CARE_PLACES_OF_SERVICE: readonly string[] = ['20'];

/** Codes that are emergency or urgently needed services by definition. */
export const EMERGENCY_CODES: readonly CodeSpec[] = [
  { system: 'CPT', from: '99281', to: '99285' }, // emergency department visits
  { system: 'HCPCS', from: 'G0380', to: 'G0384' }, // type B emergency department visits
  { system: 'HCPCS', code: 'A0427' }, // ALS1 emergency transport
  { system: 'HCPCS', code: 'A0429' }, // BLS emergency transport
  { system: 'REV', from: '0450', to: '0459' }, // emergency room
];
export const URGENT_CARE_CODES: readonly CodeSpec[] = [
  { system: 'HCPCS', code: 'S9088' }, // services provided in an urgent care center
  { system: 'REV', code: '0516' }, // clinic: urgent care
  { system: 'REV', code: '0526' }, // free-standing clinic: urgent care
];

export const EMERGENCY_CITATION = '42 CFR 422.113(b)(2)';

/** Checks a rule and returns it; throws `UM_ERR_PA_RULE_EMERGENCY` or `UM_ERR_PA_RULE_INVALID`. */
export function createPaRule(rule: PaRule): PaRule {
  const details: ErrorDetail[] = [];
  if (rule.id.trim() === '') details.push({ path: 'id', message: 'required' });
  for (const message of codeSpecProblems(rule.codes)) details.push({ path: 'codes', message });
  if (!isIsoDate(rule.effectiveFrom)) details.push({ path: 'effectiveFrom', message: 'not a date written YYYY-MM-DD' });
  if (rule.effectiveTo !== undefined && !isIsoDate(rule.effectiveTo)) details.push({ path: 'effectiveTo', message: 'not a date written YYYY-MM-DD' });
  if (rule.effectiveTo !== undefined && rule.effectiveTo < rule.effectiveFrom) details.push({ path: 'effectiveTo', message: 'ends before it starts' });
  rule.placesOfService.forEach((pos, i) => { if (!/^\d{2}$/.test(pos)) details.push({ path: `placesOfService/${i}`, message: `"${pos}" is not a two-digit place-of-service code` }); });
  if (rule.validity.kind === 'window' && !(Number.isInteger(rule.validity.days) && rule.validity.days >= 1 && rule.validity.days <= 3660)) {
    details.push({ path: 'validity', message: 'a window is a whole number of days from 1 to 3660' });
  }
  if (rule.serviceGroup.trim() === '') details.push({ path: 'serviceGroup', message: 'required' });
  if (details.length > 0) throw new UmError('UM_ERR_PA_RULE_INVALID', `prior-authorization rule ${rule.id}: ${details.length} problem(s)`, { details });

  if (rule.requirement !== 'not_required') {
    const emergency: ErrorDetail[] = [];
    for (const pos of rule.placesOfService) {
      if (EMERGENCY_PLACES_OF_SERVICE.includes(pos) || URGENT_CARE_PLACES_OF_SERVICE.includes(pos)) {
        emergency.push({ path: 'placesOfService', message: `place of service ${pos} is emergency or urgent care` });
      }
    }
    for (const spec of [...EMERGENCY_CODES, ...URGENT_CARE_CODES]) {
      if (codeSpecsOverlap(rule.codes, spec)) emergency.push({ path: 'codes', message: `${formatCodeSpec(rule.codes)} includes ${formatCodeSpec(spec)}, emergency or urgently needed services` });
    }
    if (emergency.length > 0) {
      throw new UmError('UM_ERR_PA_RULE_EMERGENCY', `prior-authorization rule ${rule.id} would require authorization for emergency or urgently needed services (${EMERGENCY_CITATION})`, { details: emergency });
    }
  }
  return rule;
}

/** One question to the list: does this code, for this member's product, here, from this provider, need authorization? */
export interface RequirementQuery {
  readonly codeSystem: ServiceCodeSystem;
  readonly code: string;
  readonly dateOfService: IsoDate;
  readonly product?: string;
  readonly placeOfService?: string;
  readonly networkStatus?: NetworkStatus;
  /** The request is for emergency services (prudent-layperson standard, 42 CFR 422.113(b)(1)(i)). */
  readonly emergency?: boolean;
  /** The request is for urgently needed services (42 CFR 422.113(b)(1)(iii)). */
  readonly urgentlyNeeded?: boolean;
}

export type DecidedBy =
  | { readonly kind: 'emergency'; readonly reason: 'emergency_flag' | 'urgently_needed_flag' | 'emergency_place_of_service' | 'emergency_code'; readonly citation: string }
  | { readonly kind: 'rule'; readonly rule: PaRule; readonly otherMatches: number }
  | { readonly kind: 'no_rule' };

export interface RequirementDecision {
  readonly query: RequirementQuery;
  readonly requirement: Requirement;
  readonly decidedBy: DecidedBy;
  readonly subjectTo422122: boolean;
  readonly criteriaSetId?: string;
  readonly documents: readonly string[];
  readonly validity?: ApprovalValidity;
  readonly serviceGroup?: string;
}

const STRICTNESS: Readonly<Record<Requirement, number>> = { required: 2, notification_only: 1, not_required: 0 };

function dimensions(rule: PaRule): number {
  return (rule.product !== undefined ? 1 : 0) + (rule.placesOfService.length > 0 ? 1 : 0) + (rule.networkStatus !== undefined ? 1 : 0);
}

/**
 * Precedence when several rules match (most specific wins):
 * 1. the narrower code spec (a single code before a range, a short range before a long one);
 * 2. more of product, place of service and network status set;
 * 3. the later `effectiveFrom` (a newer rule supersedes an older one);
 * 4. the stricter requirement (required, then notification only, then not required);
 * 5. the rule id, so the answer never depends on the list's order.
 */
export function compareRulePrecedence(a: PaRule, b: PaRule): number {
  return codeSpecWidth(a.codes) - codeSpecWidth(b.codes)
    || dimensions(b) - dimensions(a)
    || b.effectiveFrom.localeCompare(a.effectiveFrom)
    || STRICTNESS[b.requirement] - STRICTNESS[a.requirement]
    || a.id.localeCompare(b.id);
}

function matches(rule: PaRule, q: RequirementQuery, code: string): boolean {
  return codeInSpec(rule.codes, q.codeSystem, code)
    && withinDates(q.dateOfService, rule.effectiveFrom, rule.effectiveTo)
    && (rule.product === undefined || rule.product === q.product)
    && (rule.placesOfService.length === 0 || (q.placeOfService !== undefined && rule.placesOfService.includes(q.placeOfService)))
    && (rule.networkStatus === undefined || rule.networkStatus === q.networkStatus);
}

function emergencyReason(q: RequirementQuery, code: string): Extract<DecidedBy, { kind: 'emergency' }>['reason'] | undefined {
  if (q.emergency === true) return 'emergency_flag';
  if (q.urgentlyNeeded === true) return 'urgently_needed_flag';
  if (q.placeOfService !== undefined && (EMERGENCY_PLACES_OF_SERVICE.includes(q.placeOfService) || URGENT_CARE_PLACES_OF_SERVICE.includes(q.placeOfService))) return 'emergency_place_of_service';
  if ([...EMERGENCY_CODES, ...URGENT_CARE_CODES].some((spec) => codeInSpec(spec, q.codeSystem, code))) return 'emergency_code';
  return undefined;
}

/**
 * Whether authorization is required, and the rule that decided. Emergency and urgently needed
 * services are `not_required` first of all; otherwise the most specific matching rule decides
 * (see `compareRulePrecedence`); no matching rule means `not_required`.
 */
export function matchRequirement(rules: readonly PaRule[], query: RequirementQuery): RequirementDecision {
  const code = normalizeCode(query.codeSystem, query.code);
  if (code === undefined) {
    throw new UmError('UM_ERR_CRITERIA_INPUT', `"${query.code}" is not a ${query.codeSystem} code`, { details: [{ path: 'code', message: 'not a code of its system' }] });
  }
  requireIsoDate(query.dateOfService, 'dateOfService');
  const q: RequirementQuery = { ...query, code };
  const reason = emergencyReason(q, code);
  if (reason !== undefined) {
    return { query: q, requirement: 'not_required', decidedBy: { kind: 'emergency', reason, citation: EMERGENCY_CITATION }, subjectTo422122: false, documents: [] };
  }
  const candidates = rules.filter((r) => matches(r, q, code)).sort(compareRulePrecedence);
  const [rule] = candidates;
  if (rule === undefined) return { query: q, requirement: 'not_required', decidedBy: { kind: 'no_rule' }, subjectTo422122: false, documents: [] };
  return {
    query: q,
    requirement: rule.requirement,
    decidedBy: { kind: 'rule', rule, otherMatches: candidates.length - 1 },
    subjectTo422122: rule.subjectTo422122,
    ...(rule.criteriaSetId !== undefined ? { criteriaSetId: rule.criteriaSetId } : {}),
    documents: rule.documents,
    validity: rule.validity,
    serviceGroup: rule.serviceGroup,
  };
}

/** The same question for several codes at once (the requirements endpoint). */
export function matchRequirements(rules: readonly PaRule[], queries: readonly RequirementQuery[]): RequirementDecision[] {
  return queries.map((q) => matchRequirement(rules, q));
}
