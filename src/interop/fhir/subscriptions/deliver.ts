/**
 * Delivering the notification outbox (rest-hook, Subscriptions R5 Backport 1.1.0 §"Channels"): due
 * rows are claimed with `FOR UPDATE SKIP LOCKED` and leased in a short transaction, posted outside
 * it, then marked delivered or rescheduled with exponential backoff. A crash while posting leaves the
 * lease to expire: the row is posted again (at-least-once; receivers de-duplicate by event number).
 * After the last attempt the notification fails and the subscription goes to `error`. Time is passed in.
 */
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db';
import { fhirNotifications, fhirSubscriptions } from '../schema';

export const MAX_ATTEMPTS = 8;
/** Backoff after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export const backoffMs = (attempt: number): number => Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
const LEASE_MS = 120_000;

export interface Poster {
  (url: string, body: string, headers: Readonly<Record<string, string>>): Promise<{ status: number }>;
}

/** Posts with `fetch`, giving up after ten seconds. */
export const fetchPoster: Poster = async (url, body, headers) => {
  const r = await fetch(url, { method: 'POST', body, headers: { ...headers }, signal: AbortSignal.timeout(10_000) });
  await r.arrayBuffer();
  return { status: r.status };
};

export interface SweepResult {
  readonly delivered: number;
  readonly retried: number;
  readonly failed: number;
}

const headerMap = (lines: readonly string[], contentType: string): Record<string, string> => {
  const out: Record<string, string> = { 'content-type': contentType };
  for (const h of lines) {
    const i = h.indexOf(':');
    if (i > 0) out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
};

/** Delivers the notifications due at `now` (at most `limit`). */
export async function deliverDueNotifications(db: Db, now: Date, post: Poster = fetchPoster, limit = 50): Promise<SweepResult> {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ n: fhirNotifications, endpoint: fhirSubscriptions.endpoint, headers: fhirSubscriptions.headers, contentType: fhirSubscriptions.contentType })
      .from(fhirNotifications)
      .innerJoin(fhirSubscriptions, and(eq(fhirSubscriptions.tenantId, fhirNotifications.tenantId), eq(fhirSubscriptions.id, fhirNotifications.subscriptionId)))
      .where(and(eq(fhirNotifications.status, 'pending'), lte(fhirNotifications.nextAttemptAt, now), sql`${fhirSubscriptions.status} in ('active', 'error')`))
      .orderBy(asc(fhirNotifications.nextAttemptAt), asc(fhirNotifications.eventNumber))
      .limit(limit)
      .for('update', { of: fhirNotifications, skipLocked: true });
    for (const d of due) {
      await tx
        .update(fhirNotifications)
        .set({ attempts: d.n.attempts + 1, nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(and(eq(fhirNotifications.tenantId, d.n.tenantId), eq(fhirNotifications.id, d.n.id)));
    }
    return due;
  });
  let delivered = 0;
  let retried = 0;
  let failed = 0;
  for (const d of claimed) {
    const attempt = d.n.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      status = (await post(d.endpoint, JSON.stringify(d.n.payload), headerMap(d.headers, d.contentType))).status;
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const key = and(eq(fhirNotifications.tenantId, d.n.tenantId), eq(fhirNotifications.id, d.n.id));
    const sub = and(eq(fhirSubscriptions.tenantId, d.n.tenantId), eq(fhirSubscriptions.id, d.n.subscriptionId));
    if (error === null) {
      delivered++;
      await db.update(fhirNotifications).set({ status: 'delivered', deliveredAt: now, lastStatus: status, lastError: null }).where(key);
      await db.update(fhirSubscriptions).set({ status: 'active', lastError: null, updatedAt: now }).where(and(sub, eq(fhirSubscriptions.status, 'error')));
    } else if (attempt >= MAX_ATTEMPTS) {
      failed++;
      await db.update(fhirNotifications).set({ status: 'failed', lastStatus: status, lastError: error }).where(key);
      await db.update(fhirSubscriptions).set({ status: 'error', lastError: `event ${d.n.eventNumber}: ${error}`, updatedAt: now }).where(sub);
    } else {
      retried++;
      await db.update(fhirNotifications).set({ nextAttemptAt: new Date(now.getTime() + backoffMs(attempt)), lastStatus: status, lastError: error }).where(key);
    }
  }
  return { delivered, retried, failed };
}
