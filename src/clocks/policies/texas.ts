/**
 * Texas overlays: state-regulated HMO/PPO products (Tex. Ins. Code 843.348, 1301.135; 28 TAC
 * 19.1718) over the ERISA base, and Texas Medicaid MCOs (Tex. Gov't Code 540.0302) over the
 * Medicaid managed-care base. Request types without a Texas rule fall back to the base policy.
 */
import type { ClockPolicy, ClockRule } from '../policy';
import { OVERDUE, RECEIPT, postStabilizationRule } from './shared';

const NO_STATE_EXTENSION = (citation: string) => ({ kind: 'forbidden', reason: 'The Texas rule provides no extension', citation }) as const;

const TDI_STANDARD = 'Tex. Ins. Code 843.348(d), 1301.135(c); 28 TAC 19.1718';
const TDI_CONCURRENT = 'Tex. Ins. Code 843.348(e), 1301.135(d); 28 TAC 19.1718(d)(2)';
const TDI_POST_STAB = 'Tex. Ins. Code 843.348(f)-(g), 1301.135(e)-(f); 28 TAC 19.1718(d)(3)';

const COMMERCIAL_RULES: readonly ClockRule[] = [
  {
    id: 'tx.pre_service.standard',
    requestTypes: ['pre_service'],
    priority: 'standard',
    window: { unit: 'calendar_days', amount: 3 },
    anchor: RECEIPT,
    extension: NO_STATE_EXTENSION(TDI_STANDARD),
    tolling: { kind: 'none', citation: TDI_STANDARD },
    consequence: OVERDUE(TDI_STANDARD),
    obligation: 'decision',
    description: 'Preauthorization determination by the third calendar day after receipt',
    citation: TDI_STANDARD,
    note: 'Urgent pre-service requests have no Texas-specific time here and use the ERISA/PHSA 72-hour rule of the base policy.',
  },
  {
    id: 'tx.concurrent_hospitalization',
    requestTypes: ['concurrent'],
    priority: 'any',
    window: { unit: 'hours', amount: 24 },
    anchor: RECEIPT,
    extension: NO_STATE_EXTENSION(TDI_CONCURRENT),
    tolling: { kind: 'none', citation: TDI_CONCURRENT },
    consequence: OVERDUE(TDI_CONCURRENT),
    obligation: 'decision',
    description: 'Concurrent hospitalization care: determination within 24 hours of receipt',
    citation: TDI_CONCURRENT,
  },
  {
    id: 'tx.post_stabilization',
    requestTypes: ['post_stabilization'],
    priority: 'any',
    window: {
      unit: 'staffed_hours',
      amount: 1,
      staffing: { timeZone: 'America/Chicago', calendar: 'us-tx', weekdays: [6 * 60, 18 * 60], weekendsAndHolidays: [9 * 60, 12 * 60] },
    },
    anchor: RECEIPT,
    extension: NO_STATE_EXTENSION(TDI_POST_STAB),
    tolling: { kind: 'none', citation: TDI_POST_STAB },
    consequence: OVERDUE(TDI_POST_STAB),
    obligation: 'response',
    description: 'Post-stabilization / life-threatening condition: within 1 hour, counted from the next staffed period if received outside it',
    citation: TDI_POST_STAB,
    note:
      'Open point 9: staffing hours as in force in 2025 (06:00–18:00 CT weekdays, 09:00–12:00 CT weekends and legal holidays); ' +
      '24/7 staffing bills (89R SB 177) not verified as enacted. Holidays from the Texas calendar.',
  },
];

export const TEXAS_COMMERCIAL: ClockPolicy = {
  id: 'texas_commercial',
  title: 'Texas state-regulated HMO / PPO (Tex. Ins. Code 843.348, 1301.135)',
  jurisdiction: 'US-TX',
  calendar: 'us-tx',
  fallbacks: ['commercial_erisa'],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'post_service',
  physicianExpediteCitation: '29 CFR 2560.503-1(m)(1)(ii)',
  versions: [{ version: '2025-01', effectiveFrom: '2020-01-01', source: 'Tex. Ins. Code and 28 TAC 19.1718 as in force in 2025 (regulations.md §6)', rules: COMMERCIAL_RULES }],
};

const HHSC = 'Tex. Gov\u2019t Code 540.0302';

const MEDICAID_RULES: readonly ClockRule[] = [
  {
    id: 'tx_medicaid.hospitalized.1bd',
    requestTypes: ['pre_service', 'concurrent'],
    priority: 'standard',
    window: { unit: 'business_days', amount: 1 },
    anchor: RECEIPT,
    extension: NO_STATE_EXTENSION(`${HHSC}(b)(1)`),
    tolling: { kind: 'none', citation: `${HHSC}(b)(1)` },
    consequence: {
      kind: 'deemed_adverse',
      citation: '42 CFR 438.404(c)(5)',
      description: 'A decision not reached within the (State-shortened) timeframe is an adverse benefit determination when it expires',
    },
    obligation: 'decision',
    description: 'Prior authorization for a recipient hospitalized at the time of the request: within 1 business day',
    citation: `${HHSC}(b)(1) (formerly 533.002821(1))`,
    note: 'The recipient is taken to be hospitalized (the only Texas Medicaid rule in regulations.md); end of the business day (C4).',
  },
  postStabilizationRule({
    id: 'tx_medicaid.post_stabilization',
    citation: `${HHSC}(b)(3)`,
    minutes: 60,
    consequence: {
      kind: 'financially_responsible',
      citation: '42 CFR 438.114(e); 422.113(c)(2)(iii)',
      description: 'The plan is financially responsible for post-stabilization services (422.113(c)(2)–(3))',
    },
  }),
];

export const TEXAS_MEDICAID: ClockPolicy = {
  id: 'texas_medicaid',
  title: 'Texas Medicaid MCO (Tex. Gov\u2019t Code 540.0302)',
  jurisdiction: 'US-TX',
  calendar: 'us-tx',
  fallbacks: ['medicaid_managed_care'],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'pre_service',
  physicianExpediteCitation: '42 CFR 438.210(d)(2)(i)',
  versions: [{ version: '2025-04', effectiveFrom: '2020-01-01', source: 'Tex. Gov\u2019t Code 540.0302 (eff. 2025-04-01; formerly 533.002821)', rules: MEDICAID_RULES }],
};
