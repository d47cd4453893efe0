import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { instant, oneOf, tenantId } from '../platform/db/columns';
import { cases, serviceLines } from '../intake/schema';
import { BASIS_KINDS, DENIAL_CATEGORIES, LINE_OUTCOMES } from './model';

/**
 * Determinations, append-only: one row per decision on a service line, naming what it rests on and
 * who decided. The line keeps the current outcome; this table keeps every decision made.
 */
export const determinations = pgTable(
  'determinations',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    lineId: uuid('line_id').notNull(),
    outcome: text('outcome').notNull(),
    approvedUnits: numeric('approved_units', { precision: 12, scale: 2, mode: 'number' }),
    approvedFrom: date('approved_from', { mode: 'string' }),
    approvedTo: date('approved_to', { mode: 'string' }),
    approvedCode: text('approved_code'),
    approvedPlaceOfService: text('approved_place_of_service'),
    category: text('category'),
    reasonCode: text('reason_code'),
    reason: text('reason'),
    basisKind: text('basis_kind').notNull(),
    criteriaSetId: text('criteria_set_id'),
    criteriaSetVersion: text('criteria_set_version'),
    criterionId: text('criterion_id'),
    coverageRule: text('coverage_rule'),
    /** Where the cited coverage rule or plan policy is written (EOC section, policy number, NCD/LCD). */
    coverageRuleReference: text('coverage_rule_reference'),
    decidedByType: text('decided_by_type').notNull(),
    decidedById: text('decided_by_id').notNull(),
    decidedByRole: text('decided_by_role').notNull(),
    decidedByCredential: text('decided_by_credential'),
    decidedByName: text('decided_by_name').notNull(),
    decidedAt: instant('decided_at').notNull(),
    authorizationNumber: text('authorization_number'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    foreignKey({ columns: [t.tenantId, t.lineId], foreignColumns: [serviceLines.tenantId, serviceLines.id] }),
    index('determinations_case_idx').on(t.tenantId, t.caseId, t.decidedAt),
    oneOf('determinations_outcome_check', t.outcome, LINE_OUTCOMES),
    oneOf('determinations_category_check', t.category, DENIAL_CATEGORIES),
    oneOf('determinations_basis_check', t.basisKind, BASIS_KINDS),
    // An adverse determination always carries a category, a reason code and a specific reason.
    check(
      'determinations_adverse_reason_check',
      sql`${t.outcome} not in ('denied', 'approved_modified') or (${t.category} is not null and ${t.reasonCode} is not null and length(${t.reason}) > 0)`,
    ),
    // An adverse determination rests on a criteria set or a named coverage rule, never on nothing.
    check(
      'determinations_adverse_basis_check',
      sql`${t.outcome} not in ('denied', 'approved_modified') or ${t.criteriaSetId} is not null or ${t.coverageRule} is not null`,
    ),
    // The software never denies or reduces: a system actor may only approve or answer "not required".
    check('determinations_system_never_adverse', sql`${t.decidedByType} <> 'system' or ${t.outcome} in ('approved', 'no_auth_required', 'forwarded')`),
  ],
);
