/**
 * California, New York and Illinois overlays for state-regulated (fully insured) products. Their
 * clocks start at receipt of the information reasonably necessary to decide (C1 exceptions), so
 * there is nothing to toll: the start is the latest necessary_info_received (or the answer to the
 * plan's own information request), else the receipt.
 * Request types without a state rule fall back to the ERISA base policy.
 */
import type { ClockPolicy, ClockRule } from '../policy';
import type { Consequence } from '../types';
import { NECESSARY_INFO, NO_TOLLING_STATE } from '../policy';
import { OVERDUE, RECEIPT, postStabilizationRule } from './shared';

function stateRule(r: Omit<ClockRule, 'extension' | 'tolling' | 'obligation' | 'consequence'> & { readonly consequence?: Consequence }): ClockRule {
  return {
    ...r,
    extension: { kind: 'forbidden', reason: 'The state rule provides no extension', citation: r.citation },
    tolling: NO_TOLLING_STATE,
    obligation: 'decision',
    consequence: r.consequence ?? OVERDUE(r.citation),
  };
}

const CA = 'Cal. Health & Safety Code 1367.01';
const CA_NOTE = 'Open point 9: 2024–2026 bills would shorten these times; rules as in force in 2025.';

export const CALIFORNIA_COMMERCIAL: ClockPolicy = {
  id: 'california_commercial',
  title: 'California Knox-Keene plans and CDI insurers (H&SC 1367.01; Ins. Code 10123.135)',
  jurisdiction: 'US-CA',
  calendar: 'us-ca',
  fallbacks: ['commercial_erisa'],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'post_service',
  physicianExpediteCitation: '29 CFR 2560.503-1(m)(1)(ii)',
  versions: [
    {
      version: '2025-01',
      effectiveFrom: '2020-01-01',
      source: 'H&SC 1367.01(h); Ins. Code 10123.135; 28 CCR 1300.71.4 (regulations.md §5–6)',
      rules: [
        stateRule({
          id: 'ca.standard.5bd',
          requestTypes: ['pre_service', 'concurrent'],
          priority: 'standard',
          window: { unit: 'business_days', amount: 5 },
          anchor: NECESSARY_INFO,
          description: 'Decision within 5 business days of receipt of the information reasonably necessary',
          citation: `${CA}(h)(1); Ins. Code 10123.135`,
          note: CA_NOTE,
        }),
        stateRule({
          id: 'ca.urgent.72h',
          requestTypes: ['pre_service', 'concurrent'],
          priority: 'fast',
          window: { unit: 'hours', amount: 72 },
          anchor: NECESSARY_INFO,
          description: 'Imminent and serious threat to health: within 72 hours of receipt of the necessary information',
          citation: `${CA}(h)(2); Ins. Code 10123.135`,
          note: CA_NOTE,
        }),
        stateRule({
          id: 'ca.retrospective.30d',
          requestTypes: ['post_service'],
          priority: 'any',
          window: { unit: 'calendar_days', amount: 30 },
          anchor: NECESSARY_INFO,
          description: 'Retrospective review: within 30 days of receipt of the necessary information',
          citation: `${CA}(h)(1)`,
        }),
        postStabilizationRule({
          id: 'ca.post_stabilization',
          citation: '28 CCR 1300.71.4(b)',
          minutes: 30,
          consequence: { kind: 'deemed_authorized', citation: '28 CCR 1300.71.4(b)', description: 'Not answered within 30 minutes: the post-stabilization care is deemed authorized' },
        }),
      ],
    },
  ],
};

const NY = 'N.Y. Ins. Law 4903';

export const NEW_YORK_COMMERCIAL: ClockPolicy = {
  id: 'new_york_commercial',
  title: 'New York utilization review (Ins. Law 4903; Pub. Health Law 4903)',
  jurisdiction: 'US-NY',
  calendar: 'us-federal',
  fallbacks: ['commercial_erisa'],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'post_service',
  physicianExpediteCitation: '29 CFR 2560.503-1(m)(1)(ii)',
  versions: [
    {
      version: '2025-01',
      effectiveFrom: '2020-01-01',
      source: 'N.Y. Ins. Law 4903; Pub. Health Law 4903 (regulations.md §6); pending 72-hour bills not applied',
      rules: [
        stateRule({
          id: 'ny.standard.3bd',
          requestTypes: ['pre_service'],
          priority: 'standard',
          window: { unit: 'business_days', amount: 3 },
          anchor: NECESSARY_INFO,
          description: 'Pre-authorization: within 3 business days of receipt of the necessary information',
          citation: `${NY}(b)(1); Pub. Health Law 4903(2)(a)`,
          note: 'Business days on the federal calendar unless the tenant stores a New York calendar (open point 5).',
        }),
        stateRule({
          id: 'ny.urgent.72h',
          requestTypes: ['pre_service'],
          priority: 'fast',
          window: { unit: 'hours', amount: 72 },
          anchor: RECEIPT,
          description: 'Urgent pre-authorization: within 72 hours of receipt of the request',
          citation: `${NY}(b); Pub. Health Law 4903(2)`,
          note: 'regulations.md marks the urgent time (S); counted from receipt of the request as the statute words it.',
        }),
        stateRule({
          id: 'ny.concurrent.1bd',
          requestTypes: ['concurrent'],
          priority: 'standard',
          window: { unit: 'business_days', amount: 1 },
          anchor: NECESSARY_INFO,
          description: 'Concurrent review: within 1 business day of receipt of the necessary information',
          citation: `${NY}(c); Pub. Health Law 4903(3)`,
        }),
        stateRule({
          id: 'ny.concurrent.urgent.24h',
          requestTypes: ['concurrent'],
          priority: 'fast',
          window: { unit: 'hours', amount: 24 },
          anchor: RECEIPT,
          description: 'Urgent concurrent review: within 24 hours of receipt of the request',
          citation: `${NY}(c); Pub. Health Law 4903(3)`,
        }),
      ],
    },
  ],
};

const DEEMED_AUTHORIZED: Consequence = {
  kind: 'deemed_authorized',
  citation: '215 ILCS 200/75',
  description: 'No determination in time: the health care service is deemed authorized',
};

export const ILLINOIS_COMMERCIAL: ClockPolicy = {
  id: 'illinois_commercial',
  title: 'Illinois Prior Authorization Reform Act (215 ILCS 200)',
  jurisdiction: 'US-IL',
  calendar: 'us-federal',
  fallbacks: ['commercial_erisa'],
  versionKey: 'receipt_date',
  defaultReconsiderationSubject: 'post_service',
  physicianExpediteCitation: '29 CFR 2560.503-1(m)(1)(ii)',
  versions: [
    {
      version: '2022-01',
      effectiveFrom: '2022-01-01',
      source: 'Prior Authorization Reform Act, 215 ILCS 200 (eff. 2022-01-01)',
      rules: [
        stateRule({
          id: 'il.standard.5d',
          requestTypes: ['pre_service', 'concurrent'],
          priority: 'standard',
          window: { unit: 'calendar_days', amount: 5 },
          anchor: NECESSARY_INFO,
          consequence: DEEMED_AUTHORIZED,
          description: 'Non-urgent: within 5 calendar days of obtaining all necessary information',
          citation: '215 ILCS 200/25',
        }),
        stateRule({
          id: 'il.urgent.48h',
          requestTypes: ['pre_service', 'concurrent'],
          priority: 'fast',
          window: { unit: 'hours', amount: 48 },
          anchor: NECESSARY_INFO,
          consequence: DEEMED_AUTHORIZED,
          description: 'Urgent: within 48 hours of obtaining all necessary information',
          citation: '215 ILCS 200/30',
        }),
      ],
    },
  ],
};
