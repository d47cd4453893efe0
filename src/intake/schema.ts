import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgSequence, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, instant, oneOf, tenantId } from '../platform/db/columns';
import { contracts, organisations, tenants } from '../tenancy/schema';
import { coverages, members, providers } from '../members/schema';
import { LINES_OF_BUSINESS, RESPONSIBILITIES } from '../tenancy/model';
import { LINE_OUTCOMES, DISPOSITIONS } from '../determination/model';
import { CASE_KINDS, CASE_STATUSES, CHANNELS, CODE_SYSTEMS, EXPEDITE_REQUESTERS, NOTE_KINDS, PRIORITIES, REQUESTER_TYPES, REQUIREMENTS } from './model';

/** Case numbers people read on the phone: one sequence for the installation. */
export const caseNumberSeq = pgSequence('case_number_seq', { startWith: 1000 });

export const cases = pgTable(
  'cases',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseNumber: text('case_number').notNull(),
    kind: text('kind').notNull(),
    priority: text('priority').notNull(),
    expediteRequestedBy: text('expedite_requested_by'),
    /** A physician requested or supports expediting (42 CFR 422.570(c)(2)(ii)): no downgrade. */
    expeditePhysicianSupported: boolean('expedite_physician_supported').notNull().default(false),
    requesterType: text('requester_type').notNull(),
    channel: text('channel').notNull(),
    /** First receipt on any channel (the fax or phone system's time). Never in the future. */
    receivedAt: instant('received_at').notNull(),
    status: text('status').notNull(),
    disposition: text('disposition').notNull().default('pending'),
    assignedUserId: uuid('assigned_user_id'),
    memberId: uuid('member_id').notNull(),
    coverageId: uuid('coverage_id'),
    contractId: uuid('contract_id'),
    planOrgId: uuid('plan_org_id'),
    ipaOrgId: uuid('ipa_org_id'),
    lineOfBusiness: text('line_of_business'),
    /** Eligibility on the date of service, checked at intake; never a reason for the software to deny. */
    eligibility: text('eligibility').notNull(),
    eligibilityNote: text('eligibility_note'),
    requestingProviderId: uuid('requesting_provider_id'),
    servicingProviderId: uuid('servicing_provider_id'),
    facilityId: uuid('facility_id'),
    /** The provider organisation that submitted (portal / API), which sees the case. */
    submitterOrgId: uuid('submitter_org_id'),
    relatedCaseId: uuid('related_case_id'),
    /** The original payload, verbatim, where the channel provides one (FHIR bundle, X12 text). */
    sourceFormat: text('source_format'),
    sourcePayload: text('source_payload'),
    closeReason: text('close_reason'),
    pendMessage: text('pend_message'),
    /** The queue a pended case returns to when the requester answers. */
    pendedFromStatus: text('pended_from_status'),
    createdByType: text('created_by_type').notNull(),
    createdById: text('created_by_id').notNull(),
    createdAt: createdAt(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
    closedAt: instant('closed_at'),
    version: integer('version').notNull().default(1),
    /** Due instant of the case's decision clock (src/clocks); moved only by clock events. Queues order by it. */
    dueAt: instant('due_at'),
    /** Routing (src/queues): the state a reviewer must be licensed in (null: any), from the tenant's licensure settings. */
    requiredLicenceState: text('required_licence_state'),
    /** Routing: the specialty a physician reviewer must have (null: any), from the tenant's specialty rules. */
    requiredSpecialty: text('required_specialty'),
    /** Routing: the service category (service group) of the case's governing line. */
    serviceCategory: text('service_category'),
    /** Out-of-network request: the justification the plan requires (src/coverage). */
    outOfNetworkReason: text('out_of_network_reason'),
    outOfNetworkExplanation: text('out_of_network_explanation'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.memberId], foreignColumns: [members.tenantId, members.id] }),
    foreignKey({ columns: [t.tenantId, t.coverageId], foreignColumns: [coverages.tenantId, coverages.id] }),
    foreignKey({ columns: [t.tenantId, t.contractId], foreignColumns: [contracts.tenantId, contracts.id] }),
    foreignKey({ columns: [t.tenantId, t.planOrgId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.ipaOrgId], foreignColumns: [organisations.tenantId, organisations.id] }),
    foreignKey({ columns: [t.tenantId, t.requestingProviderId], foreignColumns: [providers.tenantId, providers.id] }),
    foreignKey({ columns: [t.tenantId, t.servicingProviderId], foreignColumns: [providers.tenantId, providers.id] }),
    foreignKey({ columns: [t.tenantId, t.facilityId], foreignColumns: [providers.tenantId, providers.id] }),
    unique('cases_number_unique').on(t.tenantId, t.caseNumber),
    index('cases_status_idx').on(t.tenantId, t.status, t.receivedAt),
    index('cases_member_idx').on(t.tenantId, t.memberId),
    index('cases_assignee_idx').on(t.tenantId, t.assignedUserId),
    index('cases_submitter_idx').on(t.tenantId, t.submitterOrgId, t.receivedAt),
    /** Work queues: open cases by status in due-time order (src/queues). */
    index('cases_queue_due_idx').on(t.tenantId, t.status, t.dueAt, t.id).where(sql`status in ('intake', 'nurse_review', 'md_review', 'pended_info')`),
    /** Work queues filtered by organisation: by delegate (IPA / MSO) or by plan, in due-time order. */
    index('cases_queue_ipa_idx').on(t.tenantId, t.status, t.ipaOrgId, t.dueAt, t.id).where(sql`status in ('intake', 'nurse_review', 'md_review', 'pended_info')`),
    index('cases_queue_plan_idx').on(t.tenantId, t.status, t.planOrgId, t.dueAt, t.id).where(sql`status in ('intake', 'nurse_review', 'md_review', 'pended_info')`),
    oneOf('cases_kind_check', t.kind, CASE_KINDS),
    oneOf('cases_priority_check', t.priority, PRIORITIES),
    oneOf('cases_expedite_check', t.expediteRequestedBy, EXPEDITE_REQUESTERS),
    oneOf('cases_requester_check', t.requesterType, REQUESTER_TYPES),
    oneOf('cases_channel_check', t.channel, CHANNELS),
    oneOf('cases_status_check', t.status, CASE_STATUSES),
    oneOf('cases_disposition_check', t.disposition, DISPOSITIONS),
    oneOf('cases_lob_check', t.lineOfBusiness, LINES_OF_BUSINESS),
    oneOf('cases_eligibility_check', t.eligibility, ['eligible', 'not_covered', 'unknown']),
    oneOf('cases_oon_reason_check', t.outOfNetworkReason, ['not_available_in_network', 'ongoing_course_of_treatment']),
  ],
);

export const serviceLines = pgTable(
  'service_lines',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    lineNo: integer('line_no').notNull(),
    codeSystem: text('code_system').notNull(),
    code: text('code').notNull(),
    modifiers: text('modifiers').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    units: numeric('units', { precision: 12, scale: 2, mode: 'number' }).notNull(),
    unitType: text('unit_type').notNull(),
    fromDate: date('from_date', { mode: 'string' }),
    toDate: date('to_date', { mode: 'string' }),
    placeOfService: text('place_of_service'),
    /** DOFR / reviewer-matrix service group, classified from the code. */
    serviceGroup: text('service_group').notNull(),
    responsibility: text('responsibility').notNull(),
    requirement: text('requirement').notNull().default('unknown'),
    /** Subject to the PA rules of 42 CFR 422.122 (the 7-day Medicare Advantage clock). */
    subjectToPa: boolean('subject_to_pa').notNull().default(true),
    ndc: text('ndc'),
    dose: text('dose'),
    frequency: text('frequency'),
    siteOfCare: text('site_of_care'),
    partB: boolean('part_b').notNull().default(false),
    outcome: text('outcome'),
    approvedUnits: numeric('approved_units', { precision: 12, scale: 2, mode: 'number' }),
    approvedFrom: date('approved_from', { mode: 'string' }),
    approvedTo: date('approved_to', { mode: 'string' }),
    authorizationNumber: text('authorization_number'),
    decidedAt: instant('decided_at'),
    /** The criteria-set version in force on the date of service, frozen at intake (src/coverage). */
    criteriaSetId: text('criteria_set_id'),
    criteriaSetVersion: text('criteria_set_version'),
    /** Every criterion the set's logic requires was met at intake: intake staff may approve the line. */
    criteriaMet: boolean('criteria_met').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    unique('service_lines_case_line').on(t.tenantId, t.caseId, t.lineNo),
    uniqueIndex('service_lines_auth_number').on(t.tenantId, t.authorizationNumber).where(sql`authorization_number is not null`),
    index('service_lines_member_code_idx').on(t.tenantId, t.code),
    oneOf('service_lines_system_check', t.codeSystem, CODE_SYSTEMS),
    oneOf('service_lines_responsibility_check', t.responsibility, RESPONSIBILITIES),
    oneOf('service_lines_requirement_check', t.requirement, REQUIREMENTS),
    oneOf('service_lines_outcome_check', t.outcome, LINE_OUTCOMES),
    check('service_lines_units_check', sql`${t.units} > 0`),
    check('service_lines_dates_check', sql`${t.toDate} is null or ${t.fromDate} is null or ${t.toDate} >= ${t.fromDate}`),
  ],
);

export const caseDiagnoses = pgTable(
  'case_diagnoses',
  {
    tenantId: tenantId(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    system: text('system').notNull(),
    code: text('code').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId, t.seq] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    oneOf('case_diagnoses_system_check', t.system, ['ICD-10-CM', 'ICD-9-CM']),
  ],
);

export const caseNotes = pgTable(
  'case_notes',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    /** `provider` notes are shown to the requesting provider (e.g. a request for information). */
    visibility: text('visibility').notNull(),
    body: text('body').notNull(),
    authorType: text('author_type').notNull(),
    authorId: text('author_id').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index('case_notes_case_idx').on(t.tenantId, t.caseId, t.createdAt),
    oneOf('case_notes_kind_check', t.kind, NOTE_KINDS),
    oneOf('case_notes_visibility_check', t.visibility, ['internal', 'provider']),
  ],
);

export const attachments = pgTable(
  'attachments',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedByType: text('uploaded_by_type').notNull(),
    uploadedById: text('uploaded_by_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index('attachments_case_idx').on(t.tenantId, t.caseId),
  ],
);

/** Idempotent intake: (tenant, submitter, key) → the case it created. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: tenantId(),
    submitter: text('submitter').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    caseId: uuid('case_id').notNull(),
    response: jsonb('response'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.submitter, t.key] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
  ],
);
