/** The clock panel of a case: rule and citation, due time, obligations, history, what the caller may do. */
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import type { Principal } from '../platform/auth/model';
import { clockEvents } from './schema';
import { breachLevel, msToBreach } from './alarms';
import { ConsequenceSchema, LineClocksSchema, ObligationsSchema, readStored } from './stored';
import { clockState, loadClock } from './store';
import { allowedClockActions, clockFactsForActions } from './service';

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export async function clockView(q: Queryable, p: Principal, caseRow: { readonly tenantId: string; readonly id: string; readonly status: string; readonly priority: string }, now: Date) {
  const row = await loadClock(q, caseRow.tenantId, caseRow.id);
  if (row === null) return null;
  const events = await q.select().from(clockEvents).where(and(eq(clockEvents.tenantId, row.tenantId), eq(clockEvents.caseId, row.caseId))).orderBy(asc(clockEvents.seq));
  const state = clockState(row);
  // The requesting office sees the clock and its history, not staff names or their free-text reasons.
  const provider = p.kind === 'client' || p.role === 'provider';
  const watched = state === 'running' || state === 'paused' || state === 'awaiting_notice';
  return {
    state,
    policy: row.policyId === null ? null : { id: row.policyId, version: row.policyVersion, title: row.policyTitle },
    policies: row.policies,
    ruleId: row.ruleId,
    citation: row.citation,
    timeZone: row.timeZone,
    priorityClass: row.priorityClass,
    startedAt: row.startedAt.toISOString(),
    dueAt: iso(row.dueAt),
    atRiskAt: iso(row.atRiskAt),
    msToBreach: watched ? msToBreach(row.dueAt, now) : null,
    breach: watched ? breachLevel(row.dueAt, row.atRiskAt, now) : null,
    consequence: row.consequence === null ? null : readStored(ConsequenceSchema, row.consequence, 'consequence'),
    obligations: readStored(ObligationsSchema, row.obligations, 'obligations'),
    lines: readStored(LineClocksSchema, row.lineClocks, 'line clocks'),
    measure: row.measure,
    decidedAt: iso(row.decidedAt),
    oralNoticeAt: iso(row.oralNoticeAt),
    writtenNoticeAt: iso(row.writtenNoticeAt),
    measuredAt: iso(row.measuredAt),
    atRiskWarnedAt: iso(row.atRiskWarnedAt),
    overdueMarkedAt: iso(row.overdueMarkedAt),
    liability: row.liabilityStartedAt === null ? null : { startedAt: row.liabilityStartedAt.toISOString(), endedAt: iso(row.liabilityEndedAt), endReason: row.liabilityEndReason },
    stoppedReason: row.stoppedReason,
    noClockReason: row.noClockReason,
    events: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at.toISOString(),
      recordedAt: e.recordedAt.toISOString(),
      actor: provider ? { type: e.actorType, id: '', role: e.actorRole, name: null } : { type: e.actorType, id: e.actorId, role: e.actorRole, name: e.actorName },
      reason: provider ? null : e.reason,
      result: e.result,
      dueBefore: iso(e.dueBefore),
      dueAfter: iso(e.dueAfter),
      citation: e.citation,
      note: e.note,
      data: e.data,
    })),
    actions: allowedClockActions(p, clockFactsForActions(row, caseRow)),
  };
}

export type ClockView = NonNullable<Awaited<ReturnType<typeof clockView>>>;
