import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACKAGE_FILES, readPackage } from './loader';

describe('IG package loader', () => {
  it('reads the four packages in memory: manifest, conformance resources and examples', async () => {
    const packages = await Promise.all(DEFAULT_PACKAGE_FILES.map((f) => readPackage(f)));
    expect(packages.map((p) => `${p.name}#${p.version}`)).toEqual([
      'hl7.fhir.us.davinci-pas#2.2.1',
      'hl7.fhir.us.davinci-pas#2.0.1',
      'hl7.fhir.us.davinci-crd#2.0.1',
      'hl7.fhir.us.davinci-dtr#2.0.1',
    ]);
    expect(packages.map((p) => p.examples.size)).toEqual([47, 39, 16, 16]);
    const pas = packages[0];
    const types = new Set(pas?.resources.map((r) => (typeof r === 'object' && r !== null && 'resourceType' in r ? r.resourceType : undefined)));
    expect([...types].sort()).toEqual(['CodeSystem', 'StructureDefinition', 'ValueSet']);
    expect(pas?.resources).toHaveLength(81 + 24 + 1);
  });

  it('a warmed validator has its caches ready', async () => {
    const { createValidator } = await import('./validator');
    const warm = await createValidator({ warm: true });
    const pas = await readPackage(DEFAULT_PACKAGE_FILES[0] ?? '');
    const bundle = pas.examples.get('Bundle-ReferralAuthorizationBundleExample.json');
    const t = performance.now();
    expect(warm.validate(bundle).filter((i) => i.severity === 'error')).toEqual([]);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('reads each file once (memoised)', async () => {
    const f = DEFAULT_PACKAGE_FILES[0] ?? '';
    expect(readPackage(f)).toBe(readPackage(f));
  });

  it('refuses a file that is not a FHIR package', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fhir-pkg-'));
    const file = join(dir, 'not-a-package.tgz');
    writeFileSync(file, 'hello');
    await expect(readPackage(file)).rejects.toMatchObject({ code: 'UM_ERR_FHIR_DEFINITIONS' });
  });
});
