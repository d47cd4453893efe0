import type { GroupAck, Ta1, TransactionAck } from './ack/types';
import type { X12Document } from './document';
import type { GroupHeader, InterchangeHeader, TransactionHeader } from './envelope/types';
import type { StreamError } from './syntax/tokenizer';
import type { EnrollmentHeader, EnrollmentMember } from './tx834/types';

/**
 * What a streaming read reports, in order. A transaction set's content is final only when its
 * group ends accepted (`group-end` with the set counted in `ack.accepted`) and its interchange
 * ends accepted (`interchange-end` with `accepted: true`): stage what you read until then.
 */
export type X12Event =
  | { readonly type: 'interchange-start'; readonly header: InterchangeHeader }
  | { readonly type: 'group-start'; readonly header: GroupHeader; readonly interchange: InterchangeHeader }
  | TransactionEvent
  | EnrollmentHeaderEvent
  | EnrollmentMemberEvent
  | { readonly type: 'group-end'; readonly header: GroupHeader; readonly interchange: InterchangeHeader; readonly ack: GroupAck }
  | InterchangeEndEvent
  | StreamError;

/** One transaction set, read to its end. `document` is present only when the set is not rejected. */
export interface TransactionEvent {
  readonly type: 'transaction';
  readonly interchange: InterchangeHeader;
  readonly group: GroupHeader;
  readonly header: TransactionHeader;
  readonly ack: TransactionAck;
  readonly document?: X12Document;
}

export interface InterchangeEndEvent {
  readonly type: 'interchange-end';
  readonly header: InterchangeHeader;
  /** False when the envelope was rejected: nothing inside it may be used. */
  readonly accepted: boolean;
  /** The TA1 to return: always when rejected, and when ISA14 asked for one. */
  readonly ta1?: Ta1;
}

/** The heading of an 834 transaction set (BGN, sponsor, payer), before its members. */
export interface EnrollmentHeaderEvent {
  readonly type: 'enrollment-header';
  readonly transaction: TransactionHeader;
  readonly enrollment: EnrollmentHeader;
}

/** One 834 member (INS loop), as soon as it is read. Members with `errors` must not be applied. */
export interface EnrollmentMemberEvent {
  readonly type: 'enrollment-member';
  readonly transaction: TransactionHeader;
  readonly member: EnrollmentMember;
}
