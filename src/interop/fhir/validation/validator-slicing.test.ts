import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidationIssue } from './issues';
import { ProfileBuilder, testValidator } from './test-support';
import type { FhirValidator } from './validator';

const BASE = 'http://example.org/fhir/StructureDefinition/';
const PATIENT = `${BASE}sliced-patient`;
const ORG = `${BASE}named-org`;
const BUNDLE = `${BASE}patient-bundle`;
const V2 = 'http://terminology.hl7.org/CodeSystem/v2-0203';

let v: FhirValidator;

beforeAll(async () => {
  const org = (await ProfileBuilder.on('Organization', ORG)).set('Organization.name', { min: 1 }).build();
  const p = (await ProfileBuilder.on('Patient', PATIENT))
    .set('Patient.identifier', { slicing: { discriminator: [{ type: 'pattern', path: 'type' }], rules: 'open' } })
    .set('Patient.telecom', { slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed' } })
    .set('Patient.name', { slicing: { discriminator: [{ type: 'value', path: 'use' }], rules: 'open', ordered: true } })
    .set('Patient.address', { slicing: { discriminator: [{ type: 'exists', path: 'period' }], rules: 'open' } })
    .set('Patient.deceased[x]', { slicing: { discriminator: [{ type: 'type', path: '$this' }], rules: 'closed' } })
    .set('Patient.contained', { slicing: { discriminator: [{ type: 'profile', path: '$this' }], rules: 'closed' } })
    .set('Patient.communication', { slicing: { discriminator: [{ type: 'value', path: 'nowhere' }], rules: 'open' } });
  await p.slice('Patient.identifier', 'mrn', { min: 1, max: '1' }, 'Identifier', { type: { patternCodeableConcept: { coding: [{ system: V2, code: 'MR' }] } } });
  await p.slice('Patient.telecom', 'phone', { min: 0, max: '2' }, 'ContactPoint', { system: { fixedCode: 'phone' } });
  await p.slice('Patient.name', 'official', { min: 0, max: '1' }, 'HumanName', { use: { fixedCode: 'official' } });
  await p.slice('Patient.name', 'usual', { min: 0, max: '*' }, 'HumanName', { use: { fixedCode: 'usual' } });
  await p.slice('Patient.address', 'dated', { min: 1, max: '1' }, 'Address', { period: { min: 1 } });
  await p.slice('Patient.deceased[x]', 'deceasedBoolean', { type: [{ code: 'boolean' }], fixedBoolean: false });
  await p.slice('Patient.contained', 'org', { type: [{ code: 'Organization', profile: [ORG] }] });
  await p.slice('Patient.communication', 'broken', { min: 0, max: '1' });
  const b = (await ProfileBuilder.on('Bundle', BUNDLE)).set('Bundle.entry', {
    slicing: { discriminator: [{ type: 'type', path: 'resource' }], rules: 'open' },
  });
  await b.slice('Bundle.entry', 'patient', { min: 1, max: '1' }, 'own', { resource: { type: [{ code: 'Patient', profile: [PATIENT] }] } });
  v = await testValidator([org, p.build(), b.build()]);
});

const errors = (issues: readonly ValidationIssue[]): { code: string; expression: string }[] =>
  issues.filter((i) => i.severity === 'error').map((i) => ({ code: i.code, expression: i.expression }));

const good = {
  resourceType: 'Patient',
  identifier: [
    { system: 'http://example.org/other', value: 'x' },
    { type: { coding: [{ system: V2, code: 'MR' }], text: 'Medical record' }, system: 'http://example.org/mrn', value: '1' },
  ],
  telecom: [{ system: 'phone', value: '555-0100' }],
  name: [{ use: 'official', family: 'Doe' }, { use: 'usual', given: ['Jo'] }],
  address: [{ city: 'Boston', period: { start: '2020-01-01' } }, { city: 'Salem' }],
  deceasedBoolean: false,
};

const patient = (changes: Record<string, unknown>): Record<string, unknown> => ({ ...good, ...changes });

describe('slicing', () => {
  it('the good patient conforms', () => {
    expect(errors(v.validate(good, PATIENT))).toEqual([]);
  });

  it('pattern discriminator and slice minimum (identifier by type)', () => {
    const issues = v.validate(patient({ identifier: [{ system: 'http://example.org/other', value: 'x' }] }), PATIENT);
    expect(errors(issues)).toEqual([{ code: 'required', expression: 'Patient.identifier' }]);
    expect(issues[0]?.diagnostics).toBe("Slice 'mrn' of Patient.identifier: minimum required = 1, but only found 0");
    const twoMrn = { type: { coding: [{ system: V2, code: 'MR' }] }, value: '2' };
    expect(errors(v.validate(patient({ identifier: [...good.identifier, twoMrn] }), PATIENT))).toEqual([{ code: 'structure', expression: 'Patient.identifier' }]);
  });

  it('value discriminator with closed slicing (telecom by system)', () => {
    const issues = v.validate(patient({ telecom: [{ system: 'phone', value: '1' }, { system: 'email', value: 'a@b.c' }] }), PATIENT);
    expect(errors(issues)).toEqual([{ code: 'structure', expression: 'Patient.telecom[1]' }]);
    expect(issues[0]?.diagnostics).toContain('the slicing is closed');
  });

  it('ordered slicing (name: official before usual)', () => {
    const issues = v.validate(patient({ name: [{ use: 'usual', family: 'Doe' }, { use: 'official', family: 'Doe' }] }), PATIENT);
    expect(errors(issues)).toEqual([{ code: 'structure', expression: 'Patient.name[1]' }]);
  });

  it('exists discriminator (address with a period)', () => {
    expect(errors(v.validate(patient({ address: [{ city: 'Salem' }] }), PATIENT))).toEqual([{ code: 'required', expression: 'Patient.address' }]);
  });

  it('type discriminator on a choice element, closed, with the slice rules applied', () => {
    expect(errors(v.validate(patient({ deceasedBoolean: true }), PATIENT))).toEqual([{ code: 'value', expression: 'Patient.deceased.ofType(boolean)' }]);
    const other = { ...good, deceasedBoolean: undefined, deceasedDateTime: '2020-01-01' };
    expect(errors(v.validate(JSON.parse(JSON.stringify(other)), PATIENT))).toEqual([{ code: 'structure', expression: 'Patient.deceased.ofType(dateTime)' }]);
  });

  it('profile discriminator (contained resources must conform to the slice profile)', () => {
    const named = { resourceType: 'Organization', id: 'o1', name: 'Acme' };
    const ref = { managingOrganization: { reference: '#o1' } };
    expect(errors(v.validate(patient({ contained: [named], ...ref }), PATIENT))).toEqual([]);
    const unnamed = { resourceType: 'Organization', id: 'o1', identifier: [{ value: '1' }] };
    expect(errors(v.validate(patient({ contained: [unnamed], ...ref }), PATIENT))).toEqual([{ code: 'structure', expression: 'Patient.contained[0]' }]);
  });

  it('a discriminator that cannot be followed is reported, not ignored', () => {
    const issues = v.validate(patient({ communication: [{ language: { text: 'English' } }] }), PATIENT);
    expect(errors(issues)).toEqual([]);
    expect(issues.filter((i) => i.severity === 'warning')).toEqual([
      expect.objectContaining({ diagnostics: expect.stringContaining('dom-6') }),
      expect.objectContaining({ code: 'not-supported', expression: 'Patient.communication', diagnostics: expect.stringContaining('value:nowhere cannot be evaluated') }),
    ]);
  });

  it('type discriminator on Bundle entries, and the slice profile applied to the entry', () => {
    const bundle = (p: unknown, extra: unknown[] = []): object => ({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ fullUrl: 'urn:uuid:0f0c9d9e-0000-4000-8000-000000000001', resource: p }, ...extra],
    });
    expect(errors(v.validate(bundle(good), BUNDLE))).toEqual([]);
    expect(errors(v.validate(bundle(patient({ address: [] })), BUNDLE))).toEqual([
      { code: 'structure', expression: 'Bundle.entry[0].resource.address' },
      { code: 'required', expression: 'Bundle.entry[0].resource.address' },
    ]);
    const org = { fullUrl: 'urn:uuid:0f0c9d9e-0000-4000-8000-000000000002', resource: { resourceType: 'Organization', name: 'x' } };
    expect(errors(v.validate({ resourceType: 'Bundle', type: 'collection', entry: [org] }, BUNDLE))).toEqual([{ code: 'required', expression: 'Bundle.entry' }]);
  });
});
