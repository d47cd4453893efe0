/**
 * Clocks on cases (issue 3): one row per case with its policy, rule, citation, due time,
 * obligations and alarms, and the history of every clock event (who, when, why). Due times move
 * only through these events; the sweep claims rows whose next alarm has come (`next_alarm_at`).
 */
import { sql } from 'drizzle-orm';
import { foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { instant, oneOf, tenantId } from '../platform/db/columns';
import { cases } from '../intake/schema';

/** Where a case's clock stands. */
export const CLOCK_STATES = ['running', 'paused', 'awaiting_notice', 'met', 'late', 'stopped', 'no_clock'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** What timeliness is measured on: the decision, or the notice reaching the enrollee. */
export const TIMELINESS_MEASURES = ['decision', 'notice'] as const;

export const caseClocks = pgTable(
  'case_clocks',
  {
    tenantId: tenantId(),
    caseId: uuid('case_id').notNull(),
    state: text('state').notNull(),
    /** Policy stack (precedence order) and the rule that set the due time. */
    policies: text('policies').array().notNull(),
    policyId: text('policy_id'),
    policyVersion: text('policy_version'),
    policyTitle: text('policy_title'),
    ruleId: text('rule_id'),
    /** The rule's citation plus those of the events that moved the time (extension, tolling…). */
    citation: text('citation'),
    timeZone: text('time_zone').notNull(),
    /** Priority as finally processed (`standard` / `fast`). */
    priorityClass: text('priority_class'),
    startedAt: instant('started_at').notNull(),
    dueAt: instant('due_at'),
    atRiskAt: instant('at_risk_at'),
    /** The earliest alarm not yet fired (at-risk warning or due time); null when none is left. */
    nextAlarmAt: instant('next_alarm_at'),
    atRiskWarnedAt: instant('at_risk_warned_at'),
    overdueMarkedAt: instant('overdue_marked_at'),
    consequence: jsonb('consequence'),
    obligations: jsonb('obligations').notNull().default(sql`'[]'::jsonb`),
    /** One clock per service line: request type, rule and due time. */
    lineClocks: jsonb('line_clocks').notNull().default(sql`'[]'::jsonb`),
    /** The facts the clock is computed from (kind, coverage, priority, receipt, lines, chosen assignment). */
    inputs: jsonb('inputs').notNull(),
    measure: text('measure').notNull(),
    decidedAt: instant('decided_at'),
    oralNoticeAt: instant('oral_notice_at'),
    writtenNoticeAt: instant('written_notice_at'),
    /** The instant timeliness was judged on (decision, oral or written notice, as the policy names). */
    measuredAt: instant('measured_at'),
    liabilityStartedAt: instant('liability_started_at'),
    liabilityEndedAt: instant('liability_ended_at'),
    liabilityEndReason: text('liability_end_reason'),
    stoppedReason: text('stopped_reason'),
    noClockReason: text('no_clock_reason'),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.caseId] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    index('case_clocks_alarm_idx').on(t.nextAlarmAt).where(sql`next_alarm_at is not null`),
    index('case_clocks_decided_idx').on(t.tenantId, t.decidedAt),
    oneOf('case_clocks_state_check', t.state, CLOCK_STATES),
    oneOf('case_clocks_measure_check', t.measure, TIMELINESS_MEASURES),
  ],
);

/** What a clock event did to the due time. */
export const CLOCK_EVENT_RESULTS = ['applied', 'no_effect', 'recorded'] as const;

export const clockEvents = pgTable(
  'clock_events',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    /** When it happened (may precede the recording, e.g. an oral notice keyed afterwards). */
    at: instant('at').notNull(),
    recordedAt: instant('recorded_at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id').notNull(),
    actorRole: text('actor_role').notNull(),
    actorName: text('actor_name'),
    reason: text('reason'),
    /** The event as the engine reads it (null for events the engine does not take). */
    engineEvent: jsonb('engine_event'),
    data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
    result: text('result').notNull(),
    dueBefore: instant('due_before'),
    dueAfter: instant('due_after'),
    citation: text('citation'),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ columns: [t.tenantId, t.caseId], foreignColumns: [cases.tenantId, cases.id] }),
    unique('clock_events_case_seq').on(t.tenantId, t.caseId, t.seq),
    oneOf('clock_events_result_check', t.result, CLOCK_EVENT_RESULTS),
  ],
);
