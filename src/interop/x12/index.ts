/**
 * X12 005010 for OpenUM: a streaming reader (ISA delimiters, positions), envelope and syntax
 * validation with TA1 / 999 (005010X231A1) acknowledgments, typed 278 requests (X217) and
 * inquiries (X215), 278 responses, 270 / 271 (X279A1) and streamed 834 members (X220A1).
 * Pure code: no database, no HTTP, no clock (time is a parameter). See docs/x12.md.
 */

// Reading
export { readX12, readInterchange } from './read';
export type { ReadOptions, X12ReadResult, InterchangeResult, GroupResult, TransactionResult } from './read';
export { readSegments, segmentsOf, chunksOf, isStreamError } from './syntax/read';
export type { X12Source } from './syntax/read';
export { SegmentTokenizer } from './syntax/tokenizer';
export type { StreamError, TokenizerOptions, TokenizerSink } from './syntax/tokenizer';
export { el, opt, comp, components, repetitions, DEFAULT_DELIMITERS } from './syntax/segment';
export type { Segment, Delimiters } from './syntax/segment';
export type { DatePeriod } from './syntax/dates';
export { INBOUND_KINDS } from './envelope/walker';
export type { WalkerOptions } from './envelope/walker';
export type { InterchangeHeader, GroupHeader, TransactionHeader } from './envelope/types';
export type { X12Event, TransactionEvent, InterchangeEndEvent, EnrollmentHeaderEvent, EnrollmentMemberEvent } from './events';
export type { X12Document, DocumentKind } from './document';

// Acknowledgments
export type { Ta1, GroupAck, TransactionAck, SegmentError, ElementError } from './ack/types';
export { TA1_NOTE, SEGMENT_ERROR, ELEMENT_ERROR, TRANSACTION_ERROR, GROUP_ERROR } from './ack/codes';
export type { Ta1NoteCode, SegmentErrorCode, ElementErrorCode, TransactionErrorCode, GroupErrorCode } from './ack/codes';
export { ack999Segments, ack999Transactions, ack999Group, replyInterchange } from './ack/write';

// Writing
export { writeInterchange, replyParties, replyGroup, stamp } from './write/envelope';
export type { OutboundInterchange, OutboundGroup, OutboundTransaction, Stamp } from './write/envelope';
export { serializeSegment } from './write/serialize';
export type { SegmentSpec, ElementValue } from './write/serialize';

// Common parts
export type { Party, Person, PartyName, Identification, Reference, Address, Contact, ProviderInformation, TraceNumber, DateEntry, RawSegment } from './common/types';

// 278
export type {
  ServicesReviewRequest,
  ServicesReviewInquiry,
  TransactionInfo,
  Beginning,
  ReviewInformation,
  Diagnosis,
  ServiceDelivery,
  InstitutionalInformation,
  Attachment,
  ClinicalSegment,
  ReviewLevel,
  PatientEvent,
  RequestedService,
  ServiceLine,
} from './tx278/types';
export type { ServicesReviewResponse, ResponseLevel, EventResponse, ServiceResponse, ResponseParty, ReviewAction, ReviewDecision, CertificationDates } from './tx278/response-types';
export { buildServicesReviewResponse, summarize } from './tx278/response-build';
export type { ReviewOutcome, ServiceOutcome } from './tx278/response-build';
export { servicesReviewResponseSegments } from './tx278/response-write';
export { REJECT_REASON, FOLLOW_UP_ACTION, REQUEST_PROBLEMS, rejectionForError } from './tx278/aaa';
export type { RejectReasonCode, FollowUpActionCode, RequestRejection, PlacedRejection, RejectionLoop, RequestProblem } from './tx278/aaa';
export { hcpcsSystem, dottedDiagnosisCode } from './tx278/service';
export { priorityOf } from './tx278/priority';

// 270 / 271
export type { EligibilityInquiry, EligibilityQuery, EligibilityBenefit, EligibilityResponse, EligibilityMember, EligibilitySubscriber, EligibilityMemberResponse, EligibilitySubscriberResponse, InformationSource, InformationReceiver, BenefitInquiry } from './tx270/types';
export { eligibilityQueries, buildEligibilityResponse, eligibilityResponseSegments } from './tx270/respond';
export type { EligibilityAnswer, EligibilityOutcome } from './tx270/respond';

// 834
export type { EnrollmentHeader, EnrollmentMember, EnrollmentParty, EnrollmentSummary, Coverage, MaintenanceType } from './tx834/types';
export { MAINTENANCE_TYPES } from './tx834/types';
