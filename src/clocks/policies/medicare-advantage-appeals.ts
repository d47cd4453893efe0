/**
 * Medicare Advantage reconsiderations (plan-level appeals), 42 CFR 422.578–422.590: 30 days for a
 * service, 60 for payment, 7 for a Part B drug, 72 hours expedited. CMS-0057-F did not change them.
 * A reconsideration not decided in time goes to the independent review entity (422.590, 422.592).
 */
import type { ClockRule, ExtensionRule, TollingRule } from '../policy';
import type { Consequence } from '../types';
import { RECEIPT } from './shared';

/** No tolling provision in subpart M: asking for information never stops the clock. */
export const MA_NO_TOLLING: TollingRule = { kind: 'none', citation: '42 CFR 422 subpart M (no tolling provision)' };

/** Up to 14 calendar days, with written notice of the reasons and of the right to an expedited grievance. */
export const maExtension = (citation: string): ExtensionRule => ({
  kind: 'allowed',
  maxTotalDays: 14,
  maxCount: 14,
  citation,
  noticeCitation: `${citation}: written notice of the reasons and of the right to file an expedited grievance`,
});

const RECON_LATE: Consequence = {
  kind: 'forward_to_independent_review',
  citation: '42 CFR 422.590; 422.592',
  description: 'A reconsideration not decided in time is forwarded to the Part C independent review entity',
};
const EXT_RECON = maExtension('42 CFR 422.590 extension (up to 14 calendar days)');
const DOWNGRADE_NOTICE = {
  days: 3,
  citation: '42 CFR 422.584(d)',
  description: 'Written notice that the reconsideration will be processed in the standard timeframe (within 3 calendar days)',
};
const ORAL_CONFIRMATION = {
  days: 3,
  citation: '42 CFR 422.590 (written confirmation of oral notice)',
  description: 'Mail written confirmation of the oral notice within 3 calendar days',
};
const reconsideration = { anchor: RECEIPT, tolling: MA_NO_TOLLING, consequence: RECON_LATE, obligation: 'decision' } as const;

export const MA_RECONSIDERATION_RULES: readonly ClockRule[] = [
  {
    ...reconsideration,
    id: 'ma.reconsideration.payment',
    requestTypes: ['reconsideration'],
    priority: 'any',
    when: { reconsiderationSubjects: ['payment', 'post_service'] },
    window: { unit: 'calendar_days', amount: 60 },
    extension: { kind: 'forbidden', reason: 'Payment reconsiderations may not be extended', citation: '42 CFR 422.590(b)' },
    description: 'Reconsideration of a payment request',
    citation: '42 CFR 422.590(b)',
  },
  {
    ...reconsideration,
    id: 'ma.reconsideration.part_b_drug.standard',
    requestTypes: ['reconsideration'],
    priority: 'standard',
    when: { reconsiderationSubjects: ['part_b_drug'] },
    window: { unit: 'calendar_days', amount: 7 },
    extension: { kind: 'forbidden', reason: 'Part B drug reconsiderations may not be extended', citation: '42 CFR 422.590(c)' },
    description: 'Standard reconsideration of a Part B drug',
    citation: '42 CFR 422.590(c)',
  },
  {
    ...reconsideration,
    id: 'ma.reconsideration.part_b_drug.expedited',
    requestTypes: ['reconsideration'],
    priority: 'fast',
    when: { reconsiderationSubjects: ['part_b_drug'] },
    window: { unit: 'hours', amount: 72 },
    extension: { kind: 'forbidden', reason: 'Part B drug reconsiderations may not be extended', citation: '42 CFR 422.590(e)' },
    description: 'Expedited reconsideration of a Part B drug',
    citation: '42 CFR 422.590(e)',
    downgradeNotice: DOWNGRADE_NOTICE,
  },
  {
    ...reconsideration,
    id: 'ma.reconsideration.standard',
    requestTypes: ['reconsideration'],
    priority: 'standard',
    when: { reconsiderationSubjects: ['pre_service'] },
    window: { unit: 'calendar_days', amount: 30 },
    extension: EXT_RECON,
    description: 'Standard reconsideration of a service or item',
    citation: '42 CFR 422.590(a)',
  },
  {
    ...reconsideration,
    id: 'ma.reconsideration.expedited',
    requestTypes: ['reconsideration'],
    priority: 'fast',
    when: { reconsiderationSubjects: ['pre_service'] },
    window: { unit: 'hours', amount: 72 },
    extension: EXT_RECON,
    description: 'Expedited reconsideration',
    citation: '42 CFR 422.590(e)',
    downgradeNotice: DOWNGRADE_NOTICE,
    oralNoticeConfirmation: ORAL_CONFIRMATION,
  },
];
