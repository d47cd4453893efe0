/** The holidays the administration screen shows, and the checks settings pass before they are stored. */
import { describe, expect, it } from 'vitest';
import { calendarHolidays, checkClockSettings, policyCatalogue } from './admin';
import { BUILT_IN_POLICIES } from './policies/index';
import { CALENDAR_SPECS } from './time/calendars';
import { DEFAULT_CLOCK_SETTINGS } from './settings';

describe('calendarHolidays', () => {
  it('gives each federal holiday its own date and its observed date (5 U.S.C. 6103(b))', () => {
    const y2028 = calendarHolidays(CALENDAR_SPECS['us-federal'], 2028);
    expect(y2028).toContainEqual({ observedOn: '2028-11-10', date: '2028-11-11', name: 'Veterans Day', source: 'federal' });
    // New Year's Day 2028 is a Saturday: observed in 2027, so not a 2028 holiday.
    expect(y2028.map((h) => h.name)).not.toContain("New Year's Day");
    expect(y2028).toHaveLength(10);
  });

  it('marks a state rule, an added closure and a removed holiday', () => {
    const spec = { ...CALENDAR_SPECS['us-ca'], id: 'plan-ca', addedDates: ['2026-12-24'], removedDates: ['2026-10-12'] };
    const days = calendarHolidays(spec, 2026);
    expect(days).toContainEqual({ observedOn: '2026-03-31', date: '2026-03-31', name: 'Cesar Chavez Day', source: 'rule' });
    expect(days).toContainEqual({ observedOn: '2026-12-24', date: '2026-12-24', name: 'Added closure', source: 'added' });
    expect(days).toContainEqual({ observedOn: '2026-10-12', date: '2026-10-12', name: 'Columbus Day', source: 'removed' });
    expect(days.map((d) => d.observedOn)).toEqual([...days.map((d) => d.observedOn)].sort());
  });
});

describe('checkClockSettings', () => {
  it('accepts the defaults and refuses every unknown reference at once', () => {
    expect(() => checkClockSettings(DEFAULT_CLOCK_SETTINGS, BUILT_IN_POLICIES)).not.toThrow();
    const bad = { ...DEFAULT_CLOCK_SETTINGS, timeZone: 'Mars/Olympus', assignments: [{ lineOfBusiness: 'medicaid' as const, policies: ['nope', 'nope'], ratingPeriodStartMonthDay: '02-29', calendar: 'us-xx' }] };
    try {
      checkClockSettings(bad, BUILT_IN_POLICIES);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'UM_ERR_CLOCK_INPUT' });
      const paths = (e as { details: { path: string }[] }).details.map((d) => d.path);
      expect(paths).toEqual(['/timeZone', '/assignments/0/policies/0', '/assignments/0/policies/1', '/assignments/0/policies', '/assignments/0/ratingPeriodStartMonthDay', '/assignments/0/calendar']);
    }
  });
});

it('lists every built-in policy with versions in order and their citations', () => {
  const items = policyCatalogue(BUILT_IN_POLICIES);
  expect(items.map((p) => p.id)).toEqual([...BUILT_IN_POLICIES.keys()]);
  for (const p of items) for (const v of p.versions) expect(v.citations.length).toBeGreaterThan(0);
});
