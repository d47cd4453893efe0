import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isUmError } from '../../platform/errors';
import { endOfLocalDay, epochDayOf, formatInstant, instantOfWall, localDay, parseDate, parseInstant, plusLocalDays, zoneFor } from './zoned';

const ny = zoneFor('America/New_York');

describe('zoned time', () => {
  it('writes instants with the offset in force in the zone', () => {
    expect(formatInstant(parseInstant('2026-03-06T17:00:00Z'), ny)).toBe('2026-03-06T12:00:00-05:00');
    expect(formatInstant(parseInstant('2026-07-06T17:00:00.250Z'), ny)).toBe('2026-07-06T13:00:00.250-04:00');
    expect(formatInstant(parseInstant('2026-07-06T17:00:00Z'), zoneFor('UTC'))).toBe('2026-07-06T17:00:00+00:00');
    expect(formatInstant(parseInstant('2026-07-06T17:00:00Z'), zoneFor('Asia/Kolkata'))).toBe('2026-07-06T22:30:00+05:30');
  });

  it('ends a calendar day at 23:59:59 local, on either side of a DST change', () => {
    expect(formatInstant(endOfLocalDay(epochDayOf(2026, 3, 8), ny), ny)).toBe('2026-03-08T23:59:59-04:00');
    expect(formatInstant(endOfLocalDay(epochDayOf(2026, 11, 1), ny), ny)).toBe('2026-11-01T23:59:59-05:00');
  });

  it('takes the later side of a spring-forward gap and keeps the wall clock when adding days', () => {
    const wall = Date.UTC(2026, 2, 8, 2, 30);
    expect(formatInstant(instantOfWall(wall, ny), ny)).toBe('2026-03-08T03:30:00-04:00');
    expect(formatInstant(plusLocalDays(parseInstant('2026-03-07T10:00:00-05:00'), 1, ny), ny)).toBe('2026-03-08T10:00:00-04:00');
  });

  it('reads the local date of an instant in the governing zone', () => {
    const ms = parseInstant('2026-01-01T04:30:00+00:00');
    expect(localDay(ms, zoneFor('America/Los_Angeles'))).toBe(epochDayOf(2025, 12, 31));
    expect(localDay(ms, zoneFor('UTC'))).toBe(epochDayOf(2026, 1, 1));
  });

  it('refuses instants without an offset, impossible dates and unknown zones', () => {
    for (const bad of [() => parseInstant('2026-01-01T10:00:00'), () => parseDate('2026-02-30'), () => zoneFor('Mars/Olympus')]) {
      try {
        bad();
        expect.unreachable();
      } catch (e) {
        expect(isUmError(e) && e.code).toBe('UM_ERR_CLOCK_INPUT');
      }
    }
  });
});

describe('memoized offsets', () => {
  it('equal luxon\u2019s offsets at every instant, including around transitions and in half-hour zones', () => {
    const names = ['America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Europe/London', 'America/Santiago'];
    // Around the 2026 transitions of each zone as well as at random instants.
    const near = fc.constantFrom(Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 3, 4, 15), Date.UTC(2026, 9, 3, 15, 30), Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 3, 5, 3));
    const instant = fc.oneof(
      fc.tuple(near, fc.integer({ min: -7_200_000, max: 7_200_000 })).map(([a, d]) => a + d),
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...names), instant, (name, ms) => {
        expect(zoneFor(name).offset(ms)).toBe(IANAZone.create(name).offset(ms));
      }),
      { numRuns: 3000 },
    );
  });
});
