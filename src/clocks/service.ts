/**
 * The clock events a reviewer records (issue 3): extension taken, expedite request denied
 * (downgrade), priority upgrade, necessary information received, oral notice given, written
 * notice sent, and the end of post-stabilization liability. Each locks the case and its clock,
 * runs the engine, and either records the event with its audit event or throws the engine's coded
 * refusal — in which case the transaction rolls back and nothing changes.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import { actorOf, type Principal, type Role } from '../platform/auth/model';
import { cases } from '../intake/schema';
import { loadCase } from '../intake/queries';
import { caseStatus, isClosed } from '../intake/model';
import { recordEngineEvent } from './record';
import { appendClockEvent, clockState, factsOf, loadClock, settled, writeClock, type ClockActor, type ClockRow } from './store';
import type { ClockState } from './schema';

/** Why post-stabilization liability ends (42 CFR 422.113(c)(3)). */
export const LIABILITY_END_REASONS = ['plan_physician_assumed_care', 'transferred', 'discharged', 'agreement_reached'] as const;
export type LiabilityEndReason = (typeof LIABILITY_END_REASONS)[number];

export type ClockAction =
  | { readonly kind: 'extension'; readonly days: number; readonly reason: string }
  | { readonly kind: 'expedite_denied'; readonly reason: string }
  | { readonly kind: 'priority_upgrade'; readonly reason: string }
  | { readonly kind: 'necessary_info_received'; readonly at?: string; readonly reason?: string }
  | { readonly kind: 'oral_notice'; readonly at?: string; readonly reason?: string }
  | { readonly kind: 'written_notice'; readonly at?: string; readonly reason?: string }
  | { readonly kind: 'liability_end'; readonly at?: string; readonly reason: LiabilityEndReason; readonly note?: string };

export type ClockActionKind = ClockAction['kind'];
export const CLOCK_ACTION_KINDS: readonly ClockActionKind[] = ['extension', 'expedite_denied', 'priority_upgrade', 'necessary_info_received', 'oral_notice', 'written_notice', 'liability_end'];

const CLINICAL: readonly Role[] = ['nurse', 'medical_director', 'specialist', 'supervisor', 'appeals'];
const STAFF: readonly Role[] = ['intake', ...CLINICAL];

/** Who may record each clock event. */
export const CLOCK_ACTION_ROLES: Readonly<Record<ClockActionKind, readonly Role[]>> = {
  extension: CLINICAL,
  expedite_denied: ['nurse', 'medical_director', 'supervisor', 'appeals'],
  priority_upgrade: STAFF,
  necessary_info_received: STAFF,
  oral_notice: STAFF,
  written_notice: STAFF,
  liability_end: ['nurse', 'medical_director', 'specialist', 'supervisor'],
};

const RUNNING: readonly ClockState[] = ['running', 'paused'];

/** Whether the clock and case are in a state where the action makes sense (pure; the UI shows only these). */
export function clockActionApplies(kind: ClockActionKind, c: { readonly state: ClockState; readonly caseOpen: boolean; readonly decided: boolean; readonly priority: string; readonly oralNotice: boolean; readonly writtenNotice: boolean; readonly liabilityOpen: boolean }): boolean {
  switch (kind) {
    case 'extension':
    case 'necessary_info_received':
      return c.caseOpen && RUNNING.includes(c.state);
    case 'expedite_denied':
      return c.caseOpen && RUNNING.includes(c.state) && c.priority === 'expedited';
    case 'priority_upgrade':
      return c.caseOpen && RUNNING.includes(c.state) && c.priority === 'standard';
    case 'oral_notice':
      return c.decided && !c.oralNotice && c.state !== 'stopped' && c.state !== 'no_clock';
    case 'written_notice':
      return c.decided && !c.writtenNotice && c.state !== 'stopped' && c.state !== 'no_clock';
    case 'liability_end':
      return c.liabilityOpen;
  }
}

export function allowedClockActions(p: Principal, c: Parameters<typeof clockActionApplies>[1]): ClockActionKind[] {
  if (p.kind !== 'user') return [];
  return CLOCK_ACTION_KINDS.filter((k) => CLOCK_ACTION_ROLES[k].includes(p.role) && clockActionApplies(k, c));
}

export function clockFactsForActions(row: ClockRow, caseRow: { readonly status: string; readonly priority: string }) {
  return {
    state: clockState(row),
    caseOpen: !isClosed(caseStatus(caseRow.status)),
    decided: row.decidedAt !== null,
    priority: caseRow.priority,
    oralNotice: row.oralNoticeAt !== null,
    writtenNotice: row.writtenNoticeAt !== null,
    liabilityOpen: row.liabilityStartedAt !== null && row.liabilityEndedAt === null,
  };
}

/** When it happened: given (not in the future, not before receipt) or now. */
function instantOf(at: string | undefined, now: Date, receivedAt: Date): Date {
  if (at === undefined) return now;
  const t = new Date(at);
  if (Number.isNaN(t.getTime())) throw new UmError('UM_ERR_VALIDATION', 'at is not a date-time', { details: [{ path: 'at', message: 'not an ISO 8601 date-time' }] });
  if (t.getTime() > now.getTime()) throw new UmError('UM_ERR_VALIDATION', `${at} is in the future`, { details: [{ path: 'at', message: 'in the future' }] });
  if (t.getTime() < receivedAt.getTime()) throw new UmError('UM_ERR_VALIDATION', `${at} is before the request was received`, { details: [{ path: 'at', message: 'before receipt' }] });
  return t;
}

export interface ClockMeta {
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

export function createClockService(ctx: Pick<AppContext, 'db' | 'clock'>) {
  async function act(tx: Tx, p: Principal, caseId: string, a: ClockAction, meta: ClockMeta): Promise<void> {
    if (p.kind !== 'user' || !CLOCK_ACTION_ROLES[a.kind].includes(p.role)) {
      throw new UmError('UM_ERR_FORBIDDEN', `${p.kind === 'user' ? `A ${p.role}` : 'A machine client'} cannot record this clock event`);
    }
    const c = await loadCase(tx, p, caseId, { forUpdate: true });
    const row = await loadClock(tx, c.tenantId, c.id, { forUpdate: true });
    if (row === null || row.state === 'no_clock') throw new UmError('UM_ERR_CLOCK_NO_POLICY', row?.noClockReason ?? 'This case has no clock');
    const now = ctx.clock.now();
    if (!clockActionApplies(a.kind, clockFactsForActions(row, c))) {
      throw new UmError(isClosed(caseStatus(c.status)) && a.kind !== 'oral_notice' && a.kind !== 'written_notice' ? 'UM_ERR_CASE_CLOSED' : 'UM_ERR_CASE_STATE', `This clock event does not apply now (clock ${row.state}, case ${c.status})`);
    }
    const who: ClockActor = { actor: actorOf(p), name: p.displayName, ip: meta.ip ?? null, requestId: meta.requestId ?? null };
    const iso = now.toISOString();
    switch (a.kind) {
      case 'extension':
        await recordEngineEvent(tx, row, { type: 'extension_taken', at: iso, days: a.days, reason: a.reason }, who, now, { refuse: true, reason: a.reason, data: { days: a.days } });
        break;
      case 'expedite_denied':
        await recordEngineEvent(tx, row, { type: 'expedite_denied', at: iso, newPriority: 'standard', physicianSupported: c.expeditePhysicianSupported }, who, now, { refuse: true, refuseNoEffect: true, reason: a.reason });
        await tx.update(cases).set({ priority: 'standard' }).where(and(eq(cases.tenantId, c.tenantId), eq(cases.id, c.id)));
        break;
      case 'priority_upgrade':
        await recordEngineEvent(tx, row, { type: 'priority_upgraded', at: iso, newPriority: 'expedited' }, who, now, { refuse: true, refuseNoEffect: true, reason: a.reason });
        await tx.update(cases).set({ priority: 'expedited' }).where(and(eq(cases.tenantId, c.tenantId), eq(cases.id, c.id)));
        break;
      case 'necessary_info_received': {
        const at = instantOf(a.at, now, c.receivedAt);
        await recordEngineEvent(tx, row, { type: 'necessary_info_received', at: at.toISOString() }, who, now, { refuse: true, reason: a.reason ?? null });
        break;
      }
      case 'oral_notice': {
        const at = instantOf(a.at, now, c.receivedAt);
        await recordEngineEvent(tx, row, { type: 'oral_notice_given', at: at.toISOString() }, who, now, { refuse: true, reason: a.reason ?? null, patch: { oralNoticeAt: at } });
        break;
      }
      case 'written_notice': {
        const at = instantOf(a.at, now, c.receivedAt);
        const facts = settled({ ...factsOf(row), writtenNoticeAt: at });
        await writeClock(tx, c.tenantId, c.id, facts, now);
        await appendClockEvent(tx, c.tenantId, c.id, who, now, {
          type: 'written_notice_sent', at, result: 'recorded', reason: a.reason ?? null, dueBefore: row.dueAt, dueAfter: facts.dueAt,
          note: facts.state === 'met' ? 'Notice sent on time' : facts.state === 'late' ? 'Notice sent after the due time' : 'Written notice recorded',
          data: { state: facts.state },
        });
        break;
      }
      case 'liability_end': {
        const at = instantOf(a.at, now, row.liabilityStartedAt ?? c.receivedAt);
        await writeClock(tx, c.tenantId, c.id, { ...factsOf(row), liabilityEndedAt: at, liabilityEndReason: a.reason }, now);
        await appendClockEvent(tx, c.tenantId, c.id, who, now, {
          type: 'post_stabilization_liability_ended', at, result: 'recorded', reason: a.note ?? null, data: { because: a.reason }, citation: '42 CFR 422.113(c)(3)',
          note: 'The plan\'s post-stabilization liability ended',
        });
        break;
      }
    }
    await tx.update(cases).set({ updatedAt: now, version: sql`${cases.version} + 1` }).where(and(eq(cases.tenantId, c.tenantId), eq(cases.id, c.id)));
  }

  return {
    /** Records one clock event on a case the caller may see. */
    async record(p: Principal, caseId: string, a: ClockAction, meta: ClockMeta = {}): Promise<void> {
      await ctx.db.transaction((tx) => act(tx, p, caseId, a, meta));
    },
    /**
     * A decision letter was produced for sending, inside the caller's transaction: the written
     * notice is recorded at this instant, by this person, on the same path as
     * `POST /cases/:id/clock/written-notice` (event, audit, timeliness) — once: only when the case
     * is decided and no written notice is recorded yet, and only for staff who may record one (an
     * auditor or the requesting office reading a letter sends nothing). Returns whether it recorded.
     */
    async letterIssued(tx: Tx, p: Principal, caseId: string, letter: string, meta: ClockMeta = {}): Promise<boolean> {
      if (p.kind !== 'user' || !CLOCK_ACTION_ROLES.written_notice.includes(p.role)) return false;
      const c = await loadCase(tx, p, caseId, { forUpdate: true });
      const row = await loadClock(tx, c.tenantId, c.id, { forUpdate: true });
      if (row === null || row.state === 'no_clock' || !clockActionApplies('written_notice', clockFactsForActions(row, c))) return false;
      await act(tx, p, caseId, { kind: 'written_notice', reason: `Decision letter (${letter}) produced for sending` }, meta);
      return true;
    },
  };
}

export type ClockService = ReturnType<typeof createClockService>;
