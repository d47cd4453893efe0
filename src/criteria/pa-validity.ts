/**
 * How long an approval is valid. Either a one-time window of N days from the requested start
 * (90 by default), or the requested course of treatment: an approval for a course of treatment
 * stays valid for as long as the course is medically necessary (42 CFR 422.112(b)(8)). Never
 * past the end of the member's coverage term.
 */
import { UmError } from '../platform/errors';
import { addDays, daysBetween, requireIsoDate } from './dates';
import { DEFAULT_WINDOW_DAYS, type ApprovalValidity } from './pa-rules';
import type { IsoDate } from './types';

export interface ValidityInput {
  readonly validity: ApprovalValidity;
  readonly requestedStart: IsoDate;
  /** The last day of the requested service period, if the request has one. */
  readonly requestedEnd?: IsoDate;
  /** The last day of the member's coverage term, if it ends. */
  readonly coverageEnd?: IsoDate;
}

export interface ValidityPeriod {
  readonly start: IsoDate;
  /** Inclusive. */
  readonly end: IsoDate;
  readonly days: number;
  /** `window_for_open_course`: a course of treatment without an end date falls back to the default window. */
  readonly basis: 'window' | 'course_of_treatment' | 'window_for_open_course';
  readonly cappedByCoverage: boolean;
  /** The period ends before the requested end: approving it would shorten what was asked (an adverse decision). */
  readonly shorterThanRequested: boolean;
  readonly citation: string;
}

/** The validity period of an approval; throws `UM_ERR_CRITERIA_INPUT` on impossible dates. */
export function computeValidityPeriod(input: ValidityInput): ValidityPeriod {
  const start = requireIsoDate(input.requestedStart, 'requestedStart');
  const requestedEnd = input.requestedEnd === undefined ? undefined : requireIsoDate(input.requestedEnd, 'requestedEnd');
  const coverageEnd = input.coverageEnd === undefined ? undefined : requireIsoDate(input.coverageEnd, 'coverageEnd');
  if (requestedEnd !== undefined && requestedEnd < start) {
    throw new UmError('UM_ERR_CRITERIA_INPUT', 'the requested period ends before it starts', { details: [{ path: 'requestedEnd', message: `${requestedEnd} is before ${start}` }] });
  }
  if (coverageEnd !== undefined && coverageEnd < start) {
    throw new UmError('UM_ERR_CRITERIA_INPUT', "the member's coverage ends before the requested start", { details: [{ path: 'coverageEnd', message: `${coverageEnd} is before ${start}` }] });
  }

  let end: IsoDate;
  let basis: ValidityPeriod['basis'];
  let citation: string;
  const v = input.validity;
  switch (v.kind) {
    case 'window':
      end = addDays(start, v.days - 1);
      basis = 'window';
      citation = `one-time window of ${v.days} days from the requested start (plan rule)`;
      break;
    case 'course_of_treatment':
      if (requestedEnd !== undefined) {
        end = requestedEnd;
        basis = 'course_of_treatment';
        citation = 'the requested course of treatment (42 CFR 422.112(b)(8))';
      } else {
        const days = DEFAULT_WINDOW_DAYS;
        end = addDays(start, days - 1);
        basis = 'window_for_open_course';
        citation = `course of treatment without an end date: default window of ${days} days`;
      }
      break;
  }
  const cappedByCoverage = coverageEnd !== undefined && coverageEnd < end;
  if (cappedByCoverage) end = coverageEnd;
  return {
    start,
    end,
    days: daysBetween(start, end) + 1,
    basis,
    cappedByCoverage,
    shorterThanRequested: requestedEnd !== undefined && end < requestedEnd,
    citation: cappedByCoverage ? `${citation}; ends with the coverage term on ${end}` : citation,
  };
}
