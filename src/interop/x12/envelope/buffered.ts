import type { X12Document } from '../document';
import type { Segment } from '../syntax/segment';
import type { SetContext, SetHandler, SetOutcome } from './handler';
import type { TransactionInfo } from '../tx278/types';

/** Most segments one buffered transaction set (278, 270, 271) may hold. */
export const MAX_BUFFERED_SEGMENTS = 200_000;

/** The envelope identifiers of a set, as the typed documents carry them. */
export function transactionInfo(ctx: SetContext): TransactionInfo {
  return {
    senderQualifier: ctx.interchange.senderQualifier,
    senderId: ctx.interchange.senderId,
    receiverQualifier: ctx.interchange.receiverQualifier,
    receiverId: ctx.interchange.receiverId,
    applicationSender: ctx.group.senderCode,
    applicationReceiver: ctx.group.receiverCode,
    interchangeControlNumber: ctx.interchange.controlNumber,
    groupControlNumber: ctx.group.controlNumber,
    controlNumber: ctx.header.controlNumber,
    implementationRef: ctx.header.implementationRef ?? ctx.group.version,
    position: ctx.header.position,
  };
}

/**
 * A set handler that keeps the segments of a (small) transaction set and reads them at SE.
 * `read` gets the segments and the stream position where the SE is (or would be).
 */
export function buffered(ctx: SetContext, read: (segments: readonly Segment[], end: number) => X12Document | undefined): SetHandler {
  const segments: Segment[] = [];
  let last = ctx.header.position;
  let overflow: Segment | undefined;
  return {
    segment(seg: Segment): void {
      last = seg.position;
      if (segments.length < MAX_BUFFERED_SEGMENTS) segments.push(seg);
      else overflow ??= seg;
    },
    finish(): SetOutcome {
      if (overflow !== undefined) {
        ctx.issues.segment(overflow, undefined, '2', `the transaction set holds more than ${MAX_BUFFERED_SEGMENTS} segments`);
        return { errorsRejectSet: true };
      }
      return { document: read(segments, last + 1), errorsRejectSet: true };
    },
  };
}
