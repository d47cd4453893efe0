import type { DateEntry, Party, Person, RawSegment, Reference, TraceNumber } from '../common/types';

/**
 * Typed 278 Health Care Services Review request (ASC X12N 005010X217), as read from one
 * transaction set. Loop names follow the TR3 (2000A UMO … 2000F service). Codes stay X12 codes
 * (`https://codesystem.x12.org/005010/<element>`); ISO dates replace CCYYMMDD.
 */
export interface ServicesReviewRequest {
  readonly kind: '278-request';
  readonly transaction: TransactionInfo;
  /** BHT: BHT02 = 13 (request). */
  readonly beginning: Beginning;
  /** 2010A: the UMO (payer) the request is sent to, NM101 = X3. */
  readonly umo: Party;
  /** 2010B: the requester, NM101 = 1P provider or FA facility; `npi` when NM108 = XX. */
  readonly requester: Party;
  /** 2010C: the subscriber, NM108 = MI member id, DMG birth date and sex. */
  readonly subscriber: Person;
  /** 2010D: the dependent, when the patient is not the subscriber. */
  readonly dependent?: Person;
  /** The patient: the dependent when there is one, else the subscriber. */
  readonly patient: Person;
  /** 2000E: the patient event with its services. */
  readonly event: PatientEvent;
  /** Segments of the 2000A-2000D levels outside their NM1 loops, kept but not interpreted. */
  readonly other: readonly RawSegment[];
}

/** ST and envelope identifiers of the set, for idempotency keys and replies. */
export interface TransactionInfo {
  /** ISA05/ISA06 of the interchange: the submitter. */
  readonly senderQualifier: string;
  readonly senderId: string;
  readonly receiverQualifier: string;
  readonly receiverId: string;
  /** GS02/GS03. */
  readonly applicationSender: string;
  readonly applicationReceiver: string;
  /** ISA13, GS06, ST02. */
  readonly interchangeControlNumber: string;
  readonly groupControlNumber: string;
  readonly controlNumber: string;
  /** ST03 (or GS08 when ST03 is missing). */
  readonly implementationRef: string;
  /** Stream position of the ST segment. */
  readonly position: number;
}

/** BHT: purpose (BHT02: 13 request, 11 response…), reference (BHT03, the submitter's transaction id), date, time. */
export interface Beginning {
  readonly structure: string;
  readonly purpose: string;
  readonly reference: string;
  /** BHT04 as an ISO date. */
  readonly date: string;
  /** BHT05 as HH:MM[:SS]. */
  readonly time: string;
  /** BHT06 transaction type, when sent. */
  readonly transactionType?: string;
}

/** UM: Health Care Services Review Information. */
export interface ReviewInformation {
  /** UM01 request category (X12 1525): AR admission review, HS health services review, SC specialty care review. */
  readonly requestCategory: string;
  /** UM02 certification type (X12 1322): I initial, 1/2 appeal, 3 cancel, 4 extension, R renewal, S revised. */
  readonly certificationType: string;
  /** UM03 service type (X12 1365). */
  readonly serviceType?: string;
  /** UM04: facility code and its qualifier (A = UB bill type, B = place of service). */
  readonly facility?: { readonly code: string; readonly qualifier: string };
  /** UM04-1 when UM04-2 = B: the CMS place of service code. */
  readonly placeOfService?: string;
  /** UM05 related causes (AA auto accident, EM employment, OA other accident…), state and country. */
  readonly relatedCauses?: readonly string[];
  /** UM06 level of service (X12 1338): 03 emergency, E elective, U urgent. */
  readonly levelOfService?: string;
  readonly currentHealthCondition?: string;
  readonly prognosis?: string;
  readonly releaseOfInformation?: string;
  readonly delayReason?: string;
}

/** HI: a diagnosis code with its qualifier kept. */
export interface Diagnosis {
  /** HI0n-1: ABK principal / ABF other / ABJ admitting / ABN external cause (ICD-10-CM); BK / BF / BJ / BN (ICD-9-CM); others kept as sent. */
  readonly qualifier: string;
  readonly codeSystem: 'ICD-10-CM' | 'ICD-9-CM' | 'other';
  /** The code as sent (without the decimal point, per X12 usage). */
  readonly code: string;
  /** True for ABK/BK. */
  readonly principal: boolean;
  /** HI0n-4 when HI0n-3 = D8. */
  readonly date?: string;
}

/** HSD: quantity and frequency of the services. */
export interface ServiceDelivery {
  readonly quantityQualifier?: string;
  readonly quantity?: number;
  readonly unit?: string;
  readonly sampleModulus?: number;
  readonly periodQualifier?: string;
  readonly periodCount?: number;
  readonly deliveryPattern?: string;
  readonly deliveryTime?: string;
}

/** CL1: institutional information (admission type, source, patient status, nursing-home status). */
export interface InstitutionalInformation {
  readonly admissionType?: string;
  readonly admissionSource?: string;
  readonly patientStatus?: string;
  readonly nursingHomeStatus?: string;
}

/** PWK: supporting documentation, sent with the request or to follow (a 275 carries PWK06 in its TRN). */
export interface Attachment {
  /** PWK01 report type (X12 755). */
  readonly reportType: string;
  /** PWK02 transmission (X12 756): EL electronic, FX fax, BM mail, EM e-mail, FT file transfer, AA available on request. */
  readonly transmission: string;
  /** PWK06 attachment control number (with PWK05 = AC). */
  readonly controlNumber?: string;
  /** PWK07. */
  readonly description?: string;
}

/** Ambulance, spinal manipulation, oxygen and home-health details (CR1, CR2, CR5, CR6) and patient conditions (CRC), kept element by element. */
export interface ClinicalSegment {
  readonly id: 'CR1' | 'CR2' | 'CR5' | 'CR6' | 'CRC';
  readonly elements: readonly string[];
}

/** Information shared by the patient event (2000E) and service (2000F) levels. */
export interface ReviewLevel {
  /** HL position in the stream. */
  readonly position: number;
  /** TRN: the requester's trace numbers (TRN01 = 1). */
  readonly traceNumbers: readonly TraceNumber[];
  readonly review?: ReviewInformation;
  /** REF*BB previous review authorization number (for extensions, revisions, cancellations). */
  readonly previousAuthorizationNumber?: string;
  /** REF*NT previous review administrative reference number. */
  readonly administrativeReferenceNumber?: string;
  /** Every other REF of the level. */
  readonly references: readonly Reference[];
  /** DTP: AAH event date, 435 admission, 096 discharge, 439 accident, 431 onset, 484 last menstrual period, ABC estimated birth, 472 service date… */
  readonly dates: readonly DateEntry[];
  readonly delivery?: ServiceDelivery;
  readonly institutional?: InstitutionalInformation;
  readonly clinical: readonly ClinicalSegment[];
  readonly attachments: readonly Attachment[];
  /** MSG01. */
  readonly message?: string;
  /** 2010EA/2010EB/2010EC or 2010F NM1 loops: service providers (SJ, FA, 71 attending, 72 operating, DN referring, P3 PCP, 45 drop-off…). */
  readonly providers: readonly Party[];
  /** Segments this reader keeps but does not interpret. */
  readonly other: readonly RawSegment[];
}

/** 2000E patient event. */
export interface PatientEvent extends ReviewLevel {
  readonly diagnoses: readonly Diagnosis[];
  readonly services: readonly ServiceLine[];
}

/** SV1 professional, SV2 institutional or SV3 dental service of a 2000F level. */
export interface RequestedService {
  readonly kind: 'professional' | 'institutional' | 'dental';
  /**
   * Code system of `code`: HC-qualified codes are CPT when five digits (or four digits and F/T/U,
   * CPT categories II/III) and HCPCS otherwise; AD is CDT; N4 is NDC; `revenue` for an SV2
   * line without a procedure code.
   */
  readonly codeSystem: 'CPT' | 'HCPCS' | 'CDT' | 'NDC' | 'revenue' | 'other';
  /** Product/service id qualifier as sent (HC, AD, N4, IV, ZZ…), or 'NU' for a revenue code alone. */
  readonly qualifier: string;
  readonly code: string;
  /** Up to four procedure modifiers. */
  readonly modifiers: readonly string[];
  readonly description?: string;
  /** End of a code range (composite component 8), when a range is requested. */
  readonly rangeEnd?: string;
  /** SV201 revenue code (institutional). */
  readonly revenueCode?: string;
  /** Requested units: SV104 / SV205 / SV306. */
  readonly quantity?: number;
  /** Unit of the quantity: UN units, MJ minutes, DA days… */
  readonly unit?: string;
  /** Line charge when sent (SV102 / SV203 / SV302). */
  readonly amount?: number;
  /** SV3 tooth information (TOO02 tooth numbers). */
  readonly teeth?: readonly string[];
  /** SV209 nursing-home residential status, SV210 level of care. */
  readonly nursingHomeStatus?: string;
  readonly levelOfCare?: string;
}

/** 2000F service level. */
export interface ServiceLine extends ReviewLevel {
  /** 0-based index among the services of the event (echoed in the response). */
  readonly index: number;
  readonly service?: RequestedService;
}

/**
 * Typed 278 inquiry (005010X215): the same levels as a request, used to find an earlier request
 * (BHT03, TRN trace numbers, REF*BB / REF*NT, subscriber, provider, dates). UM is optional.
 */
export interface ServicesReviewInquiry extends Omit<ServicesReviewRequest, 'kind'> {
  readonly kind: '278-inquiry';
}
