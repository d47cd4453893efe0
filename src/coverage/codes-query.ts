/**
 * Codes as callers write them in a query string (pure): `E0601`, `HCPCS:E0601`, `97110,97112`.
 * Without a system the shape decides: five digits (or four and F/T/U) CPT, a letter and four
 * digits HCPCS, three or four digits a revenue code.
 */
import { UmError, type ErrorDetail } from '../platform/errors';
import { isServiceCodeSystem, type ServiceCodeSystem } from '../criteria';

export function inferSystem(code: string): ServiceCodeSystem | undefined {
  const c = code.trim().toUpperCase();
  if (/^\d{4}[0-9FTU]$/.test(c)) return 'CPT';
  if (/^[A-V]\d{4}$/.test(c)) return 'HCPCS';
  if (/^\d{3,4}$/.test(c)) return 'REV';
  return undefined;
}

/** Parses one or several codes; throws `UM_ERR_VALIDATION` naming each bad one. */
export function parseCodes(input: string | readonly string[]): { codeSystem: ServiceCodeSystem; code: string }[] {
  const parts = (typeof input === 'string' ? [input] : input).flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  const problems: ErrorDetail[] = [];
  const out: { codeSystem: ServiceCodeSystem; code: string }[] = [];
  for (const p of parts) {
    const m = /^([A-Za-z]+):(.+)$/.exec(p);
    const system = m === null ? inferSystem(p) : m[1]?.toUpperCase();
    const code = (m === null ? p : (m[2] ?? '')).trim().toUpperCase();
    if (system === undefined || !isServiceCodeSystem(system)) problems.push({ path: 'code', message: `"${p}" is not a CPT, HCPCS or revenue code (write SYSTEM:CODE to be explicit)` });
    else out.push({ codeSystem: system, code });
  }
  if (out.length === 0 && problems.length === 0) problems.push({ path: 'code', message: 'give at least one code' });
  if (out.length > 50) problems.push({ path: 'code', message: 'at most 50 codes at once' });
  if (problems.length > 0) throw new UmError('UM_ERR_VALIDATION', `The codes have ${problems.length} problem(s)`, { details: problems });
  return out;
}
