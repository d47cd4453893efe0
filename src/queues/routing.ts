/** Which licence and specialty a case needs, and its service category (pure; see settings.ts). */
import type { RoutingSettings, SpecialtyRule } from './settings';

export interface RoutingCoverage {
  readonly lineOfBusiness: string;
  readonly productType: string | null;
  readonly funding: string | null;
  readonly state: string | null;
}

export interface RoutingLine {
  readonly code: string;
  readonly serviceGroup: string;
}

/** The state a reviewer must be licensed in, or null when any licence will do. */
export function requiredLicenceState(s: RoutingSettings, c: RoutingCoverage | null): string | null {
  if (c === null || c.state === null) return null;
  const needs = s.licensure.some(
    (r) =>
      r.lineOfBusiness === c.lineOfBusiness &&
      (r.productType === undefined || r.productType === c.productType) &&
      (r.funding === undefined || r.funding === c.funding) &&
      (r.state === undefined || r.state === c.state),
  );
  return needs ? c.state : null;
}

const inRange = (code: string, from: string, to: string): boolean => code.length === from.length && code >= from && code <= to;

function matches(rule: SpecialtyRule, line: RoutingLine): boolean {
  if (rule.serviceGroups?.includes(line.serviceGroup) === true) return true;
  return rule.codeRanges?.some((r) => inRange(line.code.toUpperCase(), r.from, r.to)) === true;
}

/** The specialty the first matching rule names for any line (rules in order), or null. */
export function requiredSpecialty(s: RoutingSettings, lines: readonly RoutingLine[]): string | null {
  for (const rule of s.specialties) if (lines.some((l) => matches(rule, l))) return rule.specialty;
  return null;
}

/** The service category of a case: its first line's service group. */
export function serviceCategoryOf(lines: readonly RoutingLine[]): string | null {
  return lines[0]?.serviceGroup ?? null;
}
