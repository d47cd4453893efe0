import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, oneOf, tenantId } from '../platform/db/columns';
import { LINES_OF_BUSINESS, ORGANISATION_KINDS, RESPONSIBILITIES, TENANT_KINDS } from './model';

/** The organisation that operates OpenUM (a plan, an MSO, or an IPA doing its own UM). */
export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    timeZone: text('time_zone').notNull(),
    /** Sandbox tenants register unknown members from FHIR bundles (integration testing). */
    sandbox: boolean('sandbox').notNull().default(false),
    settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [oneOf('tenants_kind_check', t.kind, TENANT_KINDS)],
);

export const organisations = pgTable(
  'organisations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    npi: text('npi'),
    taxId: text('tax_id'),
    /** Payer id used on X12 (NM1*PR / NM1*X3) and FHIR. */
    payerId: text('payer_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    oneOf('organisations_kind_check', t.kind, ORGANISATION_KINDS),
  ],
);

/** A contract: plan × delegate × line of business, with the delegation of UM and the DOFR. */
export const contracts = pgTable(
  'contracts',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    planOrgId: uuid('plan_org_id').notNull(),
    delegateOrgId: uuid('delegate_org_id').notNull(),
    lineOfBusiness: text('line_of_business').notNull(),
    umDelegated: boolean('um_delegated').notNull(),
    authValidityDays: integer('auth_validity_days').notNull().default(90),
    reviewContractedRetro: boolean('review_contracted_retro').notNull().default(true),
    admissionNotificationHours: integer('admission_notification_hours').notNull().default(24),
    /** Settings later capabilities hang on the contract (PA list, criteria sources, clock policies). */
    settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.planOrgId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.delegateOrgId], foreignColumns: [organisations.tenantId, organisations.id] }),
    oneOf('contracts_lob_check', t.lineOfBusiness, LINES_OF_BUSINESS),
    check('contracts_validity_check', sql`${t.authValidityDays} between 1 and 730`),
    unique('contracts_plan_delegate_lob').on(t.tenantId, t.planOrgId, t.delegateOrgId, t.lineOfBusiness, t.effectiveFrom),
  ],
);

/** Division of financial responsibility: service group → who carries the risk. */
export const contractDofr = pgTable(
  'contract_dofr',
  {
    tenantId: tenantId(),
    contractId: uuid('contract_id').notNull(),
    serviceGroup: text('service_group').notNull(),
    responsibility: text('responsibility').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contractId, t.serviceGroup] }),
    foreignKey({ columns: [t.tenantId, t.contractId], foreignColumns: [contracts.tenantId, contracts.id] }),
    oneOf('contract_dofr_responsibility_check', t.responsibility, RESPONSIBILITIES),
  ],
);

/**
 * Reviewer matrix: which credentials may issue adverse decisions for a service category and line
 * of business, beyond physicians ("other appropriate health care professional", 42 CFR 422.566(d)).
 */
export const reviewerMatrix = pgTable(
  'reviewer_matrix',
  {
    tenantId: tenantId(),
    serviceCategory: text('service_category').notNull(),
    lineOfBusiness: text('line_of_business').notNull(),
    credential: text('credential').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.serviceCategory, t.lineOfBusiness, t.credential] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('reviewer_matrix_lookup').on(t.tenantId, t.credential),
  ],
);
