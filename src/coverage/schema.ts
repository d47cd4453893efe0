/**
 * Coverage rules and criteria in the database: the prior-authorization list per contract
 * (versioned), the criteria-set versions a tenant loaded and activated, each service line's
 * frozen criteria result, duplicate links, gold-card exemptions and the criteria-disclosure log.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, oneOf, tenantId } from '../platform/db/columns';
import { contracts, tenants } from '../tenancy/schema';
import { cases, serviceLines } from '../intake/schema';

/**
 * One version of one prior-authorization rule of a contract. A change writes a new version and
 * clears `current` on the previous one; nothing is updated in place except that flag.
 */
export const paRules = pgTable(
  'pa_rules',
  {
    tenantId: tenantId(),
    contractId: uuid('contract_id').notNull(),
    ruleId: text('rule_id').notNull(),
    version: integer('version').notNull(),
    current: boolean('current').notNull(),
    /** `retired` versions end a rule: it no longer matches. */
    status: text('status').notNull(),
    codeSystem: text('code_system').notNull(),
    codeFrom: text('code_from').notNull(),
    codeTo: text('code_to'),
    product: text('product'),
    placesOfService: text('places_of_service').array().notNull().default(sql`'{}'::text[]`),
    networkStatus: text('network_status'),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    requirement: text('requirement').notNull(),
    /** Subject to the prior-authorization rules of 42 CFR 422.122 (the 7-day standard clock). */
    subjectTo422122: boolean('subject_to_422_122').notNull(),
    criteriaSetId: text('criteria_set_id'),
    documents: text('documents').array().notNull().default(sql`'{}'::text[]`),
    validityKind: text('validity_kind').notNull(),
    validityDays: integer('validity_days'),
    serviceGroup: text('service_group').notNull(),
    changedByType: text('changed_by_type').notNull(),
    changedById: text('changed_by_id').notNull(),
    changeReason: text('change_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.contractId, t.ruleId, t.version] }),
    foreignKey({ columns: [t.tenantId, t.contractId], foreignColumns: [contracts.tenantId, contracts.id] }),
    uniqueIndex('pa_rules_current').on(t.tenantId, t.contractId, t.ruleId).where(sql`current`),
    index('pa_rules_lookup').on(t.tenantId, t.contractId, t.codeSystem).where(sql`current and status = 'active'`),
    oneOf('pa_rules_status_check', t.status, ['active', 'retired']),
    oneOf('pa_rules_system_check', t.codeSystem, ['CPT', 'HCPCS', 'REV']),
    oneOf('pa_rules_requirement_check', t.requirement, ['required', 'notification_only', 'not_required']),
    oneOf('pa_rules_network_check', t.networkStatus, ['in_network', 'out_of_network']),
    oneOf('pa_rules_validity_check', t.validityKind, ['window', 'course_of_treatment']),
    check('pa_rules_version_check', sql`${t.version} >= 1`),
  ],
);

/**
 * A criteria-set version as loaded (`openum criteria load`). The document is the set file,
 * verbatim; a version is never overwritten. `activated` is the administrator's switch: only
 * activated versions are used at intake and listed publicly.
 */
export const criteriaSetVersions = pgTable(
  'criteria_set_versions',
  {
    tenantId: tenantId(),
    setId: text('set_id').notNull(),
    version: text('version').notNull(),
    title: text('title').notNull(),
    /** The file's own status (draft, active, retired). */
    status: text('status').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    sourceKind: text('source_kind').notNull(),
    sourceCitation: text('source_citation').notNull(),
    clinicallyReviewed: boolean('clinically_reviewed').notNull(),
    document: jsonb('document').notNull(),
    sha256: text('sha256').notNull(),
    loadedAt: instant('loaded_at').notNull(),
    loadedBy: text('loaded_by').notNull(),
    activated: boolean('activated').notNull().default(false),
    activatedAt: instant('activated_at'),
    activatedBy: text('activated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.setId, t.version] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    index('criteria_set_versions_active').on(t.tenantId, t.setId).where(sql`activated`),
    oneOf('criteria_set_versions_status_check', t.status, ['draft', 'active', 'retired']),
  ],
);

/**
 * What the automation found for one service line at intake: the PA rule that decided, the
 * criteria-set version in force on the date of service (frozen here and on the line), every
 * criterion's result, the answers behind them and why the line went to a person.
 */
export const lineCriteria = pgTable(
  'line_criteria',
  {
    tenantId: tenantId(),
    lineId: uuid('line_id').notNull(),
    caseId: uuid('case_id').notNull(),
    /** What the intake order decided: approve, refer_to_review, no_authorization_required, notification_only. */
    result: text('result').notNull(),
    requirement: text('requirement').notNull(),
    /** How the requirement was decided: rule, no_rule, emergency, no_pa_list. */
    decidedBy: text('decided_by').notNull(),
    paRuleId: text('pa_rule_id'),
    paRuleVersion: integer('pa_rule_version'),
    paServiceGroup: text('pa_service_group'),
    criteriaSetId: text('criteria_set_id'),
    criteriaSetVersion: text('criteria_set_version'),
    /** met, not_met or unknown; null when the criteria were not evaluated. */
    criteriaOutcome: text('criteria_outcome'),
    /** Per criterion: id, text, citation, outcome, error. */
    criteria: jsonb('criteria').notNull().default(sql`'[]'::jsonb`),
    /** How the criteria combined (the set's all-of / any-of tree with each node's outcome). */
    logic: jsonb('logic'),
    /** The answers as read (by linkId) and the problems found in them. */
    answers: jsonb('answers').notNull().default(sql`'{}'::jsonb`),
    answerProblems: jsonb('answer_problems').notNull().default(sql`'[]'::jsonb`),
    /** Why the line went to a person (code, message, criteria). */
    reasons: jsonb('reasons').notNull().default(sql`'[]'::jsonb`),
    /** The gold-card exemption an approval rests on. */
    exemption: jsonb('exemption'),
    /** The QuestionnaireResponse as received, verbatim. */
    questionnaireResponse: jsonb('questionnaire_response'),
    documents: text('documents').array().notNull().default(sql`'{}'::text[]`),
    evaluatedAt: instant('evaluated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.lineId] }),
    foreignKey({ columns: [t.tenantId, t.lineId], foreignColumns: [serviceLines.tenantId, serviceLines.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index('line_criteria_case_idx').on(t.tenantId, t.caseId),
    oneOf('line_criteria_result_check', t.result, ['approve', 'refer_to_review', 'no_authorization_required', 'notification_only', 'not_evaluated']),
    oneOf('line_criteria_outcome_check', t.criteriaOutcome, ['met', 'not_met', 'unknown']),
  ],
);

/** A new line overlapping an open or approved line of another case for the same member and code. */
export const caseDuplicates = pgTable(
  'case_duplicates',
  {
    tenantId: tenantId(),
    caseId: uuid('case_id').notNull(),
    lineId: uuid('line_id').notNull(),
    otherCaseId: uuid('other_case_id').notNull(),
    otherLineId: uuid('other_line_id').notNull(),
    detectedAt: instant('detected_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.lineId, t.otherLineId] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    foreignKey({ columns: [t.tenantId, t.otherCaseId], foreignColumns: [cases.tenantId, cases.id] }),
    index('case_duplicates_case_idx').on(t.tenantId, t.caseId),
    index('case_duplicates_other_idx').on(t.tenantId, t.otherCaseId),
  ],
);

/** Gold-card exemptions granted by a recomputation (`recomputeExemptions`). */
export const goldCardExemptions = pgTable(
  'gold_card_exemptions',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    providerKind: text('provider_kind').notNull(),
    providerValue: text('provider_value').notNull(),
    serviceGroup: text('service_group').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    approved: integer('approved').notNull(),
    counted: integer('counted').notNull(),
    approvalPercent: numeric('approval_percent', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    evaluationFrom: date('evaluation_from', { mode: 'string' }).notNull(),
    evaluationTo: date('evaluation_to', { mode: 'string' }).notNull(),
    citation: text('citation').notNull(),
    computedAt: instant('computed_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    uniqueIndex('gold_card_exemptions_unique').on(t.tenantId, t.providerKind, t.providerValue, t.serviceGroup, t.startDate),
    index('gold_card_exemptions_lookup').on(t.tenantId, t.serviceGroup, t.endDate),
    oneOf('gold_card_exemptions_kind_check', t.providerKind, ['npi', 'tin']),
  ],
);

/**
 * Requests for the criteria behind a decision (or in general), from the portal, the API, by phone,
 * by mail or fax, and on-site review visits; with their fulfilment.
 */
export const criteriaRequests = pgTable(
  'criteria_requests',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id'),
    channel: text('channel').notNull(),
    requesterName: text('requester_name').notNull(),
    requesterOrganisation: text('requester_organisation'),
    requesterContact: text('requester_contact'),
    receivedAt: instant('received_at').notNull(),
    subject: text('subject'),
    /** On-site review visits: the scheduled date, whether the request form was received, who met the provider. */
    visitScheduledFor: date('visit_scheduled_for', { mode: 'string' }),
    formReceived: boolean('form_received'),
    metBy: text('met_by'),
    status: text('status').notNull(),
    fulfilledAt: instant('fulfilled_at'),
    fulfilledByName: text('fulfilled_by_name'),
    fulfilmentMethod: text('fulfilment_method'),
    /** The criteria-set versions disclosed: [{ setId, version }]. */
    disclosed: jsonb('disclosed').notNull().default(sql`'[]'::jsonb`),
    note: text('note'),
    loggedByType: text('logged_by_type').notNull(),
    loggedById: text('logged_by_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId], foreignColumns: [tenants.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index('criteria_requests_case_idx').on(t.tenantId, t.caseId),
    index('criteria_requests_received_idx').on(t.tenantId, t.receivedAt),
    oneOf('criteria_requests_channel_check', t.channel, ['portal', 'api', 'phone', 'mail', 'fax', 'on_site']),
    oneOf('criteria_requests_status_check', t.status, ['open', 'fulfilled']),
  ],
);
