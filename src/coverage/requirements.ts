/**
 * "Is authorization required?" — one answer for the provider portal, Da Vinci CRD and intake:
 * the member's coverage on the date of service selects the contract, the contract's PA list
 * decides per code (with the rule that decided), and the answer names the criteria set and its
 * Questionnaire, the documents expected, the approval validity and any gold-card exemption.
 */
import type { Queryable } from '../platform/db';
import { UmError } from '../platform/errors';
import { coverageOn, findMember, findProvider, type ProviderRow } from '../members/store';
import { getContract, getTenant } from '../tenancy/store';
import type { ApprovalValidity, DecidedBy, GoldCardExemption, NetworkStatus, RequirementDecision, ServiceCodeSystem } from '../criteria';
import { hasPaList, rulesForContract } from './pa-store';
import { matchForCoverage } from './product';
import { activeExemption } from './gold-card-store';
import { coverageSettings } from './settings';
import type { CriteriaCatalog } from './criteria-store';

export interface RequirementLookup {
  readonly member: { readonly id?: string; readonly memberNumber?: string };
  readonly codes: readonly { readonly codeSystem: ServiceCodeSystem; readonly code: string }[];
  /** The date of service, `YYYY-MM-DD`. */
  readonly dateOfService: string;
  readonly placeOfService?: string;
  /** The servicing provider (its network status counts; its gold-card exemptions too when no requesting provider is named). */
  readonly provider?: { readonly id?: string; readonly npi?: string };
  /** The provider who requests: its gold-card exemptions count (`goldCardProvider`). */
  readonly requestingProvider?: { readonly id?: string; readonly npi?: string };
  /** Emergency or urgently needed services (42 CFR 422.113(b)): never require authorization. */
  readonly emergency?: boolean;
  /** The day the request is made (intake: the receipt date), for gold-card exemptions (they cover requests made while they last); default the date of service. */
  readonly requestDate?: string;
}

/** How the answer was reached: the rule, an emergency, no rule listing the code, or no list at all. */
export type RequirementBasis =
  | { readonly kind: 'rule'; readonly ruleId: string; readonly version: number; readonly contractId: string; readonly otherMatches: number }
  | { readonly kind: 'emergency'; readonly reason: string; readonly citation: string }
  | { readonly kind: 'no_rule' }
  | { readonly kind: 'no_pa_list' }
  | { readonly kind: 'not_covered' };

export interface RequirementItem {
  readonly codeSystem: ServiceCodeSystem;
  readonly code: string;
  /** `unknown`: the contract has no PA list, or the member is not covered on the date — a person decides. */
  readonly requirement: 'required' | 'notification_only' | 'not_required' | 'unknown';
  readonly decidedBy: RequirementBasis;
  readonly subjectTo422122: boolean;
  readonly documents: readonly string[];
  readonly validity: ApprovalValidity | null;
  readonly serviceGroup: string | null;
  readonly criteriaSet: { readonly id: string; readonly version: string; readonly title: string; readonly clinicallyReviewed: boolean; readonly questionnaire: string } | { readonly id: string; readonly version: null } | null;
  readonly goldCard: GoldCardExemption | null;
  readonly message: string;
}

export interface RequirementAnswer {
  readonly member: { readonly id: string; readonly memberNumber: string; readonly name: string };
  readonly dateOfService: string;
  readonly eligibility: { readonly kind: 'eligible' | 'not_covered_on_date'; readonly message: string };
  readonly coverage: { readonly contractId: string | null; readonly contractName: string | null; readonly lineOfBusiness: string; readonly productType: string; readonly pbp: string | null; readonly effectiveTo: string | null } | null;
  readonly provider: { readonly id: string; readonly npi: string; readonly name: string; readonly networkStatus: string } | null;
  /** Whose gold-card exemptions were looked up (`goldCardProvider`), or null when no provider was named. */
  readonly goldCardProvider: { readonly id: string; readonly npi: string; readonly name: string } | null;
  readonly items: readonly RequirementItem[];
}

/**
 * Whose gold-card exemption covers a request — one rule for the portal look-up, CRD and intake:
 * the provider who requests it (Texas exempts "a physician or provider" from the preauthorization
 * requests it submits, Tex. Ins. Code 4201.653; the exemptions are computed from the requests each
 * provider made, `paHistory`), else — when the request names no requester — the servicing provider.
 * The exemption must be in force on the day the request is made (the receipt date).
 */
export function goldCardProvider<P>(requesting: P | null | undefined, servicing: P | null | undefined): P | undefined {
  return requesting ?? servicing ?? undefined;
}

const networkOf = (p: ProviderRow | null): NetworkStatus | undefined => (p?.networkStatus === 'in_network' || p?.networkStatus === 'out_of_network' ? p.networkStatus : undefined);

export function basisOf(d: DecidedBy, contractId: string, versions: ReadonlyMap<string, number>): RequirementBasis {
  switch (d.kind) {
    case 'rule':
      return { kind: 'rule', ruleId: d.rule.id, version: versions.get(d.rule.id) ?? 1, contractId, otherMatches: d.otherMatches };
    case 'emergency':
      return { kind: 'emergency', reason: d.reason, citation: d.citation };
    case 'no_rule':
      return { kind: 'no_rule' };
  }
}

export function messageFor(d: RequirementDecision): string {
  switch (d.decidedBy.kind) {
    case 'emergency':
      return `Emergency and urgently needed services never need authorization (${d.decidedBy.citation}).`;
    case 'no_rule':
      return 'The prior-authorization list does not list this code: no authorization is required.';
    case 'rule':
      switch (d.requirement) {
        case 'required':
          return `Authorization is required (rule ${d.decidedBy.rule.id}).`;
        case 'notification_only':
          return `No authorization is required, but the plan must be notified (rule ${d.decidedBy.rule.id}).`;
        case 'not_required':
          return `No authorization is required (rule ${d.decidedBy.rule.id}).`;
      }
  }
}

/**
 * Answers for each code (one or several). Throws `UM_ERR_INTAKE_MEMBER_UNKNOWN` for a member
 * the tenant does not know (the same error intake answers with); a member not covered on the
 * date gets `not_covered_on_date` and `unknown` requirements: intake staff confirm eligibility.
 */
export async function requirementsFor(q: Queryable, tenantId: string, lookup: RequirementLookup, catalog: CriteriaCatalog): Promise<RequirementAnswer> {
  const member = await findMember(q, tenantId, lookup.member);
  if (member === null) {
    throw new UmError('UM_ERR_INTAKE_MEMBER_UNKNOWN', 'No member with this id or member number is known to this plan', { details: [{ path: 'member', message: 'not found' }] });
  }
  const provider = lookup.provider === undefined ? null : await findProvider(q, tenantId, lookup.provider);
  if (lookup.provider !== undefined && provider === null) {
    throw new UmError('UM_ERR_INTAKE_PROVIDER_UNKNOWN', 'The provider is not known', { details: [{ path: 'provider', message: 'not found' }] });
  }
  const requesting = lookup.requestingProvider === undefined ? null : await findProvider(q, tenantId, lookup.requestingProvider);
  if (lookup.requestingProvider !== undefined && requesting === null) {
    throw new UmError('UM_ERR_INTAKE_PROVIDER_UNKNOWN', 'The requesting provider is not known', { details: [{ path: 'requestingProvider', message: 'not found' }] });
  }
  const exempted = goldCardProvider(requesting, provider);
  const dos = lookup.dateOfService;
  const coverage = await coverageOn(q, tenantId, member.id, dos);
  const contract = coverage?.contractId == null ? null : await getContract(q, tenantId, coverage.contractId);
  const base = {
    member: { id: member.id, memberNumber: member.memberNumber, name: `${member.lastName}, ${member.firstName}` },
    dateOfService: dos,
    provider: provider === null ? null : { id: provider.id, npi: provider.npi, name: provider.name, networkStatus: provider.networkStatus },
    goldCardProvider: exempted === undefined ? null : { id: exempted.id, npi: exempted.npi, name: exempted.name },
  };
  const unknown = (message: string, decidedBy: RequirementBasis): RequirementItem[] =>
    lookup.codes.map((c) => ({ ...c, requirement: 'unknown', decidedBy, subjectTo422122: true, documents: [], validity: null, serviceGroup: null, criteriaSet: null, goldCard: null, message }));
  if (coverage === null) {
    return { ...base, eligibility: { kind: 'not_covered_on_date', message: `No coverage in force on ${dos}: intake staff confirm eligibility` }, coverage: null, items: unknown(`The member has no coverage on ${dos}; a person will check eligibility.`, { kind: 'not_covered' }) };
  }
  const coverageView = { contractId: coverage.contractId, contractName: contract?.contract.name ?? null, lineOfBusiness: coverage.lineOfBusiness, productType: coverage.productType, pbp: coverage.pbp, effectiveTo: coverage.effectiveTo };
  const eligibility = { kind: 'eligible' as const, message: `Covered on ${dos}` };
  if (coverage.contractId === null || !(await hasPaList(q, tenantId, coverage.contractId))) {
    return { ...base, eligibility, coverage: coverageView, items: unknown('The plan has not published a prior-authorization list for this contract; a person will check.', { kind: 'no_pa_list' }) };
  }
  const contractId = coverage.contractId;
  const { rules, versions } = await rulesForContract(q, tenantId, contractId);
  const goldCard = coverageSettings((await getTenant(q, tenantId)).settings).goldCard;
  const items: RequirementItem[] = [];
  for (const c of lookup.codes) {
    const d = matchForCoverage(rules, {
      codeSystem: c.codeSystem, code: c.code, dateOfService: dos,
      ...(lookup.placeOfService === undefined ? {} : { placeOfService: lookup.placeOfService }),
      ...(networkOf(provider) === undefined ? {} : { networkStatus: networkOf(provider) }),
      ...(lookup.emergency === true ? { emergency: true } : {}),
    }, coverage);
    const set = d.criteriaSetId === undefined ? undefined : await catalog.inForce(q, tenantId, d.criteriaSetId, dos);
    const exemption = d.requirement === 'required' && exempted !== undefined && goldCard !== null && d.serviceGroup !== undefined
      ? await activeExemption(q, tenantId, { npi: exempted.npi, tin: exempted.taxId }, d.serviceGroup, lookup.requestDate ?? dos)
      : undefined;
    items.push({
      codeSystem: c.codeSystem,
      code: d.query.code,
      requirement: d.requirement,
      decidedBy: basisOf(d.decidedBy, contractId, versions),
      subjectTo422122: d.subjectTo422122,
      documents: d.documents,
      validity: d.validity ?? null,
      serviceGroup: d.serviceGroup ?? null,
      criteriaSet: d.criteriaSetId === undefined ? null : set === undefined ? { id: d.criteriaSetId, version: null }
        : { id: set.set.id, version: set.set.version, title: set.set.title, clinicallyReviewed: set.set.clinicallyReviewed.reviewed, questionnaire: `${set.set.questionnaire.url}|${set.set.questionnaire.version}` },
      goldCard: exemption ?? null,
      message: exemption === undefined ? messageFor(d) : `${messageFor(d)} The provider is exempt (gold card) until ${exemption.end} (${exemption.citation}).`,
    });
  }
  return { ...base, eligibility, coverage: coverageView, items };
}
