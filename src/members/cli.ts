/** `openum import members FILE.csv` and `openum import providers FILE.csv`. */
import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { eq } from 'drizzle-orm';
import type { Io } from '../cli';
import { loadConfig } from '../platform/config';
import { openDatabase, type Db } from '../platform/db';
import { systemClock } from '../platform/context';
import { UmError } from '../platform/errors';
import { tenants } from '../tenancy/schema';
import { importMembers, importProviders, type ImportReport } from './import';

async function tenantIdFor(db: Db, slug: string | undefined): Promise<string> {
  const all = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(slug === undefined ? undefined : eq(tenants.slug, slug));
  if (all.length === 1 && all[0] !== undefined) return all[0].id;
  throw new UmError('UM_ERR_VALIDATION', all.length === 0 ? `No tenant${slug === undefined ? '' : ` "${slug}"`}` : 'Several tenants: name one with --tenant <slug>');
}

function report(io: Io, what: string, r: ImportReport): void {
  for (const e of r.errors.slice(0, 200)) io.stderr.write(`line ${e.line}: ${e.message}\n`);
  if (r.errors.length > 200) io.stderr.write(`… and ${r.errors.length - 200} more problems\n`);
  io.stdout.write(`${what}: ${r.rows} rows read, ${r.inserted} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.errors.length} problems\n`);
}

export function registerImportCommands(program: Command, io: Io): void {
  const imp = program.command('import').description('import members, providers and other reference files');
  for (const what of ['members', 'providers'] as const) {
    imp
      .command(`${what} <file>`)
      .description(`stream a CSV file of ${what} (see docs/imports.md for the columns); re-importing changes nothing`)
      .option('--tenant <slug>', 'tenant to import into (default: the only one)')
      .action(async (file: string, opts: { tenant?: string }) => {
        const size = statSync(file).size;
        const database = await openDatabase(loadConfig(io.env));
        const bar = new SingleBar({ stream: io.stderr, format: `${what} [{bar}] {percentage}% | {value}/{total} bytes`, hideCursor: true }, Presets.shades_classic);
        try {
          await database.migrate();
          const tenantId = await tenantIdFor(database.db, opts.tenant);
          bar.start(size, 0);
          const run = what === 'members' ? importMembers : importProviders;
          const r = await run(createReadStream(file), {
            db: database.db,
            tenantId,
            actor: { type: 'system', id: 'cli-import', role: 'admin' },
            clock: systemClock,
            onProgress: (b) => bar.update(Math.min(b, size)),
          });
          bar.update(size);
          bar.stop();
          report(io, what, r);
          if (r.errors.length > 0) process.exitCode = 3;
        } finally {
          bar.stop();
          await database.close();
        }
      });
  }
}
