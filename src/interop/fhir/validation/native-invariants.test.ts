import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import { describe, expect, it } from 'vitest';
import { isRecord, type JsonObject } from './json';
import { nativeExpressions, nativeInvariant, npiCheckDigitValid } from './native-invariants';

/** FHIRPath answer with the validator's rule: only `false` fails. */
function viaFhirpath(expression: string, base: string, node: unknown, resource: JsonObject, root: JsonObject): boolean {
  const result: unknown = fhirpath.evaluate(node, { base, expression }, { resource, rootResource: root }, r4, { traceFn: () => undefined });
  return !(Array.isArray(result) && result.length === 1 && result[0] === false);
}

const bundle = (type: string, entries: unknown[], extra: object = {}): JsonObject => ({ resourceType: 'Bundle', type, entry: entries, ...extra });
const entry = (fullUrl: string | undefined, more: object = {}): JsonObject => ({ ...(fullUrl === undefined ? {} : { fullUrl }), resource: { resourceType: 'Patient', id: 'p' }, ...more });

/** Sample nodes for each native expression: [base path, node, %resource, %rootResource]. */
const SAMPLES: readonly (readonly [string, unknown, JsonObject?, JsonObject?])[] = [
  ['Bundle', bundle('collection', [entry('urn:a'), entry('urn:b')])],
  ['Bundle', bundle('collection', [entry('urn:a'), entry('urn:a')])],
  ['Bundle', bundle('history', [entry('urn:a'), entry('urn:a')])],
  ['Bundle', bundle('searchset', [entry('urn:a', { search: { mode: 'match' } })], { total: 1 })],
  ['Bundle', bundle('collection', [entry('urn:a', { search: { mode: 'match' } })], { total: 1 })],
  ['Bundle', bundle('transaction', [entry('urn:a', { request: { method: 'POST', url: 'Patient' } })])],
  ['Bundle', bundle('transaction', [entry('urn:a')])],
  ['Bundle', bundle('batch-response', [entry('urn:a', { response: { status: '200' } })])],
  ['Bundle', bundle('collection', [entry('urn:a', { response: { status: '200' } })])],
  ['Bundle', bundle('document', [{ resource: { resourceType: 'Composition' } }], { identifier: { system: 's', value: 'v' }, timestamp: '2020-01-01T00:00:00Z' })],
  ['Bundle', bundle('document', [entry('urn:a')])],
  ['Bundle', bundle('message', [{ resource: { resourceType: 'MessageHeader' } }])],
  ['Bundle', bundle('message', [entry('urn:a')])],
  ['Bundle.entry', entry('urn:a')],
  ['Bundle.entry', { fullUrl: 'http://x/Patient/1/_history/2' }],
  ['Bundle.entry', { fullUrl: 'urn:a', request: { method: 'GET', url: 'x' } }],
  ['Reference', { reference: 'Patient/1' }],
  ['Reference', { identifier: { value: '1' } }],
  ['Reference', { reference: '#c1' }, { resourceType: 'Claim' }, { resourceType: 'Claim', contained: [{ resourceType: 'Patient', id: 'c1' }] }],
  ['Reference', { reference: '#c2' }, { resourceType: 'Claim' }, { resourceType: 'Claim', contained: [{ resourceType: 'Patient', id: 'c1' }] }],
  ['Quantity', { value: 1, comparator: '<' }],
  ['Quantity', { value: 1, code: 'mg' }],
  ['Quantity', { value: 1, code: 'mg', system: 'http://unitsofmeasure.org' }],
  ['ContactPoint', { value: '555' }],
  ['ContactPoint', { value: '555', system: 'phone' }],
  ['Attachment', { data: 'AAAA' }],
  ['Attachment', { data: 'AAAA', contentType: 'text/plain' }],
  ['Organization', { resourceType: 'Organization' }],
  ['Organization', { resourceType: 'Organization', name: 'x' }],
  ['Organization.address', { use: 'home', city: 'x' }],
  ['Organization.address', { use: 'work', city: 'x' }],
  ['Period', { start: '2020-01-01' }],
  ['Identifier', { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }],
  ['Identifier', { system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567890' }],
  ['Identifier', { system: 'http://hl7.org/fhir/sid/us-npi', value: '123' }],
  ['Claim.item.servicedDate', '2020-01-01'],
  ['Claim.item.servicedDate', '2020-01'],
];

describe('native invariants give the same answer as FHIRPath', () => {
  for (const expression of nativeExpressions()) {
    it(expression.slice(0, 70), () => {
      const fn = nativeInvariant(expression);
      expect(fn).toBeDefined();
      let compared = 0;
      for (const [base, node, res, root] of SAMPLES) {
        const resource = res ?? (isRecord(node) ? node : {});
        const rootResource = root ?? resource;
        const native = fn?.(node, resource, rootResource);
        if (native === undefined) continue;
        let expected: boolean;
        try {
          expected = viaFhirpath(expression, base, node, resource, rootResource);
        } catch {
          continue; // the expression does not apply to this kind of node
        }
        expect({ base, node, result: native }).toEqual({ base, node, result: expected });
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});

describe('NPI check digit (us-core-17)', () => {
  it('accepts valid NPIs and rejects a wrong check digit', () => {
    expect(npiCheckDigitValid('1234567893')).toBe(true);
    expect(npiCheckDigitValid('1245319599')).toBe(true);
    expect(npiCheckDigitValid('1234567890')).toBe(false);
  });
});
