import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeClock, requireClock } from './engine';
import { formatInstant, localDay, zoneFor } from './time/zoned';

const zones = fc.constantFrom('America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu');
// Whole seconds between 2025-01-01 and 2028-12-31.
const instants = fc.integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2028, 11, 31) / 1000 }).map((s) => s * 1000);
const iso = (ms: number, zone: string): string => formatInstant(ms, zoneFor(zone));

describe('clock invariants', () => {
  it('hour clocks are exactly N elapsed hours, whatever the zone and DST', () => {
    fc.assert(
      fc.property(instants, zones, fc.constantFrom(['part_b_drug', 72], ['post_stabilization', 1]), (ms, zone, [requestType, hours]) => {
        const c = requireClock(computeClock({ policies: ['medicare_advantage'], requestType: requestType === 'part_b_drug' ? 'part_b_drug' : 'post_stabilization', priority: 'standard', receivedAt: iso(ms, zone), timeZone: zone }));
        expect(c.dueEpochMs - ms).toBe(Number(hours) * 3_600_000);
      }),
    );
  });

  it('calendar-day clocks end at 23:59:59 local on day N after the local receipt date', () => {
    fc.assert(
      fc.property(instants, zones, (ms, zone) => {
        const c = requireClock(computeClock({ policies: ['commercial_erisa'], requestType: 'post_service', priority: 'standard', receivedAt: iso(ms, zone), timeZone: zone }));
        expect(c.dueAt.slice(11, 19)).toBe('23:59:59');
        expect(localDay(c.dueEpochMs, zoneFor(zone)) - localDay(ms, zoneFor(zone))).toBe(30);
      }),
    );
  });

  it('a refused event never moves the due time; an accepted extension never makes it earlier', () => {
    fc.assert(
      fc.property(instants, zones, fc.integer({ min: 0, max: 80 }), fc.integer({ min: 1, max: 30 }), (ms, zone, afterHours, days) => {
        const receivedAt = iso(ms, zone);
        const at = iso(ms + afterHours * 3_600_000, zone);
        for (const requestType of ['part_b_drug', 'pre_service'] as const) {
          const plain = requireClock(computeClock({ policies: ['medicare_advantage'], requestType, priority: 'standard', receivedAt, timeZone: zone }));
          const extended = requireClock(computeClock({ policies: ['medicare_advantage'], requestType, priority: 'standard', receivedAt, timeZone: zone, events: [{ type: 'extension_requested', at, days }] }));
          if (extended.refused.length > 0) expect(extended.dueEpochMs).toBe(plain.dueEpochMs);
          else expect(extended.dueEpochMs).toBeGreaterThan(plain.dueEpochMs);
          if (requestType === 'part_b_drug') expect(extended.refused).toHaveLength(1);
        }
      }),
    );
  });
});
