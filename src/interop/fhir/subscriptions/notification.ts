/**
 * Subscription notifications and status (Subscriptions R5 Backport 1.1.0 for R4: a `history` Bundle
 * whose first entry is the SubscriptionStatus Parameters; Da Vinci PAS 2.2.1 spec-61: the notification
 * carries the full PAS Response Bundle). Pure.
 */
import { randomUUID } from 'node:crypto';
import { BACKPORT_PROFILE, PAS_TOPIC } from './model';

type J = Record<string, unknown>;

export type NotificationType = 'handshake' | 'event-notification' | 'query-status';

export interface StatusInput {
  readonly baseUrl: string;
  readonly subscriptionId: string;
  readonly status: string;
  readonly type: NotificationType;
  readonly eventsSinceStart: number;
  readonly event?: { readonly number: number; readonly timestamp: Date; readonly focus: string };
  readonly error?: string;
}

/** The SubscriptionStatus as R4 Parameters (backport-subscription-status-r4). */
export function subscriptionStatus(s: StatusInput): J {
  return {
    resourceType: 'Parameters',
    id: randomUUID(),
    meta: { profile: [BACKPORT_PROFILE.status] },
    parameter: [
      { name: 'subscription', valueReference: { reference: `${s.baseUrl}/Subscription/${s.subscriptionId}` } },
      { name: 'topic', valueCanonical: PAS_TOPIC },
      { name: 'status', valueCode: s.status },
      { name: 'type', valueCode: s.type },
      { name: 'events-since-subscription-start', valueString: String(s.eventsSinceStart) },
      ...(s.event === undefined
        ? []
        : [{
            name: 'notification-event',
            part: [
              { name: 'event-number', valueString: String(s.event.number) },
              { name: 'timestamp', valueInstant: s.event.timestamp.toISOString() },
              { name: 'focus', valueReference: { reference: s.event.focus } },
            ],
          }]),
      ...(s.error === undefined ? [] : [{ name: 'error', valueCodeableConcept: { text: s.error } }]),
    ],
  };
}

/** A notification Bundle: the status, then (for an event) the full PAS Response Bundle it focuses on. */
export function notificationBundle(s: StatusInput, at: Date, focus?: { readonly fullUrl: string; readonly bundle: J; readonly url: string }): J {
  const status = subscriptionStatus(s);
  return {
    resourceType: 'Bundle',
    id: randomUUID(),
    meta: { profile: [BACKPORT_PROFILE.notification] },
    type: 'history',
    timestamp: at.toISOString(),
    entry: [
      {
        fullUrl: `urn:uuid:${String(status['id'])}`,
        resource: status,
        request: { method: 'GET', url: `${s.baseUrl}/Subscription/${s.subscriptionId}/$status` },
        response: { status: '200' },
      },
      ...(focus === undefined ? [] : [{ fullUrl: focus.fullUrl, resource: focus.bundle, request: { method: 'GET', url: focus.url }, response: { status: '200' } }]),
    ],
  };
}
