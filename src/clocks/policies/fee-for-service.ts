/**
 * Medicaid fee-for-service (State agency; 42 CFR 440.230(e), from 2026-01-01) and CHIP
 * fee-for-service (42 CFR 457.495(d)). Versions key on the receipt date.
 */
import type { ClockPolicy, ClockRule, ExtensionRule } from '../policy';
import { OVERDUE, RECEIPT, patientAccessApiRules, tollingNone } from './shared';

const ext = (citation: string, note: string): ExtensionRule => ({
  kind: 'allowed',
  maxTotalDays: 14,
  maxCount: 14,
  citation: `${citation} (${note})`,
  noticeCitation: `${citation}: written notice of the extension and its reason`,
});

const OUTPATIENT_DRUG: ClockRule = {
  id: 'medicaid_ffs.outpatient_drug',
  requestTypes: ['outpatient_drug'],
  priority: 'any',
  window: { unit: 'hours', amount: 24 },
  anchor: RECEIPT,
  extension: { kind: 'forbidden', reason: 'The 24-hour drug response time cannot be extended', citation: 'Social Security Act 1927(d)(5)(A)' },
  tolling: tollingNone('Social Security Act 1927(d)(5)(A)'),
  consequence: OVERDUE('Social Security Act 1927(d)(5)(A)'),
  obligation: 'decision',
  description: 'Covered outpatient drug prior authorization response',
  citation: 'Social Security Act 1927(d)(5)(A)',
};

function authorizationRules(args: {
  readonly idPrefix: string;
  readonly standardDays: 7 | 14;
  readonly standardCitation: string;
  readonly expeditedCitation: string | undefined;
  readonly extension: ExtensionRule;
}): readonly ClockRule[] {
  const base = {
    anchor: RECEIPT,
    tolling: tollingNone(`${args.standardCitation} (no tolling: only an extension moves the clock)`),
    consequence: OVERDUE(args.standardCitation),
    obligation: 'decision',
    extension: args.extension,
  } as const;
  const rules: ClockRule[] = [
    {
      ...base,
      id: `${args.idPrefix}.standard.${args.standardDays}d`,
      requestTypes: ['pre_service', 'concurrent', 'post_service'],
      priority: 'standard',
      window: { unit: 'calendar_days', amount: args.standardDays },
      description: 'Standard prior authorization decision',
      citation: args.standardCitation,
    },
  ];
  if (args.expeditedCitation !== undefined) {
    rules.push({
      ...base,
      id: `${args.idPrefix}.expedited`,
      requestTypes: ['pre_service', 'concurrent'],
      priority: 'fast',
      window: { unit: 'hours', amount: 72 },
      description: 'Expedited prior authorization decision',
      citation: args.expeditedCitation,
    });
  }
  return rules;
}

const FFS_EXTENSION_NOTE = 'open point 11: extension authority not verified; 14 days as in managed care';

/** Medicaid FFS: no federal decision timeframe before 2026 except the 24-hour drug rule. */
export const MEDICAID_FFS: ClockPolicy = {
  id: 'medicaid_ffs',
  title: 'Medicaid fee-for-service (42 CFR 440.230(e))',
  jurisdiction: 'US-federal',
  calendar: 'us-federal',
  fallbacks: [],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'pre_service',
  physicianExpediteCitation: '42 CFR 440.230(e)(1)',
  versions: [
    { version: '1990-11', effectiveFrom: '1990-11-05', effectiveTo: '2026-01-01', source: 'Social Security Act 1927(d)(5)', rules: [OUTPATIENT_DRUG] },
    {
      version: '2026-01',
      effectiveFrom: '2026-01-01',
      source: 'CMS-0057-F (42 CFR 440.230(e)(1), from 2026-01-01)',
      rules: [
        ...authorizationRules({
          idPrefix: 'medicaid_ffs',
          standardDays: 7,
          standardCitation: '42 CFR 440.230(e)(1)',
          expeditedCitation: '42 CFR 440.230(e)(1)',
          extension: ext('42 CFR 440.230(e)(1)', FFS_EXTENSION_NOTE),
        }),
        OUTPATIENT_DRUG,
        ...patientAccessApiRules({ idPrefix: 'medicaid_ffs', onReceipt: '42 CFR 431.60(b)(5)', onStatusChange: '42 CFR 431.60(b)(5)', from: '2027-01-01' }),
      ],
    },
  ],
};

/** CHIP FFS: 14 days before 2026, then 7 days / 72 hours (42 CFR 457.495(d) as amended). */
export const CHIP_FFS: ClockPolicy = {
  id: 'chip_ffs',
  title: 'CHIP fee-for-service (42 CFR 457.495(d))',
  jurisdiction: 'US-federal',
  calendar: 'us-federal',
  fallbacks: [],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'pre_service',
  physicianExpediteCitation: '42 CFR 457.495(d)',
  versions: [
    {
      version: '2017-07',
      effectiveFrom: '2017-07-01',
      effectiveTo: '2026-01-01',
      source: '42 CFR 457.495(d) before CMS-0057-F',
      rules: authorizationRules({
        idPrefix: 'chip_ffs',
        standardDays: 14,
        standardCitation: '42 CFR 457.495(d)',
        expeditedCitation: undefined,
        extension: ext('42 CFR 457.495(d)', 'up to 14 calendar days'),
      }),
    },
    {
      version: '2026-01',
      effectiveFrom: '2026-01-01',
      source: 'CMS-0057-F (42 CFR 457.495(d) as amended)',
      rules: [
        ...authorizationRules({
          idPrefix: 'chip_ffs',
          standardDays: 7,
          standardCitation: '42 CFR 457.495(d)',
          expeditedCitation: '42 CFR 457.495(d)',
          extension: ext('42 CFR 457.495(d)', 'up to 14 calendar days'),
        }),
        ...patientAccessApiRules({ idPrefix: 'chip_ffs', onReceipt: '42 CFR 457.730(b)(5)', onStatusChange: '42 CFR 457.730(b)(5)', from: '2027-01-01' }),
      ],
    },
  ],
};
