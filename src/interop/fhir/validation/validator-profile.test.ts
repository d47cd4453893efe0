import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidationIssue } from './issues';
import { ProfileBuilder, testValidator } from './test-support';
import type { FhirValidator } from './validator';

const BASE = 'http://example.org/fhir/StructureDefinition/';
const PATIENT = `${BASE}test-patient`;
const OBSERVATION = `${BASE}test-observation`;
const FLAG = `${BASE}ext-flag`;
const ATTACHMENT = `${BASE}test-attachment`;

const languages = {
  resourceType: 'ValueSet',
  url: 'http://example.org/fhir/ValueSet/test-languages',
  status: 'active',
  compose: { include: [{ system: 'urn:ietf:bcp:47', concept: [{ code: 'en' }, { code: 'es' }] }] },
};
const procedures = {
  resourceType: 'ValueSet',
  url: 'http://example.org/fhir/ValueSet/test-procedures',
  status: 'active',
  compose: { include: [{ system: 'http://www.ama-assn.org/go/cpt' }, { system: 'http://example.org/cs', concept: [{ code: 'a' }] }] },
};

let v: FhirValidator;

beforeAll(async () => {
  const flag = (await ProfileBuilder.on('Extension', FLAG, 'complex-type'))
    .set('Extension.url', { fixedUri: FLAG })
    .set('Extension.value[x]', { min: 1, type: [{ code: 'boolean' }] })
    .build();
  const attachment = (await ProfileBuilder.on('Attachment', ATTACHMENT, 'complex-type')).set('Attachment.contentType', { min: 1 }).build();
  const patient = await (
    await ProfileBuilder.on('Patient', PATIENT)
  )
    .set('Patient', {
      constraint: [
        { key: 'test-1', severity: 'error', human: 'A name or a telecom', expression: 'name.exists() or telecom.exists()' },
        { key: 'test-2', severity: 'warning', human: 'A birth date should be given', expression: 'birthDate.exists()' },
        { key: 'test-3', severity: 'error', human: 'Broken on purpose', expression: 'name.where(' },
      ],
    })
    .set('Patient.identifier', { min: 1, max: '2' })
    .set('Patient.active', { fixedBoolean: true })
    .set('Patient.gender', { min: 1 })
    .set('Patient.maritalStatus', { patternCodeableConcept: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' }] } })
    .set('Patient.contact', { max: '0' })
    .set('Patient.photo', { type: [{ code: 'Attachment', profile: [ATTACHMENT] }] })
    .set('Patient.communication.language', { binding: { strength: 'required', valueSet: languages.url } })
    .set('Patient.extension', { slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' } })
    .slice('Patient.extension', 'flag', { min: 1, max: '1', type: [{ code: 'Extension', profile: [FLAG] }] });
  const observation = (await ProfileBuilder.on('Observation', OBSERVATION))
    .set('Observation.code', { binding: { strength: 'required', valueSet: procedures.url } })
    .build();
  v = await testValidator([flag, attachment, patient.build(), observation, languages, procedures]);
});

const errors = (issues: readonly ValidationIssue[]): { code: string; expression: string }[] =>
  issues.filter((i) => i.severity === 'error').map((i) => ({ code: i.code, expression: i.expression }));

const good = {
  resourceType: 'Patient',
  meta: { profile: [PATIENT] },
  extension: [{ url: FLAG, valueBoolean: true }],
  identifier: [{ system: 'http://example.org/mrn', value: '1' }],
  active: true,
  name: [{ family: 'Doe' }],
  gender: 'female',
  birthDate: '1970-01-01',
  maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M', display: 'Married' }], text: 'married' },
  communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'en' }] } }],
};

/** The good patient with some top-level properties replaced (or removed when `undefined`). */
const patient = (changes: Record<string, unknown>): Record<string, unknown> => {
  const p: Record<string, unknown> = { ...good, ...changes };
  for (const [k, val] of Object.entries(changes)) if (val === undefined) delete p[k];
  return p;
};

describe('profile checks (hand-made profiles on core snapshots)', () => {
  it('the good patient conforms, through meta.profile or an explicit profile', () => {
    const viaMeta = v.validate(good);
    expect(errors(viaMeta)).toEqual([]);
    // The broken invariant is reported, never skipped silently.
    expect(viaMeta.filter((i) => i.severity === 'warning')).toEqual([
      expect.objectContaining({ code: 'not-supported', expression: 'Patient', diagnostics: expect.stringContaining('test-3') }),
    ]);
    expect(errors(v.validate(patient({ meta: undefined }), PATIENT))).toEqual([]);
  });

  it('cardinality: minimum, maximum and prohibited elements', () => {
    expect(errors(v.validate(patient({ identifier: undefined, gender: undefined })))).toEqual([
      { code: 'required', expression: 'Patient.identifier' },
      { code: 'required', expression: 'Patient.gender' },
    ]);
    const three = [1, 2, 3].map((n) => ({ value: String(n) }));
    expect(errors(v.validate(patient({ identifier: three })))).toEqual([{ code: 'structure', expression: 'Patient.identifier' }]);
    expect(errors(v.validate(patient({ contact: [{ gender: 'male' }] })))).toEqual([{ code: 'structure', expression: 'Patient.contact[0]' }]);
  });

  it('fixed values must match exactly', () => {
    const issues = v.validate(patient({ active: false }));
    expect(errors(issues)).toEqual([{ code: 'value', expression: 'Patient.active' }]);
    expect(issues[0]?.diagnostics).toContain('fixed value true');
  });

  it('pattern values must be contained', () => {
    expect(errors(v.validate(patient({ maritalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'S' }] } })))).toEqual([
      { code: 'value', expression: 'Patient.maritalStatus' },
    ]);
  });

  it('required extension by its profile URL, validated against its definition', () => {
    expect(errors(v.validate(patient({ extension: undefined })))).toEqual([{ code: 'required', expression: 'Patient.extension' }]);
    expect(v.validate(patient({ extension: undefined }))[0]?.diagnostics).toContain("Slice 'flag'");
    expect(errors(v.validate(patient({ extension: [{ url: FLAG, valueString: 'yes' }] })))).toEqual([
      { code: 'structure', expression: 'Patient.extension[0].valueString' },
      { code: 'required', expression: 'Patient.extension[0].value' },
    ]);
  });

  it('data-type profiles named in type.profile are applied', () => {
    const issues = v.validate(patient({ photo: [{ data: 'AAAA' }] }));
    expect(errors(issues)).toEqual([
      { code: 'invariant', expression: 'Patient.photo[0]' },
      { code: 'required', expression: 'Patient.photo[0].contentType' },
    ]);
    expect(issues[0]?.diagnostics).toContain('att-1');
  });

  it('invariants: errors fail, warnings warn', () => {
    const issues = v.validate(patient({ name: undefined, birthDate: undefined }));
    expect(errors(issues)).toEqual([{ code: 'invariant', expression: 'Patient' }]);
    expect(issues[0]?.diagnostics).toBe('Constraint failed: test-1: A name or a telecom (name.exists() or telecom.exists())');
    expect(issues.filter((i) => i.severity === 'warning').map((i) => i.diagnostics.slice(0, 26))).toEqual([
      'Constraint failed: test-2:',
      'Invariant test-3 could not',
    ]);
  });

  it('required bindings to value sets with concept lists', () => {
    const spanish = [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] } }];
    expect(errors(v.validate(patient({ communication: spanish })))).toEqual([]);
    const french = [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'fr' }] } }];
    expect(errors(v.validate(patient({ communication: french })))).toEqual([{ code: 'code-invalid', expression: 'Patient.communication[0].language' }]);
    const textOnly = [{ language: { text: 'English' } }];
    expect(errors(v.validate(patient({ communication: textOnly })))).toEqual([{ code: 'code-invalid', expression: 'Patient.communication[0].language' }]);
  });

  it('required bindings to external systems: system and format only', () => {
    const obs = (coding: object): object => ({ resourceType: 'Observation', meta: { profile: [OBSERVATION] }, status: 'final', code: { coding: [coding] } });
    expect(errors(v.validate(obs({ system: 'http://www.ama-assn.org/go/cpt', code: '99213' })))).toEqual([]);
    expect(errors(v.validate(obs({ system: 'http://example.org/cs', code: 'a' })))).toEqual([]);
    const bad = v.validate(obs({ system: 'http://www.ama-assn.org/go/cpt', code: 'G0154' }));
    expect(errors(bad)).toEqual([{ code: 'code-invalid', expression: 'Observation.code' }]);
    expect(bad[0]?.diagnostics).toContain("'G0154' is not a valid CPT code");
    const otherSystem = v.validate(obs({ system: 'http://snomed.info/sct', code: '80146002' }));
    expect(otherSystem[0]?.diagnostics).toContain('The code system http://snomed.info/sct is not allowed');
  });

  it('an unknown profile is refused with a typed error', () => {
    expect(() => v.validate(good, `${BASE}nope`)).toThrow(expect.objectContaining({ code: 'UM_ERR_FHIR_UNKNOWN_PROFILE' }));
    expect(errors(v.validate({ resourceType: 'Observation' }, PATIENT))).toEqual([{ code: 'invalid', expression: 'Observation' }]);
  });
});
