import type { Delimiters } from '../syntax/segment';

/** The ISA header of an interchange (X12.5). Sender and receiver ids are trimmed of padding. */
export interface InterchangeHeader {
  readonly authorizationQualifier: string;
  readonly authorization: string;
  readonly securityQualifier: string;
  readonly security: string;
  /** ISA05. */
  readonly senderQualifier: string;
  /** ISA06, trimmed: with GS02 and BHT03 it forms the idempotency key of an X12 submission. */
  readonly senderId: string;
  /** ISA07. */
  readonly receiverQualifier: string;
  /** ISA08, trimmed. */
  readonly receiverId: string;
  /** ISA09 as sent (YYMMDD). */
  readonly date: string;
  /** ISA10 as sent (HHMM). */
  readonly time: string;
  /** ISA12 (00501). */
  readonly version: string;
  /** ISA13 as sent (nine digits). */
  readonly controlNumber: string;
  /** ISA14 = 1: the sender asks for a TA1 even when nothing is wrong. */
  readonly ackRequested: boolean;
  /** ISA15: P production, T test, I information. */
  readonly usage: string;
  readonly delimiters: Delimiters;
  /** Stream position of the ISA segment. */
  readonly position: number;
}

/** The GS header of a functional group. */
export interface GroupHeader {
  /** GS01: HI (278), HS (270), HB (271), BE (834), FA (999)… */
  readonly functionalId: string;
  /** GS02. */
  readonly senderCode: string;
  /** GS03. */
  readonly receiverCode: string;
  /** GS04 as sent (CCYYMMDD). */
  readonly date: string;
  /** GS05 as sent. */
  readonly time: string;
  /** GS06. */
  readonly controlNumber: string;
  /** GS08 (e.g. 005010X217). */
  readonly version: string;
  readonly position: number;
}

/** The ST header of a transaction set. */
export interface TransactionHeader {
  /** ST01 (278, 270, 834…). */
  readonly setId: string;
  /** ST02. */
  readonly controlNumber: string;
  /** ST03, when sent (005010X217…). */
  readonly implementationRef?: string;
  readonly position: number;
}
