import type { GroupAck, Ta1, TransactionAck } from './ack/types';
import type { X12Document } from './document';
import type { GroupHeader, InterchangeHeader, TransactionHeader } from './envelope/types';
import { InterchangeWalker, type WalkerOptions } from './envelope/walker';
import type { X12Event } from './events';
import { ROUTES } from './registry';
import { chunksOf, type X12Source } from './syntax/read';
import { SegmentTokenizer, type StreamError, type TokenizerOptions } from './syntax/tokenizer';
import type { EnrollmentMember } from './tx834/types';

export type ReadOptions = WalkerOptions & TokenizerOptions;

/**
 * Reads an X12 source as a stream of events (interchange, group, transaction, 834 header and
 * members, acknowledgments), holding at most one unfinished segment and one transaction set
 * (one member for the 834) at a time. Never throws on bad input: problems come as TA1 / 999
 * verdicts in the events, or as a final `stream-error` event.
 */
export async function* readX12(source: X12Source, options: ReadOptions = {}): AsyncGenerator<X12Event> {
  let events: X12Event[] = [];
  const walker = new InterchangeWalker((e) => events.push(e), ROUTES, options);
  const tokenizer = new SegmentTokenizer(walker, options);
  for await (const chunk of chunksOf(source)) {
    tokenizer.write(chunk);
    if (events.length > 0) {
      const out = events;
      events = [];
      yield* out;
    }
  }
  tokenizer.end();
  walker.end();
  yield* events;
}

/** One transaction set of a read interchange. */
export interface TransactionResult {
  readonly header: TransactionHeader;
  readonly ack: TransactionAck;
  /** Only when the set, its group and its interchange are all accepted: nothing is taken from a rejected set. */
  readonly document?: X12Document;
  /** 834 members of an accepted set (each may still carry its own errors). */
  readonly members?: readonly EnrollmentMember[];
}

export interface GroupResult {
  readonly header: GroupHeader;
  /** The 999 content for this group. */
  readonly ack: GroupAck;
  readonly transactions: readonly TransactionResult[];
}

export interface InterchangeResult {
  readonly header: InterchangeHeader;
  readonly accepted: boolean;
  /** The TA1 to send back, when the envelope was rejected or ISA14 asked for one. */
  readonly ta1?: Ta1;
  readonly groups: readonly GroupResult[];
}

export interface X12ReadResult {
  readonly interchanges: readonly InterchangeResult[];
  /** Set when the input could not be read as X12 at some point (e.g. no ISA: `not-x12`). */
  readonly error?: StreamError;
}

interface Draft {
  header: InterchangeHeader;
  groups: GroupResult[];
  pending: { header: TransactionHeader; ack: TransactionAck; document?: X12Document; members?: EnrollmentMember[] }[];
  members: EnrollmentMember[];
}

/**
 * Reads a whole (small) interchange, as `POST /x12` needs it: every interchange, group and set
 * with its verdict, and the typed documents of the accepted sets. For large 834 files use
 * `readX12` and apply members as they come.
 */
export async function readInterchange(source: X12Source, options: ReadOptions = {}): Promise<X12ReadResult> {
  const interchanges: InterchangeResult[] = [];
  let error: StreamError | undefined;
  let draft: Draft | undefined;
  for await (const e of readX12(source, options)) {
    switch (e.type) {
      case 'interchange-start':
        draft = { header: e.header, groups: [], pending: [], members: [] };
        break;
      case 'group-start':
      case 'enrollment-header':
        break;
      case 'enrollment-member':
        draft?.members.push(e.member);
        break;
      case 'transaction':
        if (draft !== undefined) {
          const members = e.header.setId === '834' ? draft.members : undefined;
          draft.members = [];
          draft.pending.push({ header: e.header, ack: e.ack, document: e.document, members });
        }
        break;
      case 'group-end':
        if (draft !== undefined) {
          const ok = e.ack.code !== 'R';
          draft.groups.push({
            header: e.header,
            ack: e.ack,
            transactions: draft.pending.map((t) => (ok && t.ack.code !== 'R' ? t : { header: t.header, ack: t.ack })),
          });
          draft.pending = [];
        }
        break;
      case 'interchange-end': {
        const d = draft;
        draft = undefined;
        if (d === undefined) break;
        const groups = e.accepted ? d.groups : d.groups.map((g) => ({ ...g, transactions: g.transactions.map((t) => ({ header: t.header, ack: t.ack })) }));
        interchanges.push({ header: d.header, accepted: e.accepted, ta1: e.ta1, groups });
        break;
      }
      case 'stream-error':
        error = e;
        break;
    }
  }
  return error === undefined ? { interchanges } : { interchanges, error };
}
