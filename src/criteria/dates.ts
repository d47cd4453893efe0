/**
 * Calendar-date arithmetic for coverage rules. Dates are `YYYY-MM-DD` strings; they carry no
 * time zone because authorizations, coverage terms and evaluation periods are whole days.
 *
 * Written by hand on `Date.UTC` rather than with luxon: these run several times per criteria
 * evaluation, and luxon's parse-and-diff made the evaluation environment ~300 µs, most of an
 * evaluation (bench/criteria-engine.ts). `dates.test.ts` checks them against luxon.
 */
import { UmError } from '../platform/errors';
import type { IsoDate } from './types';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parts(value: string): [number, number, number] | undefined {
  const m = DATE.exec(value);
  if (m === null) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return undefined;
  return [y, mo, d];
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function epochDay(date: IsoDate): number {
  const p = parts(date);
  if (p === undefined) return Number.NaN;
  return Date.UTC(p[0], p[1] - 1, p[2]) / DAY_MS;
}

function fromEpochDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** True when `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parts(value) !== undefined;
}

/** Throws `UM_ERR_CRITERIA_INPUT` naming `path` unless `value` is a calendar date. */
export function requireIsoDate(value: unknown, path: string): IsoDate {
  if (!isIsoDate(value)) {
    throw new UmError('UM_ERR_CRITERIA_INPUT', `${path} must be a date written YYYY-MM-DD`, {
      details: [{ path, message: `not a calendar date: ${JSON.stringify(value)}` }],
    });
  }
  return value;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(epochDay(date) + days);
}

/** Adds calendar months; the day is kept, or clamped to the last day of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const p = parts(date);
  if (p === undefined) return date;
  const index = p[0] * 12 + (p[1] - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(p[2], daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

/** Age in whole years on `on` (a birthday on Feb 29 is reached on Mar 1 in common years). */
export function ageInYears(birthDate: IsoDate, on: IsoDate): number {
  const b = parts(birthDate);
  const o = parts(on);
  if (b === undefined || o === undefined) return Number.NaN;
  const beforeBirthday = o[1] < b[1] || (o[1] === b[1] && o[2] < b[2]);
  return o[0] - b[0] - (beforeBirthday ? 1 : 0);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** True when `date` lies in [from, to] (an absent `to` is open-ended). */
export function withinDates(date: IsoDate, from: IsoDate, to: IsoDate | undefined): boolean {
  return date >= from && (to === undefined || date <= to);
}
