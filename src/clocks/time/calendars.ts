/**
 * The built-in business-day calendars. A tenant may store its own `BusinessCalendarSpec` per
 * jurisdiction (added closures, removed holidays) and pass it to the engine instead.
 *
 * State calendars add only the state holidays regulations.md §8 names (the day after Thanksgiving
 * in California and Texas; Cesar Chavez Day in California). Other state holidays are left for the
 * tenant to configure: a missing holiday makes a deadline earlier, never later, so the defaults err
 * on the safe side (regulations.md §10 item 5).
 */
import { compileCalendar, type BusinessCalendar, type BusinessCalendarSpec } from './calendar';

const dayAfterThanksgiving = {
  kind: 'nth_weekday',
  name: 'Day after Thanksgiving',
  month: 11,
  weekday: 4,
  nth: 4,
  offsetDays: 1,
} as const;

export const CALENDAR_SPECS = {
  'us-federal': {
    id: 'us-federal',
    name: 'US federal legal public holidays (5 U.S.C. 6103)',
    base: 'us_federal',
    addedRules: [],
    addedDates: [],
    removedDates: [],
  },
  'us-tx': {
    id: 'us-tx',
    name: 'Texas: federal holidays plus the day after Thanksgiving (Tex. Gov\u2019t Code 662.003(b))',
    base: 'us_federal',
    addedRules: [dayAfterThanksgiving],
    addedDates: [],
    removedDates: [],
  },
  'us-ca': {
    id: 'us-ca',
    name: 'California: federal holidays plus Cesar Chavez Day and the day after Thanksgiving (Cal. Gov. Code 6700)',
    base: 'us_federal',
    addedRules: [
      { kind: 'fixed', name: 'Cesar Chavez Day', month: 3, day: 31, observance: 'sunday_to_monday' },
      dayAfterThanksgiving,
    ],
    addedDates: [],
    removedDates: [],
  },
} as const satisfies Record<string, BusinessCalendarSpec>;

export type BuiltInCalendarId = keyof typeof CALENDAR_SPECS;

const compiled = new Map<string, BusinessCalendar>();

/** The compiled built-in calendar with this id (compiled once, then shared; it is immutable). */
export function builtInCalendar(id: BuiltInCalendarId): BusinessCalendar {
  let cal = compiled.get(id);
  if (cal === undefined) {
    cal = compileCalendar(CALENDAR_SPECS[id]);
    compiled.set(id, cal);
  }
  return cal;
}
