/** "Take next": the first case of a queue routed to the caller, assigned atomically and audited. */
import type { AppContext } from '../platform/context';
import { UmError } from '../platform/errors';
import { actorOf } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import { dispatchCaseEvent } from '../intake/events';
import { QUEUES, type QueueRole } from './model';
import { assignNext, reviewerProfile, withOrganisationKind, type QueueFilters, type UserPrincipal } from './queries';

export function createQueueService(ctx: Pick<AppContext, 'db' | 'clock' | 'caseEvents'>) {
  return {
    /** Assigns the caller the earliest-due unassigned case routed to them; null when there is none. */
    async takeNext(p: UserPrincipal, queue: QueueRole, f: QueueFilters, meta: { ip?: string | null; requestId?: string | null } = {}): Promise<string | null> {
      if (!QUEUES[queue].workers.includes(p.role)) throw new UmError('UM_ERR_FORBIDDEN', `A ${p.role} does not take cases from the ${QUEUES[queue].label} queue`);
      return ctx.db.transaction(async (tx) => {
        const profile = await reviewerProfile(tx, p);
        const now = ctx.clock.now();
        const row = await assignNext(tx, p, queue, profile, await withOrganisationKind(tx, p.tenantId, f), now);
        if (row === null) return null;
        await dispatchCaseEvent(ctx.caseEvents, { type: 'assigned', caseId: row.id, userId: p.userId }, { tx, tenantId: p.tenantId, actor: actorOf(p), principal: p, now });
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: meta.ip ?? null, requestId: meta.requestId ?? null }, {
          action: 'case.assign',
          recordType: 'case',
          recordId: row.id,
          caseId: row.id,
          details: { from: null, to: p.userId, via: 'take_next', queue },
        });
        return row.id;
      });
    },
  };
}
