/**
 * Authorization numbers and validity periods (pure; randomness and dates are passed in).
 */
import { DateTime } from 'luxon';
import { UmError } from '../platform/errors';

/** Crockford base-32 without I, L, O, U: no letter a caller can mishear as a digit. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A number readable on the phone: `PA-` and two groups of four characters (e.g. `PA-7K4M-9QX2`),
 * about 10^12 values; uniqueness per tenant is enforced by the database and retried on collision.
 */
export function formatAuthorizationNumber(random: Uint8Array): string {
  if (random.length < 8) throw new RangeError('need 8 random bytes');
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[random[i]! % 32];
  return `PA-${s.slice(0, 4)}-${s.slice(4)}`;
}

export const AUTHORIZATION_NUMBER = /^PA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

export interface ValidityInput {
  /** Requested (or approved) first date of service, ISO date. */
  readonly from: string | null;
  /** Requested (or approved) last date of service, ISO date. */
  readonly to: string | null;
  /** The decision's local date, used when the request names no start. */
  readonly decisionDate: string;
  /** The contract's authorization validity window in days (default 90). */
  readonly validityDays: number;
  /** The member's coverage term date; an authorization never runs past it. */
  readonly coverageEnd: string | null;
}

/**
 * The period an approval is valid for: from the requested start (or the decision date) for the
 * contract's window, or to the requested end if that is sooner — never past the coverage term.
 * When the coverage ends before the period would start there is no period an approval could
 * cover: `UM_ERR_COVERAGE_ENDED` (the request needs an eligibility determination, not an approval).
 */
export function validityPeriod(v: ValidityInput): { readonly from: string; readonly to: string } {
  const from = v.from ?? v.decisionDate;
  if (v.coverageEnd !== null && v.coverageEnd < from) {
    throw new UmError('UM_ERR_COVERAGE_ENDED', `The member's coverage ends on ${v.coverageEnd}, before the approval would start on ${from}: an approval cannot be valid past the coverage term`, {
      details: [{ path: 'coverageEnd', message: `${v.coverageEnd} is before ${from}` }],
    });
  }
  const windowEnd = DateTime.fromISO(from).plus({ days: v.validityDays - 1 }).toISODate() ?? from;
  let to = v.to !== null && v.to < windowEnd ? v.to : windowEnd;
  if (v.coverageEnd !== null && to > v.coverageEnd) to = v.coverageEnd;
  // A requested end before the start (refused at intake) never yields an inverted period.
  if (to < from) to = from;
  return { from, to };
}
