/**
 * The tenant's coverage settings, read from `tenants.settings` (plain data, parsed, defaulted):
 *
 * ```json
 * { "goldCard": { "enabled": true, "providerKey": "npi", "minApprovalPercent": 90, "minRequests": 5,
 *                 "evaluationPeriodMonths": 12, "exemptionMonths": 12, "serviceGroups": ["cpap"], "citation": "…" },
 *   "automation": { "enabled": true, "requireClinicalReview": false } }
 * ```
 *
 * Gold carding defaults to the Texas policy (Tex. Ins. Code 4201.653; 28 TAC 19.1731).
 */
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { TEXAS_GOLD_CARD_POLICY, type AutomationPolicy, type GoldCardPolicy } from '../criteria';

const GoldCardSettings = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  providerKey: Type.Optional(Type.Union([Type.Literal('npi'), Type.Literal('tin')])),
  minApprovalPercent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  minRequests: Type.Optional(Type.Integer({ minimum: 1 })),
  evaluationPeriodMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  exemptionMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 60 })),
  serviceGroups: Type.Optional(Type.Array(Type.String())),
  citation: Type.Optional(Type.String({ minLength: 1 })),
});

const AutomationSettings = Type.Object({
  enabled: Type.Optional(Type.Boolean()),
  requireClinicalReview: Type.Optional(Type.Boolean()),
});

export interface CoverageSettings {
  /** Null when gold carding is switched off. */
  readonly goldCard: GoldCardPolicy | null;
  /** Whether intake runs the automatic order (eligibility → requirement → gold card → criteria). */
  readonly automationEnabled: boolean;
  readonly automation: AutomationPolicy;
}

const field = (settings: unknown, name: string): unknown =>
  typeof settings === 'object' && settings !== null && name in settings ? Object.entries(settings).find(([k]) => k === name)?.[1] : undefined;

/** The tenant's settings; malformed settings fall back to the defaults rather than half-apply. */
export function coverageSettings(tenantSettings: unknown): CoverageSettings {
  const g = field(tenantSettings, 'goldCard');
  const a = field(tenantSettings, 'automation');
  const gold = Value.Check(GoldCardSettings, g) ? g : {};
  const auto = Value.Check(AutomationSettings, a) ? a : {};
  const policy: GoldCardPolicy = {
    providerKey: gold.providerKey ?? TEXAS_GOLD_CARD_POLICY.providerKey,
    minApprovalPercent: gold.minApprovalPercent ?? TEXAS_GOLD_CARD_POLICY.minApprovalPercent,
    minRequests: gold.minRequests ?? TEXAS_GOLD_CARD_POLICY.minRequests,
    evaluationPeriodMonths: gold.evaluationPeriodMonths ?? TEXAS_GOLD_CARD_POLICY.evaluationPeriodMonths,
    exemptionMonths: gold.exemptionMonths ?? TEXAS_GOLD_CARD_POLICY.exemptionMonths,
    ...(gold.serviceGroups !== undefined ? { serviceGroups: gold.serviceGroups } : {}),
    citation: gold.citation ?? TEXAS_GOLD_CARD_POLICY.citation,
  };
  return {
    goldCard: gold.enabled === false ? null : policy,
    automationEnabled: auto.enabled !== false,
    automation: { requireClinicalReview: auto.requireClinicalReview ?? false },
  };
}
