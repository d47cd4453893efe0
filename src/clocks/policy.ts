/**
 * Clock policies as data: a policy is a family of rules (Medicare Advantage, ERISA, a state
 * overlay…) published in effective-dated versions. Each rule names its citation, unit, anchor,
 * extension allowance, tolling and the consequence of missing it. Tenants pick policies per line
 * of business and product (settings.ts); the engine only reads these values.
 */
import type { BuiltInCalendarId } from './time/calendars';
import type { Consequence, ObligationKind, PriorityClass, ReconsiderationSubject, RequestType } from './types';

/** How long the window is. */
export type ClockWindow =
  | { readonly unit: 'minutes'; readonly amount: number }
  | { readonly unit: 'hours'; readonly amount: number }
  | { readonly unit: 'calendar_days'; readonly amount: number }
  | { readonly unit: 'business_days'; readonly amount: number }
  /** N calendar days before the planned end of services, end of that day (NOMNC). */
  | { readonly unit: 'calendar_days_before_services_end'; readonly amount: number }
  /** Close of business on the anchor's day (DENC). */
  | { readonly unit: 'close_of_business'; readonly hour: number }
  /** Hours counted from receipt inside a staffed period, else from the next period's start (Texas). */
  | { readonly unit: 'staffed_hours'; readonly amount: number; readonly staffing: StaffingSchedule };

/** Required staffing hours, minutes after local midnight, [from, to). */
export interface StaffingSchedule {
  readonly timeZone: string;
  readonly calendar: BuiltInCalendarId;
  readonly weekdays: readonly [number, number];
  readonly weekendsAndHolidays: readonly [number, number];
}

export type AnchorEventType = 'admission' | 'observation_start' | 'oral_notice_given' | 'expedite_denied' | 'pa_status_change';

/** Where the window starts. Event anchors use the latest such event, else the receipt. */
export type ClockAnchor =
  | { readonly kind: 'receipt' }
  | { readonly kind: 'necessary_info' }
  | { readonly kind: 'event'; readonly event: AnchorEventType };

export type ExtensionRule =
  | { readonly kind: 'forbidden'; readonly reason: string; readonly citation: string }
  | {
      readonly kind: 'allowed';
      /** Total extra calendar days over all extensions. */
      readonly maxTotalDays: number;
      readonly maxCount: number;
      readonly citation: string;
      /** The written notice of extension, due before the deadline it extends. */
      readonly noticeCitation: string;
    };

export type TollingRule =
  /** Asking for information never stops the clock (e.g. MA, Medicaid). */
  | { readonly kind: 'none'; readonly citation: string }
  /** The clock runs from the necessary information instead (CA, NY, IL): nothing to toll. */
  | { readonly kind: 'not_applicable' }
  /** Tolled from the information request until the answer (29 CFR 2560.503-1(f)(4), (i)(4)). */
  | { readonly kind: 'erisa'; readonly citation: string; readonly minResponseDays: number; readonly requestTakesExtension: boolean }
  /** Urgent claim lacking information: 24 h to ask, ≥ 48 h to answer, 48 h to decide ((f)(2)(i)). */
  | {
      readonly kind: 'erisa_urgent_incomplete';
      readonly citation: string;
      readonly noticeWithinHours: number;
      readonly minResponseHours: number;
      readonly decideWithinHours: number;
    };

/** A follow-up written notice the rule requires after an event. */
export interface FollowUpNotice {
  readonly days: number;
  readonly citation: string;
  readonly description: string;
}

export interface RuleConditions {
  readonly subjectToPriorAuthorization?: boolean;
  readonly reconsiderationSubjects?: readonly ReconsiderationSubject[];
  /** ERISA concurrent urgent request made at least / less than 24 h before the approved course ends. */
  readonly concurrentLead?: 'at_least_24h' | 'under_24h';
  readonly withStatusChange?: boolean;
  /** The policy's key date (receipt date or rating-period start) is on or after this date. */
  readonly keyDateOnOrAfter?: string;
}

export interface ClockRule {
  readonly id: string;
  readonly requestTypes: readonly RequestType[];
  readonly priority: PriorityClass | 'any';
  /** A procedural-failure notice clock replaces the decision clock when the flag is set. */
  readonly variant?: 'procedural_failure_notice';
  readonly when?: RuleConditions;
  readonly window: ClockWindow;
  readonly anchor: ClockAnchor;
  readonly extension: ExtensionRule;
  readonly tolling: TollingRule;
  readonly consequence: Consequence;
  readonly obligation: ObligationKind;
  readonly description: string;
  readonly citation: string;
  readonly downgradeNotice?: FollowUpNotice;
  readonly oralNoticeConfirmation?: FollowUpNotice;
  /** Open point (regulations.md §10) and the choice made. */
  readonly note?: string;
}

export interface PolicyVersion {
  readonly version: string;
  /** Inclusive, YYYY-MM-DD, compared with the policy's key date. */
  readonly effectiveFrom: string;
  /** Exclusive. */
  readonly effectiveTo?: string;
  readonly source: string;
  readonly rules: readonly ClockRule[];
}

export interface ClockPolicy {
  readonly id: string;
  readonly title: string;
  readonly jurisdiction: string;
  readonly calendar: BuiltInCalendarId;
  /** Policies searched after this one (an overlay's base; Medicare notices for MA). */
  readonly fallbacks: readonly string[];
  /** Which date picks the version (C7): MA keys on receipt, Medicaid managed care on the rating period. */
  readonly versionKey: 'receipt_date' | 'rating_period_start';
  /** Subject assumed for a reconsideration that names none. */
  readonly defaultReconsiderationSubject: ReconsiderationSubject;
  /** Why a physician-supported expedite request cannot be downgraded. */
  readonly physicianExpediteCitation: string;
  readonly versions: readonly PolicyVersion[];
}

export const NO_TOLLING_STATE: TollingRule = { kind: 'not_applicable' };
export const NECESSARY_INFO: ClockAnchor = { kind: 'necessary_info' };
