import { describe, expect, it } from 'vitest';
import { UmError } from '../platform/errors';
import { computeValidityPeriod } from './pa-validity';

describe('approval validity', () => {
  it('a one-time window counts N days from the requested start, 90 by default', () => {
    expect(computeValidityPeriod({ validity: { kind: 'window', days: 90 }, requestedStart: '2025-01-01' })).toEqual({
      start: '2025-01-01', end: '2025-03-31', days: 90, basis: 'window', cappedByCoverage: false, shorterThanRequested: false,
      citation: 'one-time window of 90 days from the requested start (plan rule)',
    });
  });

  it('a course of treatment runs to the requested end (42 CFR 422.112(b)(8))', () => {
    const v = computeValidityPeriod({ validity: { kind: 'course_of_treatment' }, requestedStart: '2025-01-01', requestedEnd: '2025-09-30' });
    expect(v).toMatchObject({ end: '2025-09-30', days: 273, basis: 'course_of_treatment', shorterThanRequested: false });
    expect(computeValidityPeriod({ validity: { kind: 'course_of_treatment' }, requestedStart: '2025-01-01' })).toMatchObject({ end: '2025-03-31', basis: 'window_for_open_course' });
  });

  it('never runs past the coverage term, and says when that shortens the request', () => {
    const v = computeValidityPeriod({ validity: { kind: 'course_of_treatment' }, requestedStart: '2025-11-01', requestedEnd: '2026-02-28', coverageEnd: '2025-12-31' });
    expect(v).toMatchObject({ end: '2025-12-31', cappedByCoverage: true, shorterThanRequested: true });
    expect(v.citation).toContain('ends with the coverage term on 2025-12-31');
    expect(computeValidityPeriod({ validity: { kind: 'window', days: 30 }, requestedStart: '2025-01-01', requestedEnd: '2025-03-01' }).shorterThanRequested).toBe(true);
  });

  it('refuses impossible dates', () => {
    const run = (f: () => unknown): string => { try { f(); return ''; } catch (e) { return e instanceof UmError ? e.code : 'other'; } };
    expect(run(() => computeValidityPeriod({ validity: { kind: 'window', days: 90 }, requestedStart: '2025-02-30' }))).toBe('UM_ERR_CRITERIA_INPUT');
    expect(run(() => computeValidityPeriod({ validity: { kind: 'window', days: 90 }, requestedStart: '2025-02-01', requestedEnd: '2025-01-01' }))).toBe('UM_ERR_CRITERIA_INPUT');
    expect(run(() => computeValidityPeriod({ validity: { kind: 'window', days: 90 }, requestedStart: '2025-02-01', coverageEnd: '2025-01-31' }))).toBe('UM_ERR_CRITERIA_INPUT');
  });
});
