/**
 * Subscriptions and the notification outbox in the database. Event numbers are drawn from the
 * subscription row inside the transaction of the change, so they are gap-free and ordered.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { clients } from '../../../platform/auth/schema';
import { organisations } from '../../../tenancy/schema';
import { providers } from '../../../members/schema';
import { fhirNotifications, fhirSubscriptions } from '../schema';

export type SubscriptionRow = typeof fhirSubscriptions.$inferSelect;

export async function subscriptionById(q: Queryable, tenantId: string, id: string): Promise<SubscriptionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [r] = await q.select().from(fhirSubscriptions).where(and(eq(fhirSubscriptions.tenantId, tenantId), eq(fhirSubscriptions.id, id)));
  return r ?? null;
}

/**
 * The identifiers a provider organisation may subscribe to (PAS spec-59: only the sending system
 * follows its own requests): its NPI and tax id, and the NPIs of its providers.
 */
export async function ownIdentifiers(q: Queryable, tenantId: string, providerOrgId: string | null): Promise<Set<string>> {
  if (providerOrgId === null) return new Set();
  const [org] = await q.select({ npi: organisations.npi, taxId: organisations.taxId }).from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, providerOrgId)));
  const provs = await q.select({ npi: providers.npi }).from(providers).where(and(eq(providers.tenantId, tenantId), eq(providers.providerOrgId, providerOrgId)));
  return new Set([org?.npi, org?.taxId, ...provs.map((p) => p.npi)].filter((x): x is string => x !== null && x !== undefined));
}

/** Which of the identifiers some organisation or provider of the tenant carries (NPI or tax id). */
export async function identifiersOnFile(q: Queryable, tenantId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const list = [...ids];
  const orgs = await q.select({ npi: organisations.npi, taxId: organisations.taxId }).from(organisations).where(and(eq(organisations.tenantId, tenantId), or(inArray(organisations.npi, list), inArray(organisations.taxId, list))));
  const provs = await q.select({ npi: providers.npi, taxId: providers.taxId }).from(providers).where(and(eq(providers.tenantId, tenantId), or(inArray(providers.npi, list), inArray(providers.taxId, list))));
  const found = [...orgs, ...provs].flatMap((r) => [r.npi, r.taxId]);
  return new Set(list.filter((i) => found.includes(i)));
}

/** Active subscriptions of the submitting organisation's clients whose filter names one of the identifiers. */
export async function subscriptionsFor(q: Queryable, tenantId: string, submitterOrgId: string | null, identifiers: readonly string[], now: Date): Promise<SubscriptionRow[]> {
  if (submitterOrgId === null || identifiers.length === 0) return [];
  const rows = await q
    .select({ s: fhirSubscriptions })
    .from(fhirSubscriptions)
    .innerJoin(clients, and(eq(clients.tenantId, fhirSubscriptions.tenantId), sql`${fhirSubscriptions.submitter} = 'client:' || ${clients.clientId}`))
    .where(and(
      eq(fhirSubscriptions.tenantId, tenantId),
      eq(fhirSubscriptions.status, 'active'),
      eq(clients.providerOrgId, submitterOrgId),
      sql`${fhirSubscriptions.orgIdentifiers} && array[${sql.join(identifiers.map((i) => sql`${i}`), sql`, `)}]::text[]`,
    ));
  return rows.map((r) => r.s).filter((s) => s.endAt === null || s.endAt > now);
}

/** The next event number of a subscription (locks its row until the transaction ends). */
export async function nextEventNumber(q: Queryable, tenantId: string, subscriptionId: string): Promise<number> {
  const [r] = await q
    .update(fhirSubscriptions)
    .set({ eventCount: sql`${fhirSubscriptions.eventCount} + 1` })
    .where(and(eq(fhirSubscriptions.tenantId, tenantId), eq(fhirSubscriptions.id, subscriptionId)))
    .returning({ n: fhirSubscriptions.eventCount });
  if (r === undefined) throw new Error(`subscription ${subscriptionId} vanished`);
  return r.n;
}

export async function enqueueNotification(q: Queryable, n: { tenantId: string; subscriptionId: string; type: 'handshake' | 'event-notification'; eventNumber: number; caseId: string | null; requestId: string | null; payload: Record<string, unknown>; now: Date }): Promise<string> {
  const id = randomUUID();
  await q.insert(fhirNotifications).values({
    tenantId: n.tenantId,
    id,
    subscriptionId: n.subscriptionId,
    type: n.type,
    eventNumber: n.eventNumber,
    caseId: n.caseId,
    requestId: n.requestId,
    payload: n.payload,
    status: 'pending',
    nextAttemptAt: n.now,
    createdAt: n.now,
  });
  return id;
}
