import type { Contact, DateEntry, Identification, PartyName, TraceNumber } from '../common/types';
import type { RequestRejection } from './aaa';
import type { Diagnosis, RequestedService, ReviewInformation, ServiceDelivery, TransactionInfo } from './types';

/**
 * HCR01 review action codes (X12 element 306) used in the 278 response: A1 certified in total,
 * A2 certified – partial, A3 not certified, A4 pended, A6 modified, C cancelled, CT contact
 * payer, NA no action required.
 */
export type ReviewAction = 'A1' | 'A2' | 'A3' | 'A4' | 'A6' | 'C' | 'CT' | 'NA';

/**
 * HCR: the outcome of the review of a patient event or a service. A certification number
 * (HCR02, the authorization number) comes with every certification (A1, A2, A6); a not-certified
 * decision (A3) carries its reason (HCR03, X12 review decision reason code, external code list 886)
 * when the plan has mapped its own reason to one — the list is licensed by X12 and OpenUM ships
 * none, so an unmapped reason travels as MSG text only.
 */
export type ReviewDecision =
  | { readonly action: 'A1' | 'A2' | 'A6'; readonly certificationNumber: string; readonly reasonCode?: string; readonly secondSurgicalOpinion?: boolean }
  | { readonly action: 'A3'; readonly reasonCode?: string; readonly certificationNumber?: string; readonly secondSurgicalOpinion?: boolean }
  | { readonly action: 'A4' | 'C' | 'CT' | 'NA'; readonly certificationNumber?: string; readonly reasonCode?: string; readonly secondSurgicalOpinion?: boolean };

/** Certification dates of the response: DTP*102 issue date, DTP*007 effective date (or period), DTP*036 expiration date. */
export interface CertificationDates {
  readonly issued?: string;
  readonly effective?: { readonly start: string; readonly end: string };
  readonly expires?: string;
}

/** A party echoed in the response (NM1 with the identifier), with the AAA placed in its loop. */
export interface ResponseParty {
  readonly entityCode: string;
  readonly entityType: 'person' | 'organization';
  readonly name: PartyName;
  readonly id?: Identification;
  /** PER (2010A: who to contact at the UMO). */
  readonly contacts?: readonly Contact[];
  /** DMG echo (2010C/2010D). */
  readonly birthDate?: string;
  readonly sex?: string;
  readonly rejections: readonly RequestRejection[];
}

/** A 2000E or 2000F level of the response. */
export interface ResponseLevel {
  /** The requester's trace numbers, written back as TRN*2. */
  readonly traceNumbers: readonly TraceNumber[];
  /** The responder's own trace, written as TRN*1. */
  readonly responderTrace?: Omit<TraceNumber, 'type'>;
  /** AAA of the level. */
  readonly rejections: readonly RequestRejection[];
  /** UM, echoed from the request. */
  readonly review: ReviewInformation;
  /** HCR; absent when the level is rejected by an AAA. */
  readonly decision?: ReviewDecision;
  /** REF*NT administrative reference number. */
  readonly administrativeReferenceNumber?: string;
  /** REF*BB previous review authorization number. */
  readonly previousAuthorizationNumber?: string;
  /** DTP echoed or set (AAH event date, 472 service date, 435 admission…). */
  readonly dates: readonly DateEntry[];
  readonly certification?: CertificationDates;
  /** HSD: what is authorized (units, frequency). */
  readonly delivery?: ServiceDelivery;
  /** MSG free text (plain language; delimiters are replaced by spaces when written). */
  readonly message?: string;
  /** NM1 loops (2010EA / 2010F): authorized providers. */
  readonly providers: readonly ResponseParty[];
}

export interface ServiceResponse extends ResponseLevel {
  /** SV1 / SV2 / SV3 echoed from the request (or what was authorized instead, for A6). */
  readonly service?: RequestedService;
}

export interface EventResponse extends ResponseLevel {
  readonly diagnoses: readonly Diagnosis[];
  readonly services: readonly ServiceResponse[];
}

/**
 * A 278 response (005010X217, BHT02 = 11) as OpenUM writes it. The levels mirror the request;
 * an AAA sits at the loop where the problem is found and the levels below it carry no HCR.
 */
export interface ServicesReviewResponse {
  readonly kind: '278-response';
  /** BHT03 echoes the request's BHT03; BHT04/05 is the time of the response. */
  readonly reference: string;
  readonly date: string;
  readonly time: string;
  /** AAA at 2000A: the request cannot be processed at all (trading partner, system availability). */
  readonly sourceRejections?: readonly RequestRejection[];
  readonly umo: ResponseParty;
  readonly requester?: ResponseParty;
  readonly subscriber?: ResponseParty;
  readonly dependent?: ResponseParty;
  readonly event?: EventResponse;
  /** Present when read from a stream. */
  readonly transaction?: TransactionInfo;
}
