/** Cases (UM requests): the vocabulary every channel maps onto. */

export const CASE_KINDS = [
  'prior_auth',
  'referral',
  'admission_notification',
  'concurrent_review',
  'snf_admission',
  'post_stabilization',
  'retrospective',
  'reconsideration',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const PRIORITIES = ['standard', 'expedited'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Who asked for expedited handling (42 CFR 422.570(a): the enrollee or any physician). */
export const EXPEDITE_REQUESTERS = ['member', 'representative', 'physician', 'plan'] as const;
export type ExpediteRequester = (typeof EXPEDITE_REQUESTERS)[number];

export const REQUESTER_TYPES = ['member', 'representative', 'contracted_provider', 'non_contracted_provider'] as const;
export type RequesterType = (typeof REQUESTER_TYPES)[number];

export const CHANNELS = ['portal', 'fax', 'phone', 'email', 'mail', 'fhir', 'x12'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels whose receipt time is keyed by staff from the fax / phone / mail system. */
export const STAFF_KEYED_CHANNELS: readonly Channel[] = ['fax', 'phone', 'email', 'mail'];

export const CODE_SYSTEMS = ['CPT', 'HCPCS', 'REV', 'NDC'] as const;
export type CodeSystem = (typeof CODE_SYSTEMS)[number];

/** X12 unit-of-measure codes used for service quantities (SV1/SV2, PAS quantity). */
export const UNIT_TYPES = ['UN', 'DA', 'VS', 'MJ', 'F2', 'ML', 'GR', 'ME'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/**
 * Where a case is in the workflow. Queues follow from it: `intake`, `nurse_review`, `md_review`
 * are work queues; `pended_info` waits for the requester; the rest are closed.
 */
export const CASE_STATUSES = [
  'intake',
  'nurse_review',
  'md_review',
  'pended_info',
  'decided',
  'forwarded_to_plan',
  'withdrawn',
  'cancelled',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CLOSED_STATUSES: readonly CaseStatus[] = ['decided', 'forwarded_to_plan', 'withdrawn', 'cancelled'];
export const isClosed = (s: CaseStatus): boolean => CLOSED_STATUSES.includes(s);

/** Whether the plan requires authorization for a line (set from the PA list; `unknown` until checked). */
export const REQUIREMENTS = ['required', 'notification_only', 'not_required', 'unknown'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export const NOTE_KINDS = ['note', 'phone_call', 'peer_to_peer', 'info_request', 'info_response', 'referral', 'specialist_opinion', 'system'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

/** Attachment types accepted, each recognised by its leading bytes. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/tiff', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

export const isCaseStatus = (s: string): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s);

/** Reads a stored status; the CHECK constraint guarantees it, this guards the type. */
export function caseStatus(s: string): CaseStatus {
  if (!isCaseStatus(s)) throw new Error(`unknown case status "${s}"`);
  return s;
}
