/**
 * Loads the criteria-set files of a folder (the repository's `criteria/`, or a plan's own).
 * This is the only function of the criteria capability that touches the file system.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { UmError, isUmError, type ErrorDetail } from '../platform/errors';
import { compileCriteriaSet, type CompiledCriteriaSet } from './engine';
import { compareVersions } from './registry';
import { parseCriteriaSet } from './validate';

async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map(async (e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return jsonFiles(path);
    return e.isFile() && e.name.endsWith('.json') ? [path] : [];
  }));
  return nested.flat().sort();
}

/**
 * Reads every `*.json` under `dir` (recursively) as a criteria-set version, validates and
 * compiles it. Any problem in any file fails the whole load with `UM_ERR_CRITERIA_SET_INVALID`;
 * each detail's path is `<file>#<JSON pointer>`. Two files with the same id and version fail too.
 */
export async function loadCriteriaSets(dir: string): Promise<CompiledCriteriaSet[]> {
  const files = await jsonFiles(dir);
  const details: ErrorDetail[] = [];
  const loaded: CompiledCriteriaSet[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const name = relative(dir, file);
    let doc: unknown;
    try {
      doc = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      details.push({ path: name, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` });
      continue;
    }
    try {
      const compiled = compileCriteriaSet(parseCriteriaSet(doc, name));
      const key = `${compiled.set.id}@${compiled.set.version}`;
      const other = seen.get(key);
      if (other !== undefined) details.push({ path: name, message: `${key} is also defined in ${other}` });
      seen.set(key, name);
      loaded.push(compiled);
    } catch (e) {
      if (!isUmError(e)) throw e;
      for (const d of e.details) details.push({ path: `${name}#${d.path ?? ''}`, message: d.message });
    }
  }
  if (details.length > 0) {
    throw new UmError('UM_ERR_CRITERIA_SET_INVALID', `${details.length} problem(s) in the criteria sets under ${dir}`, { details });
  }
  return loaded.sort((a, b) => a.set.id.localeCompare(b.set.id) || compareVersions(a.set.version, b.set.version));
}
