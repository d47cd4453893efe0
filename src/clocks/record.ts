/**
 * Recording a clock event on a case: the engine recomputes the clock from its facts and every
 * event so far plus this one; a refused event throws its coded error (the caller's transaction
 * rolls back, nothing changes) or, for events the workflow records on its own, is kept as a note.
 */
import type { Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import type { Json } from '../audit/chain';
import { computeStoredClock, eventOutcome, summarise, type EventOutcome } from './compute';
import type { ClockInputs, EngineEvent } from './stored';
import { appendClockEvent, engineEventsOf, factsOf, inputsOf, settled, withSummary, writeClock, type ClockActor, type ClockFacts, type ClockRow } from './store';

export interface RecordOptions {
  /** Throw the engine's coded error when it refuses the event (reviewer actions); else keep a note. */
  readonly refuse: boolean;
  /** Throw UM_ERR_CASE_STATE when the event would change nothing (e.g. a downgrade of a standard request). */
  readonly refuseNoEffect?: boolean;
  readonly reason?: string | null;
  readonly data?: { readonly [k: string]: Json };
  /** Facts to set with the event (e.g. the oral-notice instant). */
  readonly patch?: Partial<Pick<ClockFacts, 'oralNoticeAt' | 'writtenNoticeAt' | 'decidedAt'>>;
  /** New inputs (e.g. a corrected receipt time). */
  readonly inputs?: ClockInputs;
}

export async function recordEngineEvent(tx: Tx, row: ClockRow, ev: EngineEvent, who: ClockActor, now: Date, opts: RecordOptions): Promise<EventOutcome> {
  const inputs = opts.inputs ?? inputsOf(row);
  const prior = await engineEventsOf(tx, row.tenantId, row.caseId);
  const result = computeStoredClock(inputs, [...prior, ev]);
  const outcome = eventOutcome(result, ev.type, ev.at);
  if (outcome.kind === 'refused') {
    if (opts.refuse) throw new UmError(outcome.code, outcome.reason);
    await appendClockEvent(tx, row.tenantId, row.caseId, who, now, {
      type: ev.type, at: new Date(ev.at), result: 'no_effect', reason: opts.reason ?? null, data: { ...opts.data, refusedCode: outcome.code }, note: `Not applied: ${outcome.reason}`,
      dueBefore: row.dueAt, dueAfter: row.dueAt,
    });
    return outcome;
  }
  if (outcome.kind === 'no_effect' && opts.refuseNoEffect === true) throw new UmError('UM_ERR_CASE_STATE', outcome.note);
  const facts = settled(withSummary({ ...factsOf(row), ...opts.patch, inputs }, summarise(result), inputs.atRiskPercent, now));
  await writeClock(tx, row.tenantId, row.caseId, facts, now);
  await appendClockEvent(tx, row.tenantId, row.caseId, who, now, {
    type: ev.type,
    at: new Date(ev.at),
    result: outcome.kind,
    reason: opts.reason ?? null,
    engineEvent: ev,
    ...(opts.data === undefined ? {} : { data: opts.data }),
    dueBefore: row.dueAt,
    dueAfter: facts.dueAt,
    citation: outcome.kind === 'applied' ? outcome.citation : null,
    note: outcome.note,
  });
  return outcome;
}

/** Recomputes with new inputs and no new event (a corrected receipt time). */
export async function recomputeClock(tx: Tx, row: ClockRow, inputs: ClockInputs, who: ClockActor, now: Date, e: { type: string; reason: string | null; data?: { readonly [k: string]: Json } }): Promise<void> {
  const prior = await engineEventsOf(tx, row.tenantId, row.caseId);
  const result = computeStoredClock(inputs, prior);
  const summary = summarise(result);
  const facts = settled(withSummary({ ...factsOf(row), inputs, startedAt: new Date(inputs.receivedAt) }, summary, inputs.atRiskPercent, now));
  await writeClock(tx, row.tenantId, row.caseId, facts, now);
  await appendClockEvent(tx, row.tenantId, row.caseId, who, now, {
    type: e.type, at: now, result: 'applied', reason: e.reason, ...(e.data === undefined ? {} : { data: e.data }),
    dueBefore: row.dueAt, dueAfter: facts.dueAt, citation: facts.citation, note: 'Recomputed from the corrected receipt time',
  });
}
