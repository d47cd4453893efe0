/**
 * Medicare Advantage (Part C), 42 CFR Part 422 subpart M — organization determinations,
 * reconsiderations, post-stabilization and CMS-0057-F Patient Access API clocks.
 * Versions key on the receipt date in the plan's zone (C5, C7; scenario MA-005).
 */
import type { ClockPolicy, ClockRule } from '../policy';
import { MA_NO_TOLLING as NO_TOLLING, MA_RECONSIDERATION_RULES, maExtension as extension } from './medicare-advantage-appeals';
import type { Consequence } from '../types';
import {
  MA_POST_STABILIZATION_LIABILITY, OVERDUE, RECEIPT, patientAccessApiRules, postStabilizationRule,
} from './shared';

const LATE: Consequence = {
  kind: 'adverse_determination_appealable',
  citation: '42 CFR 422.568, 422.572; 422.566(b)',
  description: 'Failure to give timely notice is itself an adverse organization determination the enrollee may appeal',
};

const PART_D_LATE: Consequence = {
  kind: 'forward_to_independent_review',
  citation: '42 CFR 423.568, 423.572',
  description: 'A coverage determination not made in time is an adverse determination forwarded to the Part D independent review entity',
};

const EXT_DECISION = extension('42 CFR 422.568(b) extension (up to 14 calendar days)');
const EXT_EXPEDITED = extension('42 CFR 422.572(b)');

const DOWNGRADE_NOTICE = {
  days: 3,
  citation: '42 CFR 422.570(d)(2)',
  description: 'Written notice that the request will be processed in the standard timeframe (within 3 calendar days)',
};
const ORAL_CONFIRMATION = {
  days: 3,
  citation: '42 CFR 422.572 (written confirmation of oral notice)',
  description: 'Mail written confirmation of the oral notice within 3 calendar days',
};

const decision = { anchor: RECEIPT, tolling: NO_TOLLING, consequence: LATE, obligation: 'decision' } as const;

const standard14: ClockRule = {
  ...decision,
  id: 'ma.pre_service.standard.14d',
  requestTypes: ['pre_service', 'concurrent'],
  priority: 'standard',
  window: { unit: 'calendar_days', amount: 14 },
  extension: EXT_DECISION,
  description: 'Standard organization determination',
  citation: '42 CFR 422.568(b)(1)',
};

const COMMON: readonly ClockRule[] = [
  {
    ...decision,
    id: 'ma.pre_service.expedited',
    requestTypes: ['pre_service', 'concurrent'],
    priority: 'fast',
    window: { unit: 'hours', amount: 72 },
    extension: EXT_EXPEDITED,
    description: 'Expedited organization determination',
    citation: '42 CFR 422.572(a)',
    downgradeNotice: DOWNGRADE_NOTICE,
    oralNoticeConfirmation: ORAL_CONFIRMATION,
    note:
      'Open point 1: 422.570(d)(1) still says "14-day" after CMS-0057-F; a denied expedite moves to the standard ' +
      'timeframe that applies to the item (7 days for a 2026 prior-authorization item), counted from receipt (scenario MA-019).',
  },
  {
    ...decision,
    id: 'ma.part_b_drug.standard',
    requestTypes: ['part_b_drug'],
    priority: 'standard',
    window: { unit: 'hours', amount: 72 },
    extension: { kind: 'forbidden', reason: 'Part B drug: the 72-hour period may not be extended', citation: '42 CFR 422.568(b) (Part B drug paragraph)' },
    description: 'Standard Part B drug determination',
    citation: '42 CFR 422.568(b) (Part B drug paragraph)',
  },
  {
    ...decision,
    id: 'ma.part_b_drug.expedited',
    requestTypes: ['part_b_drug'],
    priority: 'fast',
    window: { unit: 'hours', amount: 24 },
    extension: { kind: 'forbidden', reason: 'Part B drug: the 24-hour period may not be extended', citation: '42 CFR 422.572(b)' },
    description: 'Expedited Part B drug determination',
    citation: '42 CFR 422.572(a) (Part B drug paragraph)',
    downgradeNotice: DOWNGRADE_NOTICE,
    oralNoticeConfirmation: ORAL_CONFIRMATION,
  },
  {
    ...decision,
    id: 'ma.part_d.standard',
    requestTypes: ['outpatient_drug'],
    priority: 'standard',
    window: { unit: 'hours', amount: 72 },
    extension: { kind: 'forbidden', reason: 'Part D coverage determinations cannot be extended', citation: '42 CFR 423.568(b)' },
    consequence: PART_D_LATE,
    description: 'Standard Part D coverage determination (MA-PD plan)',
    citation: '42 CFR 423.568(b)',
    note: 'Not in regulations.md (Part D, 42 CFR 423 subpart M): verify before relying on it.',
  },
  {
    ...decision,
    id: 'ma.part_d.expedited',
    requestTypes: ['outpatient_drug'],
    priority: 'fast',
    window: { unit: 'hours', amount: 24 },
    extension: { kind: 'forbidden', reason: 'Part D coverage determinations cannot be extended', citation: '42 CFR 423.572(a)' },
    consequence: PART_D_LATE,
    description: 'Expedited Part D coverage determination (MA-PD plan)',
    citation: '42 CFR 423.572(a)',
    note: 'Not in regulations.md (Part D, 42 CFR 423 subpart M): verify before relying on it.',
  },
  {
    ...decision,
    id: 'ma.post_service.clean_claim',
    requestTypes: ['post_service'],
    priority: 'any',
    window: { unit: 'calendar_days', amount: 30 },
    extension: { kind: 'forbidden', reason: 'Payment requests may not be extended', citation: '42 CFR 422.568 extension paragraph' },
    consequence: OVERDUE('42 CFR 422.520(a)(2)', 'Late: interest accrues on a clean claim paid late'),
    description: 'Pay or deny the clean claim of a non-contract provider',
    citation: '42 CFR 422.520(a)(1)',
    note:
      'Open point 12: 422.520 is a 95%-of-clean-claims standard; 30 days is used as the per-claim target (scenario MA-023). ' +
      'Payment requests cannot be expedited (422.570(a)), so the priority is ignored.',
  },
  ...MA_RECONSIDERATION_RULES,
  postStabilizationRule({ id: 'ma.post_stabilization', citation: '42 CFR 422.113(c)(2)(iii)', minutes: 60, consequence: MA_POST_STABILIZATION_LIABILITY }),
  {
    id: 'ma.expedite_downgrade.written_notice',
    requestTypes: ['expedite_downgrade_written_notice'],
    priority: 'any',
    window: { unit: 'calendar_days', amount: 3 },
    anchor: { kind: 'event', event: 'expedite_denied' },
    extension: { kind: 'forbidden', reason: 'Notice times cannot be extended', citation: '42 CFR 422.570(d)(2)' },
    tolling: NO_TOLLING,
    consequence: OVERDUE('42 CFR 422.570(d)(2)'),
    obligation: 'downgrade_written_notice',
    description: DOWNGRADE_NOTICE.description,
    citation: '42 CFR 422.570(d)(2)',
  },
  {
    id: 'ma.expedited.written_confirmation',
    requestTypes: ['expedited_written_confirmation'],
    priority: 'any',
    window: { unit: 'calendar_days', amount: 3 },
    anchor: { kind: 'event', event: 'oral_notice_given' },
    extension: { kind: 'forbidden', reason: 'Notice times cannot be extended', citation: ORAL_CONFIRMATION.citation },
    tolling: NO_TOLLING,
    consequence: OVERDUE(ORAL_CONFIRMATION.citation),
    obligation: 'written_confirmation',
    description: ORAL_CONFIRMATION.description,
    citation: ORAL_CONFIRMATION.citation,
  },
];

/** Medicare Advantage organization determinations and reconsiderations. */
export const MEDICARE_ADVANTAGE: ClockPolicy = {
  id: 'medicare_advantage',
  title: 'Medicare Advantage (42 CFR 422 subpart M)',
  jurisdiction: 'US-federal',
  calendar: 'us-federal',
  fallbacks: ['medicare_notices'],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'pre_service',
  physicianExpediteCitation: '42 CFR 422.570(c)(2)(ii)',
  versions: [
    {
      version: '2020-01',
      effectiveFrom: '2020-01-01',
      effectiveTo: '2026-01-01',
      source: 'CMS-4185-F (Part B drug timeframes, 2020)',
      rules: [standard14, ...COMMON],
    },
    {
      version: '2026-01',
      effectiveFrom: '2026-01-01',
      source: 'CMS-0057-F, 89 FR 8758 (7-day standard decisions for prior-authorization items received from 2026-01-01)',
      rules: [
        {
          ...standard14,
          id: 'ma.pre_service.standard.7d',
          when: { subjectToPriorAuthorization: true },
          window: { unit: 'calendar_days', amount: 7 },
          citation: '42 CFR 422.568(b)(1)(ii)',
          description: 'Standard organization determination for an item subject to the prior-authorization rules (422.122)',
          note: 'Open point 2: the 7-day rule applies only to items subject to 422.122; the line flag defaults to "subject".',
        },
        { ...standard14, when: { subjectToPriorAuthorization: false }, citation: '42 CFR 422.568(b)(1)(i)' },
        ...COMMON,
        ...patientAccessApiRules({
          idPrefix: 'ma',
          onReceipt: '42 CFR 422.119(b)(1)(iv)(B)(1)',
          onStatusChange: '42 CFR 422.119(b)(1)(iv)(B)(2)',
          from: '2027-01-01',
        }),
      ],
    },
  ],
};
