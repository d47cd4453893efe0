import { date, foreignKey, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, oneOf, tenantId } from '../platform/db/columns';
import { contracts, organisations, tenants } from '../tenancy/schema';
import { LINES_OF_BUSINESS } from '../tenancy/model';
import { NETWORK_STATUSES, PROVIDER_KINDS, SEXES } from './model';

export const members = pgTable(
  'members',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** The plan's member id (X12 NM1*IL / MI, FHIR Coverage.subscriberId). */
    memberNumber: text('member_number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex').notNull(),
    addressLine: text('address_line'),
    city: text('city'),
    state: text('state'),
    postalCode: text('postal_code'),
    phone: text('phone'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique('members_number_unique').on(t.tenantId, t.memberNumber),
    index('members_name_idx').on(t.tenantId, t.lastName, t.firstName),
    oneOf('members_sex_check', t.sex, SEXES),
  ],
);

/** A coverage span: which plan, contract, benefit package, IPA and PCP, from when to when. */
export const coverages = pgTable(
  'coverages',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    planOrgId: uuid('plan_org_id').notNull(),
    contractId: uuid('contract_id'),
    ipaOrgId: uuid('ipa_org_id'),
    /** Plan benefit package (e.g. H1234-001). */
    pbp: text('pbp'),
    lineOfBusiness: text('line_of_business').notNull(),
    productType: text('product_type').notNull(),
    /** Governing state for state-regulated products (clock overlays). */
    state: text('state'),
    /** Commercial funding: fully insured (state law applies) or self-funded (ERISA). */
    funding: text('funding'),
    pcpProviderId: uuid('pcp_provider_id'),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.memberId], foreignColumns: [members.tenantId, members.id] }),
    foreignKey({ columns: [t.tenantId, t.planOrgId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.contractId], foreignColumns: [contracts.tenantId, contracts.id] }),
    unique('coverages_span_unique').on(t.tenantId, t.memberId, t.planOrgId, t.effectiveFrom),
    oneOf('coverages_lob_check', t.lineOfBusiness, LINES_OF_BUSINESS),
  ],
);

/** Practitioners and facilities, with their network status for this tenant. */
export const providers = pgTable(
  'providers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    npi: text('npi').notNull(),
    taxId: text('tax_id'),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** NUCC specialty taxonomy code and its display name. */
    taxonomy: text('taxonomy'),
    specialty: text('specialty'),
    networkStatus: text('network_status').notNull(),
    /** The provider organisation (portal organisation) this provider belongs to. */
    providerOrgId: uuid('provider_org_id'),
    state: text('state'),
    phone: text('phone'),
    fax: text('fax'),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.providerOrgId], foreignColumns: [organisations.tenantId, organisations.id] }),
    unique('providers_npi_unique').on(t.tenantId, t.npi),
    index('providers_name_idx').on(t.tenantId, t.name),
    oneOf('providers_kind_check', t.kind, PROVIDER_KINDS),
    oneOf('providers_network_check', t.networkStatus, NETWORK_STATUSES),
  ],
);
