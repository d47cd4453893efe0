/**
 * Da Vinci PAS `Claim/$submit` through HTTP: 4 concurrent clients submit the PAS 2.2.1 IG request
 * examples that become cases (MedicalServices, Homecare, Surgical — each with a fresh Bundle and Claim
 * identifier) for 20 s against a server in its own process on PostgreSQL (demo tenant, a sandbox),
 * compared with plain single-row INSERTs by `pg` with 4 clients in the same run.
 *   npm run bench -- pas [--seconds=20]
 * Each submission: profile validation (PAS 2.2.1), member / provider resolution, the intake use case
 * (case, lines, DOFR routing, coverage automation, clock, audit chain), the PAS request record and the
 * Response Bundle built from stored state, behind SMART scope checks and an audited call.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_URL, ROOT, fmt, freshDatabase, load, machine, plainInsertBaseline, startServer } from './_support';

const CLIENTS = 4;
const EXAMPLES = [
  'Bundle-MedicalServicesAuthorizationBundleExample.json',
  'Bundle-HomecareAuthorizationBundleExample.json',
  'Bundle-SurgicalRequestBundleExample.json',
] as const;

type J = Record<string, unknown>;
const obj = (v: unknown): J => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.fromEntries(Object.entries(v)) : {});

/** The corpus copy, or (the surgical example, not in the shared corpus) the copy taken from the IG package. */
function readExample(name: string): J {
  const dir = name.includes('Surgical') ? 'pas-package-2.2.1' : 'pas-ig-2.2.1';
  return obj(JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'fhir', dir, name), 'utf8')));
}

/** The example with a unique Bundle.identifier and Claim.identifier. */
function variant(base: J, key: string): string {
  const entries = Array.isArray(base['entry']) ? base['entry'].map(obj) : [];
  const claim = obj(entries[0]?.['resource']);
  const ids = Array.isArray(claim['identifier']) ? claim['identifier'].map(obj) : [];
  const first = { ...ids[0], value: key };
  return JSON.stringify({
    ...base,
    identifier: { system: 'urn:openum:bench', value: key },
    entry: [{ ...entries[0], resource: { ...claim, identifier: [first, ...ids.slice(1)] } }, ...entries.slice(1)],
  });
}

let errorsShown = 0;

export default async function run(args: string[]): Promise<void> {
  const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 20);
  console.log(`machine: ${machine()}; PostgreSQL at ${new URL(BASE_URL).host}`);
  const examples = EXAMPLES.map(readExample);
  const db = await freshDatabase();
  try {
    const server = await startServer({ DATABASE_URL: db.url, OPENUM_DEMO: 'true' });
    try {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'demo-ehr', client_secret: 'demo-ehr-secret', scope: 'system/Claim.write' });
      const tokenResponse = await fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
      const token = String(obj(await tokenResponse.json())['access_token']);
      const headers = { 'content-type': 'application/fhir+json', accept: 'application/fhir+json', authorization: `Bearer ${token}` };
      let runId = 0;
      const submit = async (c: number, i: number) => {
        const body = variant(examples[(c + i) % examples.length] ?? {}, `bench-${runId}-${c}-${i}`);
        const r = await fetch(`${server.url}/fhir/Claim/$submit`, { method: 'POST', headers, body });
        const text = await r.text();
        if (r.status !== 200 || !text.includes('"ClaimResponse"') || text.includes('"outcome":"error"')) {
          if (errorsShown++ < 3) console.error(`HTTP ${r.status}: ${text.slice(0, 400)}`);
          throw new Error(`HTTP ${r.status}`);
        }
      };
      // Warm-up: the first call loads the IG packages (validator); the sandbox registers the member.
      for (let i = 0; i < 3; i++) await submit(0, i);
      await load(CLIENTS, 3, submit);
      runId = 1;
      const pas = await load(CLIENTS, seconds, submit);
      const base = await plainInsertBaseline(db.url, CLIENTS, Math.min(seconds, 10));
      console.log(`PAS $submit (IG request examples), ${CLIENTS} clients, ${seconds} s: ${fmt(pas.perSecond)} submissions/s, p50 ${fmt(pas.p50)} ms, p99 ${fmt(pas.p99)} ms, errors ${pas.errors}`);
      console.log(`plain single-row INSERT (pg), ${CLIENTS} clients: ${fmt(base.perSecond)} rows/s, p50 ${fmt(base.p50, 2)} ms, p99 ${fmt(base.p99, 2)} ms`);
      console.log(`ratio submissions/s ÷ plain inserts/s: ${fmt(pas.perSecond / base.perSecond, 4)}`);
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}
