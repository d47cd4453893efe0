import type {
  ElementErrorCode,
  GroupAckCode,
  GroupErrorCode,
  InterchangeAckCode,
  SegmentErrorCode,
  Ta1NoteCode,
  TransactionAckCode,
  TransactionErrorCode,
} from './codes';

/** IK4: one data element in error (005010X231A1 loop 2110). */
export interface ElementError {
  /** IK401-1: element position in the segment (1-based). */
  readonly element: number;
  /** IK401-2: component position inside a composite. */
  readonly component?: number;
  /** IK401-3: repetition position of a repeating element. */
  readonly repetition?: number;
  /** IK402: X12 data element reference number (e.g. 1705 for ST03), when known. */
  readonly reference?: number;
  /** IK403. */
  readonly code: ElementErrorCode;
  /** IK404: a copy of the bad value (omitted when the value is missing). */
  readonly value?: string;
  /** For people and logs; not written to the 999. */
  readonly message: string;
}

/** IK3: one segment in error (005010X231A1 loop 2100), with the IK4s under it. */
export interface SegmentError {
  /** IK301. */
  readonly segmentId: string;
  /** IK302: position in the transaction set, ST = 1. */
  readonly position: number;
  /** IK303: the TR3 loop identifier (e.g. "2010C"); absent for the heading. */
  readonly loop?: string;
  /** IK304. */
  readonly code: SegmentErrorCode;
  readonly elements: readonly ElementError[];
  /** Position of the segment in the whole stream (absent for a missing segment). */
  readonly streamPosition?: number;
  readonly message: string;
}

/** AK2/IK5: the verdict on one transaction set. */
export interface TransactionAck {
  /** AK201 (ST01). */
  readonly setId: string;
  /** AK202 (ST02). */
  readonly controlNumber: string;
  /** AK203 (ST03), when sent. */
  readonly implementationRef?: string;
  /** IK501. */
  readonly code: TransactionAckCode;
  /** IK502-IK506 (at most five are written). */
  readonly errors: readonly TransactionErrorCode[];
  readonly segments: readonly SegmentError[];
  /** True when more segment errors were found than are kept. */
  readonly truncated?: boolean;
}

/** AK1/AK9: the verdict on one functional group. */
export interface GroupAck {
  /** AK101 (GS01). */
  readonly functionalId: string;
  /** AK102 (GS06). */
  readonly controlNumber: string;
  /** AK103 (GS08). */
  readonly version: string;
  /** AK901. */
  readonly code: GroupAckCode;
  /** AK902: GE01 as sent (the count found when GE is missing or unreadable). */
  readonly included: number;
  /** AK903. */
  readonly received: number;
  /** AK904. */
  readonly accepted: number;
  /** AK905-AK909. */
  readonly errors: readonly GroupErrorCode[];
  readonly transactions: readonly TransactionAck[];
}

/** TA1: the verdict on an interchange envelope (X12.5). */
export interface Ta1 {
  /** TA101 (ISA13). */
  readonly controlNumber: string;
  /** TA102 (ISA09, YYMMDD). */
  readonly date: string;
  /** TA103 (ISA10, HHMM). */
  readonly time: string;
  /** TA104. */
  readonly code: InterchangeAckCode;
  /** TA105. */
  readonly note: Ta1NoteCode;
  readonly message: string;
}
