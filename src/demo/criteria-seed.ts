/**
 * Coverage rules for the demo tenant (and for tests that want a tenant like it): the shipped
 * criteria sets of `criteria/` loaded and activated, and the sample PA list
 * (`criteria/pa-list.sample.csv`) imported into every contract; then the gold-card exemptions
 * computed from the decided history.
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db } from '../platform/db';
import type { Clock } from '../platform/context';
import type { Actor } from '../platform/auth/model';
import { contracts } from '../tenancy/schema';
import { loadCriteriaSets } from '../criteria';
import { importPaList, recomputeExemptions, storeCriteriaSets } from '../coverage';

export const SHIPPED_CRITERIA = fileURLToPath(new URL('../../criteria', import.meta.url));
export const SAMPLE_PA_LIST = fileURLToPath(new URL('../../criteria/pa-list.sample.csv', import.meta.url));

const SEED_ACTOR: Actor = { type: 'system', id: 'demo-seed', role: 'admin' };

export interface CoverageSeedReport {
  readonly setsStored: number;
  readonly setsActivated: number;
  readonly contracts: number;
  readonly rules: number;
  readonly ruleErrors: number;
}

/** Loads and activates the shipped criteria sets and imports the sample PA list into the tenant's contracts (all by default). */
export async function seedCoverage(db: Db, tenantId: string, clock: Clock, opts: { contractIds?: readonly string[]; goldCard?: boolean } = {}): Promise<CoverageSeedReport> {
  const sets = await loadCriteriaSets(SHIPPED_CRITERIA);
  const loaded = await db.transaction((tx) => storeCriteriaSets(tx, { tenantId, actor: SEED_ACTOR, at: clock.now() }, sets.map((s) => s.set), { activate: true }));
  const contractIds = opts.contractIds ?? (await db.select({ id: contracts.id }).from(contracts).where(eq(contracts.tenantId, tenantId))).map((c) => c.id);
  const r = await importPaList(createReadStream(SAMPLE_PA_LIST), { db, tenantId, contractIds, actor: SEED_ACTOR, clock, source: 'pa-list.sample.csv' });
  if (opts.goldCard !== false) await recomputeExemptions(db, clock.now(), { tenantId });
  return { setsStored: loaded.inserted.length, setsActivated: loaded.activated.length, contracts: contractIds.length, rules: r.inserted, ruleErrors: r.errors.length };
}
