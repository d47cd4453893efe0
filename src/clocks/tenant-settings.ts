/**
 * A tenant's clock settings, kept in `tenants.settings` as data: `clocks` (TenantClockSettings —
 * which policies apply to which line of business and product, zone, calendars) and
 * `clockAlerts.atRiskPercent` (when the queue warns; 75 % of the window by default). Without
 * `clocks`, the defaults apply in the tenant's own time zone.
 */
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { UmError } from '../platform/errors';
import { DEFAULT_CLOCK_SETTINGS, parseClockSettings, type TenantClockSettings } from './settings';
import { DEFAULT_AT_RISK_PERCENT } from './alarms';

export const ClockAlertSettingsSchema = Type.Object({ atRiskPercent: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100 }) });

export interface TenantClockConfig {
  readonly clocks: TenantClockSettings;
  readonly atRiskPercent: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the clock part of a tenant's settings (stored settings were checked when written). */
export function tenantClockConfig(tenant: { readonly timeZone: string; readonly settings: unknown }): TenantClockConfig {
  const s = isRecord(tenant.settings) ? tenant.settings : {};
  const clocks = s.clocks === undefined ? { ...DEFAULT_CLOCK_SETTINGS, timeZone: tenant.timeZone } : parseClockSettings(s.clocks);
  const alerts = s.clockAlerts;
  const atRiskPercent = Value.Check(ClockAlertSettingsSchema, alerts) ? alerts.atRiskPercent : DEFAULT_AT_RISK_PERCENT;
  return { clocks, atRiskPercent };
}

/** Checks a new at-risk share; every problem reported. */
export function parseAlertSettings(value: unknown): { readonly atRiskPercent: number } {
  if (Value.Check(ClockAlertSettingsSchema, value)) return value;
  throw new UmError('UM_ERR_CLOCK_INPUT', 'The clock alert settings are not valid', {
    details: Value.Errors(ClockAlertSettingsSchema, value).map((e) => ({ path: e.instancePath, message: e.message })),
  });
}
