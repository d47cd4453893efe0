/**
 * The one registry of OpenUM error codes, and the one error type.
 *
 * Every failure a caller can act on is a `UmError` with a stable code from this registry.
 * Adapters map it exactly once: to problem+json (REST), to OperationOutcome (FHIR), to an
 * X12 AAA / 999 (X12). Modelled on Fastify's `lib/errors.js`: the code is the contract,
 * the message is for people.
 */

/** How an error maps onto the standard error shapes of each channel. */
export interface ErrorSpec {
  /** HTTP status on the REST and FHIR APIs. */
  readonly status: number;
  /** Short human title (problem+json `title`). */
  readonly title: string;
  /** FHIR OperationOutcome issue code (http://hl7.org/fhir/issue-type). */
  readonly fhir: FhirIssueType;
}

export type FhirIssueType =
  | 'invalid'
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'security'
  | 'login'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'duplicate'
  | 'business-rule'
  | 'processing'
  | 'not-supported'
  | 'code-invalid'
  | 'too-long'
  | 'exception'
  | 'throttled';

const spec = (status: number, title: string, fhir: FhirIssueType): ErrorSpec => ({ status, title, fhir });

export const ERROR_CODES = {
  // ---- platform -------------------------------------------------------------------------
  UM_ERR_VALIDATION: spec(400, 'The request is not valid', 'invalid'),
  UM_ERR_NOT_FOUND: spec(404, 'Not found', 'not-found'),
  UM_ERR_UNAUTHENTICATED: spec(401, 'Authentication required', 'login'),
  UM_ERR_BAD_CREDENTIALS: spec(401, 'Wrong username or password', 'login'),
  UM_ERR_INVALID_CLIENT: spec(401, 'Unknown client or wrong secret', 'security'),
  UM_ERR_UNSUPPORTED_GRANT: spec(400, 'Unsupported grant type', 'not-supported'),
  UM_ERR_FORBIDDEN: spec(403, 'Not allowed for this user', 'forbidden'),
  UM_ERR_INSUFFICIENT_SCOPE: spec(403, 'The token lacks the scope this call needs', 'forbidden'),
  UM_ERR_CONFLICT: spec(409, 'Conflict with the current state', 'conflict'),
  UM_ERR_PAYLOAD_TOO_LARGE: spec(413, 'Payload too large', 'too-long'),
  UM_ERR_UNSUPPORTED_MEDIA_TYPE: spec(415, 'Unsupported media type', 'not-supported'),
  UM_ERR_CONFIG: spec(500, 'Invalid configuration', 'exception'),
  UM_ERR_INTERNAL: spec(500, 'Internal error', 'exception'),

  // ---- intake ---------------------------------------------------------------------------
  UM_ERR_INTAKE_IDEMPOTENCY_CONFLICT: spec(409, 'The idempotency key was used for a different request', 'duplicate'),
  UM_ERR_INTAKE_RECEIVED_IN_FUTURE: spec(422, 'The receipt time is in the future', 'value'),
  UM_ERR_INTAKE_MEMBER_UNKNOWN: spec(422, 'The member is not known to this plan', 'not-found'),
  UM_ERR_INTAKE_PROVIDER_UNKNOWN: spec(422, 'The provider is not known', 'not-found'),
  UM_ERR_INTAKE_NO_LINES: spec(422, 'A request needs at least one service line', 'required'),
  UM_ERR_INTAKE_BAD_DATES: spec(422, 'The service dates are not valid', 'value'),
  UM_ERR_ATTACHMENT_TYPE: spec(415, 'This attachment type is not accepted', 'not-supported'),
  UM_ERR_ATTACHMENT_TOO_LARGE: spec(413, 'The attachment is too large', 'too-long'),

  // ---- review and determination -----------------------------------------------------------
  UM_ERR_CASE_CLOSED: spec(409, 'The case is closed', 'business-rule'),
  UM_ERR_CASE_STATE: spec(409, 'The case is not in a state that allows this action', 'business-rule'),
  UM_ERR_ROLE_CANNOT_DECIDE: spec(403, 'This role cannot issue this outcome', 'forbidden'),
  UM_ERR_ADVERSE_REQUIRES_PHYSICIAN: spec(403, 'Only a physician or a reviewer the matrix names may issue an adverse determination', 'forbidden'),
  UM_ERR_DENIAL_REASON_REQUIRED: spec(422, 'An adverse determination needs a category, a reason code and a specific reason', 'required'),
  UM_ERR_LINE_UNKNOWN: spec(422, 'The service line is not part of this case', 'value'),
  UM_ERR_LINE_ALREADY_DECIDED: spec(409, 'The service line is already decided', 'business-rule'),
  UM_ERR_MODIFICATION_INVALID: spec(422, 'An approval with modifications must reduce units or the period, or change the code or site', 'value'),
  UM_ERR_PLAN_RISK_NOT_DENIABLE: spec(409, 'The service is at the plan\'s risk: forward it to the plan, do not deny it', 'business-rule'),
  UM_ERR_RECEIPT_CORRECTION_REASON: spec(422, 'A receipt-time correction needs a reason', 'required'),
  UM_ERR_REASON_REQUIRED: spec(422, 'This action needs a reason', 'required'),
  UM_ERR_ASSIGNEE_INVALID: spec(422, 'The assignee cannot take this case', 'business-rule'),
  UM_ERR_BASIS_REQUIRED: spec(422, 'An adverse determination must cite what it rests on: the criteria set the case was checked against, or a coverage rule or plan policy with its reference', 'required'),
  UM_ERR_COVERAGE_ENDED: spec(422, "The member's coverage ends before the service period: an approval cannot be valid past the coverage term", 'business-rule'),
  UM_ERR_BASIS_UNKNOWN: spec(422, 'The cited criteria set or criterion is not one this case was checked against', 'value'),

  // ---- audit ----------------------------------------------------------------------------
  UM_ERR_AUDIT_CHAIN_BROKEN: spec(500, 'The audit chain is broken', 'exception'),

  // ---- clocks (section owned by the clocks capability) ------------------------------------
  UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED: spec(422, 'The rule that governs this request does not allow an extension', 'business-rule'),
  UM_ERR_CLOCK_EXTENSION_TOO_LONG: spec(422, 'The extension is longer than the rule allows', 'business-rule'),
  UM_ERR_CLOCK_DOWNGRADE_REFUSED: spec(422, 'A physician requested or supports expediting: the request cannot be downgraded', 'business-rule'),
  UM_ERR_CLOCK_NO_POLICY: spec(422, 'No clock policy applies to this request', 'not-supported'),
  UM_ERR_CLOCK_INPUT: spec(422, 'The clock input is not valid', 'value'),
  // clocks: add further codes above this line

  // ---- criteria and coverage (section owned by the criteria capability) --------------------
  UM_ERR_CRITERIA_SET_INVALID: spec(422, 'The criteria set is not valid', 'invalid'),
  UM_ERR_CRITERIA_SET_UNKNOWN: spec(404, 'No such criteria set', 'not-found'),
  UM_ERR_PA_RULE_EMERGENCY: spec(422, 'Emergency and urgently needed services never require authorization', 'business-rule'),
  UM_ERR_CRITERIA_INPUT: spec(422, 'The input to the criteria or coverage rules is not valid', 'value'),
  UM_ERR_PA_RULE_INVALID: spec(422, 'The prior-authorization rule is not valid', 'invalid'),
  UM_ERR_PA_LIST_INVALID: spec(422, 'The prior-authorization list has invalid rows', 'invalid'),
  UM_ERR_PA_RULE_UNKNOWN: spec(404, 'No such rule in the prior-authorization list', 'not-found'),
  UM_ERR_CRITERIA_VERSION_CONFLICT: spec(409, 'This criteria-set version is already stored with other content; give it a new version', 'conflict'),
  UM_ERR_OUT_OF_NETWORK_JUSTIFICATION: spec(422, 'An out-of-network request needs the justification the plan requires', 'required'),
  UM_ERR_CRITERIA_REQUEST_STATE: spec(409, 'The criteria request is already fulfilled', 'business-rule'),
  // criteria: add further codes above this line

  // ---- FHIR (section owned by interop/fhir) -------------------------------------------------
  UM_ERR_FHIR_INVALID: spec(400, 'The FHIR resource is not valid', 'invalid'),
  UM_ERR_FHIR_PROFILE: spec(422, 'The FHIR resource does not conform to its profile', 'structure'),
  UM_ERR_FHIR_DEFINITIONS: spec(500, 'The FHIR definitions (IG packages) cannot be loaded', 'exception'),
  UM_ERR_FHIR_UNKNOWN_PROFILE: spec(422, 'The requested FHIR profile is not known', 'not-supported'),
  UM_ERR_FHIR_CONTENT: spec(422, 'The FHIR request conforms to its profile but cannot be processed as given', 'value'),
  UM_ERR_FHIR_NOT_SUPPORTED: spec(400, 'This FHIR interaction, parameter or option is not supported', 'not-supported'),
  UM_ERR_FHIR_CDS_REQUEST: spec(400, 'The CDS Hooks request cannot be read', 'invalid'),
  UM_ERR_FHIR_CDS_DATA: spec(412, 'The CDS Hooks request lacks data the service needs and it could not be fetched', 'not-found'),
  // fhir: add further codes above this line

  // ---- X12 (section owned by interop/x12) ----------------------------------------------------
  UM_ERR_X12_SYNTAX: spec(400, 'The X12 interchange is not valid', 'structure'),
  UM_ERR_X12_NOT_X12: spec(400, 'The input is not an X12 interchange (no readable ISA segment)', 'structure'),
  UM_ERR_X12_ENVELOPE: spec(400, 'The X12 interchange envelope was rejected (see the TA1)', 'structure'),
  UM_ERR_X12_REJECTED: spec(400, 'The X12 transaction set was rejected (see the 999)', 'invalid'),
  UM_ERR_X12_UNSUPPORTED: spec(400, 'This X12 transaction set is not supported here', 'not-supported'),
  UM_ERR_X12_VALUE: spec(422, 'A value cannot be written in X12 (it contains a delimiter, is empty or too long)', 'value'),
  // x12: add further codes above this line
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem inside an error: what is wrong and where (a JSON pointer, FHIRPath or X12 position). */
export interface ErrorDetail {
  readonly path?: string;
  readonly message: string;
}

export class UmError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: readonly ErrorDetail[];
  /** Extra machine-readable members for problem+json (never clinical content). */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(code: ErrorCode, message?: string, options: { details?: readonly ErrorDetail[]; extra?: Record<string, unknown>; cause?: unknown } = {}) {
    const s = ERROR_CODES[code];
    super(message ?? s.title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UmError';
    this.code = code;
    this.status = s.status;
    this.details = options.details ?? [];
    this.extra = options.extra ?? {};
  }
}

export const isUmError = (e: unknown): e is UmError => e instanceof UmError;
