/**
 * The clock sweep: claims the clocks whose next alarm has come with `FOR UPDATE SKIP LOCKED`,
 * fires their alarms and marks them in the same transaction. Two OpenUM processes sweeping one
 * database therefore never fire the same alarm twice, and an alarm whose moment passed while no
 * process ran fires at the next sweep (a restart loses nothing). Time is passed in.
 *
 * Alarms: the at-risk warning; at the due time, the overdue mark with the consequence the policy
 * names (MA: adverse, may be appealed; MA reconsideration: forwarded to the IRE; Medicaid: deemed
 * adverse; Illinois: deemed authorized; otherwise overdue) — or, for a post-stabilization request,
 * the start of the plan's liability (42 CFR 422.113(c)(2)(iii); California 28 CCR 1300.71.4(b)),
 * recorded by the system actor with its citation — only when the plan had not answered (decision or
 * oral notice) by the due time.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db';
import { caseClocks } from './schema';
import { alarmsDue, nextAlarmAt, type AlarmKind } from './alarms';
import { ConsequenceSchema, readStored, type StoredConsequence } from './stored';
import { appendClockEvent, clockState, CLOCK_SYSTEM, type ClockRow } from './store';
import { Value } from 'typebox/value';
import { ClockInputsSchema } from './stored';

export interface FiredAlarm {
  readonly tenantId: string;
  readonly caseId: string;
  readonly kind: AlarmKind | 'post_stabilization_liability';
  readonly at: string;
}

const isPostStabilization = (row: ClockRow): boolean => Value.Check(ClockInputsSchema, row.inputs) && row.inputs.caseKind === 'post_stabilization';

/** Post-stabilization clocks whose consequence is liability (financial responsibility or deemed authorization). */
function startsLiability(row: ClockRow, c: StoredConsequence | null): boolean {
  return isPostStabilization(row) && c !== null && (c.kind === 'financially_responsible' || c.kind === 'deemed_authorized');
}

/**
 * When the plan answered a post-stabilization pre-approval request: its decision or its oral
 * notice, whichever came first. Liability starts only when it did not answer by the due time
 * ("does not respond … within 1 hour", 42 CFR 422.113(c)(2)(iii)); an answer after it does not undo it.
 */
function answeredAt(row: Pick<ClockRow, 'decidedAt' | 'oralNoticeAt'>): Date | null {
  const times = [row.decidedAt, row.oralNoticeAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times));
}

const answeredBy = (row: Pick<ClockRow, 'decidedAt' | 'oralNoticeAt'>, due: Date): boolean => {
  const a = answeredAt(row);
  return a !== null && a.getTime() <= due.getTime();
};

async function fire(tx: Tx, row: ClockRow, kind: AlarmKind, now: Date): Promise<FiredAlarm> {
  const consequence = row.consequence === null ? null : readStored(ConsequenceSchema, row.consequence, 'consequence');
  const due = row.dueAt ?? now;
  let patch: Partial<ClockRow>;
  let fired: FiredAlarm['kind'];
  let at: Date;
  if (kind === 'at_risk') {
    at = row.atRiskAt ?? now;
    patch = { atRiskWarnedAt: now };
    fired = 'at_risk';
    await appendClockEvent(tx, row.tenantId, row.caseId, CLOCK_SYSTEM, now, {
      type: 'at_risk', at, result: 'recorded', dueBefore: due, dueAfter: due,
      note: `At risk: ${Math.round(((at.getTime() - row.startedAt.getTime()) / Math.max(1, due.getTime() - row.startedAt.getTime())) * 100)} % of the window has passed; due ${due.toISOString()}`,
    });
  } else if (startsLiability(row, consequence) && consequence !== null && !answeredBy(row, due)) {
    at = due;
    patch = { overdueMarkedAt: now, liabilityStartedAt: due };
    fired = 'post_stabilization_liability';
    await appendClockEvent(tx, row.tenantId, row.caseId, CLOCK_SYSTEM, now, {
      type: 'post_stabilization_liability_started', at, result: 'recorded', dueBefore: due, dueAfter: due, citation: consequence.citation,
      note: consequence.description, data: { consequence: consequence.kind },
    });
  } else if (startsLiability(row, consequence)) {
    // Answered in time: no liability. What is still due is the notice, and that alone is overdue.
    at = due;
    patch = { overdueMarkedAt: now };
    fired = 'overdue';
    await appendClockEvent(tx, row.tenantId, row.caseId, CLOCK_SYSTEM, now, {
      type: 'overdue', at, result: 'recorded', dueBefore: due, dueAfter: due, citation: row.citation,
      note: `The plan answered in time (${answeredAt(row)?.toISOString() ?? ''}): no post-stabilization liability; the notice is not recorded yet`, data: { consequence: 'overdue' },
    });
  } else {
    at = due;
    patch = { overdueMarkedAt: now };
    fired = 'overdue';
    await appendClockEvent(tx, row.tenantId, row.caseId, CLOCK_SYSTEM, now, {
      type: 'overdue', at, result: 'recorded', dueBefore: due, dueAfter: due, citation: consequence?.citation ?? row.citation,
      note: consequence?.description ?? 'The due time passed without the required action', data: { consequence: consequence?.kind ?? 'overdue' },
    });
  }
  Object.assign(row, patch);
  return { tenantId: row.tenantId, caseId: row.caseId, kind: fired, at: at.toISOString() };
}

/** One batch in one transaction; returns what fired and how many clocks were claimed. */
async function sweepBatch(db: Db, now: Date, batch: number): Promise<{ fired: FiredAlarm[]; claimed: number }> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(caseClocks)
      .where(lte(caseClocks.nextAlarmAt, now))
      .orderBy(asc(caseClocks.nextAlarmAt))
      .limit(batch)
      .for('update', { skipLocked: true });
    const fired: FiredAlarm[] = [];
    for (const row of rows) {
      for (const kind of alarmsDue({ ...row, state: clockState(row) }, now)) fired.push(await fire(tx, row, kind, now));
      // Only the clock row changes: the case row is left to the people working it (no lock taken).
      await tx
        .update(caseClocks)
        .set({
          atRiskWarnedAt: row.atRiskWarnedAt,
          overdueMarkedAt: row.overdueMarkedAt,
          liabilityStartedAt: row.liabilityStartedAt,
          nextAlarmAt: nextAlarmAt({ ...row, state: clockState(row) }),
          updatedAt: now,
          version: sql`${caseClocks.version} + 1`,
        })
        .where(and(eq(caseClocks.tenantId, row.tenantId), eq(caseClocks.caseId, row.caseId)));
    }
    return { fired, claimed: rows.length };
  });
}

/** Fires every alarm due at `now`, in batches, until none is left that another sweep does not hold. */
export async function sweepClocks(db: Db, now: Date, opts: { batch?: number } = {}): Promise<readonly FiredAlarm[]> {
  const batch = opts.batch ?? 200;
  const all: FiredAlarm[] = [];
  for (;;) {
    const { fired, claimed } = await sweepBatch(db, now, batch);
    all.push(...fired);
    if (claimed < batch) return all;
  }
}
