import { describe, expect, it } from 'vitest';
import { judgeTimeliness, measuredInstant, timelinessMeasureFor } from './timeliness';

const d = (s: string) => new Date(s);
const instants = { decidedAt: d('2026-11-20T10:00:00Z'), oralNoticeAt: d('2026-11-20T11:00:00Z'), writtenNoticeAt: d('2026-11-24T09:00:00Z') };

describe('timeliness', () => {
  it('measures the notice for MA, Medicaid, ERISA and the TX / NY / IL rules, the decision for California', () => {
    for (const p of ['medicare_advantage', 'medicaid_managed_care', 'commercial_erisa', 'texas_commercial', 'new_york_commercial', 'illinois_commercial']) expect(timelinessMeasureFor(p)).toBe('notice');
    expect(timelinessMeasureFor('california_commercial')).toBe('decision');
  });

  it('counts the oral notice on the fast track, only the written notice on the standard track', () => {
    expect(measuredInstant('notice', 'fast', instants)?.toISOString()).toBe('2026-11-20T11:00:00.000Z');
    expect(measuredInstant('notice', 'standard', instants)?.toISOString()).toBe('2026-11-24T09:00:00.000Z');
    expect(measuredInstant('notice', 'standard', { ...instants, writtenNoticeAt: null })).toBeNull();
    expect(measuredInstant('decision', 'standard', instants)?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it('is on time at the due instant, late one millisecond after', () => {
    expect(judgeTimeliness(d('2026-11-23T14:00:00.000Z'), d('2026-11-23T14:00:00.000Z'))).toBe('met');
    expect(judgeTimeliness(d('2026-11-23T14:00:00.001Z'), d('2026-11-23T14:00:00.000Z'))).toBe('late');
  });
});
