/**
 * Prior-authorization rules as stored rows and back (pure). A row read from the database is
 * trusted for its CHECK-constrained columns but still parsed, never cast.
 */
import { isServiceCodeSystem, type ApprovalValidity, type NetworkStatus, type PaRule, type Requirement } from '../criteria';
import type { paRules } from './schema';

export type PaRuleRow = typeof paRules.$inferSelect;

/** The columns that make a rule what it is (everything but version bookkeeping). */
export interface PaRuleColumns {
  readonly codeSystem: string;
  readonly codeFrom: string;
  readonly codeTo: string | null;
  readonly product: string | null;
  readonly placesOfService: readonly string[];
  readonly networkStatus: string | null;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly requirement: string;
  readonly subjectTo422122: boolean;
  readonly criteriaSetId: string | null;
  readonly documents: readonly string[];
  readonly validityKind: string;
  readonly validityDays: number | null;
  readonly serviceGroup: string;
}

const requirementOf = (s: string): Requirement => (s === 'required' || s === 'notification_only' ? s : 'not_required');
const networkOf = (s: string | null): NetworkStatus | undefined => (s === 'in_network' || s === 'out_of_network' ? s : undefined);

export function columnsOf(rule: PaRule): PaRuleColumns {
  const c = rule.codes;
  return {
    codeSystem: c.system,
    codeFrom: 'code' in c ? c.code : c.from,
    codeTo: 'code' in c ? null : c.to,
    product: rule.product ?? null,
    placesOfService: [...rule.placesOfService].sort(),
    networkStatus: rule.networkStatus ?? null,
    effectiveFrom: rule.effectiveFrom,
    effectiveTo: rule.effectiveTo ?? null,
    requirement: rule.requirement,
    subjectTo422122: rule.subjectTo422122,
    criteriaSetId: rule.criteriaSetId ?? null,
    documents: [...rule.documents],
    validityKind: rule.validity.kind,
    validityDays: rule.validity.kind === 'window' ? rule.validity.days : null,
    serviceGroup: rule.serviceGroup,
  };
}

/** A stored row as the pure rule the matcher reads. */
export function ruleOf(row: { readonly ruleId: string } & PaRuleColumns): PaRule {
  const system = isServiceCodeSystem(row.codeSystem) ? row.codeSystem : 'CPT';
  const validity: ApprovalValidity = row.validityKind === 'course_of_treatment' ? { kind: 'course_of_treatment' } : { kind: 'window', days: row.validityDays ?? 90 };
  const network = networkOf(row.networkStatus);
  return {
    id: row.ruleId,
    codes: row.codeTo === null || row.codeTo === row.codeFrom ? { system, code: row.codeFrom } : { system, from: row.codeFrom, to: row.codeTo },
    ...(row.product !== null ? { product: row.product } : {}),
    placesOfService: row.placesOfService,
    ...(network !== undefined ? { networkStatus: network } : {}),
    effectiveFrom: row.effectiveFrom,
    ...(row.effectiveTo !== null ? { effectiveTo: row.effectiveTo } : {}),
    requirement: requirementOf(row.requirement),
    subjectTo422122: row.subjectTo422122,
    ...(row.criteriaSetId !== null ? { criteriaSetId: row.criteriaSetId } : {}),
    documents: row.documents,
    validity,
    serviceGroup: row.serviceGroup,
  };
}

/** Whether two rules say the same thing (a re-import of an unchanged row writes nothing). */
export function sameRule(a: PaRuleColumns, b: PaRuleColumns): boolean {
  return JSON.stringify(normalised(a)) === JSON.stringify(normalised(b));
}

/** Only the columns that make the rule (a stored row carries its bookkeeping too), in one order. */
function normalised(c: PaRuleColumns): PaRuleColumns {
  return {
    codeSystem: c.codeSystem, codeFrom: c.codeFrom, codeTo: c.codeTo, product: c.product, placesOfService: [...c.placesOfService].sort(), networkStatus: c.networkStatus,
    effectiveFrom: c.effectiveFrom, effectiveTo: c.effectiveTo, requirement: c.requirement, subjectTo422122: c.subjectTo422122, criteriaSetId: c.criteriaSetId,
    documents: [...c.documents], validityKind: c.validityKind, validityDays: c.validityDays, serviceGroup: c.serviceGroup,
  };
}

/** The rule as the API shows it. */
export function ruleView(row: PaRuleRow) {
  return {
    contractId: row.contractId,
    ruleId: row.ruleId,
    version: row.version,
    status: row.status,
    codeSystem: row.codeSystem,
    codeFrom: row.codeFrom,
    codeTo: row.codeTo,
    product: row.product,
    placesOfService: row.placesOfService,
    networkStatus: row.networkStatus,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    requirement: row.requirement,
    subjectTo422122: row.subjectTo422122,
    criteriaSetId: row.criteriaSetId,
    documents: row.documents,
    validity: row.validityKind === 'window' ? { kind: 'window', days: row.validityDays ?? 90 } : { kind: 'course_of_treatment' },
    serviceGroup: row.serviceGroup,
    changedBy: { type: row.changedByType, id: row.changedById },
    changeReason: row.changeReason,
    changedAt: row.createdAt.toISOString(),
  };
}

export type PaRuleView = ReturnType<typeof ruleView>;
