/**
 * The tenant's FHIR settings (`tenants.settings.fhir`): the map from the plan's own denial reason
 * codes (as reviewers record them, e.g. `MN-CRIT`) to X12 HCR03 decision reason codes (external code
 * list 886, licensed by X12, so OpenUM ships none). A reason without a mapping is sent as text only
 * (`processNote`).
 */
import { isRecord } from '../json';

const X12_CODE = /^[0-9A-Z]{1,3}$/;

export function decisionReasonCodes(tenantSettings: unknown): Readonly<Record<string, string>> {
  const fhir = isRecord(tenantSettings) ? tenantSettings['fhir'] : undefined;
  const map = isRecord(fhir) ? fhir['decisionReasonCodes'] : undefined;
  if (!isRecord(map)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) if (typeof v === 'string' && X12_CODE.test(v)) out[k] = v;
  return out;
}
