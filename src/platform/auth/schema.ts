import { boolean, foreignKey, index, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, instant, oneOf, tenantId } from '../db/columns';
import { organisations, tenants } from '../../tenancy/schema';
import { ROLES } from './model';

export const users = pgTable(
  'users',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** Login name; unique across the installation because login names no tenant. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    /** RN, LPN, MD, DO, PharmD… (the reviewer matrix grants adverse authority by credential). */
    credential: text('credential'),
    licenceState: text('licence_state'),
    specialty: text('specialty'),
    providerOrgId: uuid('provider_org_id'),
    /** scrypt hash: `scrypt$N$r$p$salt$hash` (base64url). */
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.providerOrgId], foreignColumns: [organisations.tenantId, organisations.id] }),
    unique('users_username_unique').on(t.username),
    oneOf('users_role_check', t.role, ROLES),
  ],
);

/** The organisations a staff member works for (and therefore sees). */
export const userOrganisations = pgTable(
  'user_organisations',
  {
    tenantId: tenantId(),
    userId: uuid('user_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.organisationId] }),
    foreignKey({ columns: [t.tenantId, t.userId], foreignColumns: [users.tenantId, users.id] }),
    foreignKey({ columns: [t.tenantId, t.organisationId], foreignColumns: [organisations.tenantId, organisations.id] }),
  ],
);

/** Machine clients (EHRs, clearinghouses): OAuth 2 client credentials, later SMART JWT assertions. */
export const clients = pgTable(
  'clients',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    clientId: text('client_id').notNull(),
    name: text('name').notNull(),
    secretHash: text('secret_hash'),
    scopes: text('scopes').array().notNull(),
    jwks: jsonb('jwks'),
    jwksUrl: text('jwks_url'),
    providerOrgId: uuid('provider_org_id'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    unique('clients_client_id_unique').on(t.clientId),
  ],
);

/** Bearer tokens issued to people and clients; only a hash is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    tenantId: tenantId(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('sessions_expiry_idx').on(t.expiresAt),
    oneOf('sessions_subject_check', t.subjectType, ['user', 'client']),
  ],
);

/**
 * SMART backend services: the `jti` of every client assertion accepted, kept until it expires, so a
 * replayed assertion is refused (RFC 7523 §3 item 7; SMART App Launch 2.x "Backend Services").
 */
export const clientAssertionJtis = pgTable(
  'client_assertion_jtis',
  {
    tenantId: tenantId(),
    clientId: text('client_id').notNull(),
    jti: text('jti').notNull(),
    expiresAt: instant('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.clientId, t.jti] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('client_assertion_jtis_expiry_idx').on(t.expiresAt),
  ],
);
