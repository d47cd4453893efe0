import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UmError } from '../platform/errors';
import { loadCriteriaSets } from './loader';
import { createCompiledSetCache, createCriteriaRegistry } from './registry';
import { parseCriteriaSet } from './validate';
import { minimalSetDoc } from './test-support';

let dir = '';
afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

async function folder(files: Record<string, string>): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'openum-criteria-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const doc = (change: (d: Record<string, unknown>) => void = () => undefined): string => {
  const d = minimalSetDoc();
  change(d);
  return JSON.stringify(d);
};

describe('loadCriteriaSets', () => {
  it('loads every version under the folder, sorted by id and version, ignoring other files', async () => {
    const d = await folder({
      'test-set/v2.json': doc((x) => { x['version'] = '2'; x['questionnaire'] = { ...(x['questionnaire'] as object), version: '2' }; x['effective'] = { from: '2025-01-01' }; }),
      'test-set/v1.json': doc((x) => { x['effective'] = { from: '2024-01-01', to: '2024-12-31' }; }),
      'pa-list.sample.csv': 'not,json',
    });
    const sets = await loadCriteriaSets(d);
    expect(sets.map((s) => `${s.set.id}@${s.set.version}`)).toEqual(['test-set@1', 'test-set@2']);
    const registry = createCriteriaRegistry(sets);
    expect(registry.inForce('test-set', '2024-06-01')?.set.version).toBe('1');
    expect(registry.inForce('test-set', '2025-06-01')?.set.version).toBe('2');
    expect(registry.inForce('test-set', '2023-06-01')).toBeUndefined();
    expect(registry.forCode('CPT', '12345', '2025-06-01').map((s) => s.set.version)).toEqual(['2']);
    expect(() => registry.requireInForce('test-set', '2023-06-01')).toThrow(UmError);
  });

  it('caches compiled sets by id, version and content', () => {
    const cache = createCompiledSetCache();
    const a = cache.compile(parseCriteriaSet(minimalSetDoc()));
    expect(cache.compile(parseCriteriaSet(minimalSetDoc()))).toBe(a);
    const changed = minimalSetDoc();
    changed['title'] = 'Changed';
    const b = cache.compile(parseCriteriaSet(changed));
    expect(b).not.toBe(a);
    expect(b.set.title).toBe('Changed');
    expect(cache.size).toBe(1);
  });

  it('fails the whole load with every problem, naming the file', async () => {
    const d = await folder({
      'a/v1.json': '{ not json',
      'b/v1.json': doc((x) => { x['status'] = 'live'; }),
      'c/v1.json': doc(),
      'd/v1.json': doc(),
    });
    const err = await loadCriteriaSets(d).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(UmError);
    if (!(err instanceof UmError)) return;
    expect(err.code).toBe('UM_ERR_CRITERIA_SET_INVALID');
    expect(err.details).toEqual([
      { path: 'a/v1.json', message: expect.stringMatching(/^not JSON: /) },
      { path: 'b/v1.json#/status', message: 'must be equal to constant' },
      { path: 'b/v1.json#/status', message: 'must match a schema in anyOf' },
      { path: 'd/v1.json', message: 'test-set@1 is also defined in c/v1.json' },
    ]);
  });
});
