/**
 * Runs documents in the scenario-file format (shared/scenarios/clock-scenarios.json) through the
 * engine: each scenario's line of business maps to a policy stack, its flag / rating-period events
 * become input facts, and the rest become clock events. `expected_due_at` is never read here.
 */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { isUmError } from '../platform/errors';
import { computeClock } from './engine';
import type { PolicyRegistry } from './policies/index';
import { BUILT_IN_POLICIES } from './policies/index';
import {
  SCENARIO_EVENT_SCHEMAS, ScenarioEvent, ScenarioHead, type ScenarioEventType, type ScenarioLine,
} from './scenario-schema';
import type { ClockEvent, ClockInput, ClockResult } from './types';

/** The policy stack for each scenario line of business (fallbacks are added by the engine). */
export const SCENARIO_LINE_POLICIES: Readonly<Record<ScenarioLine, readonly string[]>> = {
  medicare_advantage: ['medicare_advantage'],
  medicaid: ['medicaid_managed_care'],
  medicaid_ffs: ['medicaid_ffs'],
  chip: ['chip_managed_care'],
  commercial_erisa: ['commercial_erisa'],
  qhp_ffe: ['qhp_ffe'],
  texas_commercial: ['texas_commercial'],
  texas_medicaid: ['texas_medicaid'],
  california_commercial: ['california_commercial'],
  new_york_commercial: ['new_york_commercial'],
  illinois_commercial: ['illinois_commercial'],
};

export type ScenarioOutcome =
  | { readonly id: string; readonly due_at: string; readonly rule: string }
  | { readonly id: string; readonly error: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEventType = (t: unknown): t is ScenarioEventType => typeof t === 'string' && Object.hasOwn(SCENARIO_EVENT_SCHEMAS, t);

function firstError(schema: TSchema, value: unknown, where: string): string {
  const e = Value.Errors(schema, value)[0];
  return e === undefined ? `${where} is not valid` : `${where}${e.instancePath}: ${e.message}`;
}

function parseEvent(raw: unknown, index: number): ScenarioEvent | string {
  const where = `events[${index}]`;
  if (!isRecord(raw)) return `${where} is not an object`;
  const type = raw.type;
  if (!isEventType(type)) return `${where}: unknown event type ${JSON.stringify(type)}`;
  if (Value.Check(ScenarioEvent, raw)) return raw;
  return firstError(SCENARIO_EVENT_SCHEMAS[type], raw, where);
}

/** Converts one raw scenario to engine input, or explains why it cannot. */
export function scenarioInput(raw: unknown): { readonly id: string; readonly input: ClockInput } | { readonly id: string; readonly error: string } {
  const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : '(no id)';
  if (!Value.Check(ScenarioHead, raw)) return { id, error: firstError(ScenarioHead, raw, 'scenario') };
  const events: ClockEvent[] = [];
  let subjectToPriorAuthorization: boolean | undefined;
  let reconsiderationSubject: ClockInput['reconsiderationSubject'];
  let proceduralFailure: boolean | undefined;
  let ratingPeriodStart: string | undefined;
  for (const [i, item] of (raw.events ?? []).entries()) {
    const ev = parseEvent(item, i);
    if (typeof ev === 'string') return { id, error: ev };
    switch (ev.type) {
      case 'flag':
        if (ev.name === 'subject_to_prior_authorization') subjectToPriorAuthorization = ev.value;
        else if (ev.name === 'procedural_failure') proceduralFailure = ev.value;
        else reconsiderationSubject = ev.value;
        break;
      case 'rating_period_start':
        ratingPeriodStart = ev.date;
        break;
      case 'extension_taken':
        events.push({ type: ev.type, at: ev.at, days: ev.days, reason: ev.reason });
        break;
      case 'extension_requested':
        events.push({ type: ev.type, at: ev.at, days: ev.days, ...(ev.reason === undefined ? {} : { reason: ev.reason }) });
        break;
      case 'additional_info_requested':
        events.push({ type: ev.type, at: ev.at, ...(ev.response_window_days === undefined ? {} : { responseWindowDays: ev.response_window_days }) });
        break;
      case 'incomplete_claim_notice_sent':
        events.push({ type: ev.type, at: ev.at, ...(ev.response_window_hours === undefined ? {} : { responseWindowHours: ev.response_window_hours }) });
        break;
      case 'expedite_denied':
        events.push({ type: ev.type, at: ev.at, newPriority: ev.new_priority, ...(ev.physician_supported === undefined ? {} : { physicianSupported: ev.physician_supported }) });
        break;
      case 'priority_upgraded':
        events.push({ type: ev.type, at: ev.at, newPriority: ev.new_priority });
        break;
      case 'planned_services_end':
        events.push({ type: ev.type, date: ev.date });
        break;
      case 'additional_info_received':
      case 'necessary_info_received':
      case 'oral_notice_given':
      case 'admission':
      case 'observation_start':
      case 'approved_course_ends':
      case 'pa_status_change':
        events.push({ type: ev.type, at: ev.at });
        break;
    }
  }
  const input: ClockInput = {
    policies: SCENARIO_LINE_POLICIES[raw.line_of_business],
    requestType: raw.request_type,
    priority: raw.priority,
    receivedAt: raw.received_at,
    timeZone: raw.time_zone,
    events,
    ...(subjectToPriorAuthorization === undefined ? {} : { subjectToPriorAuthorization }),
    ...(reconsiderationSubject === undefined ? {} : { reconsiderationSubject }),
    ...(proceduralFailure === undefined ? {} : { proceduralFailure }),
    ...(ratingPeriodStart === undefined ? {} : { ratingPeriodStart }),
    ...(raw.expedite_requested_by === undefined ? {} : { expediteRequestedBy: raw.expedite_requested_by }),
    ...(raw.physician_supports_expedite === undefined ? {} : { physicianSupportsExpedite: raw.physician_supports_expedite }),
  };
  return { id, input };
}

/** Computes one scenario: the engine's full result, or why it cannot be computed. */
export function runScenario(raw: unknown, registry: PolicyRegistry = BUILT_IN_POLICIES): { readonly id: string; readonly result: ClockResult } | { readonly id: string; readonly error: string } {
  const parsed = scenarioInput(raw);
  if ('error' in parsed) return parsed;
  try {
    return { id: parsed.id, result: computeClock(parsed.input, registry) };
  } catch (e) {
    if (isUmError(e)) return { id: parsed.id, error: `${e.code}: ${e.message}` };
    throw e;
  }
}

/** The one-line output of `openum clock` for a scenario. */
export function scenarioOutcome(raw: unknown, registry: PolicyRegistry = BUILT_IN_POLICIES): ScenarioOutcome {
  const run = runScenario(raw, registry);
  if ('error' in run) return run;
  const r = run.result;
  if (r.kind === 'no_clock') return { id: run.id, error: `${r.code}: ${r.reason}` };
  return { id: run.id, due_at: r.dueAt, rule: r.citation };
}
