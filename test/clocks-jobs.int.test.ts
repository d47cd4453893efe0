/**
 * Clock jobs across processes (issue 3, done-when): two OpenUM processes on one database fire each
 * alarm exactly once, and the pg-boss runner hands each queued sweep to one runner only. On
 * PostgreSQL the two "processes" are two connection pools racing for real; on PGlite (one
 * connection) the same races are serialised and the same guarantees are checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { onPostgres } from './support/db';
import * as S from '../src/platform/db/schema';
import { openDatabase, type Database } from '../src/platform/db';
import { sweepClocks, type FiredAlarm } from '../src/clocks/sweep';
import { clockJobs, CLOCK_SWEEP_JOB } from '../src/clocks/jobs';
import { createJobRunner } from '../src/platform/jobs';
import type { AppContext } from '../src/platform/context';

let h: TestApp;
let t: TestTenant;
let other: Database;
let otherCtx: AppContext;
const RECEIVED = Date.parse('2026-11-20T14:00:00Z');
const hours = (n: number) => new Date(RECEIVED + n * 3600_000);

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  // The second process: its own connection pool on the same database (PGlite: the same database).
  other = onPostgres() ? await openDatabase(h.tdb.config, { poolSize: 4 }) : h.tdb.database;
  otherCtx = { ...h.app.ctx, database: other, db: other.db };
});
afterAll(async () => {
  if (onPostgres()) await other?.close();
  await h?.close();
});

async function expeditedCases(n: number): Promise<string[]> {
  const intake = await h.login(t.usernames.intake);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await h.call('POST', '/api/cases', intake, paRequest(t, { priority: 'expedited', expediteRequestedBy: 'member', receivedAt: new Date(RECEIVED).toISOString() }));
    expect(r.statusCode, r.body).toBe(201);
    out.push(r.json().id);
  }
  return out;
}

const eventsOf = async (caseIds: readonly string[], type: string) =>
  h.app.ctx.db
    .select({ caseId: S.clockEvents.caseId, n: sql<number>`count(*)::int` })
    .from(S.clockEvents)
    .where(and(eq(S.clockEvents.tenantId, t.tenantId), inArray(S.clockEvents.caseId, [...caseIds]), eq(S.clockEvents.type, type)))
    .groupBy(S.clockEvents.caseId);

describe('two processes on one database', () => {
  it('fire each at-risk warning and each overdue mark exactly once', async () => {
    const ids = await expeditedCases(24);
    for (const [at, kind] of [[hours(60), 'at_risk'], [hours(80), 'overdue']] as const) {
      // Four sweeps at once, two per process, in small batches so that they interleave.
      const runs = await Promise.all([sweepClocks(h.app.ctx.db, at, { batch: 3 }), sweepClocks(other.db, at, { batch: 3 }), sweepClocks(h.app.ctx.db, at, { batch: 3 }), sweepClocks(other.db, at, { batch: 3 })]);
      const fired: FiredAlarm[] = runs.flat().filter((f) => f.tenantId === t.tenantId);
      expect(fired.every((f) => f.kind === kind)).toBe(true);
      expect(fired).toHaveLength(ids.length);
      expect(new Set(fired.map((f) => f.caseId))).toEqual(new Set(ids));
      const stored = await eventsOf(ids, kind);
      expect(stored).toHaveLength(ids.length);
      expect(stored.every((r) => r.n === 1)).toBe(true);
      // A later sweep finds nothing more to do.
      expect((await sweepClocks(other.db, at)).filter((f) => f.tenantId === t.tenantId)).toEqual([]);
    }
  });
});

describe('the pg-boss job runner', () => {
  it('hands each queued sweep run to one of two runners, catches up at start, and the run fires the alarms', async () => {
    const ids = await expeditedCases(3);
    h.clock.set(hours(100)); // the job reads the app's clock
    const a = createJobRunner(h.app.ctx, clockJobs(h.app.ctx), { work: false, schedule: false, supervise: false });
    const b = createJobRunner(otherCtx, clockJobs(otherCtx), { work: false, schedule: false, supervise: false });
    try {
      // Both start (each enqueues a catch-up run; the queue holds at most one waiting run).
      await a.start();
      await b.start();
      const first = await Promise.all([a.drain(CLOCK_SWEEP_JOB), b.drain(CLOCK_SWEEP_JOB)]);
      expect(first[0] + first[1]).toBe(1);
      const stored = await eventsOf(ids, 'overdue');
      expect(stored).toHaveLength(ids.length);
      expect(stored.every((r) => r.n === 1)).toBe(true);
      for (let round = 0; round < 3; round++) {
        await a.trigger(CLOCK_SWEEP_JOB);
        const ran = await Promise.all([a.drain(CLOCK_SWEEP_JOB), b.drain(CLOCK_SWEEP_JOB)]);
        expect(ran[0] + ran[1]).toBe(1);
      }
      expect((await eventsOf(ids, 'overdue')).every((r) => r.n === 1)).toBe(true);
    } finally {
      await a.stop();
      await b.stop();
      h.clock.set('2026-11-20T15:00:00Z');
    }
  });
});
