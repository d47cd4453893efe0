/**
 * The clocks capability: the pure decision-clock engine, its policies (data), the case-kind table,
 * tenant policy selection, the case clock and the `openum clock` command.
 */
export { computeClock, requireClock } from './engine';
export { computeCaseClock, type CaseClockInput, type CaseClockLine, type CaseClockResult, type LineClock } from './case-clock';
export {
  CASE_KIND_REQUEST_TYPES, clockRequestTypeFor,
  type CaseKind, type ClockKindOptions, type ClockLineFacts, type ClockRequestKind, type DomainLineOfBusiness,
} from './case-kind';
export {
  BusinessCalendarSpecSchema, ClockPolicyAssignmentSchema, DEFAULT_CLOCK_SETTINGS, TenantClockSettingsSchema,
  parseClockSettings, ratingPeriodStartFor, selectClockPolicies,
  type ClockPolicyAssignment, type ClockSetup, type CoverageFacts, type TenantClockSettings,
} from './settings';
export { BUILT_IN_POLICIES, BUILT_IN_POLICY_LIST, type BuiltInPolicyId, type PolicyRegistry } from './policies/index';
export type { ClockPolicy, ClockRule, ClockWindow, ClockAnchor, ExtensionRule, TollingRule, PolicyVersion } from './policy';
export { compileCalendar, listHolidays, US_FEDERAL_HOLIDAY_RULES, type BusinessCalendar, type BusinessCalendarSpec, type HolidayRule } from './time/calendar';
export { CALENDAR_SPECS, builtInCalendar, type BuiltInCalendarId } from './time/calendars';
export { registerClockCommand, type ClockCommandIo } from './cli';
export { SCENARIO_LINE_POLICIES, scenarioInput, scenarioOutcome, runScenario, type ScenarioOutcome } from './scenario';
export type {
  ClockEvent, ClockEventType, ClockInput, ClockResult, ComputedClock, Consequence, ConsequenceKind, ExpediteRequester,
  Obligation, ObligationKind, Priority, PriorityClass, ReconsiderationSubject, RefusedEvent, RequestType, RuleRef, TraceEntry,
} from './types';
