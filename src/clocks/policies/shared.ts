/**
 * Rule pieces several policies share: post-stabilization response clocks, the CMS-0057-F Patient
 * Access API data-availability clocks, and common anchors / consequences.
 */
import type { ClockAnchor, ClockRule, TollingRule } from '../policy';
import type { Consequence } from '../types';

export const RECEIPT: ClockAnchor = { kind: 'receipt' };

export const OVERDUE = (citation: string, description = 'Late: the deadline passed without the required action'): Consequence => ({
  kind: 'overdue',
  citation,
  description,
});

/**
 * Post-stabilization pre-approval request: no answer in time (or the plan cannot be reached) makes
 * the plan financially responsible (42 CFR 422.113(c)(2)(iii); Medicaid via 438.114(e)); some states
 * deem the request authorized instead (28 CCR 1300.71.4(b)).
 */
export function postStabilizationRule(args: {
  readonly id: string;
  readonly citation: string;
  readonly minutes: number;
  readonly consequence: Consequence;
  readonly note?: string;
}): ClockRule {
  const hours = args.minutes % 60 === 0;
  return {
    id: args.id,
    requestTypes: ['post_stabilization'],
    priority: 'any',
    window: hours ? { unit: 'hours', amount: args.minutes / 60 } : { unit: 'minutes', amount: args.minutes },
    anchor: RECEIPT,
    extension: { kind: 'forbidden', reason: 'A post-stabilization response time cannot be extended', citation: args.citation },
    tolling: { kind: 'none', citation: args.citation },
    consequence: args.consequence,
    obligation: 'response',
    description: 'Answer the post-stabilization pre-approval request',
    citation: args.citation,
    ...(args.note === undefined ? {} : { note: args.note }),
  };
}

export const MA_POST_STABILIZATION_LIABILITY: Consequence = {
  kind: 'financially_responsible',
  citation: '42 CFR 422.113(c)(2)(iii)',
  description:
    'The plan is financially responsible for post-stabilization services until a plan physician assumes care, ' +
    'the enrollee is transferred or discharged, or agreement is reached (42 CFR 422.113(c)(3))',
};

/**
 * CMS-0057-F Patient Access API: prior-authorization data available no later than 1 business day
 * after receipt, and updated no later than 1 business day after a status change (e.g. 42 CFR
 * 422.119(b)(1)(iv)(B)(1)–(2)). "Business day" is undefined in the rule: the policy's calendar is
 * used (regulations.md §10 item 5).
 */
export function patientAccessApiRules(args: {
  readonly idPrefix: string;
  readonly onReceipt: string;
  readonly onStatusChange: string;
  readonly from: string;
}): readonly ClockRule[] {
  const common = {
    requestTypes: ['patient_access_api_pa_data'],
    priority: 'any',
    window: { unit: 'business_days', amount: 1 },
    extension: { kind: 'forbidden', reason: 'Data-availability times cannot be extended', citation: args.onReceipt },
    tolling: { kind: 'none', citation: args.onReceipt },
    obligation: 'data_availability',
    note: 'Compliance from ' + args.from + '; business day = the policy calendar (regulations.md §10 item 5).',
  } as const;
  return [
    {
      ...common,
      id: `${args.idPrefix}.patient_access_api.status_change`,
      when: { keyDateOnOrAfter: args.from, withStatusChange: true },
      anchor: { kind: 'event', event: 'pa_status_change' },
      consequence: OVERDUE(args.onStatusChange),
      description: 'Update the prior-authorization data in the Patient Access API after the status change',
      citation: args.onStatusChange,
    },
    {
      ...common,
      id: `${args.idPrefix}.patient_access_api.receipt`,
      when: { keyDateOnOrAfter: args.from },
      anchor: RECEIPT,
      consequence: OVERDUE(args.onReceipt),
      description: 'Make the prior-authorization request available in the Patient Access API',
      citation: args.onReceipt,
    },
  ];
}

export const tollingNone = (citation: string): TollingRule => ({ kind: 'none', citation });
