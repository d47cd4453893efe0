import { bigint, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, tenantId } from '../platform/db/columns';
import { tenants } from '../tenancy/schema';

/**
 * The audit trail: append-only, hash-chained. Events are spread over many chains (one per case,
 * a few partitions for reads and administration) so that concurrent requests do not queue behind
 * one lock; chain heads are sealed periodically into `audit_seals`, itself a chain.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: tenantId(),
    chainId: text('chain_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    at: instant('at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    action: text('action').notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    caseId: uuid('case_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    /** Identifiers and codes only; never clinical content. */
    details: jsonb('details').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.chainId, t.seq] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('audit_events_case_idx').on(t.tenantId, t.caseId, t.at),
    index('audit_events_record_idx').on(t.tenantId, t.recordType, t.recordId),
  ],
);

export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    tenantId: tenantId(),
    chainId: text('chain_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.chainId] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] })],
);

/** Periodic seals: every chain head of a tenant at one instant, hash-linked to the previous seal. */
export const auditSeals = pgTable(
  'audit_seals',
  {
    tenantId: tenantId(),
    sealNo: integer('seal_no').notNull(),
    at: instant('at').notNull(),
    heads: jsonb('heads').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sealNo] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] })],
);
