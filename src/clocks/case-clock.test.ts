import { describe, expect, it } from 'vitest';
import { computeCaseClock } from './case-clock';

describe('computeCaseClock', () => {
  it('is due at the earliest line deadline, with every line\u2019s clock', () => {
    const r = computeCaseClock({
      caseKind: 'prior_auth',
      coverage: { lineOfBusiness: 'medicare_advantage', productType: 'HMO', state: 'FL' },
      priority: 'standard',
      receivedAt: '2026-03-02T10:00:00-05:00',
      lines: [
        { lineId: 'L1', serviceGroup: 'radiology' },
        { lineId: 'L2', serviceGroup: 'part_b_drug' },
        { lineId: 'L3', serviceGroup: 'dme', subjectToPriorAuthorization: false },
      ],
      events: [{ type: 'extension_taken', at: '2026-03-03T09:00:00-05:00', days: 14, reason: 'enrollee_requested' }],
    });
    expect(r.kind).toBe('scheduled');
    if (r.kind !== 'scheduled') return;
    expect(r.governingLineId).toBe('L2');
    expect(r.dueAt).toBe('2026-03-05T10:00:00-05:00');
    expect(r.timeZone).toBe('America/New_York');
    const due = Object.fromEntries(r.lines.map((l) => [l.lineId, l.result.kind === 'no_clock' ? l.result.kind : l.result.dueAt]));
    expect(due).toEqual({ L1: '2026-03-23T23:59:59-04:00', L2: '2026-03-05T10:00:00-05:00', L3: '2026-03-30T23:59:59-04:00' });
    const l2 = r.lines[1]?.result;
    expect(l2?.kind !== 'no_clock' && l2?.refused[0]?.code).toBe('UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED');
  });

  it('uses the tenant rating period and the state overlay', () => {
    const settings = {
      version: 1 as const,
      timeZone: 'America/New_York',
      assignments: [{ lineOfBusiness: 'medicaid' as const, policies: ['medicaid_managed_care'], ratingPeriodStartMonthDay: '07-01' }],
    };
    const before = computeCaseClock({ caseKind: 'prior_auth', coverage: { lineOfBusiness: 'medicaid' }, priority: 'standard', receivedAt: '2026-03-16T10:00:00-04:00', lines: [{ lineId: 'A' }], settings });
    expect(before.kind === 'scheduled' && before.dueAt).toBe('2026-03-30T23:59:59-04:00');
    const after = computeCaseClock({ caseKind: 'prior_auth', coverage: { lineOfBusiness: 'medicaid' }, priority: 'standard', receivedAt: '2026-07-06T10:00:00-04:00', lines: [{ lineId: 'A' }], settings });
    expect(after.kind === 'scheduled' && after.dueAt).toBe('2026-07-13T23:59:59-04:00');
    const tx = computeCaseClock({ caseKind: 'concurrent_review', coverage: { lineOfBusiness: 'commercial', funding: 'fully_insured', state: 'TX' }, priority: 'standard', receivedAt: '2026-03-07T22:00:00-05:00', lines: [] });
    expect(tx).toMatchObject({ kind: 'scheduled', governingLineId: 'case', dueAt: '2026-03-08T23:00:00-04:00', policies: ['texas_commercial'] });
  });

  it('has no clock when no policy covers the request', () => {
    const r = computeCaseClock({ caseKind: 'post_stabilization', coverage: { lineOfBusiness: 'commercial', funding: 'self_funded' }, priority: 'expedited', receivedAt: '2026-03-07T22:00:00-05:00', lines: [{ lineId: 'A' }, { lineId: 'B' }] });
    expect(r.kind).toBe('no_clock');
    expect(r.lines).toHaveLength(2);
  });

  it('dates a retrospective MA request as a 30-day payment clock and its appeal as 60 days', () => {
    const retro = computeCaseClock({ caseKind: 'retrospective', coverage: { lineOfBusiness: 'medicare_advantage' }, priority: 'standard', receivedAt: '2026-04-10T14:00:00-04:00', lines: [{ lineId: 'A' }] });
    expect(retro.kind === 'scheduled' && retro.dueAt).toBe('2026-05-10T23:59:59-04:00');
    const appeal = computeCaseClock({ caseKind: 'reconsideration', appealOf: 'retrospective', coverage: { lineOfBusiness: 'medicare_advantage' }, priority: 'standard', receivedAt: '2025-11-03T09:00:00-05:00', lines: [{ lineId: 'A' }] });
    expect(appeal.kind === 'scheduled' && appeal.dueAt).toBe('2026-01-02T23:59:59-05:00');
  });
});
