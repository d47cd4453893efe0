/**
 * Case clocks in the database: read and lock a clock, append its events (with the audit event, in
 * the caller's transaction), and write a recomputed clock to `case_clocks` and `cases.due_at`
 * together — the only place due times are written.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../platform/db';
import type { Actor } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import type { Json } from '../audit/chain';
import { cases } from '../intake/schema';
import { caseClocks, clockEvents, CLOCK_STATES, type ClockState } from './schema';
import { atRiskInstant, nextAlarmAt } from './alarms';
import { EngineEventSchema, readStored, ClockInputsSchema, type ClockInputs, type EngineEvent } from './stored';
import type { ClockSummary } from './compute';
import { judgeTimeliness, measuredInstant, timelinessMeasureFor, type TimelinessMeasure } from './timeliness';

export type ClockRow = typeof caseClocks.$inferSelect;

/** Who records a clock event, and from where. */
export interface ClockActor {
  readonly actor: Actor;
  readonly name: string | null;
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

/** The system actor of the clock jobs. */
export const CLOCK_SYSTEM: ClockActor = { actor: { type: 'system', id: 'clock-jobs', role: 'automation' }, name: 'OpenUM clock jobs' };

export const isClockState = (s: string): s is ClockState => (CLOCK_STATES as readonly string[]).includes(s);

export function clockState(row: Pick<ClockRow, 'state'>): ClockState {
  if (!isClockState(row.state)) throw new Error(`unknown clock state "${row.state}"`);
  return row.state;
}

export const inputsOf = (row: Pick<ClockRow, 'inputs'>): ClockInputs => readStored(ClockInputsSchema, row.inputs, 'clock inputs');

export async function loadClock(q: Queryable, tenantId: string, caseId: string, opts: { forUpdate?: boolean } = {}): Promise<ClockRow | null> {
  const base = q.select().from(caseClocks).where(and(eq(caseClocks.tenantId, tenantId), eq(caseClocks.caseId, caseId)));
  const [row] = opts.forUpdate === true ? await base.for('update') : await base;
  return row ?? null;
}

/** The engine events of a case, in recorded order. */
export async function engineEventsOf(q: Queryable, tenantId: string, caseId: string): Promise<EngineEvent[]> {
  const rows = await q
    .select({ e: clockEvents.engineEvent })
    .from(clockEvents)
    .where(and(eq(clockEvents.tenantId, tenantId), eq(clockEvents.caseId, caseId), isNotNull(clockEvents.engineEvent)))
    .orderBy(asc(clockEvents.seq));
  return rows.map((r) => readStored(EngineEventSchema, r.e, 'clock event'));
}

export interface NewClockEvent {
  readonly type: string;
  readonly at: Date;
  readonly result: 'applied' | 'no_effect' | 'recorded';
  readonly reason?: string | null;
  readonly engineEvent?: EngineEvent | null;
  readonly data?: { readonly [k: string]: Json };
  readonly dueBefore?: Date | null;
  readonly dueAfter?: Date | null;
  readonly citation?: string | null;
  readonly note?: string | null;
}

/**
 * Appends a clock event and its audit event (codes and instants only; the free-text reason stays
 * in the clock history). The caller holds the clock row's lock, so the sequence cannot race.
 */
export async function appendClockEvent(tx: Tx, tenantId: string, caseId: string, who: ClockActor, now: Date, e: NewClockEvent): Promise<void> {
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${clockEvents.seq}), 0)::int + 1` })
    .from(clockEvents)
    .where(and(eq(clockEvents.tenantId, tenantId), eq(clockEvents.caseId, caseId)));
  await tx.insert(clockEvents).values({
    tenantId,
    id: randomUUID(),
    caseId,
    seq: next,
    type: e.type,
    at: e.at,
    recordedAt: now,
    actorType: who.actor.type,
    actorId: who.actor.id,
    actorRole: who.actor.role,
    actorName: who.name,
    reason: e.reason ?? null,
    engineEvent: e.engineEvent ?? null,
    data: e.data ?? {},
    result: e.result,
    dueBefore: e.dueBefore ?? null,
    dueAfter: e.dueAfter ?? null,
    citation: e.citation ?? null,
    note: e.note ?? null,
  });
  const details: { [k: string]: Json } = {
    type: e.type,
    at: e.at.toISOString(),
    result: e.result,
    ...(e.dueBefore == null ? {} : { dueBefore: e.dueBefore.toISOString() }),
    ...(e.dueAfter == null ? {} : { dueAfter: e.dueAfter.toISOString() }),
    ...(e.citation == null ? {} : { citation: e.citation }),
    ...(e.data ?? {}),
  };
  await appendAudit(tx, { tenantId, actor: who.actor, at: now, ip: who.ip ?? null, requestId: who.requestId ?? null }, {
    action: `clock.${e.type}`,
    recordType: 'clock',
    recordId: caseId,
    caseId,
    details,
  });
}

/** The mutable facts of a clock row. */
export type ClockFacts = Omit<ClockRow, 'tenantId' | 'caseId' | 'version' | 'updatedAt'>;

export const factsOf = ({ tenantId: _t, caseId: _c, version: _v, updatedAt: _u, ...facts }: ClockRow): ClockFacts => facts;

/** Summary columns of a recomputed clock, with the at-risk moment re-armed when the due time moves. */
export function withSummary(f: ClockFacts, s: ClockSummary, atRiskPercent: number, now: Date): ClockFacts {
  const dueMoved = (f.dueAt?.getTime() ?? null) !== (s.dueAt?.getTime() ?? null);
  const atRiskAt = s.dueAt === null ? null : atRiskInstant(f.startedAt, s.dueAt, atRiskPercent);
  const stillRunning = f.state === 'running' || f.state === 'paused' || f.state === 'no_clock';
  return {
    ...f,
    state: stillRunning ? s.kind : f.state,
    policies: [...s.policies],
    policyId: s.policyId,
    policyVersion: s.policyVersion,
    policyTitle: s.policyTitle,
    ruleId: s.ruleId,
    citation: s.citation,
    timeZone: s.timeZone,
    priorityClass: s.priorityClass,
    dueAt: s.dueAt,
    atRiskAt,
    // A warning or overdue mark given for an earlier due time is given again if the new one lies ahead.
    atRiskWarnedAt: dueMoved && atRiskAt !== null && atRiskAt.getTime() > now.getTime() ? null : f.atRiskWarnedAt,
    overdueMarkedAt: dueMoved && s.dueAt !== null && s.dueAt.getTime() > now.getTime() ? null : f.overdueMarkedAt,
    consequence: s.consequence,
    obligations: s.obligations,
    lineClocks: s.lineClocks,
    measure: timelinessMeasureFor(s.policyId),
    noClockReason: s.noClockReason,
  };
}

const isMeasure = (m: string): m is TimelinessMeasure => m === 'decision' || m === 'notice';

/**
 * Settles timeliness: once the instant the policy measures exists, the clock is met or late (judged
 * again if the due time moves, e.g. a corrected receipt); a decided clock still waiting for its
 * notice is `awaiting_notice`.
 */
export function settled(f: ClockFacts): ClockFacts {
  const state = f.state;
  if (state === 'stopped' || state === 'no_clock' || f.dueAt === null) return f;
  const priority = f.priorityClass === 'fast' ? 'fast' : 'standard';
  const measured = measuredInstant(isMeasure(f.measure) ? f.measure : 'notice', priority, f);
  if (measured !== null) return { ...f, state: judgeTimeliness(measured, f.dueAt), measuredAt: measured };
  if (f.decidedAt !== null) return { ...f, state: 'awaiting_notice' };
  return f;
}

/** Writes a clock's facts (and the case's due time) with its next alarm. */
export async function writeClock(tx: Tx, tenantId: string, caseId: string, f: ClockFacts, now: Date): Promise<void> {
  const facts = { ...f, nextAlarmAt: nextAlarmAt({ ...f, state: clockState(f) }) };
  await tx
    .update(caseClocks)
    .set({ ...facts, updatedAt: now, version: sql`${caseClocks.version} + 1` })
    .where(and(eq(caseClocks.tenantId, tenantId), eq(caseClocks.caseId, caseId)));
  await tx.update(cases).set({ dueAt: facts.dueAt }).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
}

/** Inserts a new clock row (and the case's due time). */
export async function insertClock(tx: Tx, tenantId: string, caseId: string, f: ClockFacts, now: Date): Promise<void> {
  const facts = { ...f, nextAlarmAt: nextAlarmAt({ ...f, state: clockState(f) }) };
  await tx.insert(caseClocks).values({ tenantId, caseId, ...facts, updatedAt: now });
  await tx.update(cases).set({ dueAt: facts.dueAt }).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
}
