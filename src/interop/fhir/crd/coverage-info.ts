/**
 * The coverage-information extension (Da Vinci CRD 2.0.1 `ext-coverage-information`) and the card a
 * clinician reads, from OpenUM's requirement answer for an order's billing codes. Pure.
 *
 * | OpenUM answer                                   | covered      | pa-needed     | doc-needed |
 * | ----------------------------------------------- | ------------ | ------------- | ---------- |
 * | member not covered on the date                  | not-covered  | —             | —          |
 * | a code requires authorization (criteria set)    | covered      | auth-needed   | clinical   |
 * | … and an approved authorization already covers it | covered    | satisfied     | —          |
 * | … and the provider is gold-carded               | covered      | no-auth (reason gold-card) | — |
 * | notification only / not required                | covered      | no-auth       | —          |
 * | no PA list, or no billing code to look up        | conditional  | conditional   | —          |
 */
import type { Coding } from '../json';
import { CRD_EXT } from './orders';

const TEMP = 'http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp';

export type PaNeeded = 'auth-needed' | 'no-auth' | 'satisfied' | 'conditional';

export interface CoverageAnswer {
  readonly coverageRef: string;
  readonly covered: 'covered' | 'not-covered' | 'conditional';
  readonly paNeeded?: PaNeeded;
  readonly docNeeded?: 'clinical';
  readonly questionnaires: readonly string[];
  readonly billingCodes: readonly Coding[];
  readonly reasons: readonly { readonly code?: string; readonly text: string }[];
  readonly satisfiedPaId?: string;
  readonly date: string;
  readonly assertionId: string;
}

export function coverageInformation(a: CoverageAnswer): Record<string, unknown> {
  return {
    url: CRD_EXT.coverageInformation,
    extension: [
      { url: 'coverage', valueReference: { reference: a.coverageRef } },
      { url: 'covered', valueCode: a.covered },
      ...(a.paNeeded === undefined ? [] : [{ url: 'pa-needed', valueCode: a.paNeeded }]),
      ...(a.docNeeded === undefined ? [] : [{ url: 'doc-needed', valueCode: a.docNeeded }, { url: 'doc-purpose', valueCode: 'withpa' }]),
      ...a.billingCodes.map((c) => ({ url: 'billingCode', valueCoding: { system: c.system, code: c.code, ...(c.display === undefined ? {} : { display: c.display }) } })),
      ...a.reasons.map((r) => ({ url: 'reason', valueCodeableConcept: { ...(r.code === undefined ? {} : { coding: [{ system: TEMP, code: r.code }] }), text: r.text } })),
      ...a.questionnaires.map((q) => ({ url: 'questionnaire', valueCanonical: q })),
      { url: 'date', valueDate: a.date },
      { url: 'coverage-assertion-id', valueString: a.assertionId },
      ...(a.satisfiedPaId === undefined ? [] : [{ url: 'satisfied-pa-id', valueString: a.satisfiedPaId }]),
    ],
  };
}

export interface CardInput {
  readonly uuid: string;
  readonly label: string;
  readonly answer: CoverageAnswer;
  readonly orderRef: string;
  readonly sourceLabel: string;
  readonly links: readonly { readonly label: string; readonly url: string }[];
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A CDS Hooks card (summary < 140 characters) saying what the coverage information says. */
export function coverageCard(c: CardInput): Record<string, unknown> {
  const a = c.answer;
  const headline =
    a.covered === 'not-covered' ? 'not covered on this date'
      : a.paNeeded === 'auth-needed' ? 'prior authorization required'
        : a.paNeeded === 'satisfied' ? `authorized already (${a.satisfiedPaId ?? ''})`
          : a.paNeeded === 'no-auth' ? 'no prior authorization needed'
            : 'coverage to be confirmed';
  return {
    uuid: c.uuid,
    summary: clip(`${c.label}: ${headline}`, 139),
    indicator: a.covered === 'not-covered' || a.paNeeded === 'auth-needed' ? 'warning' : 'info',
    detail: [...a.reasons.map((r) => r.text), ...(a.questionnaires.length === 0 ? [] : ['Answer the plan\'s questions (DTR) and send them with the request.'])].join(' '),
    source: { label: c.sourceLabel, topic: { system: TEMP, code: 'coverage-info', display: 'Coverage Information' } },
    extension: { 'davinci-crd.associated-resource': [{ reference: c.orderRef }] },
    ...(c.links.length === 0 ? {} : { links: c.links.map((l) => ({ label: l.label, url: l.url, type: 'absolute' })) }),
  };
}
