/**
 * The one intake request every channel (REST / portal, staff entry, FHIR PAS, X12 278) maps onto,
 * and its checks that need no database (pure).
 */
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { UmError, type ErrorDetail } from '../platform/errors';
import { STAFF_KEYED_CHANNELS, type CaseKind, type Channel, type CodeSystem, type ExpediteRequester, type Priority, type RequesterType, type UnitType } from './model';

export interface PartyRef {
  /** OpenUM id. */
  readonly id?: string;
  /** National Provider Identifier. */
  readonly npi?: string;
}

export interface LineRequest {
  readonly codeSystem: CodeSystem;
  readonly code: string;
  readonly modifiers?: readonly string[];
  readonly description?: string;
  readonly units: number;
  readonly unitType?: UnitType;
  readonly fromDate?: string;
  readonly toDate?: string;
  readonly placeOfService?: string;
  readonly ndc?: string;
  readonly dose?: string;
  readonly frequency?: string;
  readonly siteOfCare?: string;
  readonly partB?: boolean;
  /** The provider's answers to the criteria set's Questionnaire for this line (portal, Da Vinci DTR). */
  readonly answers?: QuestionnaireResponse;
}

/**
 * Why an out-of-network provider is asked for: the justifications a plan accepts for an
 * out-of-network referral (src/coverage); such requests always go to a person.
 */
export const OUT_OF_NETWORK_REASONS = ['not_available_in_network', 'ongoing_course_of_treatment'] as const;
export type OutOfNetworkReason = (typeof OUT_OF_NETWORK_REASONS)[number];

export interface AttachmentRequest {
  readonly fileName: string;
  readonly contentType: string;
  readonly contentBase64: string;
}

/**
 * The requesting physician's attestation that makes a provider's request expedited: applying the
 * standard time frame could seriously jeopardize the member's life, health or ability to regain
 * maximum function (42 CFR 422.570(c)(2)(ii)). A request carrying it is physician-supported, so the
 * clock engine refuses to downgrade it.
 */
export interface ExpediteAttestation {
  /** The physician who attests (name as the provider gives it). */
  readonly physicianName: string;
  readonly physicianNpi?: string;
  /** The attestation itself: must be `true`. */
  readonly seriousJeopardy: true;
  /** Why, in the physician's words (optional). */
  readonly reason?: string;
}

export const EXPEDITE_ATTESTATION_TEXT =
  'applying the standard time frame for making a determination could seriously jeopardize the life or health of the member or the member\'s ability to regain maximum function (42 CFR 422.570(c)(2)(ii))';

export interface IntakeRequest {
  readonly kind: CaseKind;
  readonly priority: Priority;
  readonly expediteRequestedBy?: ExpediteRequester;
  readonly expeditePhysicianSupported?: boolean;
  /** Provider-side expedited requests (portal, REST) carry the physician's attestation. */
  readonly expediteAttestation?: ExpediteAttestation;
  readonly requesterType: RequesterType;
  readonly channel?: Channel;
  /** First receipt on any channel; staff keying a fax or a call give the fax / phone system's time. */
  readonly receivedAt?: string;
  readonly member: { readonly id?: string; readonly memberNumber?: string };
  readonly requestingProvider?: PartyRef;
  readonly servicingProvider?: PartyRef;
  readonly facility?: PartyRef;
  readonly diagnoses?: readonly { readonly system?: 'ICD-10-CM' | 'ICD-9-CM'; readonly code: string }[];
  readonly lines: readonly LineRequest[];
  readonly relatedCaseId?: string;
  readonly note?: string;
  readonly attachments?: readonly AttachmentRequest[];
  /**
   * Answers for the whole request, one QuestionnaireResponse per criteria set: each applies to the
   * lines whose set's Questionnaire it names (`questionnaire`), or to every line when it names none.
   */
  readonly answers?: readonly QuestionnaireResponse[];
  /** Required when the servicing provider is out of network (src/coverage). */
  readonly outOfNetwork?: { readonly reason: OutOfNetworkReason; readonly explanation?: string };
}

/** The verbatim payload of channels that have one (kept beside the typed columns). */
export interface SourcePayload {
  readonly format: 'fhir' | 'x12' | 'json';
  readonly payload: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isValidDate = (s: string): boolean => ISO_DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
/** ICD-10-CM: a letter, two characters, optionally a dot and up to four more (no dot is also accepted). */
const ICD10 = /^[A-TV-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/;
const ICD9 = /^(V\d{2}|E\d{3}|\d{3})(\.?\d{1,2})?$/;
const CODE_FORMAT: Record<CodeSystem, RegExp> = {
  CPT: /^\d{4}[0-9FTU]$/,
  HCPCS: /^[A-V]\d{4}$/,
  REV: /^\d{3,4}$/,
  NDC: /^(\d{11}|\d{4}-\d{4}-\d{2}|\d{5}-\d{3}-\d{2}|\d{5}-\d{4}-\d{1}|\d{5}-\d{4}-\d{2})$/,
};

/**
 * The receipt instant: for staff-keyed channels the time they give (never in the future), for
 * every other channel the moment OpenUM received it.
 */
export function receiptInstant(channel: Channel, given: string | undefined, now: Date): Date {
  if (!STAFF_KEYED_CHANNELS.includes(channel) || given === undefined) return now;
  const t = new Date(given);
  if (Number.isNaN(t.getTime())) throw new UmError('UM_ERR_VALIDATION', 'receivedAt is not a date-time', { details: [{ path: 'receivedAt', message: 'not an ISO 8601 date-time' }] });
  if (t.getTime() > now.getTime()) {
    throw new UmError('UM_ERR_INTAKE_RECEIVED_IN_FUTURE', `receivedAt ${given} is in the future; give the fax or phone system's time of receipt`, {
      details: [{ path: 'receivedAt', message: 'in the future' }],
    });
  }
  return t;
}

/** Checks that need no database; throws one error listing every problem. */
export function checkIntakeRequest(r: IntakeRequest): void {
  const problems: ErrorDetail[] = [];
  if (r.lines.length === 0) throw new UmError('UM_ERR_INTAKE_NO_LINES', undefined, { details: [{ path: 'lines', message: 'at least one service line is needed' }] });
  if (r.member.id === undefined && r.member.memberNumber === undefined) problems.push({ path: 'member', message: 'give the member id or member number' });
  r.lines.forEach((l, i) => {
    const at = `lines/${i}`;
    if (!CODE_FORMAT[l.codeSystem].test(l.code.trim().toUpperCase())) problems.push({ path: `${at}/code`, message: `"${l.code}" is not a valid ${l.codeSystem} code` });
    if (!(l.units > 0)) problems.push({ path: `${at}/units`, message: 'units must be more than 0' });
    if (l.fromDate !== undefined && !isValidDate(l.fromDate)) problems.push({ path: `${at}/fromDate`, message: 'not a valid date' });
    if (l.toDate !== undefined && !isValidDate(l.toDate)) problems.push({ path: `${at}/toDate`, message: 'not a valid date' });
    if (l.fromDate !== undefined && l.toDate !== undefined && l.toDate < l.fromDate) problems.push({ path: `${at}/toDate`, message: 'ends before it starts' });
  });
  (r.diagnoses ?? []).forEach((d, i) => {
    const re = d.system === 'ICD-9-CM' ? ICD9 : ICD10;
    if (!re.test(d.code.trim().toUpperCase())) problems.push({ path: `diagnoses/${i}/code`, message: `"${d.code}" is not a valid ${d.system ?? 'ICD-10-CM'} code` });
  });
  if (r.priority === 'expedited' && r.expediteRequestedBy === undefined && r.expediteAttestation === undefined) problems.push({ path: 'expediteRequestedBy', message: 'say who asked to expedite (42 CFR 422.570)' });
  if (r.expediteAttestation !== undefined) {
    if (r.priority !== 'expedited') problems.push({ path: 'expediteAttestation', message: 'an attestation goes only with an expedited request' });
    if (r.expediteRequestedBy !== undefined && r.expediteRequestedBy !== 'physician') problems.push({ path: 'expediteRequestedBy', message: 'an attested request is expedited at the physician\'s request' });
    if (r.expediteAttestation.physicianName.trim() === '') problems.push({ path: 'expediteAttestation/physicianName', message: 'name the physician who attests' });
  }
  if (problems.length > 0) {
    const datesOnly = problems.every((p) => /Date$/.test(p.path ?? ''));
    throw new UmError(datesOnly ? 'UM_ERR_INTAKE_BAD_DATES' : 'UM_ERR_VALIDATION', `The request has ${problems.length} problem(s)`, { details: problems });
  }
}

/**
 * A provider's own request (portal user, or a provider organisation's machine client) is expedited
 * only on the requesting physician's attestation (42 CFR 422.570(c)(2)(ii)); it is then a
 * physician's request that the physician supports. Throws `UM_ERR_VALIDATION` without one.
 */
export function providerExpedite(r: IntakeRequest): IntakeRequest {
  if (r.priority !== 'expedited') return r;
  if (r.expediteAttestation === undefined || r.expediteAttestation.seriousJeopardy !== true) {
    throw new UmError('UM_ERR_VALIDATION', 'An expedited request needs the requesting physician\'s attestation that ' + EXPEDITE_ATTESTATION_TEXT, {
      details: [{ path: 'expediteAttestation', message: 'required for an expedited request' }],
    });
  }
  return { ...r, expediteRequestedBy: 'physician', expeditePhysicianSupported: true };
}

/** The attestation as it is kept on the case (a note the provider and the reviewers read). */
export function attestationNote(a: ExpediteAttestation): string {
  const who = `${a.physicianName.trim()}${a.physicianNpi === undefined ? '' : ` (NPI ${a.physicianNpi})`}`;
  const reason = a.reason === undefined || a.reason.trim() === '' ? '' : `\nReason given: ${a.reason.trim()}`;
  return `Expedite attestation: ${who} attests that ${EXPEDITE_ATTESTATION_TEXT}.${reason}`;
}

/** Normalises a code for storage: upper case, no spaces, ICD-10 without its dot kept as sent. */
export const normaliseCode = (c: string): string => c.trim().toUpperCase();
