import { describe, expect, it } from 'vitest';
import { isUmError } from '../platform/errors';
import { DEFAULT_CLOCK_SETTINGS, parseClockSettings, ratingPeriodStartFor, selectClockPolicies, type TenantClockSettings } from './settings';

describe('policy selection from tenant settings', () => {
  const pick = (coverage: Parameters<typeof selectClockPolicies>[1]): readonly string[] => selectClockPolicies(DEFAULT_CLOCK_SETTINGS, coverage).policies;

  it('chooses the state overlay for fully insured products and ERISA for self-funded ones', () => {
    expect(pick({ lineOfBusiness: 'commercial', productType: 'HMO', funding: 'fully_insured', state: 'TX' })).toEqual(['texas_commercial']);
    expect(pick({ lineOfBusiness: 'commercial', productType: 'HMO', funding: 'self_funded', state: 'TX' })).toEqual(['commercial_erisa']);
    expect(pick({ lineOfBusiness: 'commercial', productType: 'PPO', funding: 'fully_insured', state: 'CA' })).toEqual(['california_commercial']);
    expect(pick({ lineOfBusiness: 'commercial', productType: 'PPO', funding: 'fully_insured', state: 'FL' })).toEqual(['commercial_erisa']);
    expect(pick({ lineOfBusiness: 'qhp', productType: 'EPO', funding: null, state: 'IL' })).toEqual(['illinois_commercial', 'qhp_ffe']);
  });

  it('chooses by line of business and product for Medicare, Medicaid and CHIP', () => {
    expect(pick({ lineOfBusiness: 'medicare_advantage', productType: 'SNP', state: 'TX' })).toEqual(['medicare_advantage']);
    expect(pick({ lineOfBusiness: 'medicaid', productType: 'HMO', state: 'NY' })).toEqual(['medicaid_managed_care']);
    expect(pick({ lineOfBusiness: 'medicaid', productType: 'HMO', state: 'TX' })).toEqual(['texas_medicaid']);
    expect(pick({ lineOfBusiness: 'medicaid', productType: 'FFS', state: 'TX' })).toEqual(['medicaid_ffs']);
    expect(pick({ lineOfBusiness: 'chip', productType: 'FFS' })).toEqual(['chip_ffs']);
    expect(selectClockPolicies(DEFAULT_CLOCK_SETTINGS, { lineOfBusiness: 'medicaid' }).ratingPeriodStartMonthDay).toBe('01-01');
  });

  it('uses the assignment zone and calendar, else the tenant zone', () => {
    const settings: TenantClockSettings = {
      version: 1,
      timeZone: 'America/Chicago',
      assignments: [
        { lineOfBusiness: 'commercial', policies: ['commercial_erisa'] },
        { lineOfBusiness: 'commercial', state: 'NY', policies: ['new_york_commercial'], timeZone: 'America/New_York', calendar: { id: 'ny', name: 'NY', base: 'us_federal', addedRules: [{ kind: 'fixed', name: "Lincoln's Birthday", month: 2, day: 12, observance: 'federal' }], addedDates: [], removedDates: [] } },
      ],
    };
    const ny = selectClockPolicies(settings, { lineOfBusiness: 'commercial', state: 'NY' });
    expect(ny.timeZone).toBe('America/New_York');
    expect(ny.calendar?.spec.id).toBe('ny');
    expect(selectClockPolicies(settings, { lineOfBusiness: 'commercial', state: 'OH' })).toMatchObject({ timeZone: 'America/Chicago', calendar: undefined });
    try {
      selectClockPolicies(settings, { lineOfBusiness: 'medicaid' });
      expect.unreachable();
    } catch (e) {
      expect(isUmError(e) && e.code).toBe('UM_ERR_CLOCK_NO_POLICY');
    }
  });

  it('parses stored settings and lists every problem', () => {
    expect(parseClockSettings(JSON.parse(JSON.stringify(DEFAULT_CLOCK_SETTINGS)))).toEqual(DEFAULT_CLOCK_SETTINGS);
    try {
      parseClockSettings({ version: 1, timeZone: 'America/New_York', assignments: [{ lineOfBusiness: 'dental', policies: [] }] });
      expect.unreachable();
    } catch (e) {
      expect(isUmError(e) && e.code).toBe('UM_ERR_CLOCK_INPUT');
      expect(isUmError(e) && e.details.length).toBeGreaterThan(1);
    }
  });

  it('finds the rating period in force on the receipt date', () => {
    expect(ratingPeriodStartFor('07-01', '2026-03-16T10:00:00-04:00', 'America/New_York')).toBe('2025-07-01');
    expect(ratingPeriodStartFor('07-01', '2026-07-01T00:30:00-04:00', 'America/New_York')).toBe('2026-07-01');
    expect(ratingPeriodStartFor('01-01', '2026-01-01T04:30:00+00:00', 'America/Los_Angeles')).toBe('2025-01-01');
  });
});
