import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACKAGE_FILES, readCoreDefinitions, readPackage } from './loader';
import { CORE_PACKAGE, Registry } from './registry';
import { Terminology, type Expansion } from './terminology';

let registry: Registry;
let tx: Terminology;
const PAS221 = { name: 'hl7.fhir.us.davinci-pas', version: '2.2.1' };
const PAS201 = { name: 'hl7.fhir.us.davinci-pas', version: '2.0.1' };

beforeAll(async () => {
  const packages = await Promise.all(DEFAULT_PACKAGE_FILES.map((f) => readPackage(f)));
  const core = await readCoreDefinitions();
  registry = new Registry([...packages.map((p) => ({ pkg: { name: p.name, version: p.version }, resources: p.resources })), { pkg: CORE_PACKAGE, resources: core.resources }]);
  tx = new Terminology(registry);
});

const expand = (url: string, ctx = PAS221): Expansion => {
  const e = tx.expand(url, ctx);
  if (e === undefined) throw new Error(`cannot expand ${url}`);
  return e;
};

describe('value-set expansion from the packages', () => {
  it('concept lists (PAS ClaimResponseOutcome: complete | error | partial, no queued)', () => {
    const e = expand('http://hl7.org/fhir/us/davinci-pas/ValueSet/ClaimResponseOutcome');
    expect([...(e.codes.get('http://hl7.org/fhir/remittance-outcome') ?? [])].sort()).toEqual(['complete', 'error', 'partial']);
    expect(tx.check(e, undefined, 'queued')).toEqual({ ok: false, message: expect.stringContaining("'queued'") });
  });

  it('hierarchy filters on a carried code system (cs-categories: descendent-of _reqcat)', () => {
    const e = expand('http://hl7.org/fhir/us/davinci-pas/ValueSet/cs-categories');
    const codes = e.codes.get('http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes');
    expect(codes?.size).toBeGreaterThan(0);
    expect(codes?.has('_reqcat')).toBe(false);
  });

  it('whole external systems are checked by system and format (X12278RequestedServiceType)', () => {
    const e = expand('http://hl7.org/fhir/us/davinci-pas/ValueSet/X12278RequestedServiceType');
    expect([...e.external]).toEqual(expect.arrayContaining(['http://www.ama-assn.org/go/cpt', 'https://codesystem.x12.org/005010/1365', 'http://hl7.org/fhir/sid/ndc']));
    expect(tx.check(e, 'http://www.ama-assn.org/go/cpt', '99213')).toEqual({ ok: true, formatOnly: true });
    expect(tx.check(e, 'http://www.ama-assn.org/go/cpt', 'G0154').ok).toBe(false);
    expect(tx.check(e, 'http://codesystem.x12.org/005010/1365', '3').ok).toBe(false);
    expect(tx.check(e, 'http://terminology.hl7.org/CodeSystem/data-absent-reason', 'not-applicable')).toEqual({ ok: true, formatOnly: false });
  });

  it('value sets from the R4 core (bundle-type) and version-specific package copies', () => {
    const bundleType = expand('http://hl7.org/fhir/ValueSet/bundle-type|4.0.1');
    expect(tx.check(bundleType, 'http://hl7.org/fhir/bundle-type', 'collection').ok).toBe(true);
    expect(tx.check(bundleType, 'http://hl7.org/fhir/bundle-type', 'bag').ok).toBe(false);
    const info221 = expand('http://hl7.org/fhir/us/davinci-pas/ValueSet/PASSupportingInfoType', PAS221);
    const info201 = expand('http://hl7.org/fhir/us/davinci-pas/ValueSet/PASSupportingInfoType', PAS201);
    const system = 'http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes';
    expect(info221.codes.get(system)?.size).toBe(5);
    expect(info201.codes.get(system)?.size).toBe(6);
  });

  it('X12 value sets that are not in the packages are characterised by their element', () => {
    const e = expand('https://valueset.x12.org/x217/005010/response/2000F/HCR/1/01/00/306');
    expect(tx.check(e, 'https://codesystem.x12.org/005010/306', 'A1')).toEqual({ ok: true, formatOnly: true });
    expect(tx.check(e, 'https://codesystem.x12.org/005010/306', 'PENDEDCODE').ok).toBe(false);
  });

  it('an unknown value set is not expandable (the validator says so, never pretends)', () => {
    expect(tx.expand('http://hl7.org/fhir/us/core/ValueSet/us-core-usps-state', PAS221)).toBeUndefined();
  });
});
