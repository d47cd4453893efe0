import type { DateEntry, Party, Person, Reference, TraceNumber } from '../common/types';
import type { RequestRejection } from '../tx278/aaa';
import type { ResponseParty } from '../tx278/response-types';
import type { Beginning, TransactionInfo } from '../tx278/types';

/** EQ (2110C/2110D): what the inquiry asks about. */
export interface BenefitInquiry {
  /** EQ01 service type codes (X12 1365; 30 = health benefit plan coverage). */
  readonly serviceTypes: readonly string[];
  /** EQ02 composite medical procedure (qualifier, code, modifiers). */
  readonly procedure?: { readonly qualifier: string; readonly code: string; readonly modifiers: readonly string[] };
  /** EQ03 coverage level. */
  readonly coverageLevel?: string;
  /** DTP*291 of the EQ loop. */
  readonly dates: readonly DateEntry[];
  readonly references: readonly Reference[];
}

/** A subscriber (2000C) or dependent (2000D) level of a 270. */
export interface EligibilityMember {
  readonly position: number;
  /** TRN*1: the inquirer's trace numbers (echoed as TRN*2 in the 271). */
  readonly traceNumbers: readonly TraceNumber[];
  readonly member: Person;
  /** DTP at 2100C/2100D: 291 plan date (the date eligibility is asked for), 102 issue date. */
  readonly dates: readonly DateEntry[];
  readonly inquiries: readonly BenefitInquiry[];
}

export interface EligibilitySubscriber extends EligibilityMember {
  readonly dependents: readonly EligibilityMember[];
}

export interface InformationReceiver {
  /** 2100B, the provider asking. */
  readonly party: Party;
  readonly subscribers: readonly EligibilitySubscriber[];
}

export interface InformationSource {
  /** 2100A, the payer asked (NM101 PR). */
  readonly party: Party;
  readonly receivers: readonly InformationReceiver[];
}

/** Typed 270 eligibility inquiry (005010X279A1). */
export interface EligibilityInquiry {
  readonly kind: '270';
  readonly transaction: TransactionInfo;
  /** BHT01 0022, BHT02 13 request (01 cancellation). */
  readonly beginning: Beginning;
  readonly sources: readonly InformationSource[];
}

/** One person asked about, with the levels above it: what the coverage lookup needs. */
export interface EligibilityQuery {
  readonly source: Party;
  readonly receiver: Party;
  readonly subscriber: Person;
  readonly dependent?: Person;
  /** The dependent when present, else the subscriber. */
  readonly patient: Person;
  readonly traceNumbers: readonly TraceNumber[];
  /** The date asked for: DTP*291 of the member level or of its first EQ loop (start of a range). */
  readonly date?: string;
  readonly serviceTypes: readonly string[];
}

/** An EB benefit (2110C/2110D) of a 271. */
export interface EligibilityBenefit {
  /** EB01 (X12 1390): 1 active coverage, 6 inactive, … */
  readonly code: string;
  /** EB02 coverage level (IND, FAM, ESP…). */
  readonly coverageLevel?: string;
  /** EB03 service types. */
  readonly serviceTypes?: readonly string[];
  /** EB04 insurance type (HM HMO, MA Medicare Part A, MC Medicaid…). */
  readonly insuranceType?: string;
  /** EB05 plan coverage description (plan name). */
  readonly planName?: string;
  /** EB11 authorization or certification required: Y, N, U. */
  readonly authorizationRequired?: 'Y' | 'N' | 'U';
  /** EB12 in plan network: Y, N, U, W. */
  readonly inNetwork?: 'Y' | 'N' | 'U' | 'W';
  /** DTP of the EB loop (291 plan, 346 plan begin, 347 plan end, 348/349 benefit begin/end, 356/357 eligibility begin/end). */
  readonly dates?: readonly DateEntry[];
  /** MSG free text. */
  readonly messages?: readonly string[];
}

/** A member level of a 271. */
export interface EligibilityMemberResponse {
  readonly traceNumbers: readonly TraceNumber[];
  readonly responderTrace?: Omit<TraceNumber, 'type'>;
  /** 2100C/2100D NM1 (with DMG) and the AAA of that loop (e.g. AAA*Y**75*C subscriber not found). */
  readonly member: ResponseParty;
  /** 2100C/2100D DTP: 346 plan begin, 347 plan end, 291 plan, 356/357 eligibility… */
  readonly dates: readonly DateEntry[];
  readonly benefits: readonly EligibilityBenefit[];
}

export interface EligibilitySubscriberResponse extends EligibilityMemberResponse {
  readonly dependents: readonly EligibilityMemberResponse[];
}

/** Typed 271 eligibility response (005010X279A1), mirroring the 270 it answers. */
export interface EligibilityResponse {
  readonly kind: '271';
  /** BHT03 echoed from the 270. */
  readonly reference: string;
  readonly date: string;
  readonly time: string;
  readonly sources: readonly {
    /** 2100A with its AAA (e.g. payer unknown). */
    readonly party: ResponseParty;
    readonly receivers: readonly { readonly party: ResponseParty; readonly subscribers: readonly EligibilitySubscriberResponse[] }[];
  }[];
  readonly transaction?: TransactionInfo;
}

export type { RequestRejection };
