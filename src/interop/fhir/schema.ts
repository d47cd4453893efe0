/**
 * Tables of the FHIR capability: PAS requests and their items (bundle ↔ case), R4 Backport
 * subscriptions, the notification outbox, and CRD coverage assertions. Typed columns for what
 * decides (keys, states, due times); the verbatim bundles beside them (jsonb) for fidelity.
 */
import { sql } from 'drizzle-orm';
import { bigint, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, oneOf, tenantId } from '../../platform/db/columns';
import { tenants } from '../../tenancy/schema';
import { members } from '../../members/schema';
import { cases, serviceLines } from '../../intake/schema';

/** How a PAS request was handled: a new request, an update (PAS Claim Update), or a cancellation. */
export const PAS_REQUEST_KINDS = ['submit', 'update', 'cancel'] as const;
/** What became of a submitted item (`Claim.item.sequence`). */
export const PAS_ITEM_STATES = ['line', 'cancelled', 'rejected'] as const;

/**
 * One `Claim/$submit` call that was accepted for processing (a business error still records one, with
 * no case). Idempotent on (tenant, submitter, bundle identifier): Da Vinci PAS Bundle.identifier is the
 * X12 BHT03 submitter transaction id.
 */
export const fhirPasRequests = pgTable(
  'fhir_pas_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** `client:<client_id>` or `user:<id>` (the same submitter key as intake idempotency). */
    submitter: text('submitter').notNull(),
    /** `Bundle.identifier` as `system|value`. */
    bundleKey: text('bundle_key').notNull(),
    /** SHA-256 of the canonical bundle: the same key with other content is a conflict. */
    bundleHash: text('bundle_hash').notNull(),
    /** `Claim.identifier[0]` as `system|value` (the X12 2000E TRN). */
    claimKey: text('claim_key').notNull(),
    /** `Claim.id` as sent, echoed in `ClaimResponse.request`. */
    claimResourceId: text('claim_resource_id'),
    kind: text('kind').notNull(),
    pasVersion: text('pas_version').notNull(),
    /** The case this call created (null when it created none: a business error, a cancellation). */
    caseId: uuid('case_id'),
    /** The request this one updates or cancels. */
    updatesRequestId: uuid('updates_request_id'),
    /** The submitter's organisation identifiers (NPI, ISA06 sender id) for subscription filters. */
    orgIdentifiers: text('org_identifiers').array().notNull().default(sql`'{}'::text[]`),
    submitterOrgId: uuid('submitter_org_id'),
    /** X12 AAA03 reject reason when answered with a business error. */
    rejectReason: text('reject_reason'),
    requestBundle: jsonb('request_bundle').notNull(),
    /** The synchronous answer, returned again verbatim to a resubmission of the same bundle. */
    responseBundle: jsonb('response_bundle').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    unique('fhir_pas_requests_bundle_unique').on(t.tenantId, t.submitter, t.bundleKey),
    index('fhir_pas_requests_claim_idx').on(t.tenantId, t.submitter, t.claimKey, t.createdAt),
    index('fhir_pas_requests_case_idx').on(t.tenantId, t.caseId),
    oneOf('fhir_pas_requests_kind_check', t.kind, PAS_REQUEST_KINDS),
    oneOf('fhir_pas_requests_version_check', t.pasVersion, ['2.2.1', '2.0.1']),
  ],
);

/** Where each submitted item went: a service line of a case, cancelled, or rejected with a reason. */
export const fhirPasItems = pgTable(
  'fhir_pas_items',
  {
    tenantId: tenantId(),
    requestId: uuid('request_id').notNull(),
    sequence: integer('sequence').notNull(),
    state: text('state').notNull(),
    caseId: uuid('case_id'),
    lineId: uuid('line_id'),
    /** X12 AAA03 reject reason of a rejected item, and why. */
    rejectReason: text('reject_reason'),
    detail: text('detail'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.requestId, t.sequence] }),
    foreignKey({ columns: [t.tenantId, t.requestId], foreignColumns: [fhirPasRequests.tenantId, fhirPasRequests.id] }),
    foreignKey({ columns: [t.tenantId, t.lineId], foreignColumns: [serviceLines.tenantId, serviceLines.id] }),
    index('fhir_pas_items_case_idx').on(t.tenantId, t.caseId),
    oneOf('fhir_pas_items_state_check', t.state, PAS_ITEM_STATES),
    check('fhir_pas_items_line_check', sql`(${t.state} = 'line') = (${t.lineId} is not null)`),
  ],
);

export const SUBSCRIPTION_STATUSES = ['requested', 'active', 'error', 'off'] as const;

/** R4 Subscriptions Backport rest-hook subscriptions to the PAS topic (Da Vinci PAS 2.2.1 §Subscription). */
export const fhirSubscriptions = pgTable(
  'fhir_subscriptions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    /** The submitter that created it; only it reads, changes or deletes it (PAS spec-59). */
    submitter: text('submitter').notNull(),
    status: text('status').notNull(),
    topic: text('topic').notNull(),
    /** `org-identifier` filter values (the sending system's identifiers). */
    orgIdentifiers: text('org_identifiers').array().notNull(),
    endpoint: text('endpoint').notNull(),
    /** `channel.header` lines sent with every notification (e.g. an Authorization header). */
    headers: text('headers').array().notNull().default(sql`'{}'::text[]`),
    contentType: text('content_type').notNull(),
    endAt: instant('end_at'),
    /** Events numbered since the subscription started (Backport `events-since-subscription-start`). */
    eventCount: bigint('event_count', { mode: 'number' }).notNull().default(0),
    lastError: text('last_error'),
    resource: jsonb('resource').notNull(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('fhir_subscriptions_status_idx').on(t.tenantId, t.status),
    oneOf('fhir_subscriptions_status_check', t.status, SUBSCRIPTION_STATUSES),
  ],
);

export const NOTIFICATION_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const NOTIFICATION_TYPES = ['handshake', 'event-notification'] as const;

/**
 * The notification outbox: rows are written in the transaction of the change they report, and
 * delivered by a sweep that claims due rows with `FOR UPDATE SKIP LOCKED` (a restart or a second
 * node loses and repeats nothing); failures are retried with backoff.
 */
export const fhirNotifications = pgTable(
  'fhir_notifications',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    type: text('type').notNull(),
    /** Backport `eventNumber` (0 for a handshake). */
    eventNumber: bigint('event_number', { mode: 'number' }).notNull(),
    caseId: uuid('case_id'),
    requestId: uuid('request_id'),
    /** The notification Bundle (history) as it will be posted. */
    payload: jsonb('payload').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    lastStatus: integer('last_status'),
    deliveredAt: instant('delivered_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.subscriptionId], foreignColumns: [fhirSubscriptions.tenantId, fhirSubscriptions.id] }).onDelete('cascade'),
    unique('fhir_notifications_event_unique').on(t.tenantId, t.subscriptionId, t.eventNumber),
    index('fhir_notifications_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    oneOf('fhir_notifications_status_check', t.status, NOTIFICATION_STATUSES),
    oneOf('fhir_notifications_type_check', t.type, NOTIFICATION_TYPES),
  ],
);

/**
 * CRD coverage assertions (`coverage-assertion-id`, Da Vinci CRD 2.0.1 coverage-information): what the
 * payer told the EHR, so that DTR `$questionnaire-package` (`context`) and PAS can refer back to it.
 */
export const fhirCoverageAssertions = pgTable(
  'fhir_coverage_assertions',
  {
    tenantId: tenantId(),
    id: text('id').notNull(),
    memberId: uuid('member_id'),
    coverageId: uuid('coverage_id'),
    hook: text('hook').notNull(),
    codeSystem: text('code_system'),
    code: text('code'),
    dateOfService: date('date_of_service', { mode: 'string' }).notNull(),
    requirement: text('requirement').notNull(),
    criteriaSetId: text('criteria_set_id'),
    questionnaires: text('questionnaires').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.memberId], foreignColumns: [members.tenantId, members.id] }),
  ],
);
