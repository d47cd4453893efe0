import type { SegmentError } from '../ack/types';
import type { Address, Contact, DateEntry, Identification, Party, PartyName, RawSegment, Reference } from '../common/types';
import type { TransactionInfo } from '../tx278/types';

/**
 * INS03 / HD01 maintenance type codes (X12 875) of the 834 (005010X220A1): 001 change,
 * 021 addition, 024 cancellation or termination, 025 reinstatement, 030 audit or compare; HD01
 * also uses 002 delete, 026 correction, 032 employee information not applicable.
 */
export const MAINTENANCE_TYPES = {
  '001': 'change',
  '002': 'delete',
  '021': 'addition',
  '024': 'cancellation or termination',
  '025': 'reinstatement',
  '026': 'correction',
  '030': 'audit or compare',
  '032': 'employee information not applicable',
} as const;
export type MaintenanceType = keyof typeof MAINTENANCE_TYPES;

/** An N1 party of the 834 heading: sponsor (P5), payer (IN), TPA or broker (BO, TV). */
export interface EnrollmentParty {
  readonly entityCode: string;
  readonly name?: string;
  readonly id: Identification;
}

/** BGN and the heading of an 834 transaction set. */
export interface EnrollmentHeader {
  readonly transaction: TransactionInfo;
  /** BGN01: 00 original, 15 re-submission, 22 information copy. */
  readonly purpose: string;
  /** BGN02 transaction set reference number. */
  readonly reference: string;
  readonly date: string;
  readonly time: string;
  /** BGN06 original reference (for re-submissions). */
  readonly originalReference?: string;
  /** BGN08 action: 2 change (update), 4 verify, RX replace (a full file). */
  readonly action: string;
  /** REF*38 master policy number. */
  readonly masterPolicyNumber?: string;
  /** DTP: 007 effective, 303 maintenance effective, 382 enrollment, 388 payment commencement, 090/091 report start/end. */
  readonly dates: readonly DateEntry[];
  /** QTY: DT dependent total, ET employee total, TO total. */
  readonly totals: readonly { readonly qualifier: string; readonly count: number }[];
  readonly sponsor?: EnrollmentParty;
  readonly payer?: EnrollmentParty;
  readonly brokers: readonly EnrollmentParty[];
}

/** HD loop (2300): one coverage of the member. */
export interface Coverage {
  readonly position: number;
  /** HD01. */
  readonly maintenanceType: string;
  /** HD03 insurance line code (HLT health, DEN dental, VIS vision, HMO, PPO, POS, EPO, MM major medical…). */
  readonly insuranceLine: string;
  /** HD04 plan coverage description (often the plan or product code). */
  readonly planDescription?: string;
  /** HD05 coverage level (EMP, ESP, FAM, IND…). */
  readonly coverageLevel?: string;
  /** DTP*348 benefit begin. */
  readonly begin?: string;
  /** DTP*349 benefit end. */
  readonly end?: string;
  readonly dates: readonly DateEntry[];
  /** REF: 1L group or policy number, CE class of contract, PID program/product identifier, RB rate code, ZX county… */
  readonly references: readonly Reference[];
  /** 2310 providers (NM1*P3 primary care provider…). */
  readonly providers: readonly Party[];
}

/** One member-maintenance record of an 834 (INS loop 2000 with its sub-loops). */
export interface EnrollmentMember {
  /** Stream positions of its INS and of its last segment; position of the INS inside the set (ST = 1). */
  readonly position: { readonly first: number; readonly last: number; readonly inSet: number };
  /** INS01 = Y. */
  readonly subscriber: boolean;
  /** INS02 individual relationship code (18 self, 01 spouse, 19 child…). */
  readonly relationship: string;
  /** INS03. */
  readonly maintenanceType: string;
  /** INS04 maintenance reason. */
  readonly maintenanceReason?: string;
  /** INS05 benefit status: A active, C COBRA, S surviving insured, T tax equity. */
  readonly benefitStatus: string;
  readonly medicarePlan?: string;
  readonly cobraEvent?: string;
  readonly employmentStatus?: string;
  readonly studentStatus?: string;
  readonly handicapped?: boolean;
  /** INS12 death date. */
  readonly deathDate?: string;
  /** REF*0F subscriber identifier (the subscriber's id, on dependents too). */
  readonly subscriberId?: string;
  /** REF*1L member group or policy number. */
  readonly groupOrPolicyNumber?: string;
  /** Every REF of loop 2000 (0F, 1L, 17, 23, 3H, 4A, 6O, ABB, DX, F6, Q4, QQ, ZZ…). */
  readonly references: readonly Reference[];
  /** Member level DTP (303 maintenance effective, 336 employment begin, 356/357 eligibility begin/end…). */
  readonly dates: readonly DateEntry[];
  /** NM101: IL insured, 74 corrected insured. */
  readonly entityCode: string;
  readonly name: PartyName;
  /** NM108/NM109 (34 social security number, ZZ mutually defined). */
  readonly identifier?: Identification;
  readonly birthDate?: string;
  readonly sex?: string;
  readonly maritalStatus?: string;
  readonly address?: Address;
  /** 2100C mailing address. */
  readonly mailingAddress?: Address;
  readonly contacts: readonly Contact[];
  /** LUI language codes. */
  readonly languages: readonly string[];
  readonly coverages: readonly Coverage[];
  /** Segments of the member OpenUM keeps but does not interpret (2100B/D-H, 2200, 2320/2330, 2700/2750). */
  readonly other: readonly RawSegment[];
  /** Errors of this member (IK3/IK4 with positions); a member with errors must not be applied. */
  readonly errors: readonly SegmentError[];
}

/** The document of an 834 set once read to its SE (members are streamed as events). */
export interface EnrollmentSummary {
  readonly kind: '834';
  readonly header: EnrollmentHeader;
  readonly members: number;
  readonly membersWithErrors: number;
}
