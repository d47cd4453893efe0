/**
 * The audit trail in the database: append in the caller's transaction, list, seal and verify.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gt, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Queryable } from '../platform/db';
import type { Actor } from '../platform/auth/model';
import { auditChainHeads, auditEvents, auditSeals } from './schema';
import { GENESIS_HASH, chainIdFor, hashEvent, hashSeal, verifyChainEvents, type Break, type Json, type SealHead } from './chain';

/** One thing that happened, as a capability reports it. Details hold identifiers and codes only. */
export interface AuditEntry {
  readonly action: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly caseId?: string | null;
  readonly details?: { readonly [k: string]: Json };
}

/** Who did it, from where, when. */
export interface AuditContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly at: Date;
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

/**
 * Appends an event to its chain. Must run inside the transaction that makes the change: the chain
 * head row is locked (by a no-op upsert) for the rest of that transaction.
 */
export async function appendAudit(q: Queryable, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  const caseId = entry.caseId ?? null;
  const chainId = chainIdFor({ caseId, action: entry.action, actorId: ctx.actor.id, recordType: entry.recordType, recordId: entry.recordId });
  const [head] = await q
    .insert(auditChainHeads)
    .values({ tenantId: ctx.tenantId, chainId, seq: 0, hash: GENESIS_HASH, updatedAt: ctx.at })
    .onConflictDoUpdate({ target: [auditChainHeads.tenantId, auditChainHeads.chainId], set: { seq: sql`${auditChainHeads.seq}` } })
    .returning({ seq: auditChainHeads.seq, hash: auditChainHeads.hash });
  if (head === undefined) throw new Error('audit chain head upsert returned nothing');
  const content = {
    tenantId: ctx.tenantId,
    chainId,
    seq: head.seq + 1,
    id: randomUUID(),
    at: ctx.at,
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorRole: ctx.actor.role,
    action: entry.action,
    recordType: entry.recordType,
    recordId: entry.recordId,
    caseId,
    ip: ctx.ip ?? null,
    requestId: ctx.requestId ?? null,
    details: entry.details ?? {},
    prevHash: head.hash,
  };
  const hash = hashEvent(content);
  await q.insert(auditEvents).values({ ...content, hash });
  await q
    .update(auditChainHeads)
    .set({ seq: content.seq, hash, updatedAt: ctx.at })
    .where(and(eq(auditChainHeads.tenantId, ctx.tenantId), eq(auditChainHeads.chainId, chainId)));
}

export type AuditEventRow = typeof auditEvents.$inferSelect;

export async function listCaseAudit(q: Queryable, tenantId: string, caseId: string): Promise<AuditEventRow[]> {
  return q
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.caseId, caseId)))
    .orderBy(asc(auditEvents.at), asc(auditEvents.seq));
}

/** Seals every chain head of a tenant into a new seal linked to the previous one. */
export async function sealAudit(db: Db, tenantId: string, at: Date): Promise<{ sealNo: number; chains: number }> {
  return db.transaction(async (tx) => {
    // One sealer at a time per tenant.
    await tx.execute(sql`select pg_advisory_xact_lock(7265002, hashtext(${tenantId}))`);
    const heads = await tx
      .select({ chainId: auditChainHeads.chainId, seq: auditChainHeads.seq, hash: auditChainHeads.hash })
      .from(auditChainHeads)
      .where(and(eq(auditChainHeads.tenantId, tenantId), gt(auditChainHeads.seq, 0)))
      .orderBy(asc(auditChainHeads.chainId));
    const [prev] = await tx.select().from(auditSeals).where(eq(auditSeals.tenantId, tenantId)).orderBy(desc(auditSeals.sealNo)).limit(1);
    const sealNo = (prev?.sealNo ?? 0) + 1;
    const prevHash = prev?.hash ?? GENESIS_HASH;
    const list: SealHead[] = heads.map((h) => ({ chainId: h.chainId, seq: h.seq, hash: h.hash }));
    await tx.insert(auditSeals).values({ tenantId, sealNo, at, heads: list, prevHash, hash: hashSeal(tenantId, sealNo, at, list, prevHash) });
    return { sealNo, chains: list.length };
  });
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly chains: number;
  readonly seals: number;
  readonly firstBreak: Break | null;
}

const isSealHead = (v: unknown): v is SealHead =>
  typeof v === 'object' && v !== null && 'chainId' in v && 'seq' in v && 'hash' in v && typeof v.chainId === 'string' && typeof v.seq === 'number' && typeof v.hash === 'string';

/**
 * Verifies every chain (or one tenant's): event links and hashes, chain heads, and the seals.
 * Streams the events in key order, a page at a time.
 */
export async function verifyAudit(db: Db, opts: { tenantId?: string; pageSize?: number } = {}): Promise<VerifyReport> {
  const pageSize = opts.pageSize ?? 5000;
  const headRows = await db.select().from(auditChainHeads).where(opts.tenantId === undefined ? undefined : eq(auditChainHeads.tenantId, opts.tenantId));
  const heads = new Map(headRows.map((h) => [`${h.tenantId}|${h.chainId}`, h]));
  const seen = new Set<string>();
  const hashes = new Map<string, string>(); // "tenant|chain|seq" → hash, for the seal check
  let events = 0;
  let firstBreak: Break | null = null;
  let current: { key: string; tenantId: string; chainId: string; rows: AuditEventRow[] } | null = null;

  const finish = (c: NonNullable<typeof current>): Break | null => {
    seen.add(c.key);
    const h = heads.get(c.key);
    return verifyChainEvents(c.tenantId, c.chainId, c.rows, h === undefined ? null : { seq: h.seq, hash: h.hash });
  };

  // The seals name the (chain, seq) hashes to keep while streaming; nothing else is kept.
  const sealRows = await db
    .select()
    .from(auditSeals)
    .where(opts.tenantId === undefined ? undefined : eq(auditSeals.tenantId, opts.tenantId))
    .orderBy(asc(auditSeals.tenantId), asc(auditSeals.sealNo));
  const sealed = new Set<string>();
  for (const s of sealRows) if (Array.isArray(s.heads)) for (const h of s.heads.filter(isSealHead)) sealed.add(`${s.tenantId}|${h.chainId}|${h.seq}`);

  let after: { tenantId: string; chainId: string; seq: number } | null = null;
  for (;;) {
    const base = opts.tenantId === undefined ? undefined : eq(auditEvents.tenantId, opts.tenantId);
    const cursor: SQL | undefined =
      after === null
        ? undefined
        : or(
            gt(auditEvents.tenantId, after.tenantId),
            and(eq(auditEvents.tenantId, after.tenantId), gt(auditEvents.chainId, after.chainId)),
            and(eq(auditEvents.tenantId, after.tenantId), eq(auditEvents.chainId, after.chainId), gt(auditEvents.seq, after.seq)),
          );
    const page: AuditEventRow[] = await db
      .select()
      .from(auditEvents)
      .where(and(base, cursor))
      .orderBy(asc(auditEvents.tenantId), asc(auditEvents.chainId), asc(auditEvents.seq))
      .limit(pageSize);
    for (const row of page) {
      events++;
      const key = `${row.tenantId}|${row.chainId}`;
      if (current === null || current.key !== key) {
        if (current !== null && firstBreak === null) firstBreak = finish(current);
        current = { key, tenantId: row.tenantId, chainId: row.chainId, rows: [] };
      }
      current.rows.push(row);
      const sealKey = `${key}|${row.seq}`;
      if (sealed.has(sealKey)) hashes.set(sealKey, row.hash);
    }
    const last: AuditEventRow | undefined = page.at(-1);
    if (last === undefined || page.length < pageSize) break;
    after = { tenantId: last.tenantId, chainId: last.chainId, seq: last.seq };
  }
  if (current !== null && firstBreak === null) firstBreak = finish(current);

  // Heads whose chain has no events left at all: the whole chain was deleted or truncated.
  if (firstBreak === null) {
    for (const [key, h] of heads) {
      if (!seen.has(key) && h.seq > 0) {
        firstBreak = { tenantId: h.tenantId, chainId: h.chainId, seq: 1, eventId: null, reason: `chain head says ${h.seq} events but none are stored (truncated)` };
        break;
      }
    }
  }

  // Seals: linked to each other, and every sealed head still present with the same hash.
  let prevTenant = '';
  let prevHash = GENESIS_HASH;
  let expectedNo = 1;
  for (const s of sealRows) {
    if (firstBreak !== null) break;
    if (s.tenantId !== prevTenant) {
      prevTenant = s.tenantId;
      prevHash = GENESIS_HASH;
      expectedNo = 1;
    }
    const list = Array.isArray(s.heads) ? s.heads.filter(isSealHead) : [];
    const where = { tenantId: s.tenantId, chainId: `seal:${s.sealNo}`, seq: s.sealNo, eventId: null };
    if (s.sealNo !== expectedNo) firstBreak = { ...where, reason: `seal ${expectedNo} is missing` };
    else if (s.prevHash !== prevHash || hashSeal(s.tenantId, s.sealNo, s.at, list, s.prevHash) !== s.hash) firstBreak = { ...where, reason: 'seal does not match its hash or link' };
    else {
      for (const h of list) {
        const stored = hashes.get(`${s.tenantId}|${h.chainId}|${h.seq}`);
        if (stored !== h.hash) {
          firstBreak = { tenantId: s.tenantId, chainId: h.chainId, seq: h.seq, eventId: null, reason: `event sealed by seal ${s.sealNo} is ${stored === undefined ? 'missing' : 'altered'}` };
          break;
        }
      }
    }
    prevHash = s.hash;
    expectedNo = s.sealNo + 1;
  }
  return { ok: firstBreak === null, events, chains: seen.size, seals: sealRows.length, firstBreak };
}
