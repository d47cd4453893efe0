import { DateTime } from 'luxon';
import { UmError } from '../../../platform/errors';
import type { Ta1 } from '../ack/types';
import type { GroupHeader, InterchangeHeader } from '../envelope/types';
import { DEFAULT_DELIMITERS, type Delimiters } from '../syntax/segment';
import { serializeSegment, type SegmentSpec } from './serialize';

/** One transaction set to write: the segments between ST and SE (ST, SE and the count are added). */
export interface OutboundTransaction {
  /** ST01. */
  readonly setId: string;
  /** ST02: written with at least four digits. */
  readonly controlNumber: number;
  /** ST03. */
  readonly implementationRef: string;
  readonly segments: readonly SegmentSpec[];
}

export interface OutboundGroup {
  /** GS01 (HI, HB, FA…). */
  readonly functionalId: string;
  readonly applicationSender: string;
  readonly applicationReceiver: string;
  /** GS06 / GE02, 1..999999999. */
  readonly controlNumber: number;
  /** GS08. */
  readonly version: string;
  readonly transactions: readonly OutboundTransaction[];
}

/** An interchange to write. Time is a parameter: `at` with the time zone its dates are written in. */
export interface OutboundInterchange {
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** ISA13 / IEA02, 1..999999999. */
  readonly controlNumber: number;
  readonly at: Date;
  /** IANA zone for ISA09/ISA10 and GS04/GS05 (default UTC). */
  readonly timeZone?: string;
  /** ISA15 (default P). */
  readonly usage?: 'P' | 'T';
  /** ISA14 (default false). */
  readonly ackRequested?: boolean;
  readonly delimiters?: Delimiters;
  /** Put a line feed after each segment terminator (readability; readers ignore it). */
  readonly lineBreaks?: boolean;
  /** TA1 segments, written after the ISA. */
  readonly ta1?: readonly Ta1[];
  readonly groups: readonly OutboundGroup[];
}

/** A moment as the X12 date and time fields want it. */
export interface Stamp {
  /** CCYYMMDD. */
  readonly date: string;
  /** YYMMDD (ISA09). */
  readonly shortDate: string;
  /** HHMM. */
  readonly time: string;
}

export function stamp(at: Date, timeZone = 'UTC'): Stamp {
  const t = DateTime.fromJSDate(at, { zone: timeZone });
  if (!t.isValid) throw new UmError('UM_ERR_X12_VALUE', `Cannot write the time ${String(at)} in zone ${timeZone}`);
  return { date: t.toFormat('yyyyLLdd'), shortDate: t.toFormat('yyLLdd'), time: t.toFormat('HHmm') };
}

const control = (n: number, what: string, width: number): string => {
  if (!Number.isInteger(n) || n < 1 || n > 999_999_999) throw new UmError('UM_ERR_X12_VALUE', `${what} must be an integer from 1 to 999999999`);
  return String(n).padStart(width, '0');
};

const fixed = (v: string, width: number, what: string): string => {
  if (v.length > width) throw new UmError('UM_ERR_X12_VALUE', `${what} is longer than ${width} characters`);
  return v.padEnd(width, ' ');
};

/** Sender and receiver of a reply: the request's receiver becomes the sender and vice versa. */
export function replyParties(isa: InterchangeHeader, gs?: GroupHeader): Pick<OutboundInterchange, 'senderQualifier' | 'senderId' | 'receiverQualifier' | 'receiverId'> & { readonly applicationSender: string; readonly applicationReceiver: string } {
  return {
    senderQualifier: isa.receiverQualifier,
    senderId: isa.receiverId,
    receiverQualifier: isa.senderQualifier,
    receiverId: isa.senderId,
    applicationSender: gs?.receiverCode ?? isa.receiverId,
    applicationReceiver: gs?.senderCode ?? isa.senderId,
  };
}

/** Writes a whole interchange (ISA … IEA) with its counts and control numbers (X12.5, X12.6). */
export function writeInterchange(ix: OutboundInterchange): string {
  const d = ix.delimiters ?? DEFAULT_DELIMITERS;
  const s = stamp(ix.at, ix.timeZone);
  const end = d.segment + (ix.lineBreaks === true ? '\n' : '');
  const isa13 = control(ix.controlNumber, 'ISA13', 9);
  const out: string[] = [];
  const put = (spec: SegmentSpec): void => {
    out.push(serializeSegment(spec, d) + end);
  };
  // The ISA is fixed-length: every field is padded, none is trimmed, so it is built by hand.
  const isa = [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    fixed(ix.senderQualifier, 2, 'ISA05'), fixed(ix.senderId, 15, 'ISA06'),
    fixed(ix.receiverQualifier, 2, 'ISA07'), fixed(ix.receiverId, 15, 'ISA08'),
    s.shortDate, s.time, d.repetition === '' ? 'U' : d.repetition, '00501', isa13,
    ix.ackRequested === true ? '1' : '0', ix.usage ?? 'P', d.component,
  ].join(d.element);
  out.push(isa + end);
  for (const t of ix.ta1 ?? []) put(['TA1', t.controlNumber, t.date, t.time, t.code, t.note]);
  for (const g of ix.groups) {
    const gs06 = control(g.controlNumber, 'GS06', 1);
    put(['GS', g.functionalId, g.applicationSender, g.applicationReceiver, s.date, s.time, gs06, 'X', g.version]);
    for (const t of g.transactions) {
      const st02 = control(t.controlNumber, 'ST02', 4);
      put(['ST', t.setId, st02, t.implementationRef]);
      for (const seg of t.segments) put(seg);
      put(['SE', String(t.segments.length + 2), st02]);
    }
    put(['GE', String(g.transactions.length), gs06]);
  }
  put(['IEA', String(ix.groups.length), isa13]);
  return out.join('');
}

/**
 * A group of responses sent back for a group read (GS02/GS03 swapped): e.g. the 278 responses
 * (`'HI'`, `'005010X217'`) or 271s (`'HB'`, `'005010X279A1'`) to the requests of `received`.
 * Control numbers come from the caller, who keeps them unique per trading partner.
 */
export function replyGroup(received: GroupHeader, functionalId: string, version: string, controlNumber: number, transactions: readonly OutboundTransaction[]): OutboundGroup {
  return { functionalId, applicationSender: received.receiverCode, applicationReceiver: received.senderCode, controlNumber, version, transactions };
}
