import type { GroupHeader, InterchangeHeader } from '../envelope/types';
import type { OutboundGroup, OutboundInterchange, OutboundTransaction } from '../write/envelope';
import { replyParties } from '../write/envelope';
import type { SegmentSpec } from '../write/serialize';
import type { GroupAck } from './types';

/**
 * IK301 is an identifier of 2–3 letters or digits. A segment whose tag is not one (a stray ":" or
 * "X" in the input) is reported with the letters and digits of its tag, or "UNK" if fewer than two
 * remain, so that the 999 itself stays valid X12; IK304 already says the segment is unrecognized.
 */
export function ik301(tag: string): string {
  const id = tag.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 3);
  return id.length >= 2 ? id : 'UNK';
}

/** 999 implementation acknowledgment (005010X231A1) of one functional group: AK1, AK2/IK3/IK4/IK5 per set, AK9. */
export function ack999Segments(ack: GroupAck): SegmentSpec[] {
  const out: SegmentSpec[] = [['AK1', ack.functionalId, ack.controlNumber, ack.version]];
  for (const t of ack.transactions) {
    out.push(['AK2', t.setId, t.controlNumber, t.implementationRef]);
    for (const s of t.segments) {
      out.push(['IK3', ik301(s.segmentId), String(s.position), s.loop, s.code]);
      for (const e of s.elements) {
        const where = [String(e.element), e.component === undefined ? undefined : String(e.component), e.repetition === undefined ? undefined : String(e.repetition)];
        out.push(['IK4', where, e.reference === undefined ? undefined : String(e.reference), e.code, e.value === undefined ? undefined : { text: e.value.slice(0, 99) }]);
      }
    }
    out.push(['IK5', t.code, ...t.errors]);
  }
  out.push(['AK9', ack.code, String(ack.included), String(ack.received), String(ack.accepted), ...ack.errors]);
  return out;
}

/** The 999 transaction sets acknowledging `acks`, numbered from `firstControlNumber`. */
export function ack999Transactions(acks: readonly GroupAck[], firstControlNumber = 1): OutboundTransaction[] {
  return acks.map((a, i) => ({ setId: '999', controlNumber: firstControlNumber + i, implementationRef: '005010X231A1', segments: ack999Segments(a) }));
}

/** A functional group (GS01 = FA) carrying the 999s, sent back to the sender of `received`. */
export function ack999Group(received: { readonly interchange: InterchangeHeader; readonly group?: GroupHeader }, acks: readonly GroupAck[], controlNumber: number): OutboundGroup {
  const p = replyParties(received.interchange, received.group);
  return { functionalId: 'FA', applicationSender: p.applicationSender, applicationReceiver: p.applicationReceiver, controlNumber, version: '005010X231A1', transactions: ack999Transactions(acks) };
}

/** Interchange-level parties of a reply (for `writeInterchange`). */
export function replyInterchange(received: InterchangeHeader, rest: Omit<OutboundInterchange, 'senderQualifier' | 'senderId' | 'receiverQualifier' | 'receiverId'>): OutboundInterchange {
  const p = replyParties(received);
  return { senderQualifier: p.senderQualifier, senderId: p.senderId, receiverQualifier: p.receiverQualifier, receiverId: p.receiverId, ...rest };
}
