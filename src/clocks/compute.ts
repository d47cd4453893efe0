/**
 * From a case clock's stored facts and events to its computed clock, and from that to the columns
 * the database keeps (pure). Every change of a case clock goes through `computeStoredClock`: the
 * due time is always what the engine says for the facts and the recorded events.
 */
import { computeCaseClock, type CaseClockResult } from './case-clock';
import type { ClockEvent, ClockEventType, PriorityClass, TraceEntry } from './types';
import type { ErrorCode } from '../platform/errors';
import type { ClockInputs, EngineEvent, StoredConsequence, StoredLineClocks, StoredObligations } from './stored';

/** Recomputes the case clock from its inputs and its engine events, in recorded order. */
export function computeStoredClock(inputs: ClockInputs, events: readonly EngineEvent[]): CaseClockResult {
  const engineEvents: ClockEvent[] = [...events];
  return computeCaseClock({
    caseKind: inputs.caseKind,
    coverage: inputs.coverage,
    priority: inputs.priority,
    receivedAt: inputs.receivedAt,
    lines: inputs.lines,
    events: engineEvents,
    settings: { version: 1, timeZone: inputs.timeZone, assignments: [inputs.assignment] },
    physicianSupportsExpedite: inputs.physicianSupportsExpedite,
    ...(inputs.appealOf === undefined ? {} : { appealOf: inputs.appealOf }),
    ...(inputs.expediteRequestedBy === undefined ? {} : { expediteRequestedBy: inputs.expediteRequestedBy }),
  });
}

/** The computed clock as the database keeps it. */
export interface ClockSummary {
  readonly kind: 'running' | 'paused' | 'no_clock';
  readonly policies: readonly string[];
  readonly timeZone: string;
  readonly policyId: string | null;
  readonly policyVersion: string | null;
  readonly policyTitle: string | null;
  readonly ruleId: string | null;
  readonly citation: string | null;
  readonly priorityClass: PriorityClass | null;
  readonly dueAt: Date | null;
  readonly consequence: StoredConsequence | null;
  readonly obligations: StoredObligations;
  readonly lineClocks: StoredLineClocks;
  readonly noClockReason: string | null;
}

export function summarise(r: CaseClockResult): ClockSummary {
  const governingId = r.kind === 'scheduled' ? r.governingLineId : null;
  const lineClocks: StoredLineClocks = r.lines.map((l) => ({
    lineId: l.lineId,
    requestType: l.request.requestType,
    kind: l.result.kind,
    dueAt: l.result.kind === 'no_clock' ? null : l.result.dueAt,
    ruleId: l.result.kind === 'no_clock' ? null : l.result.rule.ruleId,
    citation: l.result.kind === 'no_clock' ? null : l.result.citation,
    governing: l.lineId === governingId,
  }));
  if (r.kind === 'no_clock') {
    return {
      kind: 'no_clock', policies: r.policies, timeZone: r.timeZone, policyId: null, policyVersion: null, policyTitle: null, ruleId: null, citation: null,
      priorityClass: null, dueAt: null, consequence: null, obligations: [], lineClocks, noClockReason: r.reason,
    };
  }
  const g = r.governing;
  return {
    kind: g.kind,
    policies: r.policies,
    timeZone: r.timeZone,
    policyId: g.rule.policyId,
    policyVersion: g.rule.policyVersion,
    policyTitle: g.rule.policyTitle,
    ruleId: g.rule.ruleId,
    citation: g.citation,
    priorityClass: g.priority,
    dueAt: new Date(g.dueEpochMs),
    consequence: { kind: g.consequence.kind, citation: g.consequence.citation, description: g.consequence.description },
    obligations: g.obligations.map((o) => ({ kind: o.kind, dueAt: o.dueAt, citation: o.citation, description: o.description })),
    lineClocks,
    noClockReason: null,
  };
}

/** What one event did, read from the engine's trace. */
export type EventOutcome =
  | { readonly kind: 'applied'; readonly citation: string; readonly note: string }
  | { readonly kind: 'no_effect'; readonly note: string }
  | { readonly kind: 'refused'; readonly code: ErrorCode; readonly reason: string };

const matches = (t: TraceEntry, type: ClockEventType, at: string): boolean => t.kind !== 'started' && t.event === type && t.at === at;

/**
 * The outcome of the event `type` at `at` (the last entry for it on each line): refused if any
 * line refused it (a case-level event applies to every line), applied if the governing line moved,
 * no effect otherwise.
 */
export function eventOutcome(r: CaseClockResult, type: ClockEventType, at: string): EventOutcome {
  let applied: EventOutcome | undefined;
  let noEffect: EventOutcome | undefined;
  for (const line of r.lines) {
    if (line.result.kind === 'no_clock') continue;
    const entry = [...line.result.trace].reverse().find((t) => matches(t, type, at));
    if (entry === undefined) continue;
    switch (entry.kind) {
      case 'refused':
        return { kind: 'refused', code: entry.code, reason: entry.reason };
      case 'applied':
        if (applied === undefined || (r.kind === 'scheduled' && line.lineId === r.governingLineId)) applied = { kind: 'applied', citation: entry.citation, note: entry.note };
        break;
      case 'no_effect':
      case 'context':
        noEffect ??= { kind: 'no_effect', note: entry.note };
        break;
      case 'started':
        break;
    }
  }
  return applied ?? noEffect ?? { kind: 'no_effect', note: 'Does not move this clock' };
}

/** The note the engine wrote when the clock started (rule and policy). */
export function startNote(r: CaseClockResult): string | null {
  if (r.kind !== 'scheduled') return null;
  const started = r.governing.trace.find((t) => t.kind === 'started');
  return started === undefined ? null : started.note;
}
