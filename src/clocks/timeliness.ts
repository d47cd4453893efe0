/**
 * "On time" is judged on what the rule measures (issue 3). Medicare Advantage, Medicaid and CHIP,
 * ERISA / QHP and the Texas, New York and Illinois rules count until the enrollee is *notified*
 * (42 CFR 422.568(b), 422.572(a); 438.210(d); 29 CFR 2560.503-1(f); Tex. Ins. Code 843.348;
 * N.Y. Ins. Law 4903; 215 ILCS 200/25–30). California counts until the *decision*
 * (H&SC 1367.01(h)(1); the notice follows within 24 hours, (h)(3)). Pure.
 *
 * On the fast track an oral notice counts, with the written confirmation due later
 * (422.572(b)… "confirmation of oral notice", 2560.503-1(g)(2)); on the standard track only the
 * written notice counts (422.568(d)–(e)).
 */
import type { PriorityClass } from './types';

export type TimelinessMeasure = 'decision' | 'notice';

/** Policies whose clocks stop at the decision rather than the notice. */
const DECISION_MEASURED: ReadonlySet<string> = new Set(['california_commercial']);

export function timelinessMeasureFor(policyId: string | null): TimelinessMeasure {
  return policyId !== null && DECISION_MEASURED.has(policyId) ? 'decision' : 'notice';
}

export interface TimelinessInstants {
  readonly decidedAt: Date | null;
  readonly oralNoticeAt: Date | null;
  readonly writtenNoticeAt: Date | null;
}

/** The instant timeliness is judged on, or null while it has not happened. */
export function measuredInstant(measure: TimelinessMeasure, priority: PriorityClass, t: TimelinessInstants): Date | null {
  switch (measure) {
    case 'decision':
      return t.decidedAt;
    case 'notice': {
      if (priority === 'standard') return t.writtenNoticeAt;
      const both = [t.oralNoticeAt, t.writtenNoticeAt].filter((d): d is Date => d !== null);
      return both.length === 0 ? null : new Date(Math.min(...both.map((d) => d.getTime())));
    }
  }
}

export type TimelinessVerdict = 'met' | 'late';

/** Met when the measured instant is at or before the due instant. */
export function judgeTimeliness(measuredAt: Date, dueAt: Date): TimelinessVerdict {
  return measuredAt.getTime() <= dueAt.getTime() ? 'met' : 'late';
}
