import { readFileSync } from 'node:fs';
import Holidays from 'date-holidays';
import { describe, expect, it } from 'vitest';
import { compileCalendar, listHolidays } from './calendar';
import { builtInCalendar } from './calendars';
import { epochDayOf, formatDate } from './zoned';

const federal = builtInCalendar('us-federal');
const day = (iso: string): number => epochDayOf(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));

describe('US federal holidays (5 U.S.C. 6103)', () => {
  it('match the observed dates of the scenario file for 2025–2028', () => {
    const doc: unknown = JSON.parse(readFileSync(new URL('../../../test/fixtures/clocks/clock-scenarios.json', import.meta.url), 'utf8'));
    if (typeof doc !== 'object' || doc === null || !('federal_holidays_2025_2028' in doc)) throw new Error('fixture without holidays');
    const expected = doc.federal_holidays_2025_2028;
    const ours = { ...listHolidays(federal, 2025), ...listHolidays(federal, 2026), ...listHolidays(federal, 2027), ...listHolidays(federal, 2028) };
    expect(ours).toEqual(expected);
  });

  it('observe Saturday holidays on Friday and Sunday holidays on Monday, across the year boundary', () => {
    expect(federal.isHoliday(day('2026-07-03'))).toBe(true); // Jul 4 2026 is a Saturday
    expect(federal.isHoliday(day('2027-07-05'))).toBe(true); // Jul 4 2027 is a Sunday
    expect(federal.isHoliday(day('2027-12-31'))).toBe(true); // Jan 1 2028 is a Saturday
    expect(Object.keys(listHolidays(federal, 2028))).not.toContain('2028-01-01');
  });

  it('leave out Inauguration Day and keep Juneteenth only from 2021', () => {
    expect(federal.isHoliday(day('2025-01-20'))).toBe(true); // MLK Day, not the inauguration
    expect(federal.isHoliday(day('2033-01-20'))).toBe(false); // Inauguration Day 2033 (a Thursday)
    expect(federal.isHoliday(day('2020-06-19'))).toBe(false);
    expect(federal.isHoliday(day('2021-06-18'))).toBe(true); // first Juneteenth, a Saturday
  });

  it('agree with date-holidays except where it misses the Saturday/Sunday observance of Veterans Day', () => {
    const lib = new Holidays('US', { types: ['public'] });
    const differences: string[] = [];
    for (let y = 2021; y <= 2040; y += 1) {
      // date-holidays lists both the actual date and the substitute: compare the weekdays off.
      const dates = lib.getHolidays(y).map((h) => h.date.slice(0, 10));
      const theirs = new Set(dates.filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())));
      const ours = new Set(Object.keys(listHolidays(federal, y)));
      for (const d of theirs) if (!ours.has(d)) differences.push(`lib ${d}`);
      for (const d of ours) if (!theirs.has(d)) differences.push(`ours ${d}`);
    }
    expect(differences).toEqual(['ours 2023-11-10', 'ours 2028-11-10', 'ours 2029-11-12', 'ours 2034-11-10', 'ours 2035-11-12', 'ours 2040-11-12']);
  });
});

describe('business days', () => {
  it('skip weekends and holidays (Nth business day strictly after the date)', () => {
    expect(formatDate(federal.addBusinessDays(day('2025-07-03'), 1))).toBe('2025-07-07');
    expect(formatDate(federal.addBusinessDays(day('2025-07-02'), 3))).toBe('2025-07-08');
    expect(formatDate(federal.addBusinessDays(day('2027-12-30'), 1))).toBe('2028-01-03');
    expect(formatDate(federal.addBusinessDays(day('2026-06-13'), 1))).toBe('2026-06-15'); // from a Saturday
  });

  it('follow the jurisdiction: California adds Cesar Chavez Day and the day after Thanksgiving', () => {
    const ca = builtInCalendar('us-ca');
    expect(ca.isHoliday(day('2025-03-31'))).toBe(true);
    expect(federal.isHoliday(day('2025-03-31'))).toBe(false);
    expect(ca.isHoliday(day('2026-03-30'))).toBe(false); // Mar 31 2026 is a Tuesday
    expect(ca.isHoliday(day('2024-04-01'))).toBe(true); // Mar 31 2024 is a Sunday → Monday
    expect(ca.isHoliday(day('2025-11-28'))).toBe(true);
    expect(builtInCalendar('us-tx').isHoliday(day('2025-11-28'))).toBe(true);
    expect(formatDate(ca.addBusinessDays(day('2025-03-28'), 1))).toBe('2025-04-01');
  });

  it('take a tenant calendar as data: added closures and removed holidays', () => {
    const custom = compileCalendar({
      id: 'plan-x',
      name: 'Plan X',
      base: 'us_federal',
      addedRules: [],
      addedDates: ['2026-12-24'],
      removedDates: ['2026-10-12'],
    });
    expect(custom.isHoliday(day('2026-12-24'))).toBe(true);
    expect(custom.isHoliday(day('2026-10-12'))).toBe(false);
    expect(formatDate(custom.addBusinessDays(day('2026-12-23'), 1))).toBe('2026-12-28');
    const none = compileCalendar({ id: 'none', name: 'weekends only', base: 'none', addedRules: [], addedDates: [], removedDates: [] });
    expect(none.isBusinessDay(day('2026-12-25'))).toBe(true);
  });
});
