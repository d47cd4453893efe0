/**
 * The interchange that answers an interchange (pure): the TA1 when the envelope was rejected or
 * ISA14 asked for one; a 999 (005010X231A1) for every functional group with an error (or for
 * every group when asked); and, per received group, the 278 responses (GS01 HI, 005010X217),
 * 278 inquiry responses (HI, 005010X215) and 271s (HB, 005010X279A1) in groups of their own. The
 * reply swaps the parties of the request and writes with its delimiters, so that every value the
 * request carried can be echoed.
 */
import type { GroupAck, Ta1 } from '../ack/types';
import { ack999Group } from '../ack/write';
import type { GroupHeader, InterchangeHeader } from '../envelope/types';
import { replyGroup, writeInterchange, type OutboundGroup, type OutboundInterchange } from '../write/envelope';
import type { SegmentSpec } from '../write/serialize';

export const ANSWER_KINDS = {
  '278': { functionalId: 'HI', version: '005010X217' },
  '278-inquiry': { functionalId: 'HI', version: '005010X215' },
  '271': { functionalId: 'HB', version: '005010X279A1' },
} as const;
export type AnswerKind = keyof typeof ANSWER_KINDS;

export interface SetAnswer {
  readonly kind: AnswerKind;
  /** The segments between ST and SE. */
  readonly segments: readonly SegmentSpec[];
}

export interface GroupAnswer {
  readonly received: GroupHeader;
  readonly ack: GroupAck;
  readonly answers: readonly SetAnswer[];
}

export interface InterchangeAnswer {
  readonly header: InterchangeHeader;
  readonly ta1?: Ta1;
  readonly groups: readonly GroupAnswer[];
}

export interface ReplyOptions {
  readonly at: Date;
  readonly timeZone: string;
  /** ISA13 of the reply. */
  readonly controlNumber: number;
  /** GS06 of the first group of the reply; the others follow. */
  readonly firstGroupNumber: number;
  /** A 999 for every group, not only for groups with errors. */
  readonly ackAll: boolean;
}

const needsAck = (g: GroupAnswer, all: boolean): boolean => all || g.ack.code !== 'A' || g.ack.transactions.some((t) => t.code !== 'A');

/** How many functional groups the reply holds (to draw their control numbers). */
export function replyGroupCount(a: InterchangeAnswer, ackAll: boolean): number {
  const kinds = a.groups.reduce((n, g) => n + new Set(g.answers.map((x) => x.kind)).size, 0);
  return kinds + (a.groups.some((g) => needsAck(g, ackAll)) ? 1 : 0);
}

const safeId = (v: string): string => (v.length <= 15 && /^[\x20-\x7e]*$/.test(v) ? v : 'UNKNOWN');
const safeQualifier = (v: string): string => (/^[0-9A-Z]{2}$/.test(v) ? v : 'ZZ');

/** The reply parties, with values an unreadable ISA may have left replaced by placeholders. */
function parties(h: InterchangeHeader): Pick<OutboundInterchange, 'senderQualifier' | 'senderId' | 'receiverQualifier' | 'receiverId'> {
  return { senderQualifier: safeQualifier(h.receiverQualifier), senderId: safeId(h.receiverId), receiverQualifier: safeQualifier(h.senderQualifier), receiverId: safeId(h.senderId) };
}

export function replyText(a: InterchangeAnswer, o: ReplyOptions): string {
  let gs = o.firstGroupNumber;
  const groups: OutboundGroup[] = [];
  const acks = a.groups.filter((g) => needsAck(g, o.ackAll));
  const first = acks[0];
  if (first !== undefined) {
    groups.push(ack999Group({ interchange: a.header, group: first.received }, acks.map((g) => g.ack), gs++));
  }
  for (const g of a.groups) {
    for (const kind of Object.keys(ANSWER_KINDS).filter((k): k is AnswerKind => g.answers.some((x) => x.kind === k))) {
      const spec = ANSWER_KINDS[kind];
      const sets = g.answers.filter((x) => x.kind === kind).map((x, i) => ({ setId: kind === '271' ? '271' : '278', controlNumber: i + 1, implementationRef: spec.version, segments: x.segments }));
      groups.push(replyGroup(g.received, spec.functionalId, spec.version, gs++, sets));
    }
  }
  return writeInterchange({
    ...parties(a.header),
    controlNumber: o.controlNumber,
    at: o.at,
    timeZone: o.timeZone,
    usage: a.header.usage === 'P' ? 'P' : 'T',
    delimiters: a.header.delimiters,
    ta1: a.ta1 === undefined ? [] : [a.ta1],
    groups,
  });
}
