/**
 * One 834 member record (005010X220A1 loop 2000) as OpenUM applies it: the member number, the
 * demographics it gives, and what it does to coverage spans. Pure. Maintenance type codes (X12
 * 875, INS03 and HD01 — HD01 wins for its coverage): 021 addition, 001 change, 030 audit or
 * compare and 026 correction enroll the span as given (DTP*348 benefit begin, DTP*349 end);
 * 024 cancellation or termination ends it (DTP*349, else the member's DTP*357 eligibility end);
 * 025 reinstatement reopens it (or enrolls the span an HD describes). Only medical coverage
 * (HD03 HLT, HMO, PPO, POS, EPO, MM, AH) makes spans; dental, vision and other lines are not
 * utilization-managed here and are left out.
 */
import { PRODUCT_TYPES, type ProductType } from '../../../tenancy/model';
import type { Coverage, EnrollmentMember } from '../tx834/types';

export const MEDICAL_LINES: readonly string[] = ['HLT', 'HMO', 'PPO', 'POS', 'EPO', 'MM', 'AH'];

export type CoverageAction =
  | { readonly kind: 'enroll'; readonly begin: string; readonly end: string | null; readonly pbp: string | null; readonly productType: ProductType; readonly pcpNpi: string | null }
  | { readonly kind: 'term'; readonly begin?: string; readonly end: string }
  | { readonly kind: 'reinstate'; readonly end: string | null };

export interface Demographics {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly birthDate?: string;
  readonly sex?: 'F' | 'M' | 'U';
  readonly addressLine?: string;
  readonly city?: string;
  readonly state?: string;
  readonly postalCode?: string;
  readonly phone?: string;
}

export interface PreparedMember {
  readonly memberNumber: string;
  /** INS03. */
  readonly maintenanceType: string;
  /** For messages: the member number, or the name when there is none. */
  readonly label: string;
  readonly demographics: Demographics;
  readonly actions: readonly CoverageAction[];
}

export type Prepared = { readonly ok: true; readonly value: PreparedMember } | { readonly ok: false; readonly message: string; readonly label: string };

const isProduct = (v: string | undefined): v is ProductType => v !== undefined && PRODUCT_TYPES.some((p) => p === v);
const sexOf = (v: string | undefined): 'F' | 'M' | 'U' | undefined => (v === 'F' || v === 'M' || v === 'U' ? v : undefined);
const date = (m: { readonly dates: readonly { readonly qualifier: string; readonly start: string }[] }, q: string): string | undefined => m.dates.find((d) => d.qualifier === q)?.start;

/**
 * The OpenUM member number: the subscriber's identifier (REF*0F) for a subscriber; for a
 * dependent its own identifier when NM108 is ZZ (mutually defined), else
 * `<subscriber id>-<birth date CCYYMMDD>-<FIRST NAME>` — stable across files, and what a 278 for a
 * dependent (2010D names, no id) is matched on.
 */
export function memberNumberOf(m: EnrollmentMember): string | { readonly error: string } {
  const sub = m.subscriberId;
  if (sub === undefined) return { error: 'the subscriber identifier (REF*0F) is missing' };
  if (m.subscriber) return sub;
  if (m.identifier?.qualifier === 'ZZ' && m.identifier.value !== '') return m.identifier.value;
  const first = (m.name.first ?? '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (m.birthDate === undefined || first === '') return { error: 'a dependent without an identifier of its own (NM108 ZZ) needs a first name and a birth date (DMG)' };
  return `${sub}-${m.birthDate.replaceAll('-', '')}-${first}`;
}

function coverageAction(c: Coverage, m: EnrollmentMember, productType: ProductType | undefined): CoverageAction | { readonly error: string } | null {
  if (!MEDICAL_LINES.includes(c.insuranceLine)) return null;
  const code = c.maintenanceType === '' ? m.maintenanceType : c.maintenanceType;
  const end = c.end ?? date(m, '357');
  switch (code) {
    case '021':
    case '001':
    case '030':
    case '026':
    case '025': {
      const begin = c.begin ?? date(m, '356');
      const product = productType ?? (isProduct(c.insuranceLine) ? c.insuranceLine : undefined);
      if (begin === undefined) return { error: `HD (position ${c.position}) has no benefit begin date (DTP*348)` };
      if (product === undefined) return { error: `HD03 ${c.insuranceLine} names no product type (HMO, PPO, POS, EPO): give the product type` };
      const pcp = c.providers.find((p) => p.entityCode === 'P3')?.npi ?? null;
      return { kind: 'enroll', begin, end: end ?? null, pbp: c.planDescription ?? null, productType: product, pcpNpi: pcp };
    }
    case '024':
      if (end === undefined) return { error: `HD (position ${c.position}) terminates without an end date (DTP*349 or DTP*357)` };
      return { kind: 'term', ...(c.begin === undefined ? {} : { begin: c.begin }), end };
    case '002':
      return { error: 'HD01 002 (delete) is not applied: terminate the coverage with 024' };
    default:
      return null;
  }
}

/** A segment error as people read it: the segment, its stream position and what is wrong with which element. */
function segmentProblem(e: EnrollmentMember['errors'][number]): string {
  const where = `${e.segmentId} at ${e.streamPosition ?? e.position}`;
  if (e.elements.length === 0) return `${where}: ${e.message}`;
  return `${where}: ${e.elements.map((x) => `${x.message}${x.value === undefined ? '' : ` ("${x.value}")`}`).join(', ')}`;
}

export function prepareMember(m: EnrollmentMember, productType?: ProductType): Prepared {
  const label = m.subscriberId ?? [m.name.first, m.name.last].filter((x) => x !== undefined).join(' ');
  if (m.errors.length > 0) return { ok: false, label, message: m.errors.map(segmentProblem).join('; ') };
  const number = memberNumberOf(m);
  if (typeof number !== 'string') return { ok: false, label, message: number.error };
  const actions: CoverageAction[] = [];
  for (const c of m.coverages) {
    const a = coverageAction(c, m, productType);
    if (a === null) continue;
    if ('error' in a) return { ok: false, label: number, message: a.error };
    actions.push(a);
  }
  if (!m.coverages.some((c) => MEDICAL_LINES.includes(c.insuranceLine))) {
    if (m.maintenanceType === '024') {
      const end = date(m, '357');
      if (end === undefined) return { ok: false, label: number, message: 'a termination (INS03 024) without a coverage needs the eligibility end date (DTP*357)' };
      actions.push({ kind: 'term', end });
    } else if (m.maintenanceType === '025') {
      actions.push({ kind: 'reinstate', end: date(m, '357') ?? null });
    }
  }
  const address = m.address;
  const phone = m.contacts.flatMap((c) => c.numbers).find((n) => n.qualifier === 'HP' || n.qualifier === 'TE' || n.qualifier === 'WP' || n.qualifier === 'CP')?.value;
  const demographics: Demographics = {
    ...(m.name.first === undefined ? {} : { firstName: m.name.first }),
    ...(m.name.last === '' ? {} : { lastName: m.name.last }),
    ...(m.birthDate === undefined ? {} : { birthDate: m.birthDate }),
    ...(sexOf(m.sex) === undefined ? {} : { sex: sexOf(m.sex) }),
    ...(address === undefined ? {} : { addressLine: address.lines.join(', '), ...(address.city === undefined ? {} : { city: address.city }), ...(address.state === undefined ? {} : { state: address.state }), ...(address.postalCode === undefined ? {} : { postalCode: address.postalCode }) }),
    ...(phone === undefined ? {} : { phone }),
  };
  return { ok: true, value: { memberNumber: number, maintenanceType: m.maintenanceType, label: number, demographics, actions } };
}
