/**
 * The outbox of 278 responses (005010X217 §1.4.2: a pended request is answered later by an
 * unsolicited 278 response): when a case taken over X12 is decided, withdrawn or cancelled, the
 * response stating its new state is written for the submitter in the same transaction as the
 * change. `GET /x12/outbox` delivers what waits; the submitter acknowledges each interchange by its
 * ISA13 (or asks for collect-on-delivery).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import type { CaseEventHandler } from '../../../intake/events';
import { getTenant } from '../../../tenancy/store';
import { x12Outbox, x12Requests } from '../schema';
import { decisionReasonCodes } from '../settings';
import { servicesReviewResponseSegments } from '../tx278/response-write';
import type { SegmentSpec } from '../write/serialize';
import { currentResponse, storedRequest } from './current';
import { segmentsFromJson } from './segments-json';
import type { InterchangeHeader } from '../envelope/types';
import type { TransactionInfo } from '../tx278/types';

/** Writes the 278 response of every X12 submission of a case that was decided, withdrawn or cancelled. */
export function x12CaseEvents(): CaseEventHandler {
  return async (event, c) => {
    if (event.type !== 'decided' && event.type !== 'withdrawn' && event.type !== 'cancelled') return;
    const rows = await c.tx.select().from(x12Requests).where(and(eq(x12Requests.tenantId, c.tenantId), eq(x12Requests.caseId, event.caseId)));
    if (rows.length === 0) return;
    const tenant = await getTenant(c.tx, c.tenantId);
    for (const row of rows) {
      const cur = await currentResponse(c.tx, row, { at: c.now, timeZone: tenant.timeZone, decisionReasonCodes: decisionReasonCodes(tenant.settings) });
      if (cur === null) continue;
      await c.tx.insert(x12Outbox).values({ tenantId: c.tenantId, id: randomUUID(), submitter: row.submitter, requestId: row.id, caseId: row.caseId, response: servicesReviewResponseSegments(cur.response), createdAt: c.now });
    }
  };
}

/** Responses waiting for one envelope (the parties and delimiters of the requests they answer). */
export interface WaitingBatch {
  readonly interchange: InterchangeHeader;
  readonly transaction: TransactionInfo;
  readonly items: readonly { readonly id: string; readonly caseId: string; readonly segments: readonly SegmentSpec[] }[];
}

/** What waits for a submitter, oldest first, grouped by envelope. */
export async function waiting(q: Queryable, tenantId: string, submitter: string, limit = 500): Promise<WaitingBatch[]> {
  const rows = await q
    .select({ id: x12Outbox.id, caseId: x12Outbox.caseId, response: x12Outbox.response, request: x12Requests })
    .from(x12Outbox)
    .innerJoin(x12Requests, and(eq(x12Requests.tenantId, x12Outbox.tenantId), eq(x12Requests.id, x12Outbox.requestId)))
    .where(and(eq(x12Outbox.tenantId, tenantId), eq(x12Outbox.submitter, submitter), isNull(x12Outbox.collectedAt)))
    .orderBy(asc(x12Outbox.createdAt), asc(x12Outbox.id))
    .limit(limit);
  const batches = new Map<string, { interchange: InterchangeHeader; transaction: TransactionInfo; items: WaitingBatch['items'][number][] }>();
  for (const r of rows) {
    const stored = await storedRequest(r.request);
    const segments = segmentsFromJson(r.response);
    if (stored === null || segments === null) continue;
    const t = stored.request.transaction;
    const h = stored.interchange;
    const key = JSON.stringify([t.senderQualifier, t.senderId, t.receiverQualifier, t.receiverId, t.applicationSender, t.applicationReceiver, h.usage, h.delimiters]);
    const batch = batches.get(key) ?? { interchange: h, transaction: t, items: [] };
    batch.items.push({ id: r.id, caseId: r.caseId, segments });
    batches.set(key, batch);
  }
  return [...batches.values()];
}

/** Stamps delivered items with the ISA13 that carried them (and collects them when asked). */
export async function markDelivered(q: Queryable, tenantId: string, ids: readonly string[], isa13: string, at: Date, collect: boolean): Promise<void> {
  if (ids.length === 0) return;
  await q
    .update(x12Outbox)
    .set({ deliveredIn: isa13, deliveredAt: at, ...(collect ? { collectedAt: at } : {}) })
    .where(and(eq(x12Outbox.tenantId, tenantId), inArray(x12Outbox.id, [...ids])));
}

/** Collects what the interchange `isa13` carried; returns how many responses it collected. */
export async function acknowledge(q: Queryable, tenantId: string, submitter: string, isa13: string, at: Date): Promise<number> {
  const done = await q
    .update(x12Outbox)
    .set({ collectedAt: at })
    .where(and(eq(x12Outbox.tenantId, tenantId), eq(x12Outbox.submitter, submitter), eq(x12Outbox.deliveredIn, isa13), isNull(x12Outbox.collectedAt)))
    .returning({ id: x12Outbox.id });
  return done.length;
}
