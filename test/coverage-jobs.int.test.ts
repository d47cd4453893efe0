/**
 * The coverage capability's job in the running app: `openum serve` schedules the nightly gold-card
 * recompute and queues one run at start (a node that was down catches up); the run recomputes the
 * exemptions from the decided history, as the system actor, and is audited. The app here is built
 * with its job runner on (not working in the background: the test drains the queue by hand).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { buildApp, type App } from '../src/platform/http/app';
import { FakeClock } from '../src/platform/context';
import { createJobRunner } from '../src/platform/jobs';
import { coverageJobs, GOLD_CARD_JOB } from '../src/coverage';
import { auditEvents } from '../src/audit/schema';
import { testDatabase, type TestDatabase } from './support/db';
import { buildTenant, type TestTenant } from './support/builders';

let tdb: TestDatabase;
let app: App;
let t: TestTenant;
const clock = new FakeClock('2026-11-20T15:00:00Z');

beforeAll(async () => {
  tdb = await testDatabase();
  t = await buildTenant(tdb.database.db);
  app = await buildApp({ ...tdb.config, demo: false }, { database: tdb.database, clock, skipMigrations: true, jobs: { work: false, schedule: true, supervise: false } });
});
afterAll(async () => {
  await app?.close();
  await tdb?.close();
});

const recomputes = async () =>
  app.ctx.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, t.tenantId), eq(auditEvents.action, 'gold_card.recompute')));

describe('the gold-card recompute job', () => {
  it('is scheduled nightly by the app', async () => {
    const res: unknown = await app.ctx.db.execute(sql`select name, cron from pgboss.schedule where name = ${GOLD_CARD_JOB}`);
    const list: unknown = typeof res === 'object' && res !== null && 'rows' in res ? res.rows : res;
    expect(list).toEqual([expect.objectContaining({ name: GOLD_CARD_JOB, cron: '30 2 * * *' })]);
  });

  it('is queued by the app at start, and the queued run recomputes the exemptions as the system actor', async () => {
    expect(await recomputes()).toEqual([]);
    // Another process works the queue (no catch-up run of its own, no schedules): it finds the app's run.
    const worker = createJobRunner(app.ctx, coverageJobs(app.ctx).map((j) => ({ ...j, runAtStart: false })), { work: false, schedule: false, supervise: false });
    await worker.start();
    try {
      expect(await worker.drain(GOLD_CARD_JOB)).toBe(1);
      expect(await worker.drain(GOLD_CARD_JOB)).toBe(0);
    } finally {
      await worker.stop();
    }
    const audited = await recomputes();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorType: 'system', actorId: 'automation', at: clock.now() });
    expect(audited[0]?.details).toMatchObject({ asOf: '2026-11-20', granted: 0 });
  });
});
