/**
 * The tenant's X12 settings (`tenants.settings.x12`): the map from the plan's own denial reason
 * codes to X12 HCR03 decision reason codes (external code list 886, licensed by X12: OpenUM ships
 * none). The FHIR capability's map (`settings.fhir.decisionReasonCodes`) applies too, so that a
 * plan maps its codes once for both channels; the X12 map wins where both name a code.
 */
const X12_CODE = /^[0-9A-Z]{1,2}$/;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function codes(settings: Record<string, unknown>, section: string): Record<string, string> {
  const s = settings[section];
  const map = isRecord(s) ? s['decisionReasonCodes'] : undefined;
  const out: Record<string, string> = {};
  if (isRecord(map)) for (const [k, v] of Object.entries(map)) if (typeof v === 'string' && X12_CODE.test(v)) out[k] = v;
  return out;
}

export function decisionReasonCodes(tenantSettings: unknown): Readonly<Record<string, string>> {
  if (!isRecord(tenantSettings)) return {};
  return { ...codes(tenantSettings, 'fhir'), ...codes(tenantSettings, 'x12') };
}
