/**
 * Seeds the demo tenant on an empty database (`npm start` with OPENUM_DEMO unset or true).
 */
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db';
import * as S from '../platform/db/schema';
import { hashPassword } from '../platform/auth/passwords';
import { sealAudit } from '../audit/store';
import { DEMO_CLIENT, DEMO_PASSWORD, generateDemo } from './generate';
import { seedCoverage } from './criteria-seed';

export const DEMO_SEED = 20260101;

async function insertChunked(tx: Tx, table: PgTable, rows: readonly Record<string, unknown>[], size = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await tx.insert(table).values(rows.slice(i, i + size));
  }
}

/** Seeds the demo when the database has no tenant yet; returns whether it did. */
export interface SeedContext {
  readonly db: AppContext['db'];
  readonly clock: AppContext['clock'];
  readonly log: { info(obj: object, msg: string): void };
}

export async function seedDemoIfEmpty(ctx: SeedContext): Promise<boolean> {
  const [{ n } = { n: 0 }] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(S.tenants);
  if (n > 0) return false;
  await seedDemo(ctx);
  return true;
}

export async function seedDemo(ctx: SeedContext): Promise<void> {
  const started = Date.now();
  const now = ctx.clock.now();
  const d = generateDemo(DEMO_SEED, now);
  const [passwordHash, secretHash] = await Promise.all([hashPassword(DEMO_PASSWORD), hashPassword(DEMO_CLIENT.secret)]);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(S.tenants).values(d.tenant);
    await insertChunked(tx, S.organisations, d.organisations);
    await insertChunked(tx, S.contracts, d.contracts);
    await insertChunked(tx, S.contractDofr, d.dofr);
    await insertChunked(tx, S.reviewerMatrix, d.reviewerMatrix);
    await insertChunked(tx, S.providers, d.providers);
    await insertChunked(tx, S.members, d.members);
    await insertChunked(tx, S.coverages, d.coverages);
    await insertChunked(tx, S.users, d.users.map((u) => ({ ...u, passwordHash })));
    await insertChunked(tx, S.userOrganisations, d.userOrganisations);
    await insertChunked(tx, S.clients, d.clients.map((c) => ({ ...c, secretHash })));
    await insertChunked(tx, S.cases, d.cases.map((c) => ({ ...c, caseNumber: sql`'UM-' || nextval('case_number_seq')` })));
    await insertChunked(tx, S.serviceLines, d.lines);
    await insertChunked(tx, S.caseDiagnoses, d.diagnoses);
    await insertChunked(tx, S.caseNotes, d.notes);
    await insertChunked(tx, S.determinations, d.determinations);
    await insertChunked(tx, S.auditEvents, d.auditEvents, 300);
    await insertChunked(tx, S.auditChainHeads, d.auditHeads);
  });
  // Coverage rules: the shipped criteria sets and the sample PA list on every contract (src/demo/criteria-seed.ts).
  await seedCoverage(ctx.db, d.tenant.id, ctx.clock);
  await sealAudit(ctx.db, d.tenant.id, now);
  ctx.log.info({ ms: Date.now() - started, members: d.members.length, providers: d.providers.length, cases: d.cases.length }, 'demo tenant seeded');
}
