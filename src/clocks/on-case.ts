/**
 * The clocks capability told of every case change, inside the change's transaction
 * (src/intake/events.ts): a case gets its clock when it is received, on every channel; a pend or
 * an answer is an information request or receipt (the engine decides whether the clock tolls —
 * never for Medicare Advantage or Medicaid); a decision records the decision instant; a corrected
 * receipt recomputes; a withdrawal or cancellation stops the clock.
 */
import type { CaseEvent, CaseEventContext, CaseEventHandler } from '../intake/events';
import type { Principal } from '../platform/auth/model';
import { startCaseClock } from './start';
import { recordEngineEvent, recomputeClock } from './record';
import { appendClockEvent, clockState, factsOf, inputsOf, loadClock, settled, writeClock, type ClockActor } from './store';

const nameOf = (p: Principal | null): string | null => (p === null ? null : p.kind === 'user' ? p.displayName : p.name);

export const clockActorOf = (ctx: Pick<CaseEventContext, 'actor' | 'principal'>): ClockActor => ({ actor: ctx.actor, name: nameOf(ctx.principal) });

const open = (s: string): boolean => s === 'running' || s === 'paused';

async function handle(event: CaseEvent, ctx: CaseEventContext): Promise<void> {
  const { tx, tenantId, now } = ctx;
  const who = clockActorOf(ctx);
  if (event.type === 'created') return startCaseClock(tx, tenantId, event.caseId, who, now);
  // Referral and assignment do not touch the clock: no lock taken.
  if (event.type === 'referred' || event.type === 'assigned') return;
  const row = await loadClock(tx, tenantId, event.caseId, { forUpdate: true });
  // Events on a case whose clock is not written yet (e.g. an automatic decision inside its own
  // intake) are read from the case itself when the clock starts.
  if (row === null) return;
  const state = clockState(row);
  const at = now.toISOString();
  switch (event.type) {
    case 'pended':
      if (!open(state)) return;
      await recordEngineEvent(tx, row, { type: 'additional_info_requested', at }, who, now, { refuse: false, data: { noteId: event.noteId } });
      return;
    case 'resumed':
      if (!open(state)) return;
      await recordEngineEvent(tx, row, { type: 'additional_info_received', at }, who, now, { refuse: false });
      return;
    case 'decided': {
      if (!event.closed || row.decidedAt !== null || state === 'stopped') return;
      const facts = settled({ ...factsOf(row), decidedAt: now });
      await writeClock(tx, tenantId, row.caseId, facts, now);
      await appendClockEvent(tx, tenantId, row.caseId, who, now, {
        type: 'decided', at: now, result: 'recorded', dueBefore: row.dueAt, dueAfter: facts.dueAt,
        note: facts.state === 'awaiting_notice' ? 'Decided; timeliness is judged when the notice is recorded' : facts.state === 'met' ? 'Decided on time' : facts.state === 'late' ? 'Decided after the due time' : 'Decided',
        data: { state: facts.state, outcomes: event.lines.map((l) => l.outcome) },
      });
      return;
    }
    case 'receipt_corrected': {
      if (state === 'no_clock') return;
      await recomputeClock(tx, row, { ...inputsOf(row), receivedAt: event.to.toISOString() }, who, now, {
        type: 'receipt_corrected', reason: event.reason, data: { from: event.from.toISOString(), to: event.to.toISOString() },
      });
      return;
    }
    case 'withdrawn':
    case 'cancelled': {
      if (state === 'met' || state === 'late' || state === 'stopped') return;
      await writeClock(tx, tenantId, row.caseId, { ...factsOf(row), state: 'stopped', stoppedReason: event.type }, now);
      await appendClockEvent(tx, tenantId, row.caseId, who, now, { type: 'stopped', at: now, result: 'recorded', dueBefore: row.dueAt, note: `The request was ${event.type}`, data: { because: event.type } });
      return;
    }
  }
}

/** The clocks capability's case-event handler (register it after the criteria handler). */
export const clockCaseEvents: CaseEventHandler = handle;
