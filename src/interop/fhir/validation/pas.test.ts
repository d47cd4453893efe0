import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ValidationIssue } from './issues';
import { isRecord, objs, type JsonObject } from './json';
import { DEFAULT_PACKAGE_FILES, readPackage } from './loader';
import { pasBundleProfile, pickPasProfile, validatePasBundle } from './pas';
import { createValidator, type FhirValidator } from './validator';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/fhir/', import.meta.url));
const load = (file: string): JsonObject => {
  const r: unknown = JSON.parse(readFileSync(FIXTURES + file, 'utf8'));
  if (!isRecord(r)) throw new Error(file);
  return r;
};
const REFERRAL = 'pas-ig-2.2.1/Bundle-ReferralAuthorizationBundleExample.json';

let v: FhirValidator;
beforeAll(async () => {
  v = await createValidator();
});

const errors = (issues: readonly ValidationIssue[]): (readonly [string, string])[] =>
  issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.expression] as const);

/**
 * A deep copy of a corpus bundle, changed by `edit` (which may mutate the copy), declared as PAS
 * 2.2.1 (`meta.profile` with `|2.2.1`): an unversioned bundle that breaks a 2.2.1-only rule would
 * be accepted as valid PAS 2.0.1.
 */
function mutated(file: string, edit: (bundle: JsonObject, claim: Record<string, unknown>) => void): JsonObject {
  const original = load(file);
  const kind = objs(original, 'entry')[0]?.['resource'];
  const profile = isRecord(kind) && kind['resourceType'] === 'ClaimResponse' ? pasBundleProfile('response') : pasBundleProfile('request');
  const b: unknown = JSON.parse(JSON.stringify({ ...original, meta: { profile: [`${profile}|2.2.1`] } }));
  if (!isRecord(b)) throw new Error(file);
  const claim: unknown = objs(b, 'entry')[0]?.['resource'];
  if (!isRecord(claim)) throw new Error('no first entry');
  edit(b, { ...claim });
  return b;
}

/** Replace the first entry's resource. */
function withClaim(bundle: JsonObject, claim: Record<string, unknown>): JsonObject {
  const entries = objs(bundle, 'entry');
  return { ...bundle, entry: [{ ...entries[0], resource: claim }, ...entries.slice(1)] };
}

describe('pickPasProfile', () => {
  it('takes the kind from the operation, meta.profile or the first entry, and the version from |version', () => {
    const referral = load(REFERRAL);
    expect(pickPasProfile(referral)).toEqual({ kind: 'request', profile: pasBundleProfile('request'), declaredVersion: undefined, candidates: ['2.2.1', '2.0.1'] });
    const declared = { ...referral, meta: { profile: [`${pasBundleProfile('request')}|2.0.1`] } };
    expect(pickPasProfile(declared)).toMatchObject({ kind: 'request', declaredVersion: '2.0.1', candidates: ['2.0.1'] });
    const noMeta = { ...referral, meta: undefined };
    expect(pickPasProfile(noMeta)).toMatchObject({ kind: 'request', candidates: ['2.2.1', '2.0.1'] });
    expect(pickPasProfile(noMeta, 'inquiry')).toMatchObject({ kind: 'inquiry', profile: pasBundleProfile('inquiry') });
  });

  it('refuses other PAS versions and what is not a PAS bundle, with an issue', () => {
    const old = { ...load(REFERRAL), meta: { profile: [`${pasBundleProfile('request')}|1.1.0`] } };
    expect(pickPasProfile(old)).toEqual({
      severity: 'error',
      code: 'not-supported',
      expression: 'Bundle.meta.profile',
      diagnostics: 'PAS version 1.1.0 is not supported; this server accepts PAS 2.2.1 and 2.0.1',
    });
    expect(pickPasProfile({ resourceType: 'Claim' })).toMatchObject({ severity: 'error', code: 'structure' });
    expect(pickPasProfile({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: { resourceType: 'Patient' } }] })).toMatchObject({ severity: 'error', code: 'invalid' });
    expect(validatePasBundle(v, old)).toMatchObject({ kind: undefined, version: undefined, tried: [], issues: [expect.objectContaining({ code: 'not-supported' })] });
  });
});

describe('validatePasBundle: versions', () => {
  it('a bundle declaring |2.0.1 is checked against 2.0.1 only (PAS 2.0.1 IG example)', async () => {
    const pas201 = await readPackage(DEFAULT_PACKAGE_FILES[1] ?? '');
    const example = pas201.examples.get('Bundle-ReferralAuthorizationBundleExample.json');
    if (!isRecord(example)) throw new Error('example missing');
    const declared = { ...example, meta: { profile: [`${pasBundleProfile('request')}|2.0.1`] } };
    const r = validatePasBundle(v, declared, 'request');
    expect(r).toMatchObject({ version: '2.0.1', profile: `${pasBundleProfile('request')}|2.0.1`, tried: [{ version: '2.0.1', errors: 0 }] });
    // The same 2.0.1 bundle unversioned: 2.2.1 fails, 2.0.1 passes, accepted as 2.0.1.
    expect(validatePasBundle(v, example, 'request')).toMatchObject({ version: '2.0.1', tried: [{ version: '2.2.1' }, { version: '2.0.1', errors: 0 }] });
  });

  it('the test-kit v110 request is not PAS 2.0.1 either: its X12 systems are http://, not https://', () => {
    const bundle = load('pas-testkit/conformant_pas_bundle_v110.json');
    const issues = v.validate(bundle, `${pasBundleProfile('request')}|2.0.1`, { context: { name: 'hl7.fhir.us.davinci-pas', version: '2.0.1' } });
    expect(errors(issues)).toEqual([
      ['code-invalid', 'Bundle.entry[0].resource.extension[0].value.ofType(CodeableConcept)'],
      ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[3].value.ofType(CodeableConcept)'],
      ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[4].value.ofType(CodeableConcept)'],
      ['invalid', 'Bundle.entry[0].resource.item[0].extension[5].value.ofType(Reference)'],
      ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[7].value.ofType(CodeableConcept)'],
      ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[8].value.ofType(CodeableConcept)'],
      ['required', 'Bundle.entry[0].resource.item[0].category'],
      ['code-invalid', 'Bundle.entry[0].resource.item[0].productOrService'],
      ['code-invalid', 'Bundle.entry[5].resource.code'],
    ]);
    expect(issues[0]?.diagnostics).toBe(
      'The code system http://codesystem.x12.org/005010/1338 is not allowed by the value set https://valueset.x12.org/x217/005010/request/2000E/UM/1/06/00/1338 (required binding of Extension.value[x])',
    );
  });

  it('the non-conformant test-kit bundle shows exactly what it was built to show: no entries', () => {
    const r = validatePasBundle(v, load('pas-testkit/nonconformant_pas_bundle_v110.json'), 'request');
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([
      { severity: 'error', code: 'structure', expression: 'Bundle.entry', diagnostics: "The array 'entry' is empty: leave the element out instead" },
      { severity: 'error', code: 'required', expression: 'Bundle.entry', diagnostics: 'Bundle.entry: minimum required = 1, but only found 0' },
      { severity: 'error', code: 'required', expression: 'Bundle.entry', diagnostics: "Slice 'Claim' of Bundle.entry: minimum required = 1, but only found 0" },
    ]);
    expect(r.issues.at(-1)).toMatchObject({ severity: 'information', diagnostics: 'Not valid PAS 2.2.1 (3 errors) nor 2.0.1 (3 errors); the issues shown are those of PAS 2.2.1' });
  });
});

describe('PAS 2.2.1 rules on mutated IG examples', () => {
  it('Claim must be the first entry (ClaimFirst invariant, new in 2.2: unversioned, the bundle is valid 2.0.1)', () => {
    const b = mutated(REFERRAL, (bundle) => {
      const entries = objs(bundle, 'entry');
      Object.assign(bundle, { entry: [entries[1], entries[0], ...entries.slice(2)] });
    });
    const issues = validatePasBundle(v, b, 'request').issues;
    expect(errors(issues)).toEqual([['invariant', 'Bundle']]);
    expect(issues[0]?.diagnostics).toBe('Constraint failed: ClaimFirst: A Prior Authorization Bundle must have the PAS Request as the first resource (entry.first().resource is Claim)');
    const unversioned = { ...b, meta: { profile: [pasBundleProfile('request')] } };
    expect(validatePasBundle(v, unversioned, 'request')).toMatchObject({ version: '2.0.1', tried: [{ version: '2.2.1', errors: 1 }, { version: '2.0.1', errors: 0 }] });
  });

  it('item request type and certification type extensions are required', () => {
    const b = mutated(REFERRAL, (bundle, claim) => {
      const items = objs(claim, 'item');
      const item = items[0] ?? {};
      const ext = objs(item, 'extension').filter((e) => !String(e['url']).endsWith('extension-serviceItemRequestType'));
      Object.assign(bundle, withClaim(bundle, { ...claim, item: [{ ...item, extension: ext }, ...items.slice(1)] }));
    });
    const issues = validatePasBundle(v, b, 'request').issues.filter((i) => i.severity === 'error');
    expect(issues.map((i) => [i.code, i.expression, i.diagnostics])).toEqual([
      ['required', 'Bundle.entry[0].resource.item[0].extension', "Slice 'requestType' of Claim.item.extension: minimum required = 1, but only found 0"],
      ['invalid', 'Bundle.entry[0].resource', expect.stringContaining('does not conform to any of the allowed profiles')],
    ]);
  });

  it('fixed and pattern values (Claim.use = preauthorization, Bundle.type = collection)', () => {
    const b = mutated(REFERRAL, (bundle, claim) => {
      Object.assign(bundle, withClaim({ ...bundle, type: 'batch' }, { ...claim, use: 'claim' }));
    });
    expect(errors(validatePasBundle(v, b, 'request').issues)).toEqual([
      ['invariant', 'Bundle'], // bdl-3: a batch needs entry.request
      ['value', 'Bundle.type'],
      ['value', 'Bundle.entry[0].resource.use'],
      ['invalid', 'Bundle.entry[0].resource'],
    ]);
  });

  it('supportingInfo slices by category: AdditionalInformation needs its documentInformation extension', () => {
    const b = mutated(REFERRAL, (bundle, claim) => {
      const info = objs(claim, 'supportingInfo').map((s) => ({ ...s, extension: undefined }));
      Object.assign(bundle, withClaim(bundle, { ...claim, supportingInfo: JSON.parse(JSON.stringify(info)) as unknown }));
    });
    const issues = validatePasBundle(v, b, 'request').issues.filter((i) => i.severity === 'error');
    expect(issues.map((i) => [i.code, i.expression, i.diagnostics])).toEqual([
      ['required', 'Bundle.entry[0].resource.supportingInfo[0].extension', 'Claim.supportingInfo:AdditionalInformation.extension: minimum required = 1, but only found 0'],
      ['required', 'Bundle.entry[0].resource.supportingInfo[0].extension', "Slice 'documentInformation' of Claim.supportingInfo:AdditionalInformation.extension: minimum required = 1, but only found 0"],
      ['invalid', 'Bundle.entry[0].resource', expect.stringContaining('The Claim does not conform to any of the allowed profiles')],
    ]);
  });

  it('X12 codes are checked for system and format (certification type)', () => {
    const b = mutated(REFERRAL, (bundle, claim) => {
      const items = objs(claim, 'item');
      const item = items[0] ?? {};
      const ext = objs(item, 'extension').map((e) =>
        String(e['url']).endsWith('extension-certificationType') ? { ...e, valueCodeableConcept: { coding: [{ system: 'https://codesystem.x12.org/005010/1322', code: 'INITIAL' }] } } : e,
      );
      Object.assign(bundle, withClaim(bundle, { ...claim, item: [{ ...item, extension: ext }, ...items.slice(1)] }));
    });
    const issues = validatePasBundle(v, b, 'request').issues.filter((i) => i.severity === 'error');
    expect(issues[0]).toEqual({
      severity: 'error',
      code: 'code-invalid',
      expression: 'Bundle.entry[0].resource.item[0].extension[1].value.ofType(CodeableConcept)',
      diagnostics: "'INITIAL' is not a valid X12 code code (system https://codesystem.x12.org/005010/1322) (required binding of Extension.value[x])",
    });
  });

  it('response bundles: review action codes and outcome (no "queued" in 2.x)', () => {
    const b = mutated('pas-ig-2.2.1/Bundle-ReferralAuthorizationResponseBundleExample.json', (bundle, response) => {
      Object.assign(bundle, withClaim(bundle, { ...response, outcome: 'queued' }));
    });
    const r = validatePasBundle(v, b, 'response');
    expect(errors(r.issues)).toEqual([['code-invalid', 'Bundle.entry[0].resource.outcome']]);
    expect(r.tried).toEqual([{ version: '2.2.1', errors: 1 }]);
  });
});
