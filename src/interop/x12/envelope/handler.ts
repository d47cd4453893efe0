import type { Segment, Delimiters } from '../syntax/segment';
import type { Issues } from '../validate/issues';
import type { GroupHeader, InterchangeHeader, TransactionHeader } from './types';
import type { X12Document, DocumentKind } from '../document';
import type { X12Event } from '../events';

/** What a transaction-set reader gets to work with. */
export interface SetContext {
  readonly interchange: InterchangeHeader;
  readonly group: GroupHeader;
  readonly header: TransactionHeader;
  readonly delimiters: Delimiters;
  /** IK3/IK4 collector of this set. */
  readonly issues: Issues;
  /** The document kinds the caller accepts (e.g. requests only). */
  readonly accept: ReadonlySet<DocumentKind>;
  /** Emits streaming events (834 members) while the set is still being read. */
  readonly emit: (event: X12Event) => void;
}

export interface SetOutcome {
  readonly document?: X12Document;
  /**
   * False when segment errors only mark parts of the set as unusable (834 members reported one
   * by one): the set is then "accepted with errors" (IK501 E) rather than rejected.
   */
  readonly errorsRejectSet: boolean;
}

/** Reads the segments between ST and SE (both excluded) of one transaction set. */
export interface SetHandler {
  segment(seg: Segment): void;
  /** Called at SE, or when the set ends without one. */
  finish(): SetOutcome;
}

export type SetHandlerFactory = (ctx: SetContext) => SetHandler;
