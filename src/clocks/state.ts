/**
 * The running state of one clock while its events are applied (local to one computation), and
 * the due instant it implies: the rule's window from the anchor, moved by extensions and tolling
 * (plain added local days, C6 and the tolling convention), capped by an earlier clock on upgrade.
 */
import type { ClockPolicy } from './policy';
import type { SelectedRule, SelectionFacts, Variant } from './select';
import type { Obligation, PriorityClass, TraceEntry } from './types';
import { builtInCalendar } from './time/calendars';
import { windowDue, type WindowEnv } from './window';
import { MS_PER_HOUR, endOfLocalDay, formatInstant, localDay, plusLocalDays, type ClockZone } from './time/zoned';

export interface ClockEnv extends WindowEnv {
  readonly zoneName: string;
  readonly stack: readonly ClockPolicy[];
  readonly facts: SelectionFacts;
  readonly variant: Variant;
  readonly physicianSupportsExpedite: boolean;
}

export interface RunState {
  selected: SelectedRule;
  priority: PriorityClass;
  anchorMs: number;
  /** Latest necessary_info_received — or answer to the plan's own information request — so far (state rules anchor there). */
  necessaryInfoMs: number | undefined;
  /** The plan has asked for more information (additional_info_requested). */
  informationRequested: boolean;
  extensionDays: number;
  extensionCount: number;
  tolledDays: number;
  openToll: { readonly sinceMs: number; readonly windowDays: number } | undefined;
  /** ERISA urgent claim lacking information: decide 48 h after the earlier of the answer or the window end. */
  incomplete: { readonly windowEndMs: number; readonly decideHours: number; answeredMs: number | undefined } | undefined;
  capMs: number | undefined;
  readonly modifiers: string[];
  readonly obligations: Obligation[];
  readonly trace: TraceEntry[];
}

/** The anchor a rule uses at this point of the history. */
export function anchorFor(state: Pick<RunState, 'necessaryInfoMs'>, env: ClockEnv, selected: SelectedRule): number {
  const a = selected.rule.anchor;
  return a.kind === 'necessary_info' && state.necessaryInfoMs !== undefined ? state.necessaryInfoMs : env.receivedMs;
}

/** The due instant the state implies (an open toll is not counted here). */
export function dueOf(state: RunState, env: ClockEnv): number {
  let due: number;
  if (state.incomplete !== undefined) {
    const { windowEndMs, answeredMs, decideHours } = state.incomplete;
    due = Math.min(answeredMs ?? windowEndMs, windowEndMs) + decideHours * MS_PER_HOUR;
  } else {
    const calendar = env.calendarOverride ?? builtInCalendar(state.selected.policy.calendar);
    due = windowDue(state.selected.rule.window, state.anchorMs, env, calendar);
  }
  if (state.extensionDays > 0) due = plusLocalDays(due, state.extensionDays, env.zone);
  if (state.tolledDays > 0) due = plusLocalDays(due, state.tolledDays, env.zone);
  return state.capMs === undefined ? due : Math.min(due, state.capMs);
}

export const fmt = (ms: number, zone: ClockZone): string => formatInstant(ms, zone);

/** An obligation due at the end of the Nth local calendar day after an instant. */
export function obligationDaysAfter(
  atMs: number,
  days: number,
  env: ClockEnv,
  o: Pick<Obligation, 'kind' | 'citation' | 'description'>,
): Obligation {
  const dueMs = endOfLocalDay(localDay(atMs, env.zone) + days, env.zone);
  return { ...o, dueAt: fmt(dueMs, env.zone), dueEpochMs: dueMs };
}

export function addModifier(state: RunState, citation: string): void {
  if (!state.modifiers.includes(citation)) state.modifiers.push(citation);
}
