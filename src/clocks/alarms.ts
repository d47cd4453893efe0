/**
 * What a clock's alarms are and which are due at `now` (pure). A clock has two: the at-risk
 * warning (at a tenant-set share of the window, 75 % by default) and the due time itself, when an
 * unmet clock is marked overdue with its consequence — or, for a post-stabilization request, the
 * plan's liability starts (42 CFR 422.113(c)(2)(iii); 28 CCR 1300.71.4(b) in California).
 */
import type { ClockState } from './schema';

export const DEFAULT_AT_RISK_PERCENT = 75;

/** The instant the at-risk warning is due: `percent` of the way from the start to the due time. */
export function atRiskInstant(startedAt: Date, dueAt: Date, percent: number): Date {
  const span = dueAt.getTime() - startedAt.getTime();
  return new Date(startedAt.getTime() + Math.max(0, Math.floor((span * percent) / 100)));
}

export interface AlarmFacts {
  readonly state: ClockState;
  readonly dueAt: Date | null;
  readonly atRiskAt: Date | null;
  readonly atRiskWarnedAt: Date | null;
  readonly overdueMarkedAt: Date | null;
}

export type AlarmKind = 'at_risk' | 'overdue';

/** States in which the clock still watches the time (an unmeasured decision or notice is due). */
export const WATCHED_STATES: readonly ClockState[] = ['running', 'paused', 'awaiting_notice'];

const watched = (s: ClockState): boolean => WATCHED_STATES.includes(s);

/** The alarms not yet fired, with their instants. */
function pending(c: AlarmFacts): { readonly kind: AlarmKind; readonly at: Date }[] {
  if (!watched(c.state) || c.dueAt === null) return [];
  const out: { kind: AlarmKind; at: Date }[] = [];
  if (c.atRiskAt !== null && c.atRiskWarnedAt === null && c.overdueMarkedAt === null) out.push({ kind: 'at_risk', at: c.atRiskAt });
  if (c.overdueMarkedAt === null) out.push({ kind: 'overdue', at: c.dueAt });
  return out;
}

/** The earliest alarm not yet fired (the sweep's index column), or null. */
export function nextAlarmAt(c: AlarmFacts): Date | null {
  const times = pending(c).map((a) => a.at.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times));
}

/**
 * The alarms due at `now`, in order. An at-risk warning whose moment has passed together with the
 * due time is not sent: the overdue mark says more.
 */
export function alarmsDue(c: AlarmFacts, now: Date): readonly AlarmKind[] {
  const due = pending(c).filter((a) => a.at.getTime() <= now.getTime());
  if (due.some((a) => a.kind === 'overdue')) return ['overdue'];
  return due.map((a) => a.kind);
}

/** Time left before the due time (negative when past), for the queue's time-to-breach. */
export function msToBreach(dueAt: Date | null, now: Date): number | null {
  return dueAt === null ? null : dueAt.getTime() - now.getTime();
}

export type BreachLevel = 'overdue' | 'at_risk' | 'on_track' | 'no_clock';

export function breachLevel(dueAt: Date | null, atRiskAt: Date | null, now: Date): BreachLevel {
  if (dueAt === null) return 'no_clock';
  if (dueAt.getTime() <= now.getTime()) return 'overdue';
  if (atRiskAt !== null && atRiskAt.getTime() <= now.getTime()) return 'at_risk';
  return 'on_track';
}
