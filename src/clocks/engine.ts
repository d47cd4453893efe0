/**
 * The decision-clock engine: one pure function from a request's facts and events to its due
 * time, the rule (with citation) that set it, the obligations it created, what missing it means,
 * and a trace of every event. No I/O and no clock reads: time is in the input.
 */
import { UmError } from '../platform/errors';
import { applyEvent } from './events';
import { BUILT_IN_POLICIES, type PolicyRegistry } from './policies/index';
import { resolvePolicies, selectRule, type SelectionFacts, type Variant } from './select';
import { anchorFor, dueOf, fmt, type ClockEnv, type RunState } from './state';
import { MS_PER_HOUR, formatDate, localDay, parseDate, parseInstant, plusLocalDays, zoneFor } from './time/zoned';
import type { TimedEvent } from './trace';
import type { ClockInput, ClockResult, Obligation } from './types';
import { windowSummary } from './window';

function timedEvents(input: ClockInput): TimedEvent[] {
  const out: TimedEvent[] = [];
  for (const event of input.events ?? []) {
    if (event.type === 'planned_services_end') continue;
    out.push({ event, ms: parseInstant(event.at, `${event.type} time`) });
  }
  // Stable: events at the same instant keep their order.
  return out.sort((a, b) => a.ms - b.ms);
}

function selectionFacts(input: ClockInput, receivedMs: number, receiptDay: number, events: readonly TimedEvent[]): SelectionFacts {
  const courseEnd = events.find((e) => e.event.type === 'approved_course_ends');
  const receiptDate = formatDate(receiptDay);
  return {
    requestType: input.requestType,
    receiptDate,
    // Default: a calendar-year rating period (starts Jan 1 of the receipt year).
    ratingPeriodStart: input.ratingPeriodStart === undefined ? `${receiptDate.slice(0, 4)}-01-01` : formatDate(parseDate(input.ratingPeriodStart, 'rating period start')),
    subjectToPriorAuthorization: input.subjectToPriorAuthorization ?? true,
    reconsiderationSubject: input.reconsiderationSubject,
    concurrentLead: courseEnd === undefined || courseEnd.ms - receivedMs >= 24 * MS_PER_HOUR ? 'at_least_24h' : 'under_24h',
    hasStatusChange: events.some((e) => e.event.type === 'pa_status_change'),
  };
}

/**
 * Computes one clock. Invalid input (bad instant, unknown zone or policy, missing NOMNC end date)
 * throws `UmError('UM_ERR_CLOCK_INPUT')`; a request no policy covers is `{ kind: 'no_clock' }`.
 * Conventions: shared/scenarios/clock-scenarios.json; rules: regulations.md.
 */
export function computeClock(input: ClockInput, registry: PolicyRegistry = BUILT_IN_POLICIES): ClockResult {
  const zone = zoneFor(input.timeZone);
  const receivedMs = parseInstant(input.receivedAt, 'receipt time');
  const receiptDay = localDay(receivedMs, zone);
  const events = timedEvents(input);
  const servicesEnd = input.events?.find((e) => e.type === 'planned_services_end');
  const facts = selectionFacts(input, receivedMs, receiptDay, events);
  const stack = resolvePolicies(input.policies, registry);
  const notes: string[] = [];
  let variant: Variant = input.proceduralFailure === true ? 'procedural_failure_notice' : 'decision';
  const priority = input.priority === 'standard' ? 'standard' : 'fast';
  let selected = selectRule(stack, facts, priority, variant);
  if (selected === undefined && variant === 'procedural_failure_notice') {
    variant = 'decision';
    selected = selectRule(stack, facts, priority, variant);
    notes.push('procedural_failure has no rule for this request and is ignored');
  }
  if (selected === undefined) {
    return {
      kind: 'no_clock',
      code: 'UM_ERR_CLOCK_NO_POLICY',
      reason: `No rule in ${stack.map((p) => p.id).join(', ')} covers a ${priority} ${input.requestType} request received ${facts.receiptDate}`,
      policies: stack.map((p) => p.id),
    };
  }
  const first = selected;
  const firstPolicyKey = first.policy.versionKey;
  if (firstPolicyKey === 'rating_period_start' && input.ratingPeriodStart === undefined) {
    notes.push(`rating period assumed to start ${facts.ratingPeriodStart}`);
  }
  const env: ClockEnv = {
    zone,
    zoneName: input.timeZone,
    calendarOverride: input.calendar,
    receivedMs,
    servicesEndDay: servicesEnd === undefined ? undefined : parseDate(servicesEnd.date, 'planned end of services'),
    stack,
    facts,
    variant,
    physicianSupportsExpedite: input.physicianSupportsExpedite === true || input.expediteRequestedBy === 'physician',
  };
  const state: RunState = {
    selected: first,
    priority,
    anchorMs: receivedMs,
    necessaryInfoMs: undefined,
    informationRequested: false,
    extensionDays: 0,
    extensionCount: 0,
    tolledDays: 0,
    openToll: undefined,
    incomplete: undefined,
    capMs: undefined,
    modifiers: [],
    obligations: [],
    trace: [],
  };
  state.anchorMs = anchorFor(state, env, first);
  const startDue = dueOf(state, env);
  state.trace.push({
    kind: 'started',
    at: input.receivedAt,
    dueAt: fmt(startDue, zone),
    ruleId: first.rule.id,
    citation: first.rule.citation,
    note: [`${first.policy.id} ${first.version.version}: ${first.rule.description}`, ...notes].join('; '),
  });
  if (servicesEnd !== undefined) {
    state.trace.push({ kind: 'context', event: 'planned_services_end', at: servicesEnd.date, note: 'Planned end of covered services' });
  }
  for (const ev of events) applyEvent(state, env, ev);
  return finish(state, env);
}

function finish(state: RunState, env: ClockEnv): ClockResult {
  const { policy, version, rule } = state.selected;
  let dueMs = dueOf(state, env);
  const toll = state.openToll;
  if (toll !== undefined) dueMs = plusLocalDays(dueMs, toll.windowDays, env.zone);
  const citation = [rule.citation, ...state.modifiers.filter((m) => m !== rule.citation)].join('; ');
  const primary: Obligation = { kind: rule.obligation, dueAt: fmt(dueMs, env.zone), dueEpochMs: dueMs, citation, description: rule.description };
  const facts = {
    dueAt: primary.dueAt,
    dueEpochMs: dueMs,
    timeZone: env.zoneName,
    rule: {
      policyId: policy.id,
      policyVersion: version.version,
      policyTitle: policy.title,
      ruleId: rule.id,
      citation: rule.citation,
      ...windowSummary(rule.window),
    },
    citation,
    priority: state.priority,
    obligations: [primary, ...state.obligations],
    consequence: rule.consequence,
    trace: state.trace,
    refused: state.trace.flatMap((t) => (t.kind === 'refused' ? [t] : [])),
  };
  if (toll === undefined) return { kind: 'running', ...facts };
  return {
    kind: 'paused',
    ...facts,
    pausedSince: fmt(toll.sinceMs, env.zone),
    resumesBy: fmt(plusLocalDays(toll.sinceMs, toll.windowDays, env.zone), env.zone),
  };
}

/** Throws the coded error of a `no_clock` result; returns the computed clock otherwise. */
export function requireClock(result: ClockResult): Exclude<ClockResult, { kind: 'no_clock' }> {
  if (result.kind === 'no_clock') throw new UmError(result.code, result.reason);
  return result;
}
