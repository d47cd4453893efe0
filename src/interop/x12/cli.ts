/**
 * `openum x12 FILE` (an interchange processed as POST /x12 would, for a machine client of a
 * tenant, the answer written to a file or stdout) and `openum import 834 FILE` (an enrollment file
 * streamed into members and coverage spans, with a progress bar).
 */
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { and, eq } from 'drizzle-orm';
import type { Io } from '../../cli';
import { loadConfig } from '../../platform/config';
import { openDatabase, type Db } from '../../platform/db';
import { systemClock, type AppContext } from '../../platform/context';
import { UmError } from '../../platform/errors';
import type { Principal } from '../../platform/auth/model';
import { clients } from '../../platform/auth/schema';
import { tenants } from '../../tenancy/schema';
import { LINES_OF_BUSINESS, PRODUCT_TYPES, type LineOfBusiness, type ProductType } from '../../tenancy/model';
import { processInterchange, type ProcessResult } from './process';
import { importEnrollment, type EnrollmentOptions, type EnrollmentReport } from './enrollment/import';
import { X12_SCOPE } from './http/plugin';

async function tenantIdFor(db: Db, slug: string | undefined): Promise<string> {
  const all = await db.select({ id: tenants.id }).from(tenants).where(slug === undefined ? undefined : eq(tenants.slug, slug));
  if (all.length === 1 && all[0] !== undefined) return all[0].id;
  throw new UmError('UM_ERR_VALIDATION', all.length === 0 ? `No tenant${slug === undefined ? '' : ` "${slug}"`}` : 'Several tenants: name one with --tenant <slug>');
}

/** The machine client the command acts as: the one named, else the tenant's only client holding the scope x12. */
export async function x12Client(db: Db, tenantId: string, clientId: string | undefined): Promise<Extract<Principal, { kind: 'client' }>> {
  const rows = await db.select().from(clients).where(and(eq(clients.tenantId, tenantId), eq(clients.active, true), clientId === undefined ? undefined : eq(clients.clientId, clientId)));
  const usable = rows.filter((c) => c.scopes.includes(X12_SCOPE));
  const c = usable.length === 1 ? usable[0] : undefined;
  if (c === undefined) {
    throw new UmError('UM_ERR_VALIDATION', clientId !== undefined ? `No active client "${clientId}" with the scope x12 in this tenant` : usable.length === 0 ? 'No client of this tenant holds the scope x12: register one (Administration → Machine clients)' : 'Several clients hold the scope x12: name one with --client <client_id>');
  }
  return { kind: 'client', tenantId, clientId: c.clientId, name: c.name, scopes: c.scopes, providerOrgId: c.providerOrgId };
}

/** What `openum x12` does once the database is open. */
export async function runX12File(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'caseEvents'>, input: Buffer, o: { tenant?: string; client?: string; ackAll?: boolean }): Promise<ProcessResult> {
  const tenantId = await tenantIdFor(ctx.db, o.tenant);
  const principal = await x12Client(ctx.db, tenantId, o.client);
  return processInterchange(ctx, { principal, ip: null, requestId: 'cli' }, input, { ackAll: o.ackAll ?? false });
}

const oneOf = <T extends string>(values: readonly T[], v: string | undefined, what: string): T | undefined => {
  if (v === undefined) return undefined;
  const found = values.find((x) => x === v);
  if (found === undefined) throw new UmError('UM_ERR_VALIDATION', `${what} must be one of ${values.join(', ')}`);
  return found;
};

/** The lines `openum import 834` prints: one per problem (with its segment positions), then the totals. */
export function enrollmentSummary(r: EnrollmentReport, limit = 200): string[] {
  const out = r.errors.slice(0, limit).map((e) => `segment ${e.position.first} (INS at ${e.position.inSet} in its set), member ${e.member}: ${e.message}`);
  if (r.errors.length > limit) out.push(`… and ${r.errors.length - limit} more problems`);
  for (const x of r.rejected) out.push(`not applied: ${x}`);
  out.push(`834: ${r.members} members read, ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.termed} coverage spans terminated, ${r.reinstated} reinstated, ${r.termedMissing} terminated as missing from a full file, ${r.errors.length} problems`);
  return out;
}

export function registerX12Commands(program: Command, io: Io): void {
  program
    .command('x12 <file>')
    .description('process an X12 interchange (278 requests and inquiries, 270) as POST /x12 would, and write the answer')
    .option('--tenant <slug>', 'tenant (default: the only one)')
    .option('--client <client_id>', 'the machine client to act as (default: the tenant\'s only client with the scope x12)')
    .option('--out <file>', 'write the answer here (default: standard output)')
    .option('--ack-all', 'a 999 for every functional group, not only for groups with errors')
    .action(async (file: string, opts: { tenant?: string; client?: string; out?: string; ackAll?: boolean }) => {
      const config = loadConfig(io.env);
      const database = await openDatabase(config);
      try {
        await database.migrate();
        const { buildApp } = await import('../../platform/http/app');
        // The app's case-event handlers (automatic decisions, clocks, queues…) run as they do for the endpoint.
        const app = await buildApp({ ...config, demo: false }, { database, skipMigrations: true, jobs: false });
        try {
          const r = await runX12File(app.ctx, readFileSync(file), { ...(opts.tenant === undefined ? {} : { tenant: opts.tenant }), ...(opts.client === undefined ? {} : { client: opts.client }), ackAll: opts.ackAll === true });
          if (opts.out === undefined) io.stdout.write(r.text);
          else writeFileSync(opts.out, r.text);
          for (const x of r.summary.results) io.stderr.write(`${x.set} ${x.controlNumber}: ${x.result}${x.caseId === undefined ? '' : ` case ${x.caseId}`}${x.note === undefined ? '' : ` (${x.note})`}\n`);
          io.stderr.write(`x12: ${r.summary.interchanges} interchange(s), ${r.summary.rejectedInterchanges} rejected; ${r.summary.sets} transaction set(s), ${r.summary.rejectedSets} rejected\n`);
          if (r.summary.rejectedInterchanges > 0 || r.summary.rejectedSets > 0 || r.summary.results.some((x) => x.result === 'rejected')) process.exitCode = 3;
        } finally {
          await app.close();
        }
      } finally {
        await database.close();
      }
    });

  const imp = program.commands.find((c) => c.name() === 'import') ?? program.command('import').description('import members, providers and other reference files');
  imp
    .command('834 <file>')
    .description('stream an X12 834 enrollment file (005010X220A1) into members and coverage spans; re-importing changes nothing (see docs/x12.md)')
    .option('--tenant <slug>', 'tenant to import into (default: the only one)')
    .option('--plan <plan>', 'the health plan (name, payer id, tax id or NPI); default: the payer the file names (N1*IN)')
    .option('--ipa <ipa>', 'the delegate IPA whose contract the spans belong to')
    .option('--line-of-business <lob>', `one of ${LINES_OF_BUSINESS.join(', ')} (default: the only one of the plan's contracts)`)
    .option('--product-type <type>', `one of ${PRODUCT_TYPES.join(', ')} (default: HD03 when it names one)`)
    .option('--term-missing', 'a full file: terminate the plan\'s members it does not list, on the day before its effective date')
    .option('--term-date <date>', 'last day of coverage of the members a full file leaves out (YYYY-MM-DD)')
    .action(async (file: string, opts: { tenant?: string; plan?: string; ipa?: string; lineOfBusiness?: string; productType?: string; termMissing?: boolean; termDate?: string }) => {
      const size = statSync(file).size;
      const lob: LineOfBusiness | undefined = oneOf(LINES_OF_BUSINESS, opts.lineOfBusiness, '--line-of-business');
      const product: ProductType | undefined = oneOf(PRODUCT_TYPES, opts.productType, '--product-type');
      if (opts.termDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.termDate)) throw new UmError('UM_ERR_VALIDATION', '--term-date must be YYYY-MM-DD');
      const database = await openDatabase(loadConfig(io.env));
      const bar = new SingleBar({ stream: io.stderr, format: '834 [{bar}] {percentage}% | {value}/{total} bytes', hideCursor: true }, Presets.shades_classic);
      try {
        await database.migrate();
        const tenantId = await tenantIdFor(database.db, opts.tenant);
        bar.start(size, 0);
        const o: EnrollmentOptions = {
          db: database.db,
          tenantId,
          actor: { type: 'system', id: 'cli-import', role: 'admin' },
          clock: systemClock,
          onProgress: (b) => bar.update(Math.min(b, size)),
          ...(opts.plan === undefined ? {} : { plan: opts.plan }),
          ...(opts.ipa === undefined ? {} : { ipa: opts.ipa }),
          ...(lob === undefined ? {} : { lineOfBusiness: lob }),
          ...(product === undefined ? {} : { productType: product }),
          termMissing: opts.termMissing === true,
          ...(opts.termDate === undefined ? {} : { termDate: opts.termDate }),
        };
        const r = await importEnrollment(createReadStream(file), o);
        bar.update(size);
        bar.stop();
        const lines = enrollmentSummary(r);
        for (const l of lines.slice(0, -1)) io.stderr.write(`${l}\n`);
        io.stdout.write(`${lines.at(-1) ?? ''}\n`);
        if (r.errors.length > 0 || r.rejected.length > 0) process.exitCode = 3;
      } finally {
        bar.stop();
        await database.close();
      }
    });
}
