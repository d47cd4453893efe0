/** Shared pieces of the benchmarks: a fresh PostgreSQL database, a server process, timing. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROOT = join(import.meta.dirname, '..');
export const BASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** Creates a fresh database on the server; returns its URL and a function that drops it. */
export async function freshDatabase(prefix = 'openum_bench'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: BASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(BASE_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: BASE_URL });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** Starts `openum serve` in its own process and waits for /health. */
export async function startServer(env: Record<string, string>): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'openum.mjs'), 'serve'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `clients` loops of `op` for `seconds`; returns throughput and latency percentiles (ms). */
export async function load(clients: number, seconds: number, op: (client: number, i: number) => Promise<void>) {
  const lat: number[] = [];
  const end = performance.now() + seconds * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        try {
          await op(c, i);
          lat.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { ops: lat.length, perSecond: lat.length / seconds, p50: percentile(lat, 50), p99: percentile(lat, 99), errors };
}

/** Plain single-row INSERTs with `pg`, the baseline every database benchmark is compared with. */
export async function plainInsertBaseline(url: string, clients: number, seconds: number) {
  const pool = new pg.Pool({ connectionString: url, max: clients });
  await pool.query('create table if not exists bench_plain (id bigserial primary key, payload text not null, created_at timestamptz not null default now())');
  const r = await load(clients, seconds, async (c, i) => {
    await pool.query('insert into bench_plain (payload) values ($1)', [`client ${c} row ${i}`]);
  });
  await pool.query('drop table bench_plain');
  await pool.end();
  return r;
}

export const fmt = (n: number, d = 1): string => (Number.isFinite(n) ? n.toFixed(d) : '—');
