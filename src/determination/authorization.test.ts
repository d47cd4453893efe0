import { describe, expect, it } from 'vitest';
import { UmError } from '../platform/errors';
import { AUTHORIZATION_NUMBER, formatAuthorizationNumber, validityPeriod } from './authorization';

describe('authorization numbers', () => {
  it('are PA- and two groups of four unambiguous characters', () => {
    const n = formatAuthorizationNumber(Uint8Array.from([0, 1, 8, 18, 21, 27, 30, 31]));
    expect(n).toBe('PA-018J-NVYZ');
    expect(n).toMatch(AUTHORIZATION_NUMBER);
    expect(n).not.toMatch(/[ILOU]/);
  });
});

describe('validityPeriod', () => {
  const base = { from: '2026-03-01', to: null, decisionDate: '2026-02-20', validityDays: 90, coverageEnd: null };
  it('runs the contract window from the requested start', () => {
    expect(validityPeriod(base)).toEqual({ from: '2026-03-01', to: '2026-05-29' });
  });
  it('starts on the decision date when no start was requested', () => {
    expect(validityPeriod({ ...base, from: null })).toEqual({ from: '2026-02-20', to: '2026-05-20' });
  });
  it('ends at the requested end when that is sooner', () => {
    expect(validityPeriod({ ...base, to: '2026-03-10' })).toEqual({ from: '2026-03-01', to: '2026-03-10' });
  });
  it('never runs past the window or the coverage term', () => {
    expect(validityPeriod({ ...base, to: '2026-12-31' })).toEqual({ from: '2026-03-01', to: '2026-05-29' });
    expect(validityPeriod({ ...base, coverageEnd: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });
  it('ends on the last day of coverage when the coverage ends inside the period', () => {
    expect(validityPeriod({ ...base, to: '2026-04-30', coverageEnd: '2026-03-01' })).toEqual({ from: '2026-03-01', to: '2026-03-01' });
  });
  it('refuses to approve a period that starts after the coverage has ended, instead of running past it', () => {
    const call = () => validityPeriod({ ...base, to: '2026-03-31', coverageEnd: '2026-02-28' });
    expect(call).toThrow(UmError);
    expect(call).toThrow(/coverage ends on 2026-02-28, before the approval would start on 2026-03-01/);
    try {
      call();
    } catch (e) {
      expect(e).toMatchObject({ code: 'UM_ERR_COVERAGE_ENDED', status: 422 });
    }
    // The same when no start was requested and the decision date is past the term.
    expect(() => validityPeriod({ ...base, from: null, decisionDate: '2026-03-05', coverageEnd: '2026-03-04' })).toThrow(/coverage ends on 2026-03-04/);
  });
});
