/**
 * Medicaid and CHIP managed care (42 CFR 438.210(d), 438.408, 438.410; CHIP via 457.1230(d),
 * 457.1260) — versions key on the rating-period start (C7, scenarios MCD-001/003/013).
 * Pending for information never stops these clocks; only a 14-day extension moves them.
 */
import type { ClockPolicy, ClockRule, ExtensionRule } from '../policy';
import type { Consequence } from '../types';
import { OVERDUE, RECEIPT, patientAccessApiRules, postStabilizationRule, tollingNone } from './shared';

/** How CHIP reaches the Medicaid rule ("via 457.1230(d)"); empty for Medicaid itself. */
interface Via {
  readonly idPrefix: string;
  readonly authorization: string;
  readonly appeals: string;
  readonly postStabilization: string;
  readonly patientAccess: string;
}
const MEDICAID_VIA: Via = { idPrefix: 'medicaid_mc', authorization: '', appeals: '', postStabilization: '', patientAccess: '' };
const CHIP_VIA: Via = {
  idPrefix: 'chip_mc',
  authorization: ' via 457.1230(d)',
  appeals: ' via 457.1260',
  postStabilization: ' via 457.1228',
  patientAccess: ' via 457.1233(d)',
};

const NO_TOLLING = tollingNone('42 CFR 438.210(d) (no tolling: only an extension moves the clock)');

const ext = (citation: string): ExtensionRule => ({
  kind: 'allowed',
  maxTotalDays: 14,
  maxCount: 14,
  citation,
  noticeCitation: '42 CFR 438.404(c)(4): written notice of the reason and of the right to file a grievance',
});

function managedCareRules(via: Via, standardDays: 7 | 14, ratingPeriodRule: boolean): readonly ClockRule[] {
  const p = via.idPrefix;
  const auth = (c: string): string => `42 CFR ${c}${via.authorization}`;
  const appeal = (c: string): string => `42 CFR ${c}${via.appeals}`;
  const late: Consequence = {
    kind: 'deemed_adverse',
    citation: auth('438.404(c)(5)'),
    description: 'A decision not reached in time is an adverse benefit determination on the date the timeframe expires',
  };
  const appealLate: Consequence = {
    kind: 'appeal_deemed_exhausted',
    citation: appeal('438.408(c)(3)'),
    description: 'The enrollee is deemed to have exhausted the plan appeal and may request a State fair hearing',
  };
  const downgradeNotice = { days: 2, citation: appeal('438.410(c)(2)'), description: 'Written notice of the transfer to the standard timeframe within 2 calendar days' };
  const standardCitation = standardDays === 7 ? auth('438.210(d)(1)(ii)') : auth(ratingPeriodRule ? '438.210(d)(1)(i)' : '438.210(d)(1)');
  const decision = { anchor: RECEIPT, tolling: NO_TOLLING, consequence: late, obligation: 'decision' } as const;
  const rules: ClockRule[] = [
    {
      ...decision,
      id: `${p}.standard.${standardDays}d`,
      requestTypes: ['pre_service', 'concurrent'],
      priority: 'standard',
      window: { unit: 'calendar_days', amount: standardDays },
      extension: ext(auth('438.210(d)(1) extension (up to 14 calendar days)')),
      description: 'Standard authorization decision',
      citation: standardCitation,
    },
    {
      ...decision,
      id: `${p}.expedited`,
      requestTypes: ['pre_service', 'concurrent'],
      priority: 'fast',
      window: { unit: 'hours', amount: 72 },
      extension: ext(auth('438.210(d)(2)(ii)')),
      description: 'Expedited authorization decision',
      citation: auth('438.210(d)(2)(i)'),
    },
    {
      ...decision,
      id: `${p}.retrospective.${standardDays}d`,
      requestTypes: ['post_service'],
      priority: 'any',
      window: { unit: 'calendar_days', amount: standardDays },
      extension: ext(auth('438.210(d)(1) extension (up to 14 calendar days)')),
      description: 'Retrospective authorization request, decided in the standard authorization timeframe',
      citation: standardCitation,
      note: 'Not in regulations.md: a retrospective request is treated as a standard authorization request (438.210(d)(1)).',
    },
    {
      ...decision,
      id: `${p}.reconsideration.standard`,
      requestTypes: ['reconsideration'],
      priority: 'standard',
      window: { unit: 'calendar_days', amount: 30 },
      extension: ext(appeal('438.408(c)(1)')),
      consequence: appealLate,
      description: 'Standard resolution of a plan appeal',
      citation: appeal('438.408(b)(2)'),
    },
    {
      ...decision,
      id: `${p}.reconsideration.expedited`,
      requestTypes: ['reconsideration'],
      priority: 'fast',
      window: { unit: 'hours', amount: 72 },
      extension: ext(appeal('438.408(c)(1)')),
      consequence: appealLate,
      description: 'Expedited resolution of a plan appeal',
      citation: appeal('438.408(b)(3)'),
      downgradeNotice,
    },
    postStabilizationRule({
      id: `${p}.post_stabilization`,
      citation: `42 CFR 438.114(e)${via.postStabilization}; 422.113(c)(2)(iii)`,
      minutes: 60,
      consequence: { ...late, kind: 'financially_responsible', citation: '42 CFR 438.114(e); 422.113(c)(2)(iii)', description: 'The plan is financially responsible for post-stabilization services (422.113(c)(2)–(3))' },
    }),
    {
      id: `${p}.expedite_downgrade.written_notice`,
      requestTypes: ['expedite_downgrade_written_notice'],
      priority: 'any',
      window: { unit: 'calendar_days', amount: 2 },
      anchor: { kind: 'event', event: 'expedite_denied' },
      extension: { kind: 'forbidden', reason: 'Notice times cannot be extended', citation: downgradeNotice.citation },
      tolling: NO_TOLLING,
      consequence: OVERDUE(downgradeNotice.citation),
      obligation: 'downgrade_written_notice',
      description: downgradeNotice.description,
      citation: downgradeNotice.citation,
      note: 'regulations.md gives the 2-day written notice for denied expedited appeals (438.410(c)); it is used for every denied expedite.',
    },
    ...patientAccessApiRules({
      idPrefix: p,
      onReceipt: `42 CFR 431.60(b)(5)${via.patientAccess === '' ? ' via 438.242(b)(5)' : ' via 457.730(b)(5), 457.1233(d)'}`,
      onStatusChange: `42 CFR 431.60(b)(5)${via.patientAccess === '' ? ' via 438.242(b)(5)' : ' via 457.730(b)(5), 457.1233(d)'}`,
      from: '2027-01-01',
    }),
  ];
  if (via === MEDICAID_VIA) {
    rules.push({
      ...decision,
      id: `${p}.outpatient_drug`,
      requestTypes: ['outpatient_drug'],
      priority: 'any',
      window: { unit: 'hours', amount: 24 },
      extension: { kind: 'forbidden', reason: 'Covered outpatient drug decisions within 24 hours cannot be extended', citation: '42 CFR 438.210(d)(3)' },
      description: 'Covered outpatient drug prior authorization response',
      citation: '42 CFR 438.210(d)(3); Social Security Act 1927(d)(5)(A)',
    });
  }
  return rules;
}

function managedCarePolicy(id: string, title: string, via: Via): ClockPolicy {
  return {
    id,
    title,
    jurisdiction: 'US-federal',
    calendar: 'us-federal',
    fallbacks: [],
    versionKey: 'rating_period_start',
    defaultReconsiderationSubject: 'pre_service',
    physicianExpediteCitation: `42 CFR 438.210(d)(2)(i)${via.authorization}`,
    versions: [
      {
        version: '2017-07',
        effectiveFrom: '2017-07-01',
        effectiveTo: '2026-01-01',
        source: '2016 Medicaid managed care rule (81 FR 27498)',
        rules: managedCareRules(via, 14, false),
      },
      {
        version: '2026-01',
        effectiveFrom: '2026-01-01',
        source: 'CMS-0057-F (rating periods starting on or after 2026-01-01)',
        rules: managedCareRules(via, 7, true),
      },
    ],
  };
}

export const MEDICAID_MANAGED_CARE = managedCarePolicy('medicaid_managed_care', 'Medicaid managed care (42 CFR 438)', MEDICAID_VIA);
export const CHIP_MANAGED_CARE = managedCarePolicy('chip_managed_care', 'CHIP managed care (42 CFR 457.1230(d), 457.1260)', CHIP_VIA);
