/**
 * The job runner: pg-boss on the same database as everything else — PostgreSQL, or PGlite through
 * its `fromPglite` adapter. Capabilities hand it job definitions; it schedules them (cron), works
 * them, and stops with the app. pg-boss guarantees one worker per job across processes; the jobs
 * themselves are idempotent sweeps that claim rows with `FOR UPDATE SKIP LOCKED`, so a job run
 * twice, or two processes sweeping at once, never fire the same alarm twice. Time is read from the
 * app's clock and passed to the job.
 */
import { PgBoss, fromPglite, type Job } from 'pg-boss';
import type { AppContext } from './context';

export interface JobDefinition {
  readonly name: string;
  /** Cron expression the job is scheduled on (pg-boss schedules, one job per tick across processes). */
  readonly cron?: string;
  /** Enqueue a run when the runner starts (catch up after a restart). */
  readonly runAtStart?: boolean;
  run(now: Date): Promise<void>;
}

export interface JobRunnerOptions {
  /** Work jobs in the background (default true). Tests turn it off and `drain()` by hand. */
  readonly work?: boolean;
  /** Register the cron schedules (default true). */
  readonly schedule?: boolean;
  /** pg-boss maintenance (default true). */
  readonly supervise?: boolean;
  readonly pollingIntervalSeconds?: number;
}

export interface JobRunner {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Enqueues one run of a job (any process may work it). */
  trigger(name: string): Promise<void>;
  /** Works the queued runs of a job in this process until none is left; returns how many ran. */
  drain(name: string): Promise<number>;
}

export function createJobRunner(ctx: Pick<AppContext, 'database' | 'config' | 'clock' | 'log'>, jobs: readonly JobDefinition[], opts: JobRunnerOptions = {}): JobRunner {
  const byName = new Map(jobs.map((j) => [j.name, j]));
  const common = { schema: 'pgboss', supervise: opts.supervise ?? true, schedule: opts.schedule ?? true } as const;
  const { database, config } = ctx;
  const boss =
    database.pglite !== null
      ? new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' })
      : new PgBoss({ ...common, connectionString: config.database.kind === 'postgres' ? config.database.url : '', max: 3, application_name: 'openum-jobs' });
  boss.on('error', (err: unknown) => ctx.log.error({ err }, 'job runner error'));
  let started = false;

  async function runOne(def: JobDefinition, job: Job<object>): Promise<void> {
    try {
      await def.run(ctx.clock.now());
      await boss.complete(def.name, job.id);
    } catch (err) {
      ctx.log.error({ err, job: def.name }, 'job failed');
      await boss.fail(def.name, job.id, { message: err instanceof Error ? err.message : String(err) });
    }
  }

  return {
    async start() {
      await boss.start();
      started = true;
      for (const def of jobs) {
        // At most one run queued and one active: runs never pile up behind a slow one.
        await boss.createQueue(def.name, { policy: 'stately' });
        if (opts.schedule ?? true) {
          if (def.cron !== undefined) await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
        }
        if (def.runAtStart === true) await boss.send(def.name, {});
        if (opts.work ?? true) {
          await boss.work<object>(def.name, { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 10, batchSize: 1 }, async (batch) => {
            for (const job of batch) await def.run(ctx.clock.now()).catch((err: unknown) => {
              ctx.log.error({ err, job: def.name, id: job.id }, 'job failed');
              throw err;
            });
          });
        }
      }
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
    async trigger(name) {
      await boss.send(name, {});
    },
    async drain(name) {
      const def = byName.get(name);
      if (def === undefined) throw new Error(`unknown job ${name}`);
      let n = 0;
      for (;;) {
        const [job] = await boss.fetch<object>(name, { batchSize: 1 });
        if (job === undefined) return n;
        await runOne(def, job);
        n++;
      }
    },
  };
}
