/**
 * The JSON a case clock keeps in the database (case_clocks.inputs, clock_events.engine_event…),
 * as TypeBox schemas: what comes back from jsonb is checked, never cast.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { UmError } from '../platform/errors';
import { ClockPolicyAssignmentSchema } from './settings';

const Instant = Type.String({ minLength: 1 });
const Lob = Type.Union([Type.Literal('medicare_advantage'), Type.Literal('medicaid'), Type.Literal('chip'), Type.Literal('commercial'), Type.Literal('qhp')]);
const CaseKindS = Type.Enum(['prior_auth', 'referral', 'admission_notification', 'concurrent_review', 'snf_admission', 'post_stabilization', 'retrospective', 'reconsideration']);
const PriorityS = Type.Union([Type.Literal('standard'), Type.Literal('expedited'), Type.Literal('urgent')]);
const Requester = Type.Enum(['physician', 'member', 'enrollee', 'representative', 'provider', 'plan']);

/** The facts a case's clock is computed from; kept so that every later event recomputes it the same way. */
export const ClockInputsSchema = Type.Object({
  caseKind: CaseKindS,
  coverage: Type.Object({
    lineOfBusiness: Lob,
    productType: Type.Union([Type.String(), Type.Null()]),
    funding: Type.Union([Type.Literal('fully_insured'), Type.Literal('self_funded'), Type.Null()]),
    state: Type.Union([Type.String(), Type.Null()]),
  }),
  /** Where the coverage facts came from: the case's coverage, or the member's latest span (eligibility unconfirmed). */
  coverageSource: Type.Union([Type.Literal('case'), Type.Literal('latest_span')]),
  priority: PriorityS,
  receivedAt: Instant,
  lines: Type.Array(Type.Object({ lineId: Type.String(), serviceGroup: Type.String(), subjectToPriorAuthorization: Type.Boolean() })),
  appealOf: Type.Optional(CaseKindS),
  expediteRequestedBy: Type.Optional(Requester),
  physicianSupportsExpedite: Type.Boolean(),
  /** The tenant's policy assignment chosen at receipt (a settings change later does not move the clock). */
  assignment: ClockPolicyAssignmentSchema,
  timeZone: Type.String({ minLength: 1 }),
  atRiskPercent: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 100 }),
});
export type ClockInputs = Static<typeof ClockInputsSchema>;

/** The clock events a reviewer or the workflow records that the engine reads. */
export const EngineEventSchema = Type.Union([
  Type.Object({ type: Type.Literal('extension_taken'), at: Instant, days: Type.Integer(), reason: Type.String() }),
  Type.Object({ type: Type.Literal('expedite_denied'), at: Instant, newPriority: PriorityS, physicianSupported: Type.Optional(Type.Boolean()) }),
  Type.Object({ type: Type.Literal('priority_upgraded'), at: Instant, newPriority: PriorityS }),
  Type.Object({ type: Type.Literal('necessary_info_received'), at: Instant }),
  Type.Object({ type: Type.Literal('additional_info_requested'), at: Instant, responseWindowDays: Type.Optional(Type.Integer()) }),
  Type.Object({ type: Type.Literal('additional_info_received'), at: Instant }),
  Type.Object({ type: Type.Literal('oral_notice_given'), at: Instant }),
]);
export type EngineEvent = Static<typeof EngineEventSchema>;

export const ConsequenceSchema = Type.Object({
  kind: Type.Enum(['adverse_determination_appealable', 'forward_to_independent_review', 'deemed_adverse', 'appeal_deemed_exhausted', 'deemed_authorized', 'financially_responsible', 'overdue']),
  citation: Type.String(),
  description: Type.String(),
});
export type StoredConsequence = Static<typeof ConsequenceSchema>;

export const ObligationsSchema = Type.Array(Type.Object({ kind: Type.String(), dueAt: Instant, citation: Type.String(), description: Type.String() }));
export type StoredObligations = Static<typeof ObligationsSchema>;

export const LineClocksSchema = Type.Array(
  Type.Object({
    lineId: Type.String(),
    requestType: Type.String(),
    kind: Type.Union([Type.Literal('running'), Type.Literal('paused'), Type.Literal('no_clock')]),
    dueAt: Type.Union([Type.String(), Type.Null()]),
    ruleId: Type.Union([Type.String(), Type.Null()]),
    citation: Type.Union([Type.String(), Type.Null()]),
    governing: Type.Boolean(),
  }),
);
export type StoredLineClocks = Static<typeof LineClocksSchema>;

/** Checks stored JSON against its schema; a mismatch is a bug or a tampered row, never user input. */
export function readStored<S extends TSchema>(schema: S, value: unknown, what: string): Static<S> {
  if (Value.Check(schema, value)) return value;
  const first = Value.Errors(schema, value)[0];
  throw new UmError('UM_ERR_INTERNAL', `Stored ${what} is not valid${first === undefined ? '' : `: ${first.instancePath} ${first.message}`}`);
}
