import { describe, expect, it } from 'vitest';
import { externalSystem, impliedSystemsOfValueSet } from './external-systems';
import { deepEqual, matchesPattern } from './json';
import { checkPrimitive } from './primitives';

describe('primitive types (FHIR R4 §2.24)', () => {
  it.each([
    ['date', '2024-02-29', true],
    ['date', '2023-02-29', false],
    ['date', '2024', true],
    ['date', '2024-1-01', false],
    ['dateTime', '2024-01-01T10:00:00Z', true],
    ['dateTime', '2024-01-01T10:00:00', false],
    ['instant', '2024-01-01T10:00:00.123+05:00', true],
    ['instant', '2024-01-01', false],
    ['time', '23:59:60', true],
    ['code', 'a b', true],
    ['code', ' leading', false],
    ['code', 'two  spaces', false],
    ['id', 'a'.repeat(64), true],
    ['id', 'a'.repeat(65), false],
    ['string', '', false],
    ['uri', 'has space', false],
    ['oid', 'urn:oid:2.16.840.1.113883', true],
    ['uuid', 'urn:uuid:c757873d-ec9a-4326-a141-556f43239520', true],
    ['base64Binary', 'AAAA', true],
    ['base64Binary', 'A', false],
    ['positiveInt', 0, false],
    ['unsignedInt', 0, true],
    ['integer', 2147483648, false],
    ['decimal', 1.5, true],
    ['boolean', 'true', false],
  ])('%s %j valid: %s', (type, value, valid) => {
    expect(checkPrimitive(type, value) === undefined).toBe(valid);
  });

  it('distinguishes a wrong JSON type (structure) from a wrong lexical form (value)', () => {
    expect(checkPrimitive('boolean', 'true')?.kind).toBe('structure');
    expect(checkPrimitive('date', '2024-13-01')?.kind).toBe('value');
  });
});

describe('external code systems: format checks', () => {
  it.each([
    ['http://www.ama-assn.org/go/cpt', '99213', true],
    ['http://www.ama-assn.org/go/cpt', '0001F', true],
    ['http://www.ama-assn.org/go/cpt', 'G0154', false],
    ['http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', 'G0154', true],
    ['http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', '99212', true],
    ['http://hl7.org/fhir/sid/icd-10-cm', 'G89.4', true],
    ['http://hl7.org/fhir/sid/icd-10-cm', 'E1121', true],
    ['http://hl7.org/fhir/sid/icd-10-cm', ' G30.0', false],
    ['http://hl7.org/fhir/sid/ndc', '0777-3105-02', true],
    ['http://nucc.org/provider-taxonomy', '363A00000X', true],
    ['http://nucc.org/provider-taxonomy', '363A00000', false],
    ['http://loinc.org', '18776-5', true],
    ['http://loinc.org', 'LA6576-8', true],
    ['https://codesystem.x12.org/005010/306', 'A1', true],
    ['https://codesystem.x12.org/005010/306', 'PENDEDCODE', false],
    ['https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', '11', true],
    ['http://example.org/unknown-system', 'anything-goes', true],
    ['http://example.org/unknown-system', 'no  double spaces', false],
  ])('%s %s: %s', (system, code, ok) => {
    expect(externalSystem(system).format.test(code)).toBe(ok);
  });

  it('characterises the X12 value sets the packages name but do not carry', () => {
    expect(impliedSystemsOfValueSet('https://valueset.x12.org/x217/005010/response/2000F/HCR/1/01/00/306')).toEqual(['https://codesystem.x12.org/005010/306']);
    expect(impliedSystemsOfValueSet('https://valueset.x12.org/x217/005010/request/2000E/CL1/1/01/00/1315')).toEqual([
      'https://codesystem.x12.org/005010/1315',
      'https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit',
    ]);
    expect(impliedSystemsOfValueSet('http://loinc.org/vs/valid-hl7-attachment-requests')).toEqual(['http://loinc.org']);
    expect(impliedSystemsOfValueSet('http://hl7.org/fhir/us/core/ValueSet/us-core-usps-state')).toBeUndefined();
  });
});

describe('fixed and pattern comparison', () => {
  it('fixed is exact, pattern is containment', () => {
    const value = { coding: [{ system: 's', code: 'c', display: 'd' }, { system: 't', code: 'x' }], text: 'x' };
    expect(deepEqual(value, { coding: [{ system: 's', code: 'c' }] })).toBe(false);
    expect(matchesPattern(value, { coding: [{ system: 's', code: 'c' }] })).toBe(true);
    expect(matchesPattern(value, { coding: [{ system: 's', code: 'x' }] })).toBe(false);
    expect(deepEqual({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(matchesPattern('a', 'a')).toBe(true);
  });
});
