/** One outbox delivery as an interchange: the waiting 278 responses of one envelope in one HI group. */
import { writeInterchange } from '../write/envelope';
import type { WaitingBatch } from '../review/outbox';

export interface OutboxStamp {
  readonly controlNumber: number;
  readonly groupNumber: number;
  readonly at: Date;
  readonly timeZone: string;
}

export function outboxText(b: WaitingBatch, o: OutboxStamp): string {
  const t = b.transaction;
  return writeInterchange({
    senderQualifier: t.receiverQualifier,
    senderId: t.receiverId,
    receiverQualifier: t.senderQualifier,
    receiverId: t.senderId,
    controlNumber: o.controlNumber,
    at: o.at,
    timeZone: o.timeZone,
    usage: b.interchange.usage === 'P' ? 'P' : 'T',
    delimiters: b.interchange.delimiters,
    groups: [
      {
        functionalId: 'HI',
        applicationSender: t.applicationReceiver,
        applicationReceiver: t.applicationSender,
        controlNumber: o.groupNumber,
        version: '005010X217',
        transactions: b.items.map((i, n) => ({ setId: '278', controlNumber: n + 1, implementationRef: '005010X217', segments: i.segments })),
      },
    ],
  });
}
