/**
 * Commands that need the database: `openum import pa-list FILE.csv [--contract …]`,
 * `openum criteria load [dir] [--activate]` and `openum criteria gold-card`.
 * (`openum criteria check | show | check-pa-list` need none: src/criteria/cli.ts.)
 */
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { eq } from 'drizzle-orm';
import type { Io } from '../cli';
import { loadConfig } from '../platform/config';
import { openDatabase, type Db } from '../platform/db';
import { systemClock } from '../platform/context';
import { UmError } from '../platform/errors';
import type { Actor } from '../platform/auth/model';
import { contracts, tenants } from '../tenancy/schema';
import { loadCriteriaSets } from '../criteria';
import { importPaList } from './pa-import';
import { storeCriteriaSets } from './criteria-store';
import { recomputeExemptions } from './gold-card-store';

const CLI_ACTOR: Actor = { type: 'system', id: 'cli', role: 'admin' };

async function tenantFor(db: Db, slug: string | undefined): Promise<{ id: string; slug: string }> {
  const all = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(slug === undefined ? undefined : eq(tenants.slug, slug));
  if (all.length === 1 && all[0] !== undefined) return all[0];
  throw new UmError('UM_ERR_VALIDATION', all.length === 0 ? `No tenant${slug === undefined ? '' : ` "${slug}"`}` : 'Several tenants: name one with --tenant <slug>');
}

/** Contracts named by id or name (every contract of the tenant when none is named). */
export async function contractsFor(db: Db, tenantId: string, names: readonly string[]): Promise<{ id: string; name: string }[]> {
  const all = await db.select({ id: contracts.id, name: contracts.name }).from(contracts).where(eq(contracts.tenantId, tenantId));
  if (names.length === 0) return all;
  return names.map((n) => {
    const found = all.find((c) => c.id === n || c.name.toLowerCase() === n.toLowerCase());
    if (found === undefined) throw new UmError('UM_ERR_NOT_FOUND', `No contract "${n}"; contracts: ${all.map((c) => c.name).join('; ')}`);
    return found;
  });
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

function findOrAdd(program: Command, name: string, description: string): Command {
  return program.commands.find((c) => c.name() === name) ?? program.command(name).description(description);
}

async function withDb<T>(io: Io, run: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig(io.env));
  try {
    await database.migrate();
    return await run(database.db);
  } finally {
    await database.close();
  }
}

export function registerCoverageCommands(program: Command, io: Io): void {
  findOrAdd(program, 'import', 'import members, providers and other reference files')
    .command('pa-list <file>')
    .description('stream a prior-authorization list CSV into contracts (every contract when --contract is not given); row errors with line numbers; re-importing changes nothing')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--contract <id-or-name>', 'a contract to import into (repeatable)', collect, [])
    .option('--replace', 'retire the rules of the contract that the file does not list')
    .action(async (file: string, opts: { tenant?: string; contract: string[]; replace?: boolean }) => {
      statSync(file);
      await withDb(io, async (db) => {
        const t = await tenantFor(db, opts.tenant);
        const targets = await contractsFor(db, t.id, opts.contract);
        const r = await importPaList(createReadStream(file), { db, tenantId: t.id, contractIds: targets.map((c) => c.id), actor: CLI_ACTOR, clock: systemClock, replace: opts.replace === true, source: basename(file) });
        for (const e of r.errors.slice(0, 200)) io.stderr.write(`line ${e.line}${e.column === undefined ? '' : ` (${e.column})`}: ${e.message}\n`);
        if (r.errors.length > 200) io.stderr.write(`… and ${r.errors.length - 200} more problems\n`);
        io.stdout.write(`pa-list: ${r.rows} rows read into ${targets.length} contract(s) (${targets.map((c) => c.name).join('; ')}): ${r.inserted} added, ${r.updated} changed, ${r.unchanged} unchanged, ${r.retired} retired, ${r.errors.length} problems\n`);
        if (r.errors.length > 0) process.exitCode = 3;
      });
    });

  const criteria = findOrAdd(program, 'criteria', 'medical-necessity criteria sets and the prior-authorization list');
  criteria
    .command('load')
    .argument('[dir]', 'folder of criteria-set files', 'criteria')
    .description('store every criteria-set version of a folder (a stored version is never overwritten)')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--activate', 'put the loaded versions whose file says "active" in force')
    .action(async (dir: string, opts: { tenant?: string; activate?: boolean }) => {
      const sets = await loadCriteriaSets(dir);
      await withDb(io, async (db) => {
        const t = await tenantFor(db, opts.tenant);
        const r = await db.transaction((tx) => storeCriteriaSets(tx, { tenantId: t.id, actor: CLI_ACTOR, at: systemClock.now() }, sets.map((s) => s.set), { activate: opts.activate === true }));
        for (const k of r.inserted) io.stdout.write(`stored    ${k}\n`);
        for (const k of r.activated) io.stdout.write(`activated ${k}\n`);
        io.stdout.write(`criteria: ${sets.length} version(s) read, ${r.inserted.length} stored, ${r.unchanged.length} already stored, ${r.activated.length} activated (tenant ${t.slug})\n`);
      });
    });

  criteria
    .command('gold-card')
    .description('recompute the gold-card exemptions now (the server runs this as a daily job)')
    .option('--tenant <slug>', 'one tenant only')
    .action(async (opts: { tenant?: string }) => {
      await withDb(io, async (db) => {
        const t = opts.tenant === undefined ? undefined : await tenantFor(db, opts.tenant);
        for (const r of await recomputeExemptions(db, systemClock.now(), t === undefined ? {} : { tenantId: t.id })) {
          io.stdout.write(r.skipped === undefined ? `tenant ${r.tenantId}: as of ${r.asOf}, ${r.evaluated} provider × service groups evaluated, ${r.granted} exempt\n` : `tenant ${r.tenantId}: gold carding is switched off\n`);
        }
      });
    });
}
