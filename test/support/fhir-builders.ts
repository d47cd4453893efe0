/**
 * Test tenants whose members, NPIs and payer match the Da Vinci PAS examples (test/fixtures/fhir):
 * Joe Smith, subscriber 1122334455 of Maryland Capital Insurance Company (NPI 1234567893), requested
 * by DR. JOE SMITH CORPORATION (NPI 8189991234) for Dr. Susan Watson (NPI 1234567893).
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/platform/db';
import * as S from '../../src/platform/db/schema';
import { buildTenant, type TestTenant } from './builders';
import { registerSmartClient, type SmartClient } from './fhir-clients';
import { importPaList, storeCriteriaSets } from '../../src/coverage';
import { loadCriteriaSets, type CriteriaSet } from '../../src/criteria';

export const FHIR_FIXTURES = fileURLToPath(new URL('../fixtures/fhir/', import.meta.url));

/** A corpus file as parsed JSON. */
export function fixture(path: string): Record<string, unknown> {
  const v: unknown = JSON.parse(readFileSync(FHIR_FIXTURES + path, 'utf8'));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${path} is not a JSON object`);
  return Object.fromEntries(Object.entries(v));
}

export const fixtureFiles = (dir: string): string[] => readdirSync(FHIR_FIXTURES + dir).filter((f) => f.endsWith('.json')).sort();

export const PAS_EXAMPLE = {
  memberNumber: '1122334455',
  requesterNpi: '8189991234',
  practitionerNpi: '1234567893',
  insurerNpi: '1234567893',
} as const;

export interface PasTenant extends TestTenant {
  readonly pasMemberId: string;
  readonly smart: SmartClient;
}

/**
 * A test tenant (see builders.ts) with the PAS examples' member (covered since 2000 under the MA
 * contract), the requester organisation as a provider of the tenant's clinic, Dr. Watson, the MA plan
 * carrying the insurer's NPI, and a SMART client of the clinic.
 */
export async function buildPasTenant(db: Db, opts: { sandbox?: boolean } = {}): Promise<PasTenant> {
  const t = await buildTenant(db);
  if (opts.sandbox === true) await db.update(S.tenants).set({ sandbox: true }).where(eq(S.tenants.id, t.tenantId));
  await db.update(S.organisations).set({ npi: PAS_EXAMPLE.insurerNpi }).where(eq(S.organisations.id, t.orgs.maPlan));
  const pasMemberId = randomUUID();
  if (opts.sandbox !== true) {
    await db.insert(S.members).values({ tenantId: t.tenantId, id: pasMemberId, memberNumber: PAS_EXAMPLE.memberNumber, firstName: 'JOE', lastName: 'SMITH', birthDate: '1950-01-01', sex: 'M' });
    await db.insert(S.coverages).values({ tenantId: t.tenantId, id: randomUUID(), memberId: pasMemberId, planOrgId: t.orgs.maPlan, contractId: t.contracts.ma, ipaOrgId: t.orgs.ipa, pbp: 'H0001-001', lineOfBusiness: 'medicare_advantage', productType: 'HMO', state: 'MD', effectiveFrom: '2000-01-01' });
    await db.insert(S.providers).values([
      { tenantId: t.tenantId, id: randomUUID(), npi: PAS_EXAMPLE.requesterNpi, kind: 'facility', name: 'DR. JOE SMITH CORPORATION', networkStatus: 'in_network', providerOrgId: t.orgs.clinic },
      { tenantId: t.tenantId, id: randomUUID(), npi: PAS_EXAMPLE.practitionerNpi, kind: 'practitioner', name: 'Susan Watson, MD', specialty: 'Cardiology', networkStatus: 'in_network', providerOrgId: t.orgs.clinic },
    ]);
  }
  const smart = await registerSmartClient(db, t.tenantId, { providerOrgId: t.orgs.clinic });
  return { ...t, pasMemberId, smart };
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The shipped criteria sets (criteria/*) stored and activated in the tenant, and the sample PA list
 * (criteria/pa-list.sample.csv) on its MA contract — what CRD, DTR and the intake automation read.
 */
export async function loadCoverageRules(db: Db, t: TestTenant, now: Date, extraSets: readonly CriteriaSet[] = []): Promise<void> {
  const sets = await loadCriteriaSets(join(ROOT, 'criteria'));
  const actor = { type: 'user' as const, id: t.userIds.admin, role: 'admin' };
  await db.transaction((tx) => storeCriteriaSets(tx, { tenantId: t.tenantId, actor, at: now }, [...sets.map((c) => c.set), ...extraSets], { activate: true }));
  const report = await importPaList(createReadStream(join(ROOT, 'criteria', 'pa-list.sample.csv')), { db, tenantId: t.tenantId, contractIds: [t.contracts.ma], actor, clock: { now: () => now }, source: 'pa-list.sample.csv' });
  if (report.errors.length > 0) throw new Error(`PA list: ${JSON.stringify(report.errors)}`);
}
