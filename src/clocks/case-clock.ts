/**
 * The clock of a case when it is received: one clock per service line (the kind → clock table
 * decides each line's request type), the case due at its earliest line deadline (issue 3).
 * Pure: the caller passes the tenant's settings, the coverage, the receipt instant and the events.
 */
import { computeClock } from './engine';
import { clockRequestTypeFor, type CaseKind, type ClockLineFacts, type ClockRequestKind } from './case-kind';
import { BUILT_IN_POLICIES, type PolicyRegistry } from './policies/index';
import { ratingPeriodStartFor, selectClockPolicies, DEFAULT_CLOCK_SETTINGS, type CoverageFacts, type TenantClockSettings } from './settings';
import type { ClockEvent, ClockResult, ComputedClock, ExpediteRequester, Priority, ReconsiderationSubject } from './types';

export interface CaseClockLine extends ClockLineFacts {
  readonly lineId: string;
}

export interface CaseClockInput {
  readonly caseKind: CaseKind;
  readonly coverage: CoverageFacts;
  readonly priority: Priority;
  /** First receipt on any channel, ISO 8601 with offset. */
  readonly receivedAt: string;
  /** Service lines; a case without lines gets one clock under the id `case`. */
  readonly lines: readonly CaseClockLine[];
  /** Case-level clock events; they apply to every line. */
  readonly events?: readonly ClockEvent[];
  readonly settings?: TenantClockSettings;
  readonly registry?: PolicyRegistry;
  readonly appealOf?: CaseKind;
  readonly reconsiderationSubject?: ReconsiderationSubject;
  readonly expediteRequestedBy?: ExpediteRequester;
  readonly physicianSupportsExpedite?: boolean;
  readonly proceduralFailure?: boolean;
  /** Overrides the rating-period start the settings imply (YYYY-MM-DD). */
  readonly ratingPeriodStart?: string;
}

export interface LineClock {
  readonly lineId: string;
  readonly request: ClockRequestKind;
  readonly result: ClockResult;
}

export type CaseClockResult =
  | {
      readonly kind: 'scheduled';
      readonly dueAt: string;
      readonly dueEpochMs: number;
      /** The line whose deadline is the case's (earliest; ties: first line). */
      readonly governingLineId: string;
      readonly governing: ComputedClock;
      readonly policies: readonly string[];
      readonly timeZone: string;
      readonly lines: readonly LineClock[];
    }
  | { readonly kind: 'no_clock'; readonly reason: string; readonly policies: readonly string[]; readonly timeZone: string; readonly lines: readonly LineClock[] };

const keyOf = (r: ClockRequestKind): string => `${r.requestType}|${r.reconsiderationSubject ?? ''}|${String(r.subjectToPriorAuthorization ?? '')}`;

/** Computes every line's clock and the case's due time. Throws UmError for invalid input. */
export function computeCaseClock(input: CaseClockInput): CaseClockResult {
  const setup = selectClockPolicies(input.settings ?? DEFAULT_CLOCK_SETTINGS, input.coverage);
  const ratingPeriodStart =
    input.ratingPeriodStart ??
    (setup.ratingPeriodStartMonthDay === undefined ? undefined : ratingPeriodStartFor(setup.ratingPeriodStartMonthDay, input.receivedAt, setup.timeZone));
  const lines: readonly CaseClockLine[] = input.lines.length > 0 ? input.lines : [{ lineId: 'case' }];
  const byKind = new Map<string, ClockResult>();
  const out: LineClock[] = [];
  let governing: { readonly lineId: string; readonly clock: ComputedClock } | undefined;
  for (const line of lines) {
    const request = clockRequestTypeFor(input.caseKind, line, {
      lineOfBusiness: input.coverage.lineOfBusiness,
      ...(input.appealOf === undefined ? {} : { appealOf: input.appealOf }),
      ...(input.reconsiderationSubject === undefined ? {} : { reconsiderationSubject: input.reconsiderationSubject }),
    });
    const key = keyOf(request);
    let result = byKind.get(key);
    if (result === undefined) {
      result = computeClock(
        {
          policies: setup.policies,
          requestType: request.requestType,
          priority: input.priority,
          receivedAt: input.receivedAt,
          timeZone: setup.timeZone,
          events: input.events ?? [],
          ...(setup.calendar === undefined ? {} : { calendar: setup.calendar }),
          ...(ratingPeriodStart === undefined ? {} : { ratingPeriodStart }),
          ...(request.reconsiderationSubject === undefined ? {} : { reconsiderationSubject: request.reconsiderationSubject }),
          ...(request.subjectToPriorAuthorization === undefined ? {} : { subjectToPriorAuthorization: request.subjectToPriorAuthorization }),
          ...(input.expediteRequestedBy === undefined ? {} : { expediteRequestedBy: input.expediteRequestedBy }),
          ...(input.physicianSupportsExpedite === undefined ? {} : { physicianSupportsExpedite: input.physicianSupportsExpedite }),
          ...(input.proceduralFailure === undefined ? {} : { proceduralFailure: input.proceduralFailure }),
        },
        input.registry ?? BUILT_IN_POLICIES,
      );
      byKind.set(key, result);
    }
    out.push({ lineId: line.lineId, request, result });
    if (result.kind !== 'no_clock' && (governing === undefined || result.dueEpochMs < governing.clock.dueEpochMs)) {
      governing = { lineId: line.lineId, clock: result };
    }
  }
  if (governing === undefined) {
    const reasons = [...new Set(out.flatMap((l) => (l.result.kind === 'no_clock' ? [l.result.reason] : [])))];
    return { kind: 'no_clock', reason: reasons.join('; '), policies: setup.policies, timeZone: setup.timeZone, lines: out };
  }
  return {
    kind: 'scheduled',
    dueAt: governing.clock.dueAt,
    dueEpochMs: governing.clock.dueEpochMs,
    governingLineId: governing.lineId,
    governing: governing.clock,
    policies: setup.policies,
    timeZone: setup.timeZone,
    lines: out,
  };
}
