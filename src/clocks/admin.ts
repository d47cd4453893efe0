/**
 * What the administration screens read about clocks (pure): the policy catalogue with each
 * version's effective dates and citations, the holidays a business-day calendar computes for a
 * year (with the day each holiday falls on and the day it is observed), and the checks a tenant's
 * clock settings must pass before they are stored — every referenced policy, calendar and time
 * zone must exist, and every date must be a real one — so a saved setting can never stop a case
 * from getting its clock.
 */
import { UmError } from '../platform/errors';
import type { ClockPolicy } from './policy';
import type { PolicyRegistry } from './policies/index';
import type { TenantClockSettings } from './settings';
import { compileCalendar, US_FEDERAL_HOLIDAY_RULES, type BusinessCalendarSpec, type HolidayRule } from './time/calendar';
import { CALENDAR_SPECS } from './time/calendars';
import { civilOf, epochDayOf, formatDate, parseDate, zoneFor } from './time/zoned';

export interface PolicyVersionSummary {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly source: string;
  /** The distinct citations of the version's rules, in rule order. */
  readonly citations: readonly string[];
  readonly rules: readonly { readonly id: string; readonly description: string; readonly citation: string }[];
}

export interface PolicySummary {
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: string;
  readonly calendar: string;
  readonly fallbacks: readonly string[];
  readonly versionKey: ClockPolicy['versionKey'];
  readonly versions: readonly PolicyVersionSummary[];
}

/** The catalogue of clock policies a tenant can assign. */
export function policyCatalogue(registry: PolicyRegistry): PolicySummary[] {
  return [...registry.values()].map((p) => ({
    id: p.id,
    title: p.title,
    jurisdiction: p.jurisdiction,
    calendar: p.calendar,
    fallbacks: p.fallbacks,
    versionKey: p.versionKey,
    versions: p.versions.map((v) => ({
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo ?? null,
      source: v.source,
      citations: [...new Set(v.rules.map((r) => r.citation))],
      rules: v.rules.map((r) => ({ id: r.id, description: r.description, citation: r.citation })),
    })),
  }));
}

export interface HolidayEntry {
  /** The day the holiday is kept (no business day), YYYY-MM-DD. */
  readonly observedOn: string;
  /** The day the holiday itself falls on (differs when a weekend moves it). */
  readonly date: string;
  readonly name: string;
  /** federal: 5 U.S.C. 6103; rule: the calendar's own rule; added: a one-off closure; removed: a base holiday this calendar does not keep. */
  readonly source: 'federal' | 'rule' | 'added' | 'removed';
}

const FEDERAL_NAMES = new Set(US_FEDERAL_HOLIDAY_RULES.map((r) => r.name));
const ADDED_CLOSURE = 'Added closure';

/** The holiday's own date for an observed day: a fixed-date rule may be moved by a day or two. */
function ownDate(rules: readonly HolidayRule[], name: string, observed: number): number {
  const rule = rules.find((r) => r.name === name);
  if (rule?.kind !== 'fixed') return observed;
  const { year } = civilOf(observed);
  for (const y of [year, year + 1, year - 1]) {
    const day = epochDayOf(y, rule.month, rule.day);
    if (Math.abs(day - observed) <= 2) return day;
  }
  return observed;
}

/** The holidays a calendar keeps in a year, in date order, and the base holidays it removed. */
export function calendarHolidays(spec: BusinessCalendarSpec, year: number): HolidayEntry[] {
  const rules = spec.base === 'us_federal' ? [...US_FEDERAL_HOLIDAY_RULES, ...spec.addedRules] : [...spec.addedRules];
  const kept = compileCalendar(spec).holidaysIn(year);
  const unfiltered = compileCalendar({ ...spec, removedDates: [] }).holidaysIn(year);
  const out: { day: number; entry: HolidayEntry }[] = [];
  const sourceOf = (name: string): HolidayEntry['source'] => (name === ADDED_CLOSURE ? 'added' : spec.base === 'us_federal' && FEDERAL_NAMES.has(name) && !spec.addedRules.some((r) => r.name === name) ? 'federal' : 'rule');
  for (const [day, name] of kept) {
    out.push({ day, entry: { observedOn: formatDate(day), date: formatDate(ownDate(rules, name, day)), name, source: sourceOf(name) } });
  }
  for (const [day, name] of unfiltered) {
    if (!kept.has(day)) out.push({ day, entry: { observedOn: formatDate(day), date: formatDate(ownDate(rules, name, day)), name, source: 'removed' } });
  }
  return out.sort((a, b) => a.day - b.day).map((e) => e.entry);
}

/** The built-in calendars (their specs), for display and for starting a tenant's own. */
export const BUILT_IN_CALENDAR_SPECS: readonly BusinessCalendarSpec[] = Object.values(CALENDAR_SPECS);

/** The tenant's own calendars: the inline specs its assignments carry, once each by id. */
export function tenantCalendars(settings: TenantClockSettings): BusinessCalendarSpec[] {
  const seen = new Map<string, BusinessCalendarSpec>();
  for (const a of settings.assignments) if (typeof a.calendar === 'object' && !seen.has(a.calendar.id)) seen.set(a.calendar.id, a.calendar);
  return [...seen.values()];
}

const isBuiltIn = (id: string): boolean => Object.hasOwn(CALENDAR_SPECS, id);

function checkDate(iso: string, path: string, problems: { path: string; message: string }[]): void {
  try {
    const day = parseDate(iso, 'calendar date');
    if (formatDate(day) !== iso) problems.push({ path, message: `${iso} is not a calendar date` });
  } catch {
    problems.push({ path, message: `${iso} is not a calendar date` });
  }
}

/**
 * Checks what the schema cannot: policies, calendars and zones exist, month-days and dates are real,
 * and one calendar id means one calendar. Throws UM_ERR_CLOCK_INPUT listing every problem.
 */
export function checkClockSettings(settings: TenantClockSettings, registry: PolicyRegistry): void {
  const problems: { path: string; message: string }[] = [];
  const zone = (name: string, path: string) => {
    try {
      zoneFor(name);
    } catch {
      problems.push({ path, message: `Unknown time zone "${name}"` });
    }
  };
  zone(settings.timeZone, '/timeZone');
  const calendars = new Map<string, string>();
  settings.assignments.forEach((a, i) => {
    const at = `/assignments/${i}`;
    a.policies.forEach((id, j) => {
      if (!registry.has(id)) problems.push({ path: `${at}/policies/${j}`, message: `Unknown clock policy "${id}"` });
    });
    if (new Set(a.policies).size !== a.policies.length) problems.push({ path: `${at}/policies`, message: 'A policy is listed twice' });
    if (a.timeZone !== undefined) zone(a.timeZone, `${at}/timeZone`);
    if (a.ratingPeriodStartMonthDay !== undefined) {
      const [m, d] = a.ratingPeriodStartMonthDay.split('-').map(Number);
      // Checked against a leap year's neighbour: 02-29 has no rating period start three years in four.
      if (m === undefined || d === undefined || civilOf(epochDayOf(2027, m, d)).month !== m) {
        problems.push({ path: `${at}/ratingPeriodStartMonthDay`, message: `${a.ratingPeriodStartMonthDay} is not a day every year has` });
      }
    }
    const c = a.calendar;
    if (typeof c === 'string') {
      if (!isBuiltIn(c)) problems.push({ path: `${at}/calendar`, message: `Unknown calendar "${c}"` });
    } else if (c !== undefined) {
      if (isBuiltIn(c.id)) problems.push({ path: `${at}/calendar/id`, message: `"${c.id}" is a built-in calendar; give the tenant's own calendar another id` });
      const json = JSON.stringify(c);
      const earlier = calendars.get(c.id);
      if (earlier !== undefined && earlier !== json) problems.push({ path: `${at}/calendar/id`, message: `Two different calendars share the id "${c.id}"` });
      calendars.set(c.id, json);
      c.addedDates.forEach((iso, j) => checkDate(iso, `${at}/calendar/addedDates/${j}`, problems));
      c.removedDates.forEach((iso, j) => checkDate(iso, `${at}/calendar/removedDates/${j}`, problems));
      c.addedRules.forEach((r, j) => {
        if (r.kind === 'fixed' && civilOf(epochDayOf(2027, r.month, r.day)).month !== r.month) problems.push({ path: `${at}/calendar/addedRules/${j}`, message: `${r.month}-${r.day} is not a day every year has` });
      });
    }
  });
  if (problems.length > 0) throw new UmError('UM_ERR_CLOCK_INPUT', problems.map((p) => p.message).join('; '), { details: problems });
}
