import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createValidator, type FhirValidator } from './validator';

/**
 * FHIR resources carried inside the CDS Hooks (CRD) fixtures — `context.draftOrders`,
 * `context.appointments`, `prefetch.*`, card suggestions and system actions — validated against
 * their meta.profile / core definition with CRD 2.0.1 as context. Many test-kit and RI requests are
 * not conformant (no Bundle.type, STU3 shapes): a CRD service must read them leniently; this pins
 * down exactly what is wrong with each, for the CRD work.
 * (Files without any FHIR resource — CRDServices.json, encounter_start_hook_request.json and the
 * card_responses templates — are not listed.)
 */
const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/fhir/', import.meta.url));
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every FHIR resource in a JSON document (outermost only), with its JSONPath. */
function resourcesIn(doc: unknown, path = '$'): [string, unknown][] {
  if (Array.isArray(doc)) return doc.flatMap((x, i) => resourcesIn(x, `${path}[${i}]`));
  if (!isObject(doc)) return [];
  if (typeof doc['resourceType'] === 'string') return [[path, doc]];
  return Object.entries(doc).flatMap(([k, x]) => resourcesIn(x, `${path}.${k}`));
}

type Expected = readonly (readonly [string, readonly (readonly [string, string])[]])[];

const CASES: readonly (readonly [string, Expected])[] = [
  ['crd-testkit/appointment_book_hook_request.json', [
      ['$.context.appointments', [['structure', 'Bundle.entry[0].resource.reason'], ['value', 'Bundle.entry[0].resource.end'], ['value', 'Bundle.entry[1].resource.end']]],
  ]],
  ['crd-testkit/coverage_info_system_action_covered.json', [
      ['$.resource', []],
  ]],
  ['crd-testkit/crd_authorization_hook_response.json', [
      ['$.systemActions[0].resource', []],
  ]],
  ['crd-testkit/order_select_hook_request.json', [
      ['$.context.draftOrders', [['required', 'Bundle.type'], ['required', 'Bundle.entry[0].resource.intent'], ['structure', 'Bundle.entry[1].resource.dosageInstruction[0].doseAndRate']]],
  ]],
  ['crd-testkit/order_sign_hook_request.json', [
      ['$.context.draftOrders', [['required', 'Bundle.type'], ['required', 'Bundle.entry[0].resource.intent'], ['structure', 'Bundle.entry[1].resource.dosageInstruction[0].doseAndRate']]],
  ]],
  ['crd-testkit/valid_cards.json', [
      ['$[3].suggestions[0].actions[1].resource', []],
      ['$[4].suggestions[0].actions[0].resource', []],
      ['$[5].suggestions[0].actions[0].resource', []],
      ['$[6].suggestions[0].actions[0].resource', []],
  ]],
  ['crd-ri/deviceRequestPrefetch.json', [
      ['$.context.draftOrders', [['required', 'Bundle.type'], ['required', 'Bundle.entry[0].resource.intent']]],
      ['$.prefetch.deviceRequestBundle', [['required', 'Bundle.type'], ['required', 'Bundle.entry[5].resource.status'], ['required', 'Bundle.entry[5].resource.beneficiary'], ['structure', 'Bundle.entry[5].resource.class[0].type.system'], ['structure', 'Bundle.entry[5].resource.class[0].type.code'], ['required', 'Bundle.entry[6].resource.intent']]],
  ]],
  ['crd-ri/medicationRequestPrefetch.json', [
      ['$.context.medications', [['required', 'Bundle.type'], ['required', 'Bundle.entry[0].resource.intent']]],
      ['$.prefetch.medicationRequestBundle', [['required', 'Bundle.type'], ['required', 'Bundle.entry[5].resource.status'], ['required', 'Bundle.entry[5].resource.beneficiary'], ['structure', 'Bundle.entry[5].resource.class[0].type.system'], ['structure', 'Bundle.entry[5].resource.class[0].type.code'], ['required', 'Bundle.entry[6].resource.intent']]],
  ]],
  ['crd-ri/requestWithHydratedPrefetchBundle.json', [
      ['$.context.draftOrders', [['required', 'Bundle.type'], ['structure', 'Bundle.entry[0].resource.insurance']]],
      ['$.prefetch.deviceRequestBundle', []],
  ]],
  ['crd-ig-source/CRDServiceRequest.json', [
      ['$.context.draftOrders', []],
      ['$.prefetch.patient', []],
      ['$.prefetch.encounter', []],
      ['$.prefetch.coverage', []],
      ['$.prefetch.practitioners', []],
      ['$.prefetch.practitionerRoles', []],
      ['$.prefetch.organizations', []],
      ['$.prefetch.locations', []],
  ]],
  ['crd-ig-source/CRDServiceRequest4.json', [
      ['$.context.appointments', []],
  ]],
  // The CRD IG source is CRD 2.2.1: its coverage-information `contact` is a ContactDetail; in CRD 2.0.1 (ours) a ContactPoint.
  ['crd-ig-source/CRDServiceResponse.json', [
      ['$.cards[2].suggestions[0].actions[1].resource', []],
      ['$.cards[2].suggestions[0].actions[2].resource', []],
      ['$.systemActions[0].resource', [['structure', 'ServiceRequest.extension[0].extension[15].valueContactDetail']]],
  ]],
  ['crd-ig-source/CRDServiceResponse3.json', [
      ['$.systemActions[0].resource', []],
  ]],
];

let v: FhirValidator;
beforeAll(async () => {
  v = await createValidator();
});

describe('FHIR resources inside the CDS Hooks fixtures', () => {
  it.each(CASES)('%s', (file, expected) => {
    const doc: unknown = JSON.parse(readFileSync(FIXTURES + file, 'utf8'));
    const actual = resourcesIn(doc).map(([path, resource]) => {
      const issues = v.validate(resource, undefined, { context: { name: 'hl7.fhir.us.davinci-crd', version: '2.0.1' } });
      return [path, issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.expression])];
    });
    expect(actual).toEqual(expected);
  });
});
