import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidationIssue } from './issues';
import { testValidator } from './test-support';
import type { FhirValidator } from './validator';

let v: FhirValidator;
beforeAll(async () => {
  v = await testValidator([]);
});

const errors = (issues: readonly ValidationIssue[]): { code: string; expression: string }[] =>
  issues.filter((i) => i.severity === 'error').map((i) => ({ code: i.code, expression: i.expression }));

describe('structure against the R4 core definitions', () => {
  it('accepts a minimal valid resource', () => {
    expect(errors(v.validate({ resourceType: 'Patient', id: 'p1', active: true, name: [{ family: 'Doe' }] }))).toEqual([]);
  });

  it('reports unknown elements with their path', () => {
    const issues = v.validate({ resourceType: 'Patient', name: [{ family: 'Doe', nickname: 'J' }], foo: 1 });
    expect(errors(issues)).toEqual([
      { code: 'structure', expression: 'Patient.foo' },
      { code: 'structure', expression: 'Patient.name[0].nickname' },
    ]);
  });

  it('checks JSON types, arrays and single values', () => {
    const issues = v.validate({ resourceType: 'Patient', active: 'yes', gender: ['male'], name: { family: 'Doe' } });
    expect(errors(issues)).toEqual([
      { code: 'structure', expression: 'Patient.active' },
      { code: 'structure', expression: 'Patient.name' },
      { code: 'structure', expression: 'Patient.gender' },
    ]);
    expect(issues.find((i) => i.expression === 'Patient.active')?.diagnostics).toContain('must be a JSON boolean');
  });

  it('checks primitive formats, including real calendar dates', () => {
    expect(errors(v.validate({ resourceType: 'Patient', birthDate: '2020-13-01' }))).toEqual([{ code: 'value', expression: 'Patient.birthDate' }]);
    expect(errors(v.validate({ resourceType: 'Patient', birthDate: '2024-02-30' }))).toEqual([{ code: 'value', expression: 'Patient.birthDate' }]);
    expect(errors(v.validate({ resourceType: 'Patient', birthDate: '2024-02-29' }))).toEqual([]);
    expect(errors(v.validate({ resourceType: 'Patient', multipleBirthInteger: 1.5 }))).toEqual([{ code: 'value', expression: 'Patient.multipleBirth.ofType(integer)' }]);
  });

  it('handles choice types: one type only, and only allowed types', () => {
    expect(errors(v.validate({ resourceType: 'Patient', deceasedBoolean: false }))).toEqual([]);
    const two = v.validate({ resourceType: 'Patient', deceasedBoolean: false, deceasedDateTime: '2020-01-01' });
    expect(errors(two)).toEqual([{ code: 'structure', expression: 'Patient.deceased' }]);
    const wrongType = v.validate({ resourceType: 'Patient', deceasedString: 'yes' });
    expect(errors(wrongType)).toEqual([{ code: 'structure', expression: 'Patient.deceasedString' }]);
    expect(wrongType[0]?.diagnostics).toContain('not allowed');
  });

  it('applies ele-1 and ext-1 natively', () => {
    expect(errors(v.validate({ resourceType: 'Patient', name: [{}] }))).toEqual([{ code: 'invariant', expression: 'Patient.name[0]' }]);
    const ext = { url: 'http://example.org/x', valueString: 'a', extension: [{ url: 'y', valueString: 'b' }] };
    expect(errors(v.validate({ resourceType: 'Patient', extension: [ext] }))).toEqual([{ code: 'invariant', expression: 'Patient.extension[0]' }]);
  });

  it('validates primitive extensions (_element)', () => {
    const ok = { resourceType: 'Patient', _birthDate: { extension: [{ url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', valueCode: 'unknown' }] } };
    expect(errors(v.validate(ok))).toEqual([]);
    expect(errors(v.validate({ resourceType: 'Patient', _birthDate: {} }))).toEqual([{ code: 'invariant', expression: 'Patient.birthDate' }]);
  });

  it('reports missing required elements', () => {
    expect(errors(v.validate({ resourceType: 'Bundle' }))).toEqual([{ code: 'required', expression: 'Bundle.type' }]);
  });

  it('checks required bindings of the core (administrative-gender)', () => {
    const issues = v.validate({ resourceType: 'Patient', gender: 'bogus' });
    expect(errors(issues)).toEqual([{ code: 'code-invalid', expression: 'Patient.gender' }]);
  });

  it('evaluates core invariants with FHIRPath (per-1 on a Period)', () => {
    const issues = v.validate({ resourceType: 'Patient', name: [{ family: 'Doe', period: { start: '2021-01-01', end: '2020-01-01' } }] });
    expect(errors(issues)).toEqual([{ code: 'invariant', expression: 'Patient.name[0].period' }]);
    expect(issues.find((i) => i.severity === 'error')?.diagnostics).toContain('per-1');
  });

  it('resolves %rootResource for contained resources (ref-1) and checks dom-3', () => {
    const org = { resourceType: 'Organization', id: 'org1', name: 'Acme' };
    expect(errors(v.validate({ resourceType: 'Patient', contained: [org], managingOrganization: { reference: '#org1' } }))).toEqual([]);
    const dangling = v.validate({ resourceType: 'Patient', contained: [org], managingOrganization: { reference: '#nope' } });
    expect(errors(dangling)).toEqual([
      { code: 'invariant', expression: 'Patient' },
      { code: 'invariant', expression: 'Patient.managingOrganization' },
    ]);
    const failed = dangling.filter((i) => i.severity === 'error').map((i) => i.diagnostics.slice(0, 24));
    expect(failed).toEqual(['Constraint failed: dom-3', 'Constraint failed: ref-1']);
  });

  it('validates Bundle entries in place and checks reference target types inside the Bundle', () => {
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [
        { fullUrl: 'urn:uuid:8b4e4f61-0000-4000-8000-000000000001', resource: { resourceType: 'Patient', managingOrganization: { reference: 'urn:uuid:8b4e4f61-0000-4000-8000-000000000002' } } },
        { fullUrl: 'urn:uuid:8b4e4f61-0000-4000-8000-000000000002', resource: { resourceType: 'Practitioner', foo: true } },
      ],
    };
    expect(errors(v.validate(bundle))).toEqual([
      { code: 'invalid', expression: 'Bundle.entry[0].resource.managingOrganization' },
      { code: 'structure', expression: 'Bundle.entry[1].resource.foo' },
    ]);
  });

  it('refuses hostile nesting instead of overflowing the stack', () => {
    let item: Record<string, unknown> = { linkId: 'x', type: 'group' };
    for (let i = 0; i < 2000; i++) item = { linkId: `l${i}`, type: 'group', item: [item] };
    const issues = v.validate({ resourceType: 'Questionnaire', status: 'draft', item: [item] });
    expect(errors(issues)).toEqual([{ code: 'structure', expression: expect.stringMatching(/^Questionnaire\.item\[0\]\.item\[0\]/) }]);
    expect(issues[0]?.diagnostics).toContain('nested too deeply');
  });

  it('rejects what is not a FHIR resource', () => {
    expect(errors(v.validate('x'))).toEqual([{ code: 'structure', expression: 'Resource' }]);
    expect(errors(v.validate({ resourceType: 'Spaceship' }))).toEqual([{ code: 'structure', expression: 'Spaceship' }]);
    const nested = v.validate({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Nope' } }] });
    expect(errors(nested)).toEqual([{ code: 'structure', expression: 'Bundle.entry[0].resource' }]);
  });

  it('says when an extension definition is not available instead of skipping it silently', () => {
    const issues = v.validate({ resourceType: 'Patient', extension: [{ url: 'http://example.org/unknown', valueString: 'x' }] });
    expect(issues.filter((i) => i.severity !== 'warning')).toEqual([
      expect.objectContaining({ severity: 'information', code: 'informational', expression: 'Patient.extension[0]' }),
    ]);
    // An unknown modifier extension is an error: it may change the meaning of the resource.
    const modifier = v.validate({ resourceType: 'Patient', modifierExtension: [{ url: 'http://example.org/unknown', valueBoolean: true }] });
    expect(errors(modifier)).toEqual([{ code: 'not-supported', expression: 'Patient.modifierExtension[0]' }]);
    // The only warning: dom-6 (no narrative), a best-practice invariant reported as a warning.
    expect(issues.filter((i) => i.severity === 'warning').map((i) => i.diagnostics.slice(0, 24))).toEqual(['Constraint failed: dom-6']);
  });
});
