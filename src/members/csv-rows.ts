/**
 * CSV rows for member and provider imports (pure): each row is checked on its own and either
 * becomes a typed value or a list of problems with the file's line number.
 */
import { LINES_OF_BUSINESS, PRODUCT_TYPES, type LineOfBusiness, type ProductType } from '../tenancy/model';
import { NETWORK_STATUSES, PROVIDER_KINDS, SEXES, type NetworkStatus, type ProviderKind, type Sex } from './model';

export type Row = Readonly<Record<string, string | undefined>>;
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly string[] };

export const MEMBER_COLUMNS = [
  'member_number', 'first_name', 'last_name', 'birth_date', 'sex', 'address_line', 'city', 'state', 'postal_code', 'phone',
  'plan', 'ipa', 'line_of_business', 'product_type', 'pbp', 'coverage_state', 'funding', 'pcp_npi', 'effective_from', 'effective_to',
] as const;

export const PROVIDER_COLUMNS = ['npi', 'tax_id', 'kind', 'name', 'taxonomy', 'specialty', 'network_status', 'provider_group', 'state', 'phone', 'fax'] as const;

export interface MemberRow {
  readonly memberNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly sex: Sex;
  readonly addressLine: string | null;
  readonly city: string | null;
  readonly state: string | null;
  readonly postalCode: string | null;
  readonly phone: string | null;
  readonly coverage: {
    readonly plan: string;
    readonly ipa: string | null;
    readonly lineOfBusiness: LineOfBusiness;
    readonly productType: ProductType;
    readonly pbp: string | null;
    readonly state: string | null;
    readonly funding: 'fully_insured' | 'self_funded' | null;
    readonly pcpNpi: string | null;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
  } | null;
}

export interface ProviderRow {
  readonly npi: string;
  readonly taxId: string | null;
  readonly kind: ProviderKind;
  readonly name: string;
  readonly taxonomy: string | null;
  readonly specialty: string | null;
  readonly networkStatus: NetworkStatus;
  readonly providerGroup: string | null;
  readonly state: string | null;
  readonly phone: string | null;
  readonly fax: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return ISO_DATE.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};
const opt = (r: Row, k: string): string | null => {
  const v = r[k]?.trim();
  return v === undefined || v === '' ? null : v;
};
const oneOf = <T extends string>(values: readonly T[], v: string | null): T | null => values.find((x) => x === v) ?? null;

/** NPI check digit (Luhn over 80840 + the first nine digits, 45 CFR 162.406). */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const digits = `80840${npi}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, dbl = false; i >= 0; i--, dbl = !dbl) {
    let d = digits[i]!;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function parseMemberRow(r: Row): Parsed<MemberRow> {
  const errors: string[] = [];
  const need = (k: string): string => {
    const v = opt(r, k);
    if (v === null) errors.push(`${k} is required`);
    return v ?? '';
  };
  const memberNumber = need('member_number');
  const firstName = need('first_name');
  const lastName = need('last_name');
  const birthDate = need('birth_date');
  if (birthDate !== '' && !validDate(birthDate)) errors.push(`birth_date "${birthDate}" is not a date (YYYY-MM-DD)`);
  const sexRaw = (opt(r, 'sex') ?? 'U').toUpperCase();
  const sex = oneOf(SEXES, sexRaw);
  if (sex === null) errors.push(`sex "${sexRaw}" must be F, M or U`);
  let coverage: MemberRow['coverage'] = null;
  const plan = opt(r, 'plan');
  if (plan !== null) {
    const lob = oneOf(LINES_OF_BUSINESS, opt(r, 'line_of_business'));
    if (lob === null) errors.push(`line_of_business must be one of ${LINES_OF_BUSINESS.join(', ')}`);
    const product = oneOf(PRODUCT_TYPES, (opt(r, 'product_type') ?? '').toUpperCase());
    if (product === null) errors.push(`product_type must be one of ${PRODUCT_TYPES.join(', ')}`);
    const from = need('effective_from');
    if (from !== '' && !validDate(from)) errors.push(`effective_from "${from}" is not a date`);
    const to = opt(r, 'effective_to');
    if (to !== null && !validDate(to)) errors.push(`effective_to "${to}" is not a date`);
    if (to !== null && from !== '' && to < from) errors.push('effective_to is before effective_from');
    const fundingRaw = opt(r, 'funding');
    const funding = oneOf(['fully_insured', 'self_funded'] as const, fundingRaw);
    if (fundingRaw !== null && funding === null) errors.push('funding must be fully_insured or self_funded');
    const pcpNpi = opt(r, 'pcp_npi');
    if (pcpNpi !== null && !isValidNpi(pcpNpi)) errors.push(`pcp_npi "${pcpNpi}" is not a valid NPI`);
    if (lob !== null && product !== null) {
      coverage = { plan, ipa: opt(r, 'ipa'), lineOfBusiness: lob, productType: product, pbp: opt(r, 'pbp'), state: opt(r, 'coverage_state'), funding, pcpNpi, effectiveFrom: from, effectiveTo: to };
    }
  }
  if (errors.length > 0 || sex === null) return { ok: false, errors };
  return {
    ok: true,
    value: { memberNumber, firstName, lastName, birthDate, sex, addressLine: opt(r, 'address_line'), city: opt(r, 'city'), state: opt(r, 'state'), postalCode: opt(r, 'postal_code'), phone: opt(r, 'phone'), coverage },
  };
}

export function parseProviderRow(r: Row): Parsed<ProviderRow> {
  const errors: string[] = [];
  const npi = opt(r, 'npi') ?? '';
  if (!isValidNpi(npi)) errors.push(`npi "${npi}" is not a valid NPI`);
  const name = opt(r, 'name');
  if (name === null) errors.push('name is required');
  const kind = oneOf(PROVIDER_KINDS, opt(r, 'kind') ?? 'practitioner');
  if (kind === null) errors.push(`kind must be ${PROVIDER_KINDS.join(' or ')}`);
  const network = oneOf(NETWORK_STATUSES, opt(r, 'network_status') ?? 'in_network');
  if (network === null) errors.push(`network_status must be ${NETWORK_STATUSES.join(' or ')}`);
  if (errors.length > 0 || kind === null || network === null || name === null) return { ok: false, errors };
  return {
    ok: true,
    value: { npi, taxId: opt(r, 'tax_id'), kind, name, taxonomy: opt(r, 'taxonomy'), specialty: opt(r, 'specialty'), networkStatus: network, providerGroup: opt(r, 'provider_group'), state: opt(r, 'state'), phone: opt(r, 'phone'), fax: opt(r, 'fax') },
  };
}
