/**
 * Procedure, supply and revenue codes, and ranges of them.
 *
 * CPT: five characters, four digits then a digit or a letter (Category II `F`, III `T`, PLA `U`).
 * HCPCS Level II: a letter A–V and four digits. Revenue codes (UB-04 FL 42): four digits; a
 * three-digit code is read with its leading zero (`450` → `0450`).
 * Ranges compare codes of the same system and shape character by character, so `E0424–E0444`
 * holds `E0431` and `99281–99285` holds `99283`.
 */
import type { ServiceCodeSystem } from './types';

export const SERVICE_CODE_SYSTEMS: readonly ServiceCodeSystem[] = ['CPT', 'HCPCS', 'REV'];

export function isServiceCodeSystem(value: unknown): value is ServiceCodeSystem {
  return value === 'CPT' || value === 'HCPCS' || value === 'REV';
}

const PATTERNS: Readonly<Record<ServiceCodeSystem, RegExp>> = {
  CPT: /^\d{4}[0-9A-Z]$/,
  HCPCS: /^[A-V]\d{4}$/,
  REV: /^\d{4}$/,
};

/** The code in its canonical form, or `undefined` when it is not a code of `system`. */
export function normalizeCode(system: ServiceCodeSystem, code: string): string | undefined {
  let c = code.trim().toUpperCase();
  if (system === 'REV' && /^\d{3}$/.test(c)) c = `0${c}`;
  return PATTERNS[system].test(c) ? c : undefined;
}

/** One code, or an inclusive range of codes, in one system. */
export type CodeSpec =
  | { readonly system: ServiceCodeSystem; readonly code: string }
  | { readonly system: ServiceCodeSystem; readonly from: string; readonly to: string };

/** The shape of a code: its letters kept, its digits replaced, so that ranges stay within one shape. */
function shape(code: string): string {
  return code.replace(/\d/g, '9');
}

/** Problems with a code spec (empty when valid). */
export function codeSpecProblems(spec: CodeSpec): string[] {
  if ('code' in spec) {
    return normalizeCode(spec.system, spec.code) === undefined ? [`"${spec.code}" is not a ${spec.system} code`] : [];
  }
  const from = normalizeCode(spec.system, spec.from);
  const to = normalizeCode(spec.system, spec.to);
  const problems: string[] = [];
  if (from === undefined) problems.push(`"${spec.from}" is not a ${spec.system} code`);
  if (to === undefined) problems.push(`"${spec.to}" is not a ${spec.system} code`);
  if (from !== undefined && to !== undefined) {
    if (shape(from) !== shape(to)) {
      problems.push(`the range ${from}–${to} mixes code shapes`);
    } else if (from > to) {
      problems.push(`the range ${from}–${to} ends before it starts`);
    }
  }
  return problems;
}

/** True when `code` (already normalized) of `system` falls within `spec`. */
export function codeInSpec(spec: CodeSpec, system: ServiceCodeSystem, code: string): boolean {
  if (spec.system !== system) return false;
  if ('code' in spec) return normalizeCode(system, spec.code) === code;
  const from = normalizeCode(system, spec.from);
  const to = normalizeCode(system, spec.to);
  if (from === undefined || to === undefined) return false;
  return shape(code) === shape(from) && code >= from && code <= to;
}

/** How many codes a spec can hold (1 for a single code): smaller is more specific. */
export function codeSpecWidth(spec: CodeSpec): number {
  if ('code' in spec) return 1;
  const digits = (c: string): number => Number.parseInt(c.replace(/\D/g, ''), 10);
  return Math.max(1, digits(spec.to) - digits(spec.from) + 1);
}

/** True when two specs of the same system share at least one code. */
export function codeSpecsOverlap(a: CodeSpec, b: CodeSpec): boolean {
  if (a.system !== b.system) return false;
  const bounds = (s: CodeSpec): [string, string] | undefined => {
    const from = normalizeCode(s.system, 'code' in s ? s.code : s.from);
    const to = normalizeCode(s.system, 'code' in s ? s.code : s.to);
    return from === undefined || to === undefined ? undefined : [from, to];
  };
  const ra = bounds(a);
  const rb = bounds(b);
  if (ra === undefined || rb === undefined || shape(ra[0]) !== shape(rb[0])) return false;
  return ra[0] <= rb[1] && rb[0] <= ra[1];
}

export function formatCodeSpec(spec: CodeSpec): string {
  return 'code' in spec ? `${spec.system} ${spec.code}` : `${spec.system} ${spec.from}–${spec.to}`;
}

/** ICD-10-CM code with its dot (`E6601` → `E66.01`), upper case; `undefined` when malformed. */
export function normalizeIcd10(code: string): string | undefined {
  const c = code.trim().toUpperCase().replace('.', '');
  if (!/^[A-Z]\d[0-9A-Z]{1,5}$/.test(c)) return undefined;
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}
