/**
 * Medicare beneficiary notices that hospitals, SNFs, HHAs and CORFs deliver (and MA plans track):
 * MOON, the Important Message (IM), NOMNC and DENC. Each is a clock on the notice's delivery.
 */
import type { ClockPolicy, ClockRule } from '../policy';
import { OVERDUE, RECEIPT } from './shared';

const notice = (rule: Omit<ClockRule, 'priority' | 'extension' | 'tolling' | 'consequence' | 'obligation'>): ClockRule => ({
  ...rule,
  priority: 'any',
  extension: { kind: 'forbidden', reason: 'Notice delivery times cannot be extended', citation: rule.citation },
  tolling: { kind: 'none', citation: rule.citation },
  consequence: OVERDUE(rule.citation, 'Late: the notice was not delivered in time'),
  obligation: 'notice_delivery',
});

const RULES: readonly ClockRule[] = [
  notice({
    id: 'medicare.notice.moon',
    requestTypes: ['notice_moon'],
    window: { unit: 'hours', amount: 36 },
    anchor: { kind: 'event', event: 'observation_start' },
    description: 'Deliver the MOON (CMS-10611) no later than 36 hours after observation services begin',
    citation: '42 CFR 489.20(y); NOTICE Act',
    note: 'Start = when observation began per the physician order; the notice is needed only if observation exceeds 24 hours.',
  }),
  notice({
    id: 'medicare.notice.im_initial',
    requestTypes: ['notice_im_initial'],
    window: { unit: 'calendar_days', amount: 2 },
    anchor: { kind: 'event', event: 'admission' },
    description: 'Deliver the Important Message from Medicare (CMS-10065) within 2 calendar days of admission',
    citation: '42 CFR 405.1205(b); 422.620(b)',
    note: 'The follow-up copy (no more than 2 calendar days before discharge) is a window, not a deadline, and is not computed here.',
  }),
  notice({
    id: 'medicare.notice.nomnc',
    requestTypes: ['notice_nomnc'],
    window: { unit: 'calendar_days_before_services_end', amount: 2 },
    anchor: RECEIPT,
    description: 'Deliver the NOMNC (CMS-10123) at least 2 calendar days before covered services end',
    citation: '42 CFR 405.1200(b); 422.624(b)',
    note:
      'Due 23:59:59 local two calendar days before the planned end of services; when services span fewer than 2 days ' +
      'the notice is due at the start of services (the receipt instant).',
  }),
  notice({
    id: 'medicare.notice.denc',
    requestTypes: ['notice_denc'],
    window: { unit: 'close_of_business', hour: 17 },
    anchor: RECEIPT,
    description: 'Deliver the DENC (CMS-10124) by close of business of the day the QIO gives notice of the appeal',
    citation: '42 CFR 405.1202(f); 422.626(e)(1)',
    note: 'The receipt instant is the QIO notification. Close of business = 17:00 local; a notification after 17:00 is due by 23:59:59 that day.',
  }),
];

export const MEDICARE_NOTICES: ClockPolicy = {
  id: 'medicare_notices',
  title: 'Medicare beneficiary notices (MOON, IM, NOMNC, DENC)',
  jurisdiction: 'US-federal',
  calendar: 'us-federal',
  fallbacks: [],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'pre_service',
  physicianExpediteCitation: '42 CFR 422.570(c)(2)(ii)',
  versions: [{ version: '2017-03', effectiveFrom: '2017-03-08', source: 'NOTICE Act (MOON, 2017); 42 CFR 405.1200–405.1206', rules: RULES }],
};
