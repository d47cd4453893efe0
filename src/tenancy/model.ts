/** Tenants, organisations and contracts: the vocabulary. */

/** Lines of business a coverage span and a contract belong to. */
export const LINES_OF_BUSINESS = ['medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp'] as const;
export type LineOfBusiness = (typeof LINES_OF_BUSINESS)[number];

export const PRODUCT_TYPES = ['HMO', 'HMO-POS', 'PPO', 'EPO', 'POS', 'PFFS', 'SNP', 'MMP', 'FFS'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];

export const TENANT_KINDS = ['health_plan', 'mso', 'ipa'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/** Organisations inside a tenant: the plans and delegates it works with, and provider offices. */
export const ORGANISATION_KINDS = ['health_plan', 'mso', 'ipa', 'provider_group'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * Division of financial responsibility for one service group under a contract. A request at the
 * plan's risk is forwarded to the plan, never denied by the delegate.
 */
export const RESPONSIBILITIES = ['ipa', 'plan', 'shared'] as const;
export type Responsibility = (typeof RESPONSIBILITIES)[number];

/** Contract settings, with their defaults. */
export interface ContractSettings {
  /** Authorization validity window in days (one-time window from the requested start). */
  readonly authValidityDays: number;
  /** Whether retrospective requests from contracted providers are reviewed (else administratively handled). */
  readonly reviewContractedRetro: boolean;
  /** Deadline for a facility's admission notification, in hours after admission. */
  readonly admissionNotificationHours: number;
}

export const DEFAULT_CONTRACT_SETTINGS: ContractSettings = {
  authValidityDays: 90,
  reviewContractedRetro: true,
  admissionNotificationHours: 24,
};
