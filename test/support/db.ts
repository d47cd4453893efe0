/**
 * A fresh database for one test file: PGlite in memory by default, or — when DATABASE_URL is set —
 * a new database created on that PostgreSQL server for this file alone and dropped afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/platform/config';
import { MIGRATIONS_FOLDER, openDatabase, type Database } from '../../src/platform/db';
import * as schema from '../../src/platform/db/schema';

/**
 * Every test file gets a fresh PGlite; starting one runs initdb and the migrations (seconds). The
 * first file of a run saves a migrated database as a template (named by the migrations' hash) and
 * the others load it.
 */
async function templatedPglite(): Promise<Database> {
  const hash = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_FOLDER).filter((x) => x.endsWith('.sql')).sort()) hash.update(f).update(readFileSync(join(MIGRATIONS_FOLDER, f)));
  const template = join(tmpdir(), `openum-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
  let client: PGlite;
  if (existsSync(template)) {
    client = new PGlite({ loadDataDir: new Blob([readFileSync(template)]) });
    await client.waitReady;
  } else {
    client = new PGlite();
    await client.waitReady;
    const fresh = await openDatabaseOn(client);
    await fresh.migrate();
    const dump = await client.dumpDataDir('none');
    const tmp = `${template}.${process.pid}`;
    writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
    renameSync(tmp, template);
  }
  return openDatabaseOn(client);
}

async function openDatabaseOn(client: PGlite): Promise<Database> {
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const db = drizzle({ client, schema });
  return { db, kind: 'pglite', pglite: client, pool: null, migrate: () => migrate(db, { migrationsFolder: MIGRATIONS_FOLDER }), close: () => client.close() };
}

export interface TestDatabase {
  readonly database: Database;
  readonly config: Config;
  /** The URL of the per-file PostgreSQL database (null on PGlite). */
  readonly url: string | null;
  close(): Promise<void>;
}

export const onPostgres = (): boolean => (process.env.DATABASE_URL ?? '') !== '';

export async function testDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL ?? '';
  if (base === '') {
    const config = loadConfig({ OPENUM_DATA_DIR: ':memory:', LOG_LEVEL: 'silent', OPENUM_DEMO: 'false' });
    const database = await templatedPglite();
    await database.migrate();
    return { database, config, url: null, close: () => database.close() };
  }
  const name = `openum_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const config = loadConfig({ DATABASE_URL: url.toString(), LOG_LEVEL: 'silent', OPENUM_DEMO: 'false' });
  const database = await openDatabase(config);
  await database.migrate();
  return {
    database,
    config,
    url: url.toString(),
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
