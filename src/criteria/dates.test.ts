import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageInYears, daysBetween, isIsoDate, requireIsoDate } from './dates';

const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const lx = (d: string): DateTime => DateTime.fromISO(d, { zone: 'utc' });

describe('calendar dates (checked against luxon)', () => {
  it('recognizes real dates only', () => {
    expect(['2024-02-29', '2025-12-31', '1900-01-01'].every(isIsoDate)).toBe(true);
    expect(['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-1', '20250101', '', '2025-03-03T00:00:00Z'].some(isIsoDate)).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
    expect(() => requireIsoDate('2025-02-30', 'x')).toThrow('x must be a date written YYYY-MM-DD');
  });

  it('adds days and months and counts days like luxon', () => {
    fc.assert(fc.property(date, fc.integer({ min: -4000, max: 4000 }), (d, n) => {
      expect(addDays(d, n)).toBe(lx(d).plus({ days: n }).toISODate());
    }), { numRuns: 500 });
    fc.assert(fc.property(date, fc.integer({ min: -240, max: 240 }), (d, n) => {
      expect(addMonths(d, n)).toBe(lx(d).plus({ months: n }).toISODate());
    }), { numRuns: 500 });
    fc.assert(fc.property(date, date, (a, b) => {
      expect(daysBetween(a, b)).toBe(Math.round(lx(b).diff(lx(a), 'days').days));
    }), { numRuns: 500 });
  });

  it('computes ages in whole years', () => {
    expect(ageInYears('1953-01-15', '2025-01-14')).toBe(71);
    expect(ageInYears('1953-01-15', '2025-01-15')).toBe(72);
    expect(ageInYears('2000-02-29', '2025-02-28')).toBe(24);
    expect(ageInYears('2000-02-29', '2025-03-01')).toBe(25);
    fc.assert(fc.property(date, date, (a, b) => {
      fc.pre(a <= b && !a.endsWith('-02-29'));
      expect(ageInYears(a, b)).toBe(Math.floor(lx(b).diff(lx(a), 'years').years));
    }), { numRuns: 500 });
  });
});
