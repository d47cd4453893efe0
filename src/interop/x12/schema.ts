/**
 * Tables of the X12 capability: the 278 requests taken (submission key → case, the original
 * answer for idempotent replays), where each 2000F service went, the outbox of 278 responses for
 * pended requests decided later, and the interchange control numbers OpenUM sends. Typed columns
 * for what decides (keys, states); the typed documents beside them (jsonb) for fidelity.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, tenantId } from '../../platform/db/columns';
import { tenants } from '../../tenancy/schema';
import { cases, serviceLines } from '../../intake/schema';

/**
 * One 278 request (005010X217) accepted and recorded as a case. Idempotent on (tenant, submitter,
 * sender, BHT03): `sender` is ISA05:ISA06/GS02, `submitter` the authenticated client
 * (`client:<id>`); the same key with other content (`content_hash`) is refused.
 */
export const x12Requests = pgTable(
  'x12_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    submitter: text('submitter').notNull(),
    sender: text('sender').notNull(),
    /** BHT03, the submitter's transaction identifier. */
    reference: text('reference').notNull(),
    /** SHA-256 of the set's content without envelope control numbers and stream positions. */
    contentHash: text('content_hash').notNull(),
    caseId: uuid('case_id').notNull(),
    /** The typed 278 request (echoed in every later response). */
    request: jsonb('request').notNull(),
    /** The synchronous answer (the typed 278 response), returned again to a resubmission. */
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    unique('x12_requests_key_unique').on(t.tenantId, t.submitter, t.sender, t.reference),
    index('x12_requests_case_idx').on(t.tenantId, t.caseId),
  ],
);

/** Where each 2000F service of a request went: a service line, or an AAA reject reason. */
export const x12RequestServices = pgTable(
  'x12_request_services',
  {
    tenantId: tenantId(),
    requestId: uuid('request_id').notNull(),
    /** 0-based index of the 2000F level in the request. */
    serviceIndex: integer('service_index').notNull(),
    lineId: uuid('line_id'),
    /** AAA03 of a service that did not become a line. */
    rejectReason: text('reject_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.requestId, t.serviceIndex] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [x12Requests.tenantId, x12Requests.id] }),
    foreignKey({ columns: [t.tenantId, t.lineId], foreignColumns: [serviceLines.tenantId, serviceLines.id] }),
    check('x12_request_services_target_check', sql`(${t.lineId} is null) <> (${t.rejectReason} is null)`),
  ],
);

/**
 * 278 responses waiting for their submitter (`GET /x12/outbox`), written in the transaction of the
 * decision they report. A delivery stamps `delivered_in` (the ISA13 that carried it); the
 * submitter acknowledges that interchange to collect them.
 */
export const x12Outbox = pgTable(
  'x12_outbox',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    submitter: text('submitter').notNull(),
    requestId: uuid('request_id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** The typed 278 response. */
    response: jsonb('response').notNull(),
    createdAt: createdAt(),
    deliveredIn: text('delivered_in'),
    deliveredAt: instant('delivered_at'),
    collectedAt: instant('collected_at'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [x12Requests.tenantId, x12Requests.id] }),
    index('x12_outbox_waiting_idx').on(t.tenantId, t.submitter, t.createdAt).where(sql`collected_at is null`),
  ],
);

/** The last control number used per counter (`isa`, `gs`): ISA13 and GS06 of what OpenUM sends. */
export const x12ControlNumbers = pgTable(
  'x12_control_numbers',
  {
    tenantId: tenantId(),
    counter: text('counter').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.counter] }), foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] })],
);
