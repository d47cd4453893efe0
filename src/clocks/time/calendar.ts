/**
 * Business-day calendars as data: a base (the US federal legal public holidays, computed) plus
 * jurisdiction-specific added rules, added dates and removed dates.
 *
 * Federal holidays: 5 U.S.C. 6103(a); a holiday on a Saturday is observed the preceding Friday
 * and one on a Sunday the following Monday (5 U.S.C. 6103(b); E.O. 11582). Inauguration Day
 * (6103(c)) is a holiday only for federal employees around Washington, DC, so it is left out
 * (regulations.md §8). Computed by hand rather than with date-holidays because that library
 * omits some Saturday observances (Veterans Day 2028 → Friday 2028-11-10; see calendar.test.ts).
 */
import { civilOf, epochDayOf, formatDate, parseDate, weekdayOf } from './zoned';

/** How a holiday that falls on a weekend is observed. */
export type Observance =
  /** Saturday → preceding Friday, Sunday → following Monday (5 U.S.C. 6103(b)). */
  | 'federal'
  /** Sunday → following Monday; Saturday not moved (e.g. Cal. Gov. Code 6701). */
  | 'sunday_to_monday'
  /** Never moved. */
  | 'none';

/** A holiday computed every year. */
export type HolidayRule =
  | {
      readonly kind: 'fixed';
      readonly name: string;
      readonly month: number;
      readonly day: number;
      readonly observance: Observance;
      readonly fromYear?: number;
    }
  | {
      readonly kind: 'nth_weekday';
      readonly name: string;
      readonly month: number;
      /** 0 = Sunday … 6 = Saturday. */
      readonly weekday: number;
      /** 1–4, or -1 for the last one in the month. */
      readonly nth: number;
      /** Days added after the computed date (the day after Thanksgiving is +1). */
      readonly offsetDays?: number;
      readonly fromYear?: number;
    };

/** A business-day calendar as stored data (tenant settings may carry their own). */
export interface BusinessCalendarSpec {
  readonly id: string;
  readonly name: string;
  /** `us_federal` starts from the 5 U.S.C. 6103 holidays; `none` from no holidays. */
  readonly base: 'us_federal' | 'none';
  readonly addedRules: readonly HolidayRule[];
  /** Extra closures, YYYY-MM-DD (e.g. a state's one-off holiday). */
  readonly addedDates: readonly string[];
  /** Base holidays this jurisdiction does not keep, YYYY-MM-DD (observed dates). */
  readonly removedDates: readonly string[];
}

/** 5 U.S.C. 6103(a), in calendar order. */
export const US_FEDERAL_HOLIDAY_RULES: readonly HolidayRule[] = [
  { kind: 'fixed', name: "New Year's Day", month: 1, day: 1, observance: 'federal' },
  { kind: 'nth_weekday', name: 'Birthday of Martin Luther King, Jr.', month: 1, weekday: 1, nth: 3, fromYear: 1986 },
  { kind: 'nth_weekday', name: "Washington's Birthday", month: 2, weekday: 1, nth: 3 },
  { kind: 'nth_weekday', name: 'Memorial Day', month: 5, weekday: 1, nth: -1 },
  { kind: 'fixed', name: 'Juneteenth National Independence Day', month: 6, day: 19, observance: 'federal', fromYear: 2021 },
  { kind: 'fixed', name: 'Independence Day', month: 7, day: 4, observance: 'federal' },
  { kind: 'nth_weekday', name: 'Labor Day', month: 9, weekday: 1, nth: 1 },
  { kind: 'nth_weekday', name: 'Columbus Day', month: 10, weekday: 1, nth: 2 },
  { kind: 'fixed', name: 'Veterans Day', month: 11, day: 11, observance: 'federal' },
  { kind: 'nth_weekday', name: 'Thanksgiving Day', month: 11, weekday: 4, nth: 4 },
  { kind: 'fixed', name: 'Christmas Day', month: 12, day: 25, observance: 'federal' },
];

function observe(day: number, observance: Observance): number {
  const wd = weekdayOf(day);
  if (observance === 'none') return day;
  if (wd === 0) return day + 1;
  if (wd === 6 && observance === 'federal') return day - 1;
  return day;
}

function ruleDate(rule: HolidayRule, year: number): number | undefined {
  if (rule.fromYear !== undefined && year < rule.fromYear) return undefined;
  switch (rule.kind) {
    case 'fixed':
      return observe(epochDayOf(year, rule.month, rule.day), rule.observance);
    case 'nth_weekday': {
      let day: number;
      if (rule.nth > 0) {
        const first = epochDayOf(year, rule.month, 1);
        day = first + ((rule.weekday - weekdayOf(first) + 7) % 7) + (rule.nth - 1) * 7;
      } else {
        const last = epochDayOf(year, rule.month + 1, 1) - 1;
        day = last - ((weekdayOf(last) - rule.weekday + 7) % 7);
      }
      return day + (rule.offsetDays ?? 0);
    }
  }
}

/** A compiled calendar: holiday look-ups and business-day walks (pure; caches per year). */
export interface BusinessCalendar {
  readonly spec: BusinessCalendarSpec;
  /** Holidays observed in a year (epoch day → name), including a New Year's Day observed on Dec 31. */
  holidaysIn(year: number): ReadonlyMap<number, string>;
  isHoliday(epochDay: number): boolean;
  isBusinessDay(epochDay: number): boolean;
  /** The Nth business day strictly after the given civil date (convention C4). */
  addBusinessDays(epochDay: number, n: number): number;
}

/** Compiles a calendar spec. Holidays are computed lazily per year and kept. */
export function compileCalendar(spec: BusinessCalendarSpec): BusinessCalendar {
  const rules = spec.base === 'us_federal' ? [...US_FEDERAL_HOLIDAY_RULES, ...spec.addedRules] : spec.addedRules;
  const added = new Set(spec.addedDates.map((d) => parseDate(d, 'calendar date')));
  const removed = new Set(spec.removedDates.map((d) => parseDate(d, 'calendar date')));
  const byYear = new Map<number, ReadonlyMap<number, string>>();

  const holidaysIn = (year: number): ReadonlyMap<number, string> => {
    const cached = byYear.get(year);
    if (cached !== undefined) return cached;
    const out = new Map<number, string>();
    // An observed date can fall in the neighbouring year (Jan 1 on a Saturday → Dec 31).
    for (const y of [year - 1, year, year + 1]) {
      for (const rule of rules) {
        const day = ruleDate(rule, y);
        if (day !== undefined && civilOf(day).year === year && !removed.has(day)) out.set(day, rule.name);
      }
    }
    for (const day of added) if (civilOf(day).year === year) out.set(day, 'Added closure');
    byYear.set(year, out);
    return out;
  };
  const isHoliday = (epochDay: number): boolean => holidaysIn(civilOf(epochDay).year).has(epochDay);
  const isBusinessDay = (epochDay: number): boolean => {
    const wd = weekdayOf(epochDay);
    return wd !== 0 && wd !== 6 && !isHoliday(epochDay);
  };
  const addBusinessDays = (epochDay: number, n: number): number => {
    let day = epochDay;
    let left = n;
    while (left > 0) {
      day += 1;
      if (isBusinessDay(day)) left -= 1;
    }
    return day;
  };
  return { spec, holidaysIn, isHoliday, isBusinessDay, addBusinessDays };
}

/** The holidays of a year as `YYYY-MM-DD → name`, for display and tests. */
export function listHolidays(calendar: BusinessCalendar, year: number): Readonly<Record<string, string>> {
  const entries = [...calendar.holidaysIn(year)].sort(([a], [b]) => a - b);
  return Object.fromEntries(entries.map(([day, name]) => [formatDate(day), name]));
}
