/** Trace helpers: each event leaves one entry saying what it did to the due time, and why. */
import type { ErrorCode } from '../platform/errors';
import { dueOf, fmt, type ClockEnv, type RunState } from './state';
import type { ClockEvent } from './types';

export type TimedClockEvent = Exclude<ClockEvent, { type: 'planned_services_end' }>;
export interface TimedEvent {
  readonly event: TimedClockEvent;
  readonly ms: number;
}

export function refuse(state: RunState, ev: TimedEvent, code: ErrorCode, reason: string): void {
  state.trace.push({ kind: 'refused', event: ev.event.type, at: ev.event.at, code, reason });
}

export function noEffect(state: RunState, ev: TimedEvent, note: string): void {
  state.trace.push({ kind: 'no_effect', event: ev.event.type, at: ev.event.at, note });
}

export function applied(state: RunState, env: ClockEnv, ev: TimedEvent, beforeMs: number, citation: string, note: string): void {
  const after = dueOf(state, env);
  state.trace.push({
    kind: 'applied',
    event: ev.event.type,
    at: ev.event.at,
    dueBefore: fmt(beforeMs, env.zone),
    dueAfter: fmt(after, env.zone),
    citation,
    note,
  });
}

