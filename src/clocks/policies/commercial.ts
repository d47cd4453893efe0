/**
 * Commercial group health plans under ERISA (29 CFR 2560.503-1) and QHP issuers on the federal
 * exchange (45 CFR 147.136(b), which adopts the ERISA timeframes; QHPs keep 72 h / 15 days —
 * CMS-0057-F did not shorten them).
 */
import type { ClockPolicy, ClockRule, ExtensionRule, TollingRule } from '../policy';
import { OVERDUE, RECEIPT, patientAccessApiRules, tollingNone } from './shared';

const CFR = '29 CFR 2560.503-1';
const LATE = OVERDUE(`${CFR}(l)`, 'Late: the claimant is deemed to have exhausted the plan\u2019s claims procedures');
const TOLLING: TollingRule = { kind: 'erisa', citation: `${CFR}(f)(4)`, minResponseDays: 45, requestTakesExtension: true };
const APPEAL_TOLLING: TollingRule = { kind: 'erisa', citation: `${CFR}(i)(4)`, minResponseDays: 45, requestTakesExtension: false };
const URGENT_INCOMPLETE: TollingRule = {
  kind: 'erisa_urgent_incomplete',
  citation: `${CFR}(f)(2)(i)`,
  noticeWithinHours: 24,
  minResponseHours: 48,
  decideWithinHours: 48,
};
const URGENT_NO_EXTENSION: ExtensionRule = {
  kind: 'forbidden',
  reason: 'An urgent care claim cannot be extended without the claimant\u2019s consent',
  citation: `${CFR}(f)(2)(i)`,
};
const APPEAL_NO_EXTENSION: ExtensionRule = {
  kind: 'forbidden',
  reason: 'Group health plan appeal timeframes have no extension (tolling only, (i)(4))',
  citation: `${CFR}(i)(2)`,
};
const extension15 = (citation: string): ExtensionRule => ({
  kind: 'allowed',
  maxTotalDays: 15,
  maxCount: 1,
  citation,
  noticeCitation: `${citation}: notice before the initial period ends, with the reason and the expected decision date`,
});
const ORAL_CONFIRMATION = { days: 3, citation: `${CFR}(g)(2)`, description: 'Written or electronic notice within 3 days after the oral notice' };

const decision = { anchor: RECEIPT, consequence: LATE, obligation: 'decision' } as const;

const ERISA_RULES: readonly ClockRule[] = [
  {
    ...decision,
    id: 'erisa.procedural_failure.pre_service',
    requestTypes: ['pre_service', 'outpatient_drug', 'concurrent'],
    priority: 'standard',
    variant: 'procedural_failure_notice',
    window: { unit: 'calendar_days', amount: 5 },
    extension: { kind: 'forbidden', reason: 'Notice times cannot be extended', citation: `${CFR}(c)(2)(i)` },
    tolling: tollingNone(`${CFR}(c)(2)(i)`),
    obligation: 'procedural_failure_notice',
    description: 'Notify the claimant of the procedural failure and the proper procedures (may be oral)',
    citation: `${CFR}(c)(2)(i)`,
  },
  {
    ...decision,
    id: 'erisa.procedural_failure.urgent',
    requestTypes: ['pre_service', 'outpatient_drug', 'concurrent'],
    priority: 'fast',
    variant: 'procedural_failure_notice',
    window: { unit: 'hours', amount: 24 },
    extension: { kind: 'forbidden', reason: 'Notice times cannot be extended', citation: `${CFR}(c)(2)(i)` },
    tolling: tollingNone(`${CFR}(c)(2)(i)`),
    obligation: 'procedural_failure_notice',
    description: 'Notify the claimant of the procedural failure of an urgent care claim (may be oral)',
    citation: `${CFR}(c)(2)(i)`,
  },
  {
    ...decision,
    id: 'erisa.urgent',
    requestTypes: ['pre_service', 'outpatient_drug'],
    priority: 'fast',
    window: { unit: 'hours', amount: 72 },
    extension: URGENT_NO_EXTENSION,
    tolling: URGENT_INCOMPLETE,
    description: 'Urgent care claim decision',
    citation: `${CFR}(f)(2)(i)`,
    oralNoticeConfirmation: ORAL_CONFIRMATION,
  },
  {
    ...decision,
    id: 'erisa.concurrent.urgent_extension_request',
    requestTypes: ['concurrent'],
    priority: 'fast',
    when: { concurrentLead: 'at_least_24h' },
    window: { unit: 'hours', amount: 24 },
    extension: URGENT_NO_EXTENSION,
    tolling: tollingNone(`${CFR}(f)(2)(ii)(B)`),
    description: 'Urgent request to extend an approved course of treatment, made at least 24 hours before it ends',
    citation: `${CFR}(f)(2)(ii)(B)`,
    oralNoticeConfirmation: ORAL_CONFIRMATION,
    note: 'Without an approved_course_ends event the request is taken to be timely (made at least 24 hours before the end).',
  },
  {
    ...decision,
    id: 'erisa.concurrent.urgent_late_request',
    requestTypes: ['concurrent'],
    priority: 'fast',
    when: { concurrentLead: 'under_24h' },
    window: { unit: 'hours', amount: 72 },
    extension: URGENT_NO_EXTENSION,
    tolling: URGENT_INCOMPLETE,
    description: 'Urgent request to extend a course of treatment made less than 24 hours before it ends: an urgent care claim',
    citation: `${CFR}(f)(2)(ii)(B); (f)(2)(i)`,
    oralNoticeConfirmation: ORAL_CONFIRMATION,
    note: 'Open point 7: treated as a 72-hour urgent care claim, following DOL FAQ guidance.',
  },
  {
    ...decision,
    id: 'erisa.pre_service',
    requestTypes: ['pre_service', 'outpatient_drug', 'concurrent'],
    priority: 'standard',
    window: { unit: 'calendar_days', amount: 15 },
    extension: extension15(`${CFR}(f)(2)(iii)(A)`),
    tolling: TOLLING,
    description: 'Pre-service claim decision (a non-urgent request to extend a course of treatment is a pre-service claim)',
    citation: `${CFR}(f)(2)(iii)(A)`,
  },
  {
    ...decision,
    id: 'erisa.post_service',
    requestTypes: ['post_service'],
    priority: 'any',
    window: { unit: 'calendar_days', amount: 30 },
    extension: extension15(`${CFR}(f)(2)(iii)(B)`),
    tolling: TOLLING,
    description: 'Post-service claim decision (post-service claims are never urgent)',
    citation: `${CFR}(f)(2)(iii)(B)`,
  },
  {
    ...decision,
    id: 'erisa.appeal.urgent',
    requestTypes: ['reconsideration'],
    priority: 'fast',
    window: { unit: 'hours', amount: 72 },
    extension: APPEAL_NO_EXTENSION,
    tolling: tollingNone(`${CFR}(i)(2)(i)`),
    description: 'Urgent care appeal decision',
    citation: `${CFR}(i)(2)(i)`,
  },
  {
    ...decision,
    id: 'erisa.appeal.pre_service',
    requestTypes: ['reconsideration'],
    priority: 'standard',
    when: { reconsiderationSubjects: ['pre_service'] },
    window: { unit: 'calendar_days', amount: 30 },
    extension: APPEAL_NO_EXTENSION,
    tolling: APPEAL_TOLLING,
    description: 'Pre-service appeal decision (single-level plan)',
    citation: `${CFR}(i)(2)(ii)`,
  },
  {
    ...decision,
    id: 'erisa.appeal.post_service',
    requestTypes: ['reconsideration'],
    priority: 'standard',
    window: { unit: 'calendar_days', amount: 60 },
    extension: APPEAL_NO_EXTENSION,
    tolling: APPEAL_TOLLING,
    description: 'Post-service appeal decision (single-level plan)',
    citation: `${CFR}(i)(1)(i), (i)(2)(iii)(A)`,
    note: 'A reconsideration that names no subject is a post-service appeal (scenario ER-013).',
  },
  {
    ...decision,
    id: 'erisa.urgent.written_confirmation',
    requestTypes: ['expedited_written_confirmation'],
    priority: 'any',
    window: { unit: 'calendar_days', amount: 3 },
    anchor: { kind: 'event', event: 'oral_notice_given' },
    extension: { kind: 'forbidden', reason: 'Notice times cannot be extended', citation: ORAL_CONFIRMATION.citation },
    tolling: tollingNone(ORAL_CONFIRMATION.citation),
    consequence: OVERDUE(ORAL_CONFIRMATION.citation),
    obligation: 'written_confirmation',
    description: ORAL_CONFIRMATION.description,
    citation: ORAL_CONFIRMATION.citation,
  },
];

export const COMMERCIAL_ERISA: ClockPolicy = {
  id: 'commercial_erisa',
  title: 'Commercial group health plan (ERISA, 29 CFR 2560.503-1)',
  jurisdiction: 'US-federal',
  calendar: 'us-federal',
  fallbacks: [],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'post_service',
  physicianExpediteCitation: '29 CFR 2560.503-1(m)(1)(ii)',
  versions: [{ version: '2002-01', effectiveFrom: '2002-01-01', source: '65 FR 70246 (claims procedure rule); ACA 29 CFR 2590.715-2719', rules: ERISA_RULES }],
};

const QHP = '45 CFR 147.136(b)(2)(ii)';
const qhpRule = (r: ClockRule): ClockRule => ({ ...r, id: r.id.replace(/^erisa\./, 'qhp.'), citation: `${QHP}; ${r.citation}` });

export const QHP_FFE: ClockPolicy = {
  id: 'qhp_ffe',
  title: 'QHP issuer on the federally facilitated exchange (45 CFR 147.136)',
  jurisdiction: 'US-federal',
  calendar: 'us-federal',
  fallbacks: [],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'post_service',
  physicianExpediteCitation: '45 CFR 147.136(b)(2)(ii); 29 CFR 2560.503-1(m)(1)(ii)',
  versions: [
    {
      version: '2014-01',
      effectiveFrom: '2014-01-01',
      source: '45 CFR 147.136 (adopting 29 CFR 2560.503-1); CMS-0057-F Patient Access API (45 CFR 156.221)',
      rules: [
        ...ERISA_RULES.map(qhpRule),
        ...patientAccessApiRules({ idPrefix: 'qhp', onReceipt: '45 CFR 156.221 (CMS-0057-F)', onStatusChange: '45 CFR 156.221 (CMS-0057-F)', from: '2027-01-01' }),
      ],
    },
  ],
};
