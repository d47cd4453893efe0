/**
 * The clock engine's vocabulary: what a request is, what happens to it, and what comes out.
 * The names are those of issue 3 and shared/scenarios/clock-scenarios.json.
 */
import type { ErrorCode } from '../platform/errors';
import type { BusinessCalendar } from './time/calendar';

/** What the clock is for (one clock per request type). */
export type RequestType =
  | 'pre_service'
  | 'post_service'
  | 'concurrent'
  | 'part_b_drug'
  | 'outpatient_drug'
  | 'reconsideration'
  | 'post_stabilization'
  | 'patient_access_api_pa_data'
  | 'expedite_downgrade_written_notice'
  | 'expedited_written_confirmation'
  | 'notice_moon'
  | 'notice_im_initial'
  | 'notice_nomnc'
  | 'notice_denc';

export const REQUEST_TYPES: readonly RequestType[] = [
  'pre_service', 'post_service', 'concurrent', 'part_b_drug', 'outpatient_drug', 'reconsideration',
  'post_stabilization', 'patient_access_api_pa_data', 'expedite_downgrade_written_notice',
  'expedited_written_confirmation', 'notice_moon', 'notice_im_initial', 'notice_nomnc', 'notice_denc',
];

/** Priority as asked. `expedited` (Medicare/Medicaid words) and `urgent` (ERISA/state words) are the same fast track. */
export type Priority = 'standard' | 'expedited' | 'urgent';
export type PriorityClass = 'standard' | 'fast';

export const priorityClassOf = (p: Priority): PriorityClass => (p === 'standard' ? 'standard' : 'fast');

/** What a reconsideration (appeal) is about; the deadline differs (42 CFR 422.590(a)–(c)). */
export type ReconsiderationSubject = 'pre_service' | 'post_service' | 'payment' | 'part_b_drug';

/** Who asked for the request to be expedited. */
export type ExpediteRequester = 'physician' | 'member' | 'enrollee' | 'representative' | 'provider' | 'plan';

/** Something that happened to the request, at an instant (ISO 8601 with offset) or on a date. */
export type ClockEvent =
  | { readonly type: 'extension_taken'; readonly at: string; readonly days: number; readonly reason: string }
  | { readonly type: 'extension_requested'; readonly at: string; readonly days: number; readonly reason?: string }
  | { readonly type: 'additional_info_requested'; readonly at: string; readonly responseWindowDays?: number }
  | { readonly type: 'additional_info_received'; readonly at: string }
  | { readonly type: 'incomplete_claim_notice_sent'; readonly at: string; readonly responseWindowHours?: number }
  | { readonly type: 'necessary_info_received'; readonly at: string }
  | { readonly type: 'expedite_denied'; readonly at: string; readonly newPriority: Priority; readonly physicianSupported?: boolean }
  | { readonly type: 'priority_upgraded'; readonly at: string; readonly newPriority: Priority }
  | { readonly type: 'oral_notice_given'; readonly at: string }
  | { readonly type: 'admission'; readonly at: string }
  | { readonly type: 'observation_start'; readonly at: string }
  | { readonly type: 'planned_services_end'; readonly date: string }
  | { readonly type: 'approved_course_ends'; readonly at: string }
  | { readonly type: 'pa_status_change'; readonly at: string };

export type ClockEventType = ClockEvent['type'];

/** Everything the engine needs to compute one clock. Pure data; time is a parameter. */
export interface ClockInput {
  /** Policy ids in precedence order (an overlay before its base); each policy's fallbacks are added. */
  readonly policies: readonly string[];
  readonly requestType: RequestType;
  readonly priority: Priority;
  /** First receipt on any channel (C1), ISO 8601 with offset. */
  readonly receivedAt: string;
  /** The plan's governing IANA time zone (C5). */
  readonly timeZone: string;
  readonly events?: readonly ClockEvent[];
  /** MA 7-day rule scope (42 CFR 422.568(b)(1)(ii), 422.122); defaults to subject. */
  readonly subjectToPriorAuthorization?: boolean;
  readonly reconsiderationSubject?: ReconsiderationSubject;
  /** ERISA improperly filed claim (29 CFR 2560.503-1(c)(2)(i)). */
  readonly proceduralFailure?: boolean;
  /** Medicaid / CHIP managed-care rating period start (YYYY-MM-DD); defaults to Jan 1 of the receipt year. */
  readonly ratingPeriodStart?: string;
  readonly expediteRequestedBy?: ExpediteRequester;
  /** A physician supports expediting (42 CFR 422.570(c)(2)(ii)): a downgrade is refused. */
  readonly physicianSupportsExpedite?: boolean;
  /** The tenant's calendar for business days; otherwise the policy's built-in one. */
  readonly calendar?: BusinessCalendar;
}

/** What the plan must do by a time. */
export type ObligationKind =
  | 'decision'
  | 'response'
  | 'notice_delivery'
  | 'data_availability'
  | 'written_notice'
  | 'written_confirmation'
  | 'extension_notice'
  | 'downgrade_written_notice'
  | 'procedural_failure_notice';

export interface Obligation {
  readonly kind: ObligationKind;
  readonly dueAt: string;
  readonly dueEpochMs: number;
  readonly citation: string;
  readonly description: string;
}

/** What a missed deadline means under the policy. */
export type ConsequenceKind =
  | 'adverse_determination_appealable'
  | 'forward_to_independent_review'
  | 'deemed_adverse'
  | 'appeal_deemed_exhausted'
  | 'deemed_authorized'
  | 'financially_responsible'
  | 'overdue';

export interface Consequence {
  readonly kind: ConsequenceKind;
  readonly citation: string;
  readonly description: string;
}

/** One step of the clock's history, for the case page's clock panel. */
export type TraceEntry =
  | { readonly kind: 'started'; readonly at: string; readonly dueAt: string; readonly ruleId: string; readonly citation: string; readonly note: string }
  | { readonly kind: 'applied'; readonly event: ClockEventType; readonly at: string; readonly dueBefore: string; readonly dueAfter: string; readonly citation: string; readonly note: string }
  | { readonly kind: 'refused'; readonly event: ClockEventType; readonly at: string; readonly code: ErrorCode; readonly reason: string }
  | { readonly kind: 'no_effect'; readonly event: ClockEventType; readonly at: string; readonly note: string }
  | { readonly kind: 'context'; readonly event: ClockEventType; readonly at: string; readonly note: string };

export type RefusedEvent = Extract<TraceEntry, { kind: 'refused' }>;

/** Identity of the rule that set the due time. */
export interface RuleRef {
  readonly policyId: string;
  readonly policyVersion: string;
  readonly policyTitle: string;
  readonly ruleId: string;
  /** The rule's own citation, e.g. "42 CFR 422.568(b)(1)(ii)". */
  readonly citation: string;
  readonly unit: 'minutes' | 'hours' | 'calendar_days' | 'business_days';
  readonly amount: number;
}

interface ClockFacts {
  readonly dueAt: string;
  readonly dueEpochMs: number;
  readonly timeZone: string;
  readonly rule: RuleRef;
  /** The rule's citation plus those of the events that moved the time (extension, tolling…). */
  readonly citation: string;
  readonly priority: PriorityClass;
  readonly obligations: readonly Obligation[];
  readonly consequence: Consequence;
  readonly trace: readonly TraceEntry[];
  readonly refused: readonly RefusedEvent[];
}

/**
 * The computed clock. `paused`: an ERISA information request is open; `dueAt` assumes no answer
 * before the response period ends (29 CFR 2560.503-1(f)(4)). `no_clock`: no policy in the stack
 * has a rule for this request (e.g. post-stabilization on a self-funded ERISA plan).
 */
export type ClockResult =
  | (ClockFacts & { readonly kind: 'running' })
  | (ClockFacts & { readonly kind: 'paused'; readonly pausedSince: string; readonly resumesBy: string })
  | { readonly kind: 'no_clock'; readonly code: 'UM_ERR_CLOCK_NO_POLICY'; readonly reason: string; readonly policies: readonly string[] };

export type ComputedClock = Exclude<ClockResult, { kind: 'no_clock' }>;
