/**
 * Routing settings, kept in `tenants.settings.routing` as data (schema = type):
 *
 * - `licensure`: a coverage matching an entry (line of business, and optionally product type,
 *   funding and state) needs a reviewer licensed in the coverage's state. The defaults cover the
 *   state-regulated products — Medicaid, CHIP, fully insured commercial and exchange plans — whose
 *   state utilization-review laws require reviewers licensed in the state (e.g. Cal. H&SC
 *   1367.01(e) for physicians who deny or modify); Medicare Advantage and self-funded ERISA plans
 *   are federal and accept any US licence (42 CFR 422.566(d)). A plan changes this list to match
 *   its contracts and state requirements.
 * - `specialties`: lines whose service group or code range match a rule need a physician reviewer
 *   of that specialty (physician queue). Default: cardiovascular codes → Cardiovascular Disease.
 */
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { UmError } from '../platform/errors';

const Lob = Type.Enum(['medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp']);

export const LicensureRuleSchema = Type.Object(
  {
    lineOfBusiness: Lob,
    productType: Type.Optional(Type.String({ minLength: 1 })),
    funding: Type.Optional(Type.Enum(['fully_insured', 'self_funded'])),
    /** Only coverages governed by this state; absent = any state. */
    state: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);

export const SpecialtyRuleSchema = Type.Object(
  {
    /** As written on users.specialty (NUCC display name), e.g. "Cardiovascular Disease". */
    specialty: Type.String({ minLength: 1 }),
    serviceGroups: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    /** Inclusive ranges of 5-character CPT / HCPCS codes. */
    codeRanges: Type.Optional(Type.Array(Type.Object({ from: Type.String({ pattern: '^[0-9A-Z]{5}$' }), to: Type.String({ pattern: '^[0-9A-Z]{5}$' }) }, { additionalProperties: false }))),
  },
  { additionalProperties: false },
);

export const RoutingSettingsSchema = Type.Object(
  { version: Type.Literal(1), licensure: Type.Array(LicensureRuleSchema), specialties: Type.Array(SpecialtyRuleSchema) },
  { additionalProperties: false },
);
export type RoutingSettings = Static<typeof RoutingSettingsSchema>;
export type SpecialtyRule = Static<typeof SpecialtyRuleSchema>;

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  version: 1,
  licensure: [
    { lineOfBusiness: 'medicaid' },
    { lineOfBusiness: 'chip' },
    { lineOfBusiness: 'commercial', funding: 'fully_insured' },
    { lineOfBusiness: 'qhp' },
  ],
  specialties: [
    // Cardiac surgery (heart and pericardium) and cardiovascular medicine (CPT).
    { specialty: 'Cardiovascular Disease', codeRanges: [{ from: '33010', to: '33999' }, { from: '92920', to: '93799' }] },
  ],
};

export function parseRoutingSettings(value: unknown): RoutingSettings {
  if (Value.Check(RoutingSettingsSchema, value)) return value;
  throw new UmError('UM_ERR_VALIDATION', 'The routing settings are not valid', {
    details: Value.Errors(RoutingSettingsSchema, value).map((e) => ({ path: e.instancePath, message: e.message })),
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The routing settings of a tenant (defaults when none are stored). */
export function tenantRoutingSettings(tenantSettings: unknown): RoutingSettings {
  const s = isRecord(tenantSettings) ? tenantSettings.routing : undefined;
  return s === undefined ? DEFAULT_ROUTING_SETTINGS : parseRoutingSettings(s);
}
