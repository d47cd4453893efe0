/** Members, coverage and providers: the vocabulary. */

/** Administrative sex as X12 DMG03 and FHIR AdministrativeGender carry it. */
export const SEXES = ['F', 'M', 'U'] as const;
export type Sex = (typeof SEXES)[number];

export const PROVIDER_KINDS = ['practitioner', 'facility'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const NETWORK_STATUSES = ['in_network', 'out_of_network'] as const;
export type NetworkStatus = (typeof NETWORK_STATUSES)[number];
