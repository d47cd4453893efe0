/**
 * Hash chaining of audit events (pure). Each event's hash covers its content and the previous
 * event's hash in the same chain, so an edit, a deletion or a truncation breaks the chain.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

/** What is hashed: every stored column of the event except the hash itself. */
export interface ChainedEventContent {
  readonly tenantId: string;
  readonly chainId: string;
  readonly seq: number;
  readonly id: string;
  readonly at: Date;
  readonly actorType: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly action: string;
  readonly recordType: string;
  readonly recordId: string;
  readonly caseId: string | null;
  readonly ip: string | null;
  readonly requestId: string | null;
  readonly details: unknown;
  readonly prevHash: string;
}

/** JSON with object keys sorted at every level, so that jsonb's key reordering does not matter. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
}

export function hashEvent(e: ChainedEventContent): string {
  const payload = canonicalJson([
    e.tenantId,
    e.chainId,
    e.seq,
    e.id,
    e.at.toISOString(),
    e.actorType,
    e.actorId,
    e.actorRole,
    e.action,
    e.recordType,
    e.recordId,
    e.caseId,
    e.ip,
    e.requestId,
    e.details,
    e.prevHash,
  ]);
  return createHash('sha256').update(payload).digest('hex');
}

export interface SealHead {
  readonly chainId: string;
  readonly seq: number;
  readonly hash: string;
}

export function hashSeal(tenantId: string, sealNo: number, at: Date, heads: readonly SealHead[], prevHash: string): string {
  return createHash('sha256').update(canonicalJson([tenantId, sealNo, at.toISOString(), heads, prevHash])).digest('hex');
}

/** Where an integrity check failed: the first broken event (or head, or seal). */
export interface Break {
  readonly tenantId: string;
  readonly chainId: string;
  readonly seq: number;
  readonly eventId: string | null;
  readonly reason: string;
}

/**
 * Checks one chain's events, in seq order, against each other and against the chain head.
 * Returns the first break, or null when the chain is intact.
 */
export function verifyChainEvents(
  tenantId: string,
  chainId: string,
  events: readonly (ChainedEventContent & { readonly hash: string })[],
  head: { readonly seq: number; readonly hash: string } | null,
): Break | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) {
      return { tenantId, chainId, seq: expectedSeq, eventId: null, reason: `event ${expectedSeq} is missing (next stored is ${e.seq})` };
    }
    if (e.prevHash !== prev) return { tenantId, chainId, seq: e.seq, eventId: e.id, reason: 'previous-hash link does not match' };
    if (hashEvent(e) !== e.hash) return { tenantId, chainId, seq: e.seq, eventId: e.id, reason: 'content does not match its hash (edited)' };
    prev = e.hash;
    expectedSeq++;
  }
  const lastSeq = expectedSeq - 1;
  if (head === null) {
    return lastSeq === 0 ? null : { tenantId, chainId, seq: lastSeq, eventId: null, reason: 'chain head is missing' };
  }
  if (head.seq !== lastSeq || head.hash !== prev) {
    return {
      tenantId,
      chainId,
      seq: lastSeq + 1,
      eventId: null,
      reason: `chain head says ${head.seq} events but ${lastSeq} are stored (truncated or head edited)`,
    };
  }
  return null;
}

/** How many partitions reads and administrative events are spread over. */
export const PARTITIONS = 16;

function shard(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return Math.abs(h) % PARTITIONS;
}

/**
 * The chain an event joins: a case's own chain for anything about a case (so a case's history
 * verifies on its own and concurrent work on different cases never contends), otherwise a
 * partition of reads (by actor) or of the record type (by record id).
 */
export function chainIdFor(e: { readonly caseId: string | null; readonly action: string; readonly actorId: string; readonly recordType: string; readonly recordId: string }): string {
  if (e.caseId !== null) return `case:${e.caseId}`;
  if (e.action.endsWith('.read') || e.action.endsWith('.list') || e.action.endsWith('.search')) return `reads:${shard(e.actorId)}`;
  return `${e.recordType}:${shard(e.recordId)}`;
}
