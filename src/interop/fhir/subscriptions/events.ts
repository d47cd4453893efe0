/**
 * Notifications for pended PAS requests (Da Vinci PAS 2.2.1 spec-60/61): when a reviewer decides a
 * line, pends the case for information, or the plan cancels it, every active subscription of the
 * submitting organisation that filters on one of the request's identifiers gets a notification with
 * the full PAS Response Bundle as it now stands. Written to the outbox in the transaction of the
 * change (a crash loses none, a rollback sends none), delivered by the notification job.
 */
import type { Config } from '../../../platform/config';
import type { CaseEvent, CaseEventContext, CaseEventHandler } from '../../../intake/events';
import { answerFor } from '../pas/record';
import { requestsForCase } from '../pas/store';
import { notificationBundle } from './notification';
import { enqueueNotification, nextEventNumber, subscriptionsFor } from './store';

/** The case events a submitter must hear about (its own withdrawal it already knows). */
const NOTIFY: ReadonlySet<CaseEvent['type']> = new Set(['decided', 'pended', 'cancelled']);

export function createFhirCaseEventHandler(config: Pick<Config, 'publicUrl'>): CaseEventHandler {
  const baseUrl = `${config.publicUrl}/fhir`;
  return async (event: CaseEvent, c: CaseEventContext) => {
    if (!NOTIFY.has(event.type)) return;
    const requests = await requestsForCase(c.tx, c.tenantId, event.caseId);
    for (const r of requests) {
      const subs = await subscriptionsFor(c.tx, c.tenantId, r.submitterOrgId, r.orgIdentifiers, c.now);
      if (subs.length === 0) continue;
      const bundle = await answerFor(c.tx, r, { kind: 'response', now: c.now, baseUrl });
      for (const s of subs) {
        const n = await nextEventNumber(c.tx, c.tenantId, s.id);
        const payload = notificationBundle(
          { baseUrl, subscriptionId: s.id, status: 'active', type: 'event-notification', eventsSinceStart: n, event: { number: n, timestamp: c.now, focus: `urn:uuid:${r.id}` } },
          c.now,
          { fullUrl: `urn:uuid:${r.id}`, bundle, url: `${baseUrl}/ClaimResponse/${r.id}` },
        );
        await enqueueNotification(c.tx, { tenantId: c.tenantId, subscriptionId: s.id, type: 'event-notification', eventNumber: n, caseId: event.caseId, requestId: r.id, payload, now: c.now });
      }
    }
  };
}
