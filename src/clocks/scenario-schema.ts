/**
 * The scenario-file format of shared/scenarios/clock-scenarios.json, as TypeBox schemas (the
 * schemas are the types). Events are checked against the schema of their own type so that the
 * error names the field that is wrong.
 */
import { Type, type Static, type TSchema } from 'typebox';

const Instant = Type.String({ minLength: 1 });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const PriorityS = Type.Union([Type.Literal('standard'), Type.Literal('expedited'), Type.Literal('urgent')]);

export const ScenarioLine = Type.Union([
  Type.Literal('medicare_advantage'),
  Type.Literal('medicaid'),
  Type.Literal('medicaid_ffs'),
  Type.Literal('chip'),
  Type.Literal('commercial_erisa'),
  Type.Literal('qhp_ffe'),
  Type.Literal('texas_commercial'),
  Type.Literal('texas_medicaid'),
  Type.Literal('california_commercial'),
  Type.Literal('new_york_commercial'),
  Type.Literal('illinois_commercial'),
]);
export type ScenarioLine = Static<typeof ScenarioLine>;

export const ScenarioRequestType = Type.Union([
  Type.Literal('pre_service'),
  Type.Literal('post_service'),
  Type.Literal('concurrent'),
  Type.Literal('part_b_drug'),
  Type.Literal('outpatient_drug'),
  Type.Literal('reconsideration'),
  Type.Literal('post_stabilization'),
  Type.Literal('patient_access_api_pa_data'),
  Type.Literal('expedite_downgrade_written_notice'),
  Type.Literal('expedited_written_confirmation'),
  Type.Literal('notice_moon'),
  Type.Literal('notice_im_initial'),
  Type.Literal('notice_nomnc'),
  Type.Literal('notice_denc'),
]);

const at = { at: Instant };
const open = { additionalProperties: true } as const;

/** One schema per event type (extra members such as `expected_outcome` or `notes` are allowed). */
export const SCENARIO_EVENT_SCHEMAS = {
  extension_taken: Type.Object({ type: Type.Literal('extension_taken'), ...at, days: Type.Number(), reason: Type.String() }, open),
  extension_requested: Type.Object({ type: Type.Literal('extension_requested'), ...at, days: Type.Number(), expected_outcome: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) }, open),
  additional_info_requested: Type.Object({ type: Type.Literal('additional_info_requested'), ...at, response_window_days: Type.Optional(Type.Number()) }, open),
  additional_info_received: Type.Object({ type: Type.Literal('additional_info_received'), ...at }, open),
  incomplete_claim_notice_sent: Type.Object({ type: Type.Literal('incomplete_claim_notice_sent'), ...at, response_window_hours: Type.Optional(Type.Number()) }, open),
  necessary_info_received: Type.Object({ type: Type.Literal('necessary_info_received'), ...at }, open),
  expedite_denied: Type.Object({ type: Type.Literal('expedite_denied'), ...at, new_priority: PriorityS, physician_supported: Type.Optional(Type.Boolean()) }, open),
  priority_upgraded: Type.Object({ type: Type.Literal('priority_upgraded'), ...at, new_priority: PriorityS }, open),
  oral_notice_given: Type.Object({ type: Type.Literal('oral_notice_given'), ...at }, open),
  admission: Type.Object({ type: Type.Literal('admission'), ...at }, open),
  observation_start: Type.Object({ type: Type.Literal('observation_start'), ...at }, open),
  planned_services_end: Type.Object({ type: Type.Literal('planned_services_end'), date: IsoDate }, open),
  approved_course_ends: Type.Object({ type: Type.Literal('approved_course_ends'), ...at }, open),
  pa_status_change: Type.Object({ type: Type.Literal('pa_status_change'), ...at }, open),
  rating_period_start: Type.Object({ type: Type.Literal('rating_period_start'), date: IsoDate }, open),
  flag: Type.Union([
    Type.Object({ type: Type.Literal('flag'), name: Type.Literal('subject_to_prior_authorization'), value: Type.Boolean() }, open),
    Type.Object({ type: Type.Literal('flag'), name: Type.Literal('procedural_failure'), value: Type.Boolean() }, open),
    Type.Object(
      {
        type: Type.Literal('flag'),
        name: Type.Literal('reconsideration_subject'),
        value: Type.Union([Type.Literal('payment'), Type.Literal('part_b_drug'), Type.Literal('pre_service'), Type.Literal('post_service')]),
      },
      open,
    ),
  ]),
} as const satisfies Record<string, TSchema>;

export type ScenarioEventType = keyof typeof SCENARIO_EVENT_SCHEMAS;

const S = SCENARIO_EVENT_SCHEMAS;
/** Any scenario event (a union discriminated by `type`). */
export const ScenarioEvent = Type.Union([
  S.extension_taken, S.extension_requested, S.additional_info_requested, S.additional_info_received,
  S.incomplete_claim_notice_sent, S.necessary_info_received, S.expedite_denied, S.priority_upgraded,
  S.oral_notice_given, S.admission, S.observation_start, S.planned_services_end, S.approved_course_ends,
  S.pa_status_change, S.rating_period_start, S.flag,
]);
export type ScenarioEvent = Static<typeof ScenarioEvent>;

/** A scenario without its events (checked one by one). */
export const ScenarioHead = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    line_of_business: ScenarioLine,
    request_type: ScenarioRequestType,
    priority: PriorityS,
    received_at: Instant,
    time_zone: Type.String({ minLength: 1 }),
    events: Type.Optional(Type.Array(Type.Unknown())),
    expected_due_at: Type.Optional(Type.String()),
    rule: Type.Optional(Type.String()),
    expedite_requested_by: Type.Optional(
      Type.Union([Type.Literal('physician'), Type.Literal('member'), Type.Literal('enrollee'), Type.Literal('representative'), Type.Literal('provider'), Type.Literal('plan')]),
    ),
    physician_supports_expedite: Type.Optional(Type.Boolean()),
  },
  open,
);
export type ScenarioHead = Static<typeof ScenarioHead>;

export const ScenarioFile = Type.Object({ scenarios: Type.Array(Type.Unknown()) }, open);
