/**
 * The submission key of a 278 and the fingerprint of its content. A resubmission carries new
 * envelope control numbers (ISA13, GS06, ST02) and may sit at another place in another
 * interchange: neither changes what was asked, so the fingerprint leaves them out.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../audit/chain';
import type { TransactionInfo } from '../tx278/types';

/** ISA05:ISA06/GS02: who sent the interchange and the application that sent the group. */
export const senderKey = (t: Pick<TransactionInfo, 'senderQualifier' | 'senderId' | 'applicationSender'>): string => `${t.senderQualifier}:${t.senderId}/${t.applicationSender}`;

/** The intake idempotency key of a 278: sender and BHT03. */
export const intakeKey = (t: TransactionInfo, reference: string): string => `x12:${senderKey(t)}:${reference}`;

/** A copy of a value without the keys that only say where it was read (`position`, `transaction`). */
function withoutPlaces(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutPlaces);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'position' && k !== 'transaction') out[k] = withoutPlaces(x);
  return out;
}

/** SHA-256 of a typed document's content, envelope and positions left out. */
export const contentHash = (doc: object): string => createHash('sha256').update(canonicalJson(withoutPlaces(doc))).digest('hex');
