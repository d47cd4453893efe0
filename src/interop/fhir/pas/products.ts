/**
 * Service codes between FHIR and the intake model: `productOrService` codings (PAS
 * X12278RequestedServiceType: CPT, HCPCS, NUBC revenue, NDC …) ↔ OpenUM's CPT / HCPCS / REV / NDC.
 * HCPCS Level I (CPT) codes are often sent under the CMS HCPCS system URL, as the PAS examples do
 * (99212, 33510); five-digit codes (or four digits and F, T or U) are CPT.
 */
import type { CodeSystem } from '../../../intake/model';
import { SYSTEMS } from './codes';

export type ProductCode = { readonly codeSystem: CodeSystem; readonly code: string } | { readonly unsupported: string };

/** HCPCS Level I (CPT) shape: five digits, or four digits and F / T / U. */
export const isCptShape = (code: string): boolean => /^\d{4}[0-9FTU]$/.test(code);

export function productCode(system: string | undefined, code: string | undefined): ProductCode {
  if (code === undefined || code.trim() === '') return { unsupported: 'no productOrService code' };
  const c = code.trim().toUpperCase();
  if (system === SYSTEMS.cpt) return { codeSystem: 'CPT', code: c };
  if (system !== undefined && SYSTEMS.hcpcs.some((s) => s === system)) return { codeSystem: isCptShape(c) ? 'CPT' : 'HCPCS', code: c };
  if (system === SYSTEMS.revenue) return { codeSystem: 'REV', code: c };
  if (system === SYSTEMS.ndc) return { codeSystem: 'NDC', code: c };
  if (system === SYSTEMS.serviceType) return { unsupported: `X12 service type ${c} (UM03) without a procedure, revenue or drug code` };
  return { unsupported: `code system ${system ?? '(none)'}` };
}

/** The coding for a stored line code (for `addItem.productOrService`). */
export function productCoding(codeSystem: string, code: string): { coding: { system: string; code: string }[] } {
  const system = codeSystem === 'CPT' ? SYSTEMS.cpt : codeSystem === 'REV' ? SYSTEMS.revenue : codeSystem === 'NDC' ? SYSTEMS.ndc : SYSTEMS.hcpcs[0];
  return { coding: [{ system, code }] };
}
