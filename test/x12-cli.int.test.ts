/**
 * The real `openum x12 FILE` and `openum import 834 FILE` commands, run as a user runs them
 * (bin/openum.mjs in a child process) against a database the test prepares: a folder PGlite, or
 * a fresh database on the PostgreSQL server when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { and, count, eq } from 'drizzle-orm';
import { loadConfig, type Config } from '../src/platform/config';
import { openDatabase, type Db } from '../src/platform/db';
import { coverages, members } from '../src/members/schema';
import { cases } from '../src/intake/schema';
import { x12Requests } from '../src/interop/x12/schema';
import { addX12World, type X12World } from '../src/interop/x12/testing/world';
import { segmentsOf } from '../src/interop/x12/syntax/read';
import { buildTenant, type TestTenant } from './support/builders';
import { onPostgres, testDatabase, type TestDatabase } from './support/db';

const ROOT = join(import.meta.dirname, '..');
const CLI = join(ROOT, 'bin', 'openum.mjs');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'x12');
const execute = promisify(execFile);

let dir: string;
let pg: TestDatabase | null = null;
let config: Config;
let env: NodeJS.ProcessEnv;
let t: TestTenant;
let w: X12World;

/** Opens the database the command uses (a folder PGlite takes one process at a time: closed after `f`). */
async function withDb<T>(f: (db: Db) => Promise<T>): Promise<T> {
  if (pg !== null) return f(pg.database.db);
  const d = await openDatabase(config);
  try {
    return await f(d.db);
  } finally {
    await d.close();
  }
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}
async function openum(...args: string[]): Promise<Run> {
  try {
    const r = await execute(process.execPath, [CLI, ...args], { cwd: ROOT, env, timeout: 180_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof x.code !== 'number') throw e;
    return { code: x.code, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}
const lines = (text: string): string[] => segmentsOf(text).segments.map((s) => s.elements.join('*'));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'openum-x12-cli-'));
  const quiet = { LOG_LEVEL: 'silent', OPENUM_DEMO: 'false' };
  if (onPostgres()) {
    pg = await testDatabase();
    config = pg.config;
    env = { ...process.env, ...quiet, DATABASE_URL: pg.url ?? '' };
  } else {
    config = loadConfig({ ...quiet, OPENUM_DATA_DIR: join(dir, 'db') });
    env = { ...process.env, ...quiet, DATABASE_URL: '', OPENUM_DATA_DIR: join(dir, 'db') };
    const d = await openDatabase(config);
    await d.migrate();
    await d.close();
  }
  await withDb(async (db) => {
    t = await buildTenant(db);
    w = await addX12World(db, t.tenantId, t.slug);
  });
});
afterAll(async () => {
  await pg?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('openum x12 FILE', () => {
  it('answers a 278 request with the 278 response on standard output, the per-set result on standard error, and stores the case', { timeout: 240_000 }, async () => {
    const r = await openum('x12', join(FIXTURES, '278-dependent.x12'), '--tenant', t.slug);
    expect(r.stderr).toMatch(/^278 0001: \w+ case [0-9a-f-]{36}/m);
    expect(r.stderr).toContain('x12: 1 interchange(s), 0 rejected; 1 transaction set(s), 0 rejected');
    expect(r.code, r.stderr).toBe(0);
    const seg = lines(r.stdout);
    // The envelope answers the submitter: parties swapped, a 278 response (BHT02 11) echoing BHT03 and the patient.
    expect(seg[0]).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*PAYERID {8}\*ZZ\*PROVIDERID {5}\*/);
    expect(seg).toContain('ST*278*0001*005010X217');
    expect(seg.find((l) => l.startsWith('BHT*'))).toMatch(/^BHT\*0007\*11\*B99999\*/);
    expect(seg).toContain('NM1*QC*1*DOE*JIMMY');
    expect(seg.some((l) => /^HCR\*(A1|A2|A3|A4|A6)/.test(l))).toBe(true);
    expect(seg.some((l) => l.startsWith('TRN*2*TRACE-DEP-1*'))).toBe(true);
    const stored = await withDb(async (db) => (await db.select({ n: count() }).from(x12Requests).where(and(eq(x12Requests.tenantId, t.tenantId), eq(x12Requests.submitter, `client:${w.client.clientId}`))))[0]?.n);
    expect(stored).toBe(1);
  });

  it('writes the answer to --out, and with --ack-all adds a 999 for an accepted group', { timeout: 240_000 }, async () => {
    const out = join(dir, 'answer.x12');
    const r = await openum('x12', join(FIXTURES, '278-inquiry.x12'), '--tenant', t.slug, '--out', out, '--ack-all');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const seg = lines(readFileSync(out, 'utf8'));
    expect(seg).toContain('ST*999*0001*005010X231A1');
    expect(seg.some((l) => l.startsWith('AK9*A*'))).toBe(true);
    expect(seg.some((l) => l.startsWith('ST*278*'))).toBe(true);
  });

  it('answers a broken transaction set with a 999 rejecting it (segment count), stores nothing and exits 3', { timeout: 240_000 }, async () => {
    const before = await withDb(async (db) => (await db.select({ n: count() }).from(cases).where(eq(cases.tenantId, t.tenantId)))[0]?.n);
    const r = await openum('x12', join(FIXTURES, 'reject-se-count.x12'), '--tenant', t.slug);
    expect(r.code, r.stderr).toBe(3);
    const seg = lines(r.stdout);
    expect(seg).toContain('ST*999*0001*005010X231A1');
    expect(seg).toContain('IK5*R*4');
    expect(seg.some((l) => l.startsWith('AK9*R*1*1*0'))).toBe(true);
    expect(seg.some((l) => l.startsWith('ST*278*'))).toBe(false);
    expect(r.stderr).toContain('1 transaction set(s), 1 rejected');
    const after = await withDb(async (db) => (await db.select({ n: count() }).from(cases).where(eq(cases.tenantId, t.tenantId)))[0]?.n);
    expect(after).toBe(before);
  });

  it('answers a broken envelope with a TA1 and exits 3; input that is not X12 is an error (exit 1)', { timeout: 240_000 }, async () => {
    const ta1 = await openum('x12', join(FIXTURES, 'reject-iea-control.x12'), '--tenant', t.slug);
    expect(ta1.code, ta1.stderr).toBe(3);
    expect(lines(ta1.stdout).some((l) => /^TA1\*\d{9}\*\d{6}\*\d{4}\*R\*001$/.test(l))).toBe(true);
    const junk = join(dir, 'junk.x12');
    writeFileSync(junk, '{"resourceType":"Bundle"}');
    const bad = await openum('x12', junk, '--tenant', t.slug);
    expect(bad.code, bad.stderr).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/X12|ISA/);
  });

  it('refuses a client without the scope x12', { timeout: 240_000 }, async () => {
    const r = await openum('x12', join(FIXTURES, '278-dependent.x12'), '--tenant', t.slug, '--client', t.client.clientId);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`No active client "${t.client.clientId}" with the scope x12`);
  });
});

describe('openum import 834 FILE', () => {
  const file = join(FIXTURES, '834-members.x12');
  const memberRow = (number: string) => withDb(async (db) => (await db.select().from(members).where(and(eq(members.tenantId, t.tenantId), eq(members.memberNumber, number))))[0]);

  it('imports the members, prints each problem with its segment position and the totals, exits 3 when some members had problems', { timeout: 240_000 }, async () => {
    const r = await openum('import', '834', file, '--tenant', t.slug, '--product-type', 'HMO');
    expect(r.code, r.stderr).toBe(3);
    const total = r.stdout.trim().split('\n').at(-1);
    expect(total).toBe('834: 6 members read, 4 added, 0 updated, 0 unchanged, 0 coverage spans terminated, 0 reinstated, 0 terminated as missing from a full file, 2 problems');
    expect(r.stderr).toContain('segment 29 (INS at 27 in its set), member SUB002: DMG at 32: DMG02: Invalid Date ("19701301")');
    expect(r.stderr).toContain('segment 49 (INS at 47 in its set), member LIA KOE: REF at 48: REF missing: the subscriber identifier (REF*0F) is required');
    expect(await memberRow('SUB001')).toMatchObject({ firstName: 'JANE', lastName: 'DOE', birthDate: '1980-01-01', city: 'SPRINGFIELD' });
    expect(await memberRow('SUB002')).toBeUndefined();
  });

  it('changes nothing when the same file is imported again', { timeout: 240_000 }, async () => {
    const r = await openum('import', '834', file, '--tenant', t.slug, '--product-type', 'HMO');
    expect(r.stdout.trim().split('\n').at(-1)).toBe('834: 6 members read, 0 added, 0 updated, 4 unchanged, 0 coverage spans terminated, 0 reinstated, 0 terminated as missing from a full file, 2 problems');
  });

  it('refuses --term-missing on a file that is not a full file, and bad option values', { timeout: 240_000 }, async () => {
    const r = await openum('import', '834', file, '--tenant', t.slug, '--product-type', 'HMO', '--term-missing');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('not applied: 834 ENR0001: --term-missing needs a full file');
    const spans = await withDb(async (db) => (await db.select({ n: count() }).from(coverages).where(and(eq(coverages.tenantId, t.tenantId), eq(coverages.planOrgId, w.orgs.acme))))[0]?.n);
    expect(spans).toBeGreaterThan(0);
    const lob = await openum('import', '834', file, '--tenant', t.slug, '--line-of-business', 'dental');
    expect(lob.code, lob.stderr).toBe(1);
    expect(lob.stderr).toContain('--line-of-business must be one of');
  });
});
