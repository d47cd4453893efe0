/**
 * Which clock policies apply to a coverage: tenant settings, stored as data. Each assignment names
 * a line of business and, optionally, a product type, a funding (fully insured products follow
 * state law; self-funded ones ERISA) and a state; the most specific matching assignment wins.
 * The schema doubles as the type, so stored JSON is validated with it at the edge.
 */
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { UmError } from '../platform/errors';
import type { DomainLineOfBusiness } from './case-kind';
import { compileCalendar, type BusinessCalendar, type BusinessCalendarSpec } from './time/calendar';
import { builtInCalendar, CALENDAR_SPECS, type BuiltInCalendarId } from './time/calendars';
import { epochDayOf, formatDate, localDay, parseInstant, zoneFor, civilOf } from './time/zoned';

const Lob = Type.Union([Type.Literal('medicare_advantage'), Type.Literal('medicaid'), Type.Literal('chip'), Type.Literal('commercial'), Type.Literal('qhp')]);
const HolidayRuleS = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), name: Type.String(), month: Type.Integer({ minimum: 1, maximum: 12 }), day: Type.Integer({ minimum: 1, maximum: 31 }), observance: Type.Union([Type.Literal('federal'), Type.Literal('sunday_to_monday'), Type.Literal('none')]), fromYear: Type.Optional(Type.Integer()) }),
  Type.Object({ kind: Type.Literal('nth_weekday'), name: Type.String(), month: Type.Integer({ minimum: 1, maximum: 12 }), weekday: Type.Integer({ minimum: 0, maximum: 6 }), nth: Type.Integer({ minimum: -1, maximum: 5 }), offsetDays: Type.Optional(Type.Integer()), fromYear: Type.Optional(Type.Integer()) }),
]);
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const BusinessCalendarSpecSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String(),
  base: Type.Union([Type.Literal('us_federal'), Type.Literal('none')]),
  addedRules: Type.Array(HolidayRuleS),
  addedDates: Type.Array(IsoDate),
  removedDates: Type.Array(IsoDate),
});

export const ClockPolicyAssignmentSchema = Type.Object({
  lineOfBusiness: Lob,
  /** Tenancy product type (HMO, PPO, FFS…); absent = any. */
  productType: Type.Optional(Type.String({ minLength: 1 })),
  funding: Type.Optional(Type.Union([Type.Literal('fully_insured'), Type.Literal('self_funded')])),
  /** Two-letter state of the coverage; absent = any. */
  state: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  /** Policy ids in precedence order (an overlay before its base). */
  policies: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  /** Governing time zone for this line (C5); else the tenant's. */
  timeZone: Type.Optional(Type.String({ minLength: 1 })),
  /** Medicaid / CHIP managed care: the rating period starts on this MM-DD each year (C7). */
  ratingPeriodStartMonthDay: Type.Optional(Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' })),
  /** A built-in calendar id or the tenant's own calendar for business days. */
  calendar: Type.Optional(Type.Union([Type.String({ minLength: 1 }), BusinessCalendarSpecSchema])),
});
export type ClockPolicyAssignment = Static<typeof ClockPolicyAssignmentSchema>;

export const TenantClockSettingsSchema = Type.Object({
  version: Type.Literal(1),
  /** The plan's governing time zone (IANA). */
  timeZone: Type.String({ minLength: 1 }),
  assignments: Type.Array(ClockPolicyAssignmentSchema),
});
export type TenantClockSettings = Static<typeof TenantClockSettingsSchema>;

/** Parses stored settings; every problem is reported. */
export function parseClockSettings(value: unknown): TenantClockSettings {
  if (Value.Check(TenantClockSettingsSchema, value)) return value;
  const details = Value.Errors(TenantClockSettingsSchema, value).map((e) => ({ path: e.instancePath, message: e.message }));
  throw new UmError('UM_ERR_CLOCK_INPUT', 'The clock settings are not valid', { details });
}

const stateOverlay = (state: string, policy: string): readonly ClockPolicyAssignment[] => [
  { lineOfBusiness: 'commercial', funding: 'fully_insured', state, policies: [policy] },
  { lineOfBusiness: 'qhp', funding: 'fully_insured', state, policies: [policy, 'qhp_ffe'] },
  { lineOfBusiness: 'qhp', state, policies: [policy, 'qhp_ffe'] },
];

/** Defaults a new tenant starts from (regulations.md §1–§6). */
export const DEFAULT_CLOCK_SETTINGS: TenantClockSettings = {
  version: 1,
  timeZone: 'America/New_York',
  assignments: [
    { lineOfBusiness: 'medicare_advantage', policies: ['medicare_advantage'] },
    { lineOfBusiness: 'medicaid', policies: ['medicaid_managed_care'], ratingPeriodStartMonthDay: '01-01' },
    { lineOfBusiness: 'medicaid', productType: 'FFS', policies: ['medicaid_ffs'] },
    { lineOfBusiness: 'medicaid', state: 'TX', policies: ['texas_medicaid'], ratingPeriodStartMonthDay: '09-01' },
    { lineOfBusiness: 'medicaid', productType: 'FFS', state: 'TX', policies: ['medicaid_ffs'] },
    { lineOfBusiness: 'chip', policies: ['chip_managed_care'], ratingPeriodStartMonthDay: '01-01' },
    { lineOfBusiness: 'chip', productType: 'FFS', policies: ['chip_ffs'] },
    { lineOfBusiness: 'commercial', policies: ['commercial_erisa'] },
    { lineOfBusiness: 'commercial', funding: 'self_funded', policies: ['commercial_erisa'] },
    { lineOfBusiness: 'qhp', policies: ['qhp_ffe'] },
    ...stateOverlay('TX', 'texas_commercial'),
    ...stateOverlay('CA', 'california_commercial'),
    ...stateOverlay('NY', 'new_york_commercial'),
    ...stateOverlay('IL', 'illinois_commercial'),
  ],
};

/** The coverage facts policy selection reads (from the member's coverage span). */
export interface CoverageFacts {
  readonly lineOfBusiness: DomainLineOfBusiness;
  readonly productType?: string | null;
  readonly funding?: 'fully_insured' | 'self_funded' | null;
  readonly state?: string | null;
}

/** What a case's clocks run under. */
export interface ClockSetup {
  readonly policies: readonly string[];
  readonly timeZone: string;
  readonly calendar: BusinessCalendar | undefined;
  readonly ratingPeriodStartMonthDay: string | undefined;
  readonly assignment: ClockPolicyAssignment;
}

const specificity = (a: ClockPolicyAssignment): number =>
  (a.productType === undefined ? 0 : 1) + (a.funding === undefined ? 0 : 1) + (a.state === undefined ? 0 : 1);

const compiledCalendars = new WeakMap<BusinessCalendarSpec, BusinessCalendar>();
const isBuiltInCalendar = (id: string): id is BuiltInCalendarId => Object.hasOwn(CALENDAR_SPECS, id);

function calendarOf(c: ClockPolicyAssignment['calendar']): BusinessCalendar | undefined {
  if (c === undefined) return undefined;
  if (typeof c === 'string') {
    if (!isBuiltInCalendar(c)) throw new UmError('UM_ERR_CLOCK_INPUT', `Unknown calendar "${c}"`);
    return builtInCalendar(c);
  }
  let cal = compiledCalendars.get(c);
  if (cal === undefined) {
    cal = compileCalendar(c);
    compiledCalendars.set(c, cal);
  }
  return cal;
}

/** The most specific assignment matching the coverage (ties: the first listed). */
export function selectClockPolicies(settings: TenantClockSettings, coverage: CoverageFacts): ClockSetup {
  let best: ClockPolicyAssignment | undefined;
  for (const a of settings.assignments) {
    if (a.lineOfBusiness !== coverage.lineOfBusiness) continue;
    if (a.productType !== undefined && a.productType !== coverage.productType) continue;
    if (a.funding !== undefined && a.funding !== coverage.funding) continue;
    if (a.state !== undefined && a.state !== coverage.state) continue;
    if (best === undefined || specificity(a) > specificity(best)) best = a;
  }
  if (best === undefined) {
    throw new UmError('UM_ERR_CLOCK_NO_POLICY', `No clock policy is assigned to ${coverage.lineOfBusiness} coverage`);
  }
  return {
    policies: best.policies,
    timeZone: best.timeZone ?? settings.timeZone,
    calendar: calendarOf(best.calendar),
    ratingPeriodStartMonthDay: best.ratingPeriodStartMonthDay,
    assignment: best,
  };
}

/** The start (YYYY-MM-DD) of the rating period in force on the receipt date: the latest MM-DD on or before it. */
export function ratingPeriodStartFor(monthDay: string, receivedAt: string, timeZone: string): string {
  const day = localDay(parseInstant(receivedAt, 'receipt time'), zoneFor(timeZone));
  const { year } = civilOf(day);
  const [m, d] = monthDay.split('-').map(Number);
  if (m === undefined || d === undefined) throw new UmError('UM_ERR_CLOCK_INPUT', `Bad rating period start "${monthDay}"`);
  const thisYear = epochDayOf(year, m, d);
  return formatDate(thisYear <= day ? thisYear : epochDayOf(year - 1, m, d));
}
