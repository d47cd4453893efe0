/**
 * From an anchor instant and a rule's window to the due instant, with the conventions of
 * shared/scenarios/clock-scenarios.json: hours are elapsed time (C2); calendar days end 23:59:59
 * local on day N with the anchor's date as day 0 (C3); business days skip weekends and the
 * calendar's holidays and end 23:59:59 on the Nth business day after the anchor's date (C4).
 */
import { UmError } from '../platform/errors';
import type { ClockWindow, StaffingSchedule } from './policy';
import type { BusinessCalendar } from './time/calendar';
import { builtInCalendar } from './time/calendars';
import {
  MS_PER_HOUR, endOfLocalDay, localDay, localTimeOn, weekdayOf, zoneFor, type ClockZone,
} from './time/zoned';

export interface WindowEnv {
  readonly zone: ClockZone;
  /** The tenant's calendar; otherwise the calendar of the policy whose rule is running. */
  readonly calendarOverride: BusinessCalendar | undefined;
  /** Receipt instant: the earliest a notice can be due. */
  readonly receivedMs: number;
  /** Planned end of covered services (NOMNC), as an epoch day. */
  readonly servicesEndDay: number | undefined;
}

/** The due instant of a window that starts at `anchorMs`. */
export function windowDue(window: ClockWindow, anchorMs: number, env: WindowEnv, calendar: BusinessCalendar): number {
  switch (window.unit) {
    case 'minutes':
      return anchorMs + window.amount * 60_000;
    case 'hours':
      return anchorMs + window.amount * MS_PER_HOUR;
    case 'calendar_days':
      return endOfLocalDay(localDay(anchorMs, env.zone) + window.amount, env.zone);
    case 'business_days':
      return endOfLocalDay(calendar.addBusinessDays(localDay(anchorMs, env.zone), window.amount), env.zone);
    case 'calendar_days_before_services_end': {
      if (env.servicesEndDay === undefined) {
        throw new UmError('UM_ERR_CLOCK_INPUT', 'This notice clock needs the planned end of services (planned_services_end)');
      }
      // Services spanning fewer than N days: the notice is due when services start (405.1200(b)).
      return Math.max(endOfLocalDay(env.servicesEndDay - window.amount, env.zone), env.receivedMs);
    }
    case 'close_of_business': {
      const day = localDay(anchorMs, env.zone);
      const cob = localTimeOn(day, window.hour, 0, env.zone);
      return anchorMs < cob ? cob : endOfLocalDay(day, env.zone);
    }
    case 'staffed_hours':
      return nextStaffedInstant(anchorMs, window.staffing) + window.amount * MS_PER_HOUR;
  }
}

/**
 * The instant itself if it falls inside a staffed period, else the start of the next one
 * (Tex. Ins. Code 843.348(g); 28 TAC 19.1718(d)(3)). Weekends and the calendar's legal holidays
 * use the shorter weekend period.
 */
export function nextStaffedInstant(ms: number, staffing: StaffingSchedule): number {
  const zone = zoneFor(staffing.timeZone);
  const calendar = builtInCalendar(staffing.calendar);
  const first = localDay(ms, zone);
  for (let day = first; day < first + 14; day += 1) {
    const wd = weekdayOf(day);
    const reduced = wd === 0 || wd === 6 || calendar.isHoliday(day);
    const [from, to] = reduced ? staffing.weekendsAndHolidays : staffing.weekdays;
    const start = localTimeOn(day, Math.floor(from / 60), from % 60, zone);
    const end = localTimeOn(day, Math.floor(to / 60), to % 60, zone);
    if (ms < start) return start;
    if (ms < end) return ms;
  }
  throw new UmError('UM_ERR_CLOCK_INPUT', 'The staffing schedule has no staffed period in the next two weeks');
}

/** The window's unit and amount as shown to people. */
export function windowSummary(window: ClockWindow): { readonly unit: 'minutes' | 'hours' | 'calendar_days' | 'business_days'; readonly amount: number } {
  switch (window.unit) {
    case 'minutes':
    case 'hours':
    case 'calendar_days':
    case 'business_days':
      return { unit: window.unit, amount: window.amount };
    case 'calendar_days_before_services_end':
      return { unit: 'calendar_days', amount: -window.amount };
    case 'close_of_business':
      return { unit: 'calendar_days', amount: 0 };
    case 'staffed_hours':
      return { unit: 'hours', amount: window.amount };
  }
}
