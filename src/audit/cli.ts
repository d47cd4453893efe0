/** `openum audit verify` and `openum audit seal`. */
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Io } from '../cli';
import { loadConfig } from '../platform/config';
import { openDatabase, type Db } from '../platform/db';
import { systemClock, type Clock } from '../platform/context';
import { tenants } from '../tenancy/schema';
import { sealAudit, verifyAudit } from './store';

/** Verifies and reports; returns the exit code (0 intact, 2 broken). */
export async function runVerify(db: Db, out: NodeJS.WritableStream, opts: { tenantId?: string } = {}): Promise<number> {
  const r = await verifyAudit(db, opts);
  if (r.ok) {
    out.write(`audit trail intact: ${r.events} events in ${r.chains} chains, ${r.seals} seals\n`);
    return 0;
  }
  const b = r.firstBreak;
  out.write(
    `AUDIT TRAIL BROKEN at tenant ${b?.tenantId ?? '?'} chain ${b?.chainId ?? '?'} event #${b?.seq ?? '?'}${b?.eventId == null ? '' : ` (id ${b.eventId})`}: ${b?.reason ?? 'unknown'}\n`,
  );
  return 2;
}

export async function runSeal(db: Db, out: Pick<NodeJS.WritableStream, "write">, clock: Clock = systemClock): Promise<void> {
  const all = await db.select({ id: tenants.id, slug: tenants.slug }).from(tenants).orderBy(sql`${tenants.slug}`);
  for (const t of all) {
    const s = await sealAudit(db, t.id, clock.now());
    out.write(`sealed ${s.chains} chains of tenant ${t.slug} as seal #${s.sealNo}\n`);
  }
}

export function registerAuditCommands(program: Command, io: Io): void {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('check every event, chain head and seal; exits non-zero naming the first broken event')
    .option('--tenant <id>', 'verify one tenant only')
    .action(async (opts: { tenant?: string }) => {
      const database = await openDatabase(loadConfig(io.env));
      try {
        process.exitCode = await runVerify(database.db, io.stdout, opts.tenant === undefined ? {} : { tenantId: opts.tenant });
      } finally {
        await database.close();
      }
    });
  audit
    .command('seal')
    .description('seal every chain head into a new seal (the server also does this periodically)')
    .action(async () => {
      const database = await openDatabase(loadConfig(io.env));
      try {
        await runSeal(database.db, io.stdout);
      } finally {
        await database.close();
      }
    });
}
