import { describe, expect, it } from 'vitest';
import { isUmError } from '../platform/errors';
import { computeClock, requireClock } from './engine';
import { compileCalendar } from './time/calendar';
import type { ClockEvent, ClockInput, ComputedClock } from './types';

const NY = 'America/New_York';
const clock = (input: Partial<ClockInput> & Pick<ClockInput, 'policies' | 'requestType' | 'receivedAt'>): ComputedClock =>
  requireClock(computeClock({ priority: 'standard', timeZone: NY, ...input }));

describe('refused extension (Part B drug)', () => {
  const ev: ClockEvent = { type: 'extension_requested', at: '2025-09-11T09:00:00-04:00', days: 14 };
  const c = clock({ policies: ['medicare_advantage'], requestType: 'part_b_drug', receivedAt: '2025-09-10T12:00:00-04:00', events: [ev] });

  it('keeps the 72-hour due time', () => {
    expect(c.dueAt).toBe('2025-09-13T12:00:00-04:00');
    expect(c.rule).toMatchObject({ policyId: 'medicare_advantage', policyVersion: '2020-01', ruleId: 'ma.part_b_drug.standard', unit: 'hours', amount: 72 });
  });

  it('reports the refusal with its code and reason', () => {
    expect(c.refused).toEqual([
      {
        kind: 'refused',
        event: 'extension_requested',
        at: '2025-09-11T09:00:00-04:00',
        code: 'UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED',
        reason: 'Part B drug: the 72-hour period may not be extended (42 CFR 422.568(b) (Part B drug paragraph))',
      },
    ]);
    expect(c.obligations.map((o) => o.kind)).toEqual(['decision']);
  });

  it('refuses an extension longer than the rule allows, and one after the deadline', () => {
    const long = clock({ policies: ['medicare_advantage'], requestType: 'pre_service', receivedAt: '2026-03-02T10:00:00-05:00', events: [{ type: 'extension_taken', at: '2026-03-03T10:00:00-05:00', days: 15, reason: 'enrollee_requested' }] });
    expect(long.dueAt).toBe('2026-03-09T23:59:59-04:00');
    expect(long.refused[0]?.code).toBe('UM_ERR_CLOCK_EXTENSION_TOO_LONG');
    const late = clock({ policies: ['medicare_advantage'], requestType: 'pre_service', receivedAt: '2026-03-02T10:00:00-05:00', events: [{ type: 'extension_taken', at: '2026-03-10T00:00:01-04:00', days: 14, reason: 'enrollee_requested' }] });
    expect(late.dueAt).toBe('2026-03-09T23:59:59-04:00');
    expect(late.refused[0]?.reason).toMatch(/after the deadline/);
  });

  it('applies an allowed extension with its written-notice obligation due before the original deadline', () => {
    const c2 = clock({ policies: ['medicare_advantage'], requestType: 'pre_service', receivedAt: '2026-03-02T10:00:00-05:00', events: [{ type: 'extension_taken', at: '2026-03-06T12:00:00-05:00', days: 14, reason: 'enrollee_requested' }] });
    expect(c2.dueAt).toBe('2026-03-23T23:59:59-04:00');
    expect(c2.obligations[1]).toMatchObject({ kind: 'extension_notice', dueAt: '2026-03-09T23:59:59-04:00' });
    expect(c2.citation).toBe('42 CFR 422.568(b)(1)(ii); 42 CFR 422.568(b) extension (up to 14 calendar days)');
    expect(c2.trace[1]).toMatchObject({ kind: 'applied', dueBefore: '2026-03-09T23:59:59-04:00', dueAfter: '2026-03-23T23:59:59-04:00' });
  });
});

describe('expedite denied (42 CFR 422.570)', () => {
  const base = { policies: ['medicare_advantage'], requestType: 'pre_service', priority: 'expedited', receivedAt: '2026-06-01T09:00:00-04:00' } as const;
  const denied: ClockEvent = { type: 'expedite_denied', at: '2026-06-01T11:00:00-04:00', newPriority: 'standard' };

  it('downgrades to the standard time counted from receipt, with the 3-day written notice', () => {
    const c = clock({ ...base, events: [denied] });
    expect(c.dueAt).toBe('2026-06-08T23:59:59-04:00');
    expect(c.priority).toBe('standard');
    expect(c.obligations).toContainEqual(expect.objectContaining({ kind: 'downgrade_written_notice', dueAt: '2026-06-04T23:59:59-04:00', citation: '42 CFR 422.570(d)(2)' }));
  });

  it('refuses the downgrade when a physician requested or supports expediting (422.570(c)(2)(ii))', () => {
    for (const extra of [{ expediteRequestedBy: 'physician' as const }, { physicianSupportsExpedite: true }]) {
      const c = clock({ ...base, ...extra, events: [denied] });
      expect(c.dueAt).toBe('2026-06-04T09:00:00-04:00');
      expect(c.priority).toBe('fast');
      expect(c.refused).toEqual([expect.objectContaining({ code: 'UM_ERR_CLOCK_DOWNGRADE_REFUSED', reason: expect.stringContaining('42 CFR 422.570(c)(2)(ii)') as unknown })]);
      expect(c.obligations.map((o) => o.kind)).toEqual(['decision']);
    }
    const c = clock({ ...base, events: [{ ...denied, physicianSupported: true }] });
    expect(c.refused[0]?.code).toBe('UM_ERR_CLOCK_DOWNGRADE_REFUSED');
  });
});

describe('tolling', () => {
  const erisa = { policies: ['commercial_erisa'], requestType: 'pre_service', receivedAt: '2026-04-01T10:00:00-04:00' } as const;
  const asked: ClockEvent = { type: 'additional_info_requested', at: '2026-04-06T10:00:00-04:00', responseWindowDays: 45 };

  it('ERISA: the information request takes the 15-day extension and tolls until the answer', () => {
    const c = clock({ ...erisa, events: [asked, { type: 'additional_info_received', at: '2026-04-20T15:00:00-04:00' }] });
    expect(c.kind).toBe('running');
    expect(c.dueAt).toBe('2026-05-15T23:59:59-04:00');
    expect(c.citation).toBe('29 CFR 2560.503-1(f)(2)(iii)(A); 29 CFR 2560.503-1(f)(4)');
    expect(c.trace.map((t) => t.kind)).toEqual(['started', 'applied', 'applied']);
  });

  it('ERISA: without an answer the clock is paused and assumes the whole response period', () => {
    const c = computeClock({ ...erisa, priority: 'standard', timeZone: NY, events: [{ ...asked, responseWindowDays: 30 }] });
    expect(c).toMatchObject({ kind: 'paused', pausedSince: '2026-04-06T10:00:00-04:00', resumesBy: '2026-05-21T10:00:00-04:00', dueAt: '2026-06-15T23:59:59-04:00' });
  });

  it('never stops a Medicare Advantage or Medicaid clock', () => {
    const events: ClockEvent[] = [
      { type: 'additional_info_requested', at: '2026-08-04T09:00:00-05:00' },
      { type: 'additional_info_received', at: '2026-08-09T16:00:00-05:00' },
    ];
    for (const policies of [['medicare_advantage'], ['medicaid_managed_care']]) {
      const c = clock({ policies, requestType: 'pre_service', receivedAt: '2026-08-03T13:00:00-05:00', timeZone: 'America/Chicago', events });
      expect(c.dueAt).toBe('2026-08-10T23:59:59-05:00');
      expect(c.trace[1]).toMatchObject({ kind: 'no_effect', note: expect.stringMatching(/^Pending for information does not stop this clock/) as unknown });
    }
  });

  it('ERISA urgent claim lacking information: 48 hours after the earlier of the answer or the window end', () => {
    const notice: ClockEvent = { type: 'incomplete_claim_notice_sent', at: '2026-05-11T20:00:00-04:00', responseWindowHours: 24 };
    const c = clock({ policies: ['commercial_erisa'], requestType: 'pre_service', priority: 'urgent', receivedAt: '2026-05-11T08:00:00-04:00', events: [notice] });
    expect(c.dueAt).toBe('2026-05-15T20:00:00-04:00'); // window raised to the 48-hour minimum
    const late = clock({ policies: ['commercial_erisa'], requestType: 'pre_service', priority: 'urgent', receivedAt: '2026-05-11T08:00:00-04:00', events: [{ ...notice, at: '2026-05-12T08:00:01-04:00' }] });
    expect(late.dueAt).toBe('2026-05-14T08:00:00-04:00');
    expect(late.refused[0]?.reason).toMatch(/more than 24 hours after receipt/);
  });
});

describe('time arithmetic', () => {
  it('hour clocks are elapsed time across DST (C2)', () => {
    const fall = clock({ policies: ['medicare_advantage'], requestType: 'pre_service', priority: 'expedited', receivedAt: '2026-10-30T10:00:00-04:00' });
    expect(fall.dueAt).toBe('2026-11-02T09:00:00-05:00');
    expect(fall.dueEpochMs - Date.parse('2026-10-30T10:00:00-04:00')).toBe(72 * 3_600_000);
    const spring = clock({ policies: ['commercial_erisa'], requestType: 'pre_service', priority: 'urgent', receivedAt: '2026-03-06T15:00:00-05:00' });
    expect(spring.dueAt).toBe('2026-03-09T16:00:00-04:00');
  });

  it('business-day clocks skip weekends and holidays (C4)', () => {
    const tx = clock({ policies: ['texas_medicaid'], requestType: 'pre_service', receivedAt: '2025-07-03T14:00:00-05:00', timeZone: 'America/Chicago' });
    expect(tx.dueAt).toBe('2025-07-07T23:59:59-05:00');
    const ny = clock({ policies: ['new_york_commercial'], requestType: 'pre_service', receivedAt: '2025-07-01T09:00:00-04:00', events: [{ type: 'necessary_info_received', at: '2025-07-02T10:00:00-04:00' }] });
    expect(ny.dueAt).toBe('2025-07-08T23:59:59-04:00');
    expect(ny.rule.unit).toBe('business_days');
  });

  it('the policy calendar applies: Cesar Chavez Day counts in California, not in New York', () => {
    const info: ClockEvent = { type: 'necessary_info_received', at: '2025-03-27T10:00:00-07:00' };
    const ca = clock({ policies: ['california_commercial'], requestType: 'pre_service', receivedAt: '2025-03-27T09:00:00-07:00', timeZone: 'America/Los_Angeles', events: [info] });
    expect(ca.dueAt).toBe('2025-04-04T23:59:59-07:00'); // Mar 28, (31 holiday), Apr 1, 2, 3, 4
  });

  it('the Texas post-stabilization hour starts with the next staffed period', () => {
    const sat = clock({ policies: ['texas_commercial'], requestType: 'post_stabilization', priority: 'urgent', receivedAt: '2025-03-15T22:30:00-05:00', timeZone: 'America/Chicago' });
    expect(sat.dueAt).toBe('2025-03-16T10:00:00-05:00');
    const satMorning = clock({ policies: ['texas_commercial'], requestType: 'post_stabilization', priority: 'urgent', receivedAt: '2025-03-15T11:30:00-05:00', timeZone: 'America/Chicago' });
    expect(satMorning.dueAt).toBe('2025-03-15T12:30:00-05:00');
  });
});

describe('consequences and obligations', () => {
  it('names what a missed deadline means', () => {
    const kind = (input: Parameters<typeof clock>[0]): string => clock(input).consequence.kind;
    const r = { receivedAt: '2026-05-05T10:00:00-04:00' };
    expect(kind({ ...r, policies: ['medicare_advantage'], requestType: 'pre_service' })).toBe('adverse_determination_appealable');
    expect(kind({ ...r, policies: ['medicare_advantage'], requestType: 'reconsideration' })).toBe('forward_to_independent_review');
    expect(kind({ ...r, policies: ['medicare_advantage'], requestType: 'post_stabilization' })).toBe('financially_responsible');
    expect(kind({ ...r, policies: ['medicaid_managed_care'], requestType: 'pre_service' })).toBe('deemed_adverse');
    expect(kind({ ...r, policies: ['medicaid_managed_care'], requestType: 'reconsideration' })).toBe('appeal_deemed_exhausted');
    expect(kind({ ...r, policies: ['illinois_commercial'], requestType: 'pre_service' })).toBe('deemed_authorized');
    expect(kind({ ...r, policies: ['california_commercial'], requestType: 'post_stabilization' })).toBe('deemed_authorized');
    expect(kind({ ...r, policies: ['commercial_erisa'], requestType: 'pre_service' })).toBe('overdue');
  });

  it('an oral notice of an expedited decision creates the written-confirmation obligation', () => {
    const c = clock({ policies: ['medicare_advantage'], requestType: 'pre_service', priority: 'expedited', receivedAt: '2026-04-06T09:00:00-04:00', events: [{ type: 'oral_notice_given', at: '2026-04-07T16:00:00-04:00' }] });
    expect(c.dueAt).toBe('2026-04-09T09:00:00-04:00');
    expect(c.obligations[1]).toMatchObject({ kind: 'written_confirmation', dueAt: '2026-04-10T23:59:59-04:00' });
  });

  it('a priority upgrade runs the expedited clock from the upgrade, never later than before', () => {
    const c = clock({ policies: ['medicare_advantage'], requestType: 'pre_service', receivedAt: '2026-06-01T09:00:00-04:00', events: [{ type: 'priority_upgraded', at: '2026-06-07T10:00:00-04:00', newPriority: 'expedited' }] });
    expect(c.dueAt).toBe('2026-06-08T23:59:59-04:00');
    expect(c.priority).toBe('fast');
  });
});

describe('inputs', () => {
  it('a request no policy covers has no clock (not an error)', () => {
    const r = computeClock({ policies: ['commercial_erisa'], requestType: 'post_stabilization', priority: 'urgent', receivedAt: '2026-01-05T10:00:00-05:00', timeZone: NY });
    expect(r).toMatchObject({ kind: 'no_clock', code: 'UM_ERR_CLOCK_NO_POLICY', policies: ['commercial_erisa'] });
    expect(() => requireClock(r)).toThrow(/No rule in commercial_erisa/);
  });

  it('bad input throws UM_ERR_CLOCK_INPUT', () => {
    const bad: ClockInput[] = [
      { policies: ['nope'], requestType: 'pre_service', priority: 'standard', receivedAt: '2026-01-05T10:00:00-05:00', timeZone: NY },
      { policies: ['medicare_advantage'], requestType: 'pre_service', priority: 'standard', receivedAt: '2026-01-05 10:00', timeZone: NY },
      { policies: ['medicare_advantage'], requestType: 'notice_nomnc', priority: 'standard', receivedAt: '2026-01-05T10:00:00-05:00', timeZone: NY },
    ];
    for (const input of bad) {
      try {
        computeClock(input);
        expect.unreachable();
      } catch (e) {
        expect(isUmError(e) && e.code).toBe('UM_ERR_CLOCK_INPUT');
      }
    }
  });
});

describe('calendars follow the rule that runs', () => {
  it('a Texas Medicaid downgrade counts business days on the Texas calendar (day after Thanksgiving)', () => {
    const c = clock({
      policies: ['texas_medicaid'],
      requestType: 'pre_service',
      priority: 'expedited',
      receivedAt: '2025-11-26T10:00:00-06:00',
      timeZone: 'America/Chicago',
      events: [{ type: 'expedite_denied', at: '2025-11-26T11:00:00-06:00', newPriority: 'standard' }],
    });
    expect(c.rule.ruleId).toBe('tx_medicaid.hospitalized.1bd');
    expect(c.dueAt).toBe('2025-12-01T23:59:59-06:00'); // Nov 27 Thanksgiving, Nov 28 Texas holiday
  });

  it('a tenant calendar overrides the policy calendar', () => {
    const c = clock({
      policies: ['texas_medicaid'],
      requestType: 'pre_service',
      receivedAt: '2025-11-26T10:00:00-06:00',
      timeZone: 'America/Chicago',
      calendar: compileCalendar({ id: 'fed', name: 'federal only', base: 'us_federal', addedRules: [], addedDates: [], removedDates: [] }),
    });
    expect(c.dueAt).toBe('2025-11-28T23:59:59-06:00');
  });
});
