import { describe, expect, it } from 'vitest';
import { alarmsDue, atRiskInstant, breachLevel, nextAlarmAt, type AlarmFacts } from './alarms';

const d = (s: string) => new Date(s);
const clock = (over: Partial<AlarmFacts> = {}): AlarmFacts => ({
  state: 'running',
  dueAt: d('2026-11-23T14:00:00Z'),
  atRiskAt: atRiskInstant(d('2026-11-20T14:00:00Z'), d('2026-11-23T14:00:00Z'), 75),
  atRiskWarnedAt: null,
  overdueMarkedAt: null,
  ...over,
});

describe('clock alarms', () => {
  it('puts the at-risk warning at the given share of the window (75 % of 72 h = 54 h)', () => {
    expect(atRiskInstant(d('2026-11-20T14:00:00Z'), d('2026-11-23T14:00:00Z'), 75).toISOString()).toBe('2026-11-22T20:00:00.000Z');
  });

  it('fires the warning, then the overdue mark, each once', () => {
    const c = clock();
    expect(nextAlarmAt(c)?.toISOString()).toBe('2026-11-22T20:00:00.000Z');
    expect(alarmsDue(c, d('2026-11-22T19:59:59Z'))).toEqual([]);
    expect(alarmsDue(c, d('2026-11-22T20:00:00Z'))).toEqual(['at_risk']);
    const warned = { ...c, atRiskWarnedAt: d('2026-11-22T20:00:00Z') };
    expect(nextAlarmAt(warned)?.toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(alarmsDue(warned, d('2026-11-23T13:00:00Z'))).toEqual([]);
    expect(alarmsDue(warned, d('2026-11-23T14:00:00Z'))).toEqual(['overdue']);
    expect(nextAlarmAt({ ...warned, overdueMarkedAt: d('2026-11-23T14:00:01Z') })).toBeNull();
  });

  it('skips a warning whose moment passed together with the due time (the sweep ran late)', () => {
    expect(alarmsDue(clock(), d('2026-11-24T00:00:00Z'))).toEqual(['overdue']);
    expect(nextAlarmAt({ ...clock(), overdueMarkedAt: d('2026-11-24T00:00:00Z') })).toBeNull();
  });

  it('keeps watching a decided clock waiting for its notice, and nothing once met, late or stopped', () => {
    expect(alarmsDue(clock({ state: 'awaiting_notice' }), d('2026-11-23T14:00:00Z'))).toEqual(['overdue']);
    for (const state of ['met', 'late', 'stopped', 'no_clock'] as const) expect(nextAlarmAt(clock({ state }))).toBeNull();
  });

  it('says how close the breach is', () => {
    const c = clock();
    expect(breachLevel(c.dueAt, c.atRiskAt, d('2026-11-21T00:00:00Z'))).toBe('on_track');
    expect(breachLevel(c.dueAt, c.atRiskAt, d('2026-11-23T00:00:00Z'))).toBe('at_risk');
    expect(breachLevel(c.dueAt, c.atRiskAt, d('2026-11-23T14:00:00Z'))).toBe('overdue');
    expect(breachLevel(null, null, d('2026-11-23T14:00:00Z'))).toBe('no_clock');
  });
});
