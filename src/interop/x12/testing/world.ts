/**
 * The parties the X12 fixtures name (test/fixtures/x12 and the shared corpus), added to a tenant
 * for integration tests: the payers (PI PAYER01 ACME HEALTH PLAN, 46 789312 MARYLAND CAPITAL, PI
 * 842610001 ABC COMPANY), an IPA with a delegated Medicare Advantage contract with ACME, the
 * providers (NPI 1234567893, 1987654328), the members with their coverage, and a machine client
 * with the scope `x12`. Every name and id is invented or comes from a fixture.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../platform/db';
import { hashPassword } from '../../../platform/auth/passwords';
import { and, eq, ne } from 'drizzle-orm';
import { clients, userOrganisations, users } from '../../../platform/auth/schema';
import { contractDofr, contracts, organisations } from '../../../tenancy/schema';
import { coverages, members, providers } from '../../../members/schema';

export interface X12World {
  readonly client: { readonly clientId: string; readonly secret: string };
  readonly orgs: { readonly acme: string; readonly maryland: string; readonly abc: string; readonly ipa: string };
  readonly contract: string;
  /** Member ids by member number. */
  readonly members: Readonly<Record<string, string>>;
}

export const X12_CLIENT_SECRET = 'x12-client-secret-for-tests';

/** Members of the fixtures: number, first, last, birth date, sex, payer. */
const MEMBERS: readonly (readonly [string, string, string, string, 'F' | 'M', 'acme' | 'maryland' | 'abc'])[] = [
  ['MEMBER001', 'JANE', 'DOE', '1980-01-01', 'F', 'acme'],
  ['MEMBER001-20150615-JIMMY', 'JIMMY', 'DOE', '2015-06-15', 'M', 'acme'],
  ['MEMBER002', 'JANE', 'DOE', '1980-01-01', 'F', 'acme'],
  ['MEMBER003', 'JANE', 'DOE', '1980-01-01', 'F', 'acme'],
  ['MEMBER004', 'JANE', 'DOE', '1980-01-01', 'F', 'acme'],
  ['12345678901', 'JOE', 'SMITH', '1960-03-01', 'M', 'maryland'],
  ['11122333301', 'ROBERT', 'SMITH', '1943-05-19', 'M', 'abc'],
];

export async function addX12World(db: Db, tenantId: string, slug: string): Promise<X12World> {
  const org = async (kind: string, name: string, extra: Partial<typeof organisations.$inferInsert> = {}): Promise<string> => {
    const id = randomUUID();
    await db.insert(organisations).values({ tenantId, id, kind, name, ...extra });
    return id;
  };
  const acme = await org('health_plan', 'ACME HEALTH PLAN', { payerId: 'PAYER01', taxId: '98-7654321' });
  const maryland = await org('health_plan', 'MARYLAND CAPITAL INSURANCE COMPANY', { payerId: '789312' });
  const abc = await org('health_plan', 'ABC COMPANY', { payerId: '842610001' });
  const ipa = await org('ipa', 'X12 TEST IPA', { taxId: '55-5555555' });
  const contract = randomUUID();
  await db.insert(contracts).values({ tenantId, id: contract, name: 'X12 TEST IPA × ACME', planOrgId: acme, delegateOrgId: ipa, lineOfBusiness: 'medicare_advantage', umDelegated: true, authValidityDays: 90, effectiveFrom: '2025-01-01' });
  await db.insert(contractDofr).values(['professional', 'dme', 'radiology', 'outpatient_facility', 'inpatient_facility'].map((serviceGroup) => ({ tenantId, contractId: contract, serviceGroup, responsibility: 'ipa' })));
  await db.insert(providers).values([
    { tenantId, id: randomUUID(), npi: '1234567893', kind: 'facility', name: 'GENERAL HOSPITAL', networkStatus: 'in_network' },
    { tenantId, id: randomUUID(), npi: '1987654328', kind: 'facility', name: 'HOME CARE SERVICES', networkStatus: 'in_network' },
  ]);
  const ids: Record<string, string> = {};
  const plans = { acme, maryland, abc };
  for (const [number, first, last, birthDate, sex, plan] of MEMBERS) {
    const id = randomUUID();
    ids[number] = id;
    await db.insert(members).values({ tenantId, id, memberNumber: number, firstName: first, lastName: last, birthDate, sex });
    await db.insert(coverages).values({
      tenantId,
      id: randomUUID(),
      memberId: id,
      planOrgId: plans[plan],
      contractId: plan === 'acme' ? contract : null,
      ipaOrgId: plan === 'acme' ? ipa : null,
      pbp: plan === 'acme' ? 'H0001-001' : null,
      lineOfBusiness: plan === 'abc' ? 'commercial' : 'medicare_advantage',
      productType: plan === 'abc' ? 'PPO' : 'HMO',
      effectiveFrom: '2005-01-01',
    });
  }
  // Staff of the tenant work for the new organisations too (they see the cases X12 creates).
  const staff = await db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), ne(users.role, 'provider')));
  for (const u of staff) await db.insert(userOrganisations).values([acme, maryland, abc, ipa].map((organisationId) => ({ tenantId, userId: u.id, organisationId })));
  const clientId = `${slug}-x12`;
  await db.insert(clients).values({ tenantId, id: randomUUID(), clientId, name: 'X12 clearinghouse', secretHash: await hashPassword(X12_CLIENT_SECRET), scopes: ['x12'] });
  return { client: { clientId, secret: X12_CLIENT_SECRET }, orgs: { acme, maryland, abc, ipa }, contract, members: ids };
}
