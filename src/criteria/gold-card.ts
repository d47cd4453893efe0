/**
 * Gold carding: a provider whose prior-authorization requests for a service were (almost) all
 * approved in the evaluation period is exempt from prior authorization for that service.
 *
 * Texas (Ins. Code ch. 4201 subch. N, as amended by HB 3812, 2025): exemption when at least 90 % of
 * the provider's eligible requests for the service were approved in a 12-month evaluation period
 * (Ins. Code 4201.653), with at least 5 requests (28 TAC 19.1731). The policy is data: a plan or a
 * state with other numbers plugs its own in.
 */
import { UmError } from '../platform/errors';
import { addDays, addMonths, requireIsoDate, withinDates } from './dates';
import type { IsoDate } from './types';

export type ProviderKeyKind = 'npi' | 'tin';

/** A decided prior-authorization request, as the gold-card evaluation counts it. */
export interface PaHistoryEntry {
  readonly npi?: string;
  readonly tin?: string;
  readonly serviceGroup: string;
  /** The day the determination was made. */
  readonly decidedOn: IsoDate;
  /** `adverse` covers denials and partial approvals; withdrawn and dismissed requests are not counted. */
  readonly outcome: 'approved' | 'adverse' | 'withdrawn' | 'dismissed';
}

export interface GoldCardPolicy {
  /** Whether providers are evaluated by NPI or by tax ID. */
  readonly providerKey: ProviderKeyKind;
  /** Minimum approval rate, in percent (90 in Texas). */
  readonly minApprovalPercent: number;
  /** Minimum number of counted requests in the period (5 in Texas). */
  readonly minRequests: number;
  readonly evaluationPeriodMonths: number;
  /** How long a granted exemption lasts, from the evaluation date. */
  readonly exemptionMonths: number;
  /** Only these service groups are evaluated; absent = all. */
  readonly serviceGroups?: readonly string[];
  readonly citation: string;
}

export const TEXAS_GOLD_CARD_POLICY: GoldCardPolicy = {
  providerKey: 'npi',
  minApprovalPercent: 90,
  minRequests: 5,
  evaluationPeriodMonths: 12,
  exemptionMonths: 12,
  citation: 'Tex. Ins. Code 4201.653 (as amended by HB 3812, 2025); 28 TAC 19.1731',
};

export interface GoldCardEvaluation {
  readonly provider: { readonly kind: ProviderKeyKind; readonly value: string };
  readonly serviceGroup: string;
  /** The evaluation period, inclusive: the `evaluationPeriodMonths` before `asOf`. */
  readonly period: { readonly from: IsoDate; readonly to: IsoDate };
  readonly approved: number;
  readonly counted: number;
  /** Approval rate in percent, rounded to one decimal. */
  readonly approvalPercent: number;
  readonly granted: boolean;
}

export interface GoldCardExemption {
  readonly provider: { readonly kind: ProviderKeyKind; readonly value: string };
  readonly serviceGroup: string;
  readonly start: IsoDate;
  /** Inclusive. */
  readonly end: IsoDate;
  readonly approved: number;
  readonly counted: number;
  readonly approvalPercent: number;
  readonly evaluationPeriod: { readonly from: IsoDate; readonly to: IsoDate };
  readonly citation: string;
}

function checkPolicy(p: GoldCardPolicy): void {
  const bad = (path: string, message: string): never => { throw new UmError('UM_ERR_CRITERIA_INPUT', `gold-card policy: ${message}`, { details: [{ path, message }] }); };
  if (!(p.minApprovalPercent >= 0 && p.minApprovalPercent <= 100)) bad('minApprovalPercent', 'must be between 0 and 100');
  if (!(Number.isInteger(p.minRequests) && p.minRequests >= 1)) bad('minRequests', 'must be a whole number of at least 1');
  if (!(Number.isInteger(p.evaluationPeriodMonths) && p.evaluationPeriodMonths >= 1)) bad('evaluationPeriodMonths', 'must be a whole number of at least 1');
  if (!(Number.isInteger(p.exemptionMonths) && p.exemptionMonths >= 1)) bad('exemptionMonths', 'must be a whole number of at least 1');
}

/** Every provider × service group with requests in the period, granted or not (for the report). */
export function evaluateGoldCard(history: readonly PaHistoryEntry[], policy: GoldCardPolicy, asOf: IsoDate): GoldCardEvaluation[] {
  checkPolicy(policy);
  requireIsoDate(asOf, 'asOf');
  const to = addDays(asOf, -1);
  const from = addMonths(asOf, -policy.evaluationPeriodMonths);
  const groups = new Map<string, { provider: string; serviceGroup: string; approved: number; counted: number }>();
  for (const e of history) {
    const provider = policy.providerKey === 'npi' ? e.npi : e.tin;
    if (provider === undefined || provider === '') continue;
    if (policy.serviceGroups !== undefined && !policy.serviceGroups.includes(e.serviceGroup)) continue;
    if (e.outcome === 'withdrawn' || e.outcome === 'dismissed') continue;
    if (!withinDates(e.decidedOn, from, to)) continue;
    const key = JSON.stringify([provider, e.serviceGroup]);
    const g = groups.get(key) ?? { provider, serviceGroup: e.serviceGroup, approved: 0, counted: 0 };
    g.counted++;
    if (e.outcome === 'approved') g.approved++;
    groups.set(key, g);
  }
  return [...groups.values()]
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.serviceGroup.localeCompare(b.serviceGroup))
    .map((g) => ({
      provider: { kind: policy.providerKey, value: g.provider },
      serviceGroup: g.serviceGroup,
      period: { from, to },
      approved: g.approved,
      counted: g.counted,
      approvalPercent: Math.round((g.approved * 1000) / g.counted) / 10,
      // integer arithmetic: approved / counted >= percent / 100
      granted: g.counted >= policy.minRequests && g.approved * 100 >= policy.minApprovalPercent * g.counted,
    }));
}

/** The exemptions granted on `asOf`: from `asOf` for `exemptionMonths`, citing the policy. */
export function computeExemptions(history: readonly PaHistoryEntry[], policy: GoldCardPolicy, asOf: IsoDate): GoldCardExemption[] {
  return evaluateGoldCard(history, policy, asOf).filter((e) => e.granted).map((e) => ({
    provider: e.provider,
    serviceGroup: e.serviceGroup,
    start: asOf,
    end: addDays(addMonths(asOf, policy.exemptionMonths), -1),
    approved: e.approved,
    counted: e.counted,
    approvalPercent: e.approvalPercent,
    evaluationPeriod: e.period,
    citation: policy.citation,
  }));
}

/** The exemption that covers this provider (by NPI or tax ID), service group and date, if any. */
export function findExemption(
  exemptions: readonly GoldCardExemption[],
  provider: { readonly npi?: string; readonly tin?: string },
  serviceGroup: string,
  date: IsoDate,
): GoldCardExemption | undefined {
  return exemptions.find((x) => x.serviceGroup === serviceGroup
    && withinDates(date, x.start, x.end)
    && (x.provider.kind === 'npi' ? x.provider.value === provider.npi : x.provider.value === provider.tin));
}
