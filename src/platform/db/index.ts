/**
 * The database: PostgreSQL, either a server (`DATABASE_URL`) or the embedded PGlite (Postgres
 * compiled to WebAssembly, in process). One schema, one set of forward-only migrations, one typed
 * query layer (drizzle) for both.
 */
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import type { Config } from '../config';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../migrations', import.meta.url));

/** An open database with its driver, so that it can be migrated and closed. */
export interface Database {
  readonly db: Db;
  readonly kind: 'pglite' | 'postgres';
  /** The PGlite instance (embedded only), for the job system's adapter. */
  readonly pglite: PGlite | null;
  /** The connection pool (server only). */
  readonly pool: pg.Pool | null;
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATION_LOCK = 7_265_001;

export async function openDatabase(config: Pick<Config, 'database'>, opts: { poolSize?: number; onIdleError?: (err: Error) => void } = {}): Promise<Database> {
  if (config.database.kind === 'pglite') {
    const dir = config.database.dataDir;
    if (dir !== ':memory:') mkdirSync(dir, { recursive: true });
    const client = dir === ':memory:' ? new PGlite() : new PGlite(dir);
    await client.waitReady;
    const db = drizzlePglite({ client, schema });
    return {
      db,
      kind: 'pglite',
      pglite: client,
      pool: null,
      // PGlite is one connection in one process: no other node can race the migration.
      migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => client.close(),
    };
  }
  const pool = new pg.Pool({ connectionString: config.database.url, max: opts.poolSize ?? 10 });
  // An idle connection can be closed by the server (restart, failover, an administrator): the pool
  // drops it and opens a new one when needed. Without a listener the error would end the process.
  pool.on('error', (err) => opts.onIdleError?.(err));
  const db = drizzlePg({ client: pool, schema });
  return {
    db,
    kind: 'postgres',
    pglite: null,
    pool,
    async migrate() {
      // Several OpenUM nodes may start at once: one migrates, the others wait for it.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
        await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** A cheap round trip, for `/health`. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
