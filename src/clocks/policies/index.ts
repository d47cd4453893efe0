/**
 * The built-in clock policies, by id. A deployment may pass its own registry (for example with a
 * stricter state timeframe a contract imposes) to the engine; the shape is the same data.
 */
import type { ClockPolicy } from '../policy';
import { COMMERCIAL_ERISA, QHP_FFE } from './commercial';
import { CHIP_FFS, MEDICAID_FFS } from './fee-for-service';
import { MEDICARE_ADVANTAGE } from './medicare-advantage';
import { MEDICARE_NOTICES } from './medicare-notices';
import { CHIP_MANAGED_CARE, MEDICAID_MANAGED_CARE } from './medicaid';
import { CALIFORNIA_COMMERCIAL, ILLINOIS_COMMERCIAL, NEW_YORK_COMMERCIAL } from './state-overlays';
import { TEXAS_COMMERCIAL, TEXAS_MEDICAID } from './texas';

export type PolicyRegistry = ReadonlyMap<string, ClockPolicy>;

export const BUILT_IN_POLICY_LIST: readonly ClockPolicy[] = [
  MEDICARE_ADVANTAGE,
  MEDICARE_NOTICES,
  MEDICAID_MANAGED_CARE,
  MEDICAID_FFS,
  CHIP_MANAGED_CARE,
  CHIP_FFS,
  COMMERCIAL_ERISA,
  QHP_FFE,
  TEXAS_COMMERCIAL,
  TEXAS_MEDICAID,
  CALIFORNIA_COMMERCIAL,
  NEW_YORK_COMMERCIAL,
  ILLINOIS_COMMERCIAL,
];

export const BUILT_IN_POLICIES: PolicyRegistry = new Map(BUILT_IN_POLICY_LIST.map((p) => [p.id, p]));

export type BuiltInPolicyId =
  | 'medicare_advantage'
  | 'medicare_notices'
  | 'medicaid_managed_care'
  | 'medicaid_ffs'
  | 'chip_managed_care'
  | 'chip_ffs'
  | 'commercial_erisa'
  | 'qhp_ffe'
  | 'texas_commercial'
  | 'texas_medicaid'
  | 'california_commercial'
  | 'new_york_commercial'
  | 'illinois_commercial';
