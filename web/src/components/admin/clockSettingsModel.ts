/**
 * The clock settings as the administration screen edits them (the shapes of
 * GET/PUT /api/tenant/clock-settings, /api/clocks/policies and /api/clocks/calendars), and the pure
 * helpers the screen uses: labels, the policy version in force, and the list of changes a save
 * will make, shown before it is made.
 */
export interface HolidayRule {
  readonly kind: 'fixed' | 'nth_weekday';
  readonly name: string;
  readonly month: number;
  readonly day?: number;
  readonly weekday?: number;
  readonly nth?: number;
  readonly offsetDays?: number;
  readonly observance?: string;
  readonly fromYear?: number;
}

export interface CalendarSpec {
  readonly id: string;
  readonly name: string;
  readonly base: 'us_federal' | 'none';
  readonly addedRules: readonly HolidayRule[];
  readonly addedDates: readonly string[];
  readonly removedDates: readonly string[];
}

export interface Assignment {
  readonly lineOfBusiness: string;
  readonly productType?: string;
  readonly funding?: 'fully_insured' | 'self_funded';
  readonly state?: string;
  readonly policies: readonly string[];
  readonly timeZone?: string;
  readonly ratingPeriodStartMonthDay?: string;
  readonly calendar?: string | CalendarSpec;
}

export interface ClockSettings {
  readonly version: 1;
  readonly timeZone: string;
  readonly assignments: readonly Assignment[];
}

export interface ClockConfig {
  readonly clocks: ClockSettings;
  readonly atRiskPercent: number;
}

export interface PolicyVersion {
  readonly version: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly source: string;
  readonly citations: readonly string[];
}

export interface Policy {
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: string;
  readonly calendar: string;
  readonly fallbacks: readonly string[];
  readonly versionKey: 'receipt_date' | 'rating_period_start';
  readonly versions: readonly PolicyVersion[];
}

export interface Holiday {
  readonly observedOn: string;
  readonly date: string;
  readonly name: string;
  readonly source: 'federal' | 'rule' | 'added' | 'removed';
}

export interface CalendarYear {
  readonly year: number;
  readonly holidays: readonly Holiday[];
}

export interface CalendarInfo {
  readonly id: string;
  readonly name: string;
  readonly builtIn: boolean;
  readonly spec: CalendarSpec;
  readonly years: readonly CalendarYear[];
}

export const LOB_LABEL: Record<string, string> = {
  medicare_advantage: 'Medicare Advantage',
  medicaid: 'Medicaid',
  chip: 'CHIP',
  commercial: 'Commercial',
  qhp: 'Exchange (QHP)',
};
export const FUNDING_LABEL: Record<string, string> = { fully_insured: 'fully insured', self_funded: 'self-funded' };

/** "Medicaid · FFS · TX": what a row applies to, in words. */
export function assignmentLabel(a: Assignment): string {
  const parts = [LOB_LABEL[a.lineOfBusiness] ?? a.lineOfBusiness];
  parts.push(a.productType ?? 'any product');
  if (a.funding !== undefined) parts.push(FUNDING_LABEL[a.funding] ?? a.funding);
  parts.push(a.state ?? 'any state');
  return parts.join(' · ');
}

/** Rating periods matter for managed care (the Medicaid 7-day rule keys on their start). */
export const hasRatingPeriod = (lob: string): boolean => lob === 'medicaid' || lob === 'chip';

/** The calendar's id an assignment uses (its own, else its first policy's). */
export function calendarIdOf(a: Assignment, policies: ReadonlyMap<string, Policy>): string {
  if (typeof a.calendar === 'string') return a.calendar;
  if (a.calendar !== undefined) return a.calendar.id;
  return policies.get(a.policies[0] ?? '')?.calendar ?? 'us-federal';
}

/** The latest MM-DD on or before the day (the rating period in force). */
export function ratingPeriodStart(monthDay: string, today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${monthDay}`;
  return thisYear <= today ? thisYear : `${year - 1}-${monthDay}`;
}

/** The version of a policy in force for a request received today under this assignment. */
export function versionInForce(p: Policy, a: Assignment, today: string): { version: PolicyVersion | undefined; keyDate: string } {
  const keyDate = p.versionKey === 'rating_period_start' && a.ratingPeriodStartMonthDay !== undefined ? ratingPeriodStart(a.ratingPeriodStartMonthDay, today) : today;
  const version = p.versions.find((v) => v.effectiveFrom <= keyDate && (v.effectiveTo === null || keyDate < v.effectiveTo));
  return { version, keyDate };
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const keyOf = (a: Assignment): string => assignmentLabel(a);

/** Does any of the row's policies choose its version by the rating period? (Without a catalogue: managed-care lines.) */
export function usesRatingPeriod(a: Assignment, policies: ReadonlyMap<string, Policy>): boolean {
  if (policies.size === 0) return hasRatingPeriod(a.lineOfBusiness);
  return a.policies.some((id) => policies.get(id)?.versionKey === 'rating_period_start');
}

/** Every difference between what is saved and what will be saved, in words (rows moved to another calendar grouped). */
export function describeChanges(saved: ClockConfig, draft: ClockConfig, policies: ReadonlyMap<string, Policy> = new Map()): string[] {
  const out: string[] = [];
  const calendarMoves = new Map<string, string[]>();
  if (saved.clocks.timeZone !== draft.clocks.timeZone) out.push(`Plan time zone: ${saved.clocks.timeZone} → ${draft.clocks.timeZone}`);
  if (saved.atRiskPercent !== draft.atRiskPercent) out.push(`At-risk warning: at ${saved.atRiskPercent} % → at ${draft.atRiskPercent} % of the window`);
  const before = new Map(saved.clocks.assignments.map((a) => [keyOf(a), a]));
  const after = new Map(draft.clocks.assignments.map((a) => [keyOf(a), a]));
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined) {
      out.push(`Added: ${key} → ${a.policies.join(', ')}`);
      continue;
    }
    if (!same(b.policies, a.policies)) out.push(`${key}: policies ${b.policies.join(', ')} → ${a.policies.join(', ')}`);
    if (b.ratingPeriodStartMonthDay !== a.ratingPeriodStartMonthDay) out.push(`${key}: rating period starts ${b.ratingPeriodStartMonthDay ?? '(not set)'} → ${a.ratingPeriodStartMonthDay ?? '(not set)'}`);
    if (b.timeZone !== a.timeZone) out.push(`${key}: time zone ${b.timeZone ?? 'the plan’s'} → ${a.timeZone ?? 'the plan’s'}`);
    const from = calendarIdOf(b, policies);
    const to = calendarIdOf(a, policies);
    if (from !== to) {
      const move = `Holiday calendar ${from} → ${to}`;
      calendarMoves.set(move, [...(calendarMoves.get(move) ?? []), key]);
    }
  }
  for (const [move, keys] of calendarMoves) out.push(`${move} for ${keys.length === 1 ? '' : `${keys.length} rows: `}${keys.join('; ')}`);
  for (const key of before.keys()) if (!after.has(key)) out.push(`Removed: ${key}`);
  // The tenant's own calendars, compared by id.
  const own = (c: ClockConfig) => new Map(c.clocks.assignments.flatMap((a) => (typeof a.calendar === 'object' ? [[a.calendar.id, a.calendar] as const] : [])));
  const ownBefore = own(saved);
  for (const [id, spec] of own(draft)) {
    const was = ownBefore.get(id);
    const added = spec.addedDates.filter((d) => was?.addedDates.includes(d) !== true);
    const unadded = (was?.addedDates ?? []).filter((d) => !spec.addedDates.includes(d));
    const removed = spec.removedDates.filter((d) => was?.removedDates.includes(d) !== true);
    const restored = (was?.removedDates ?? []).filter((d) => !spec.removedDates.includes(d));
    if (was === undefined) out.push(`New calendar ${id} (“${spec.name}”)`);
    else if (was.name !== spec.name) out.push(`Calendar ${id} renamed “${spec.name}”`);
    if (added.length > 0) out.push(`Calendar ${id}: closed on ${added.join(', ')}`);
    if (unadded.length > 0) out.push(`Calendar ${id}: open again on ${unadded.join(', ')}`);
    if (removed.length > 0) out.push(`Calendar ${id}: holiday not kept on ${removed.join(', ')}`);
    if (restored.length > 0) out.push(`Calendar ${id}: holiday kept again on ${restored.join(', ')}`);
  }
  return out;
}

/** "Mon 5 Jul 2027" for a YYYY-MM-DD date. */
export function dayLabel(iso: string): string {
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
}

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}
