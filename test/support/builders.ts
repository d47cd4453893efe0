/**
 * Typed builders for test data: a small tenant with the shape of a real one (two plans, two IPAs,
 * contracts with a DOFR, members with and without coverage, providers, a user for every role).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../src/platform/db';
import * as S from '../../src/platform/db/schema';
import { hashPassword } from '../../src/platform/auth/passwords';
import { ROLES, type Role } from '../../src/platform/auth/model';
import { npiFrom } from '../../src/demo/random';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | null = null;
const passwordHash = () => (cachedHash ??= hashPassword(TEST_PASSWORD));

let npiCounter = 300_000_000;
export const nextNpi = (): string => npiFrom(String(npiCounter++));

export interface TestTenant {
  readonly tenantId: string;
  readonly slug: string;
  readonly orgs: { readonly maPlan: string; readonly mcdPlan: string; readonly ipa: string; readonly otherIpa: string; readonly clinic: string; readonly otherClinic: string };
  readonly contracts: { readonly ma: string; readonly mcd: string };
  readonly members: { readonly covered: string; readonly otherIpa: string; readonly termed: string };
  readonly memberNumbers: { readonly covered: string; readonly otherIpa: string; readonly termed: string };
  readonly providers: { readonly clinician: string; readonly clinicianNpi: string; readonly otherClinician: string; readonly otherClinicianNpi: string; readonly hospital: string; readonly hospitalNpi: string };
  /** Username of the user with each role (password TEST_PASSWORD). */
  readonly usernames: Readonly<Record<Role, string>>;
  readonly userIds: Readonly<Record<Role, string>>;
  readonly client: { readonly clientId: string; readonly secret: string };
}

export async function buildTenant(db: Db, opts: { slug?: string; coverageTerm?: string | null } = {}): Promise<TestTenant> {
  const slug = opts.slug ?? `t${randomUUID().slice(0, 8)}`;
  const tenantId = randomUUID();
  const id = () => randomUUID();
  await db.insert(S.tenants).values({ id: tenantId, slug, name: `Test tenant ${slug}`, kind: 'mso', timeZone: 'America/Chicago' });
  const org = async (kind: string, name: string, extra: Partial<typeof S.organisations.$inferInsert> = {}) => {
    const oid = id();
    await db.insert(S.organisations).values({ tenantId, id: oid, kind, name, ...extra });
    return oid;
  };
  const maPlan = await org('health_plan', 'Test MA Plan', { payerId: `MA${slug}` });
  const mcdPlan = await org('health_plan', 'Test Medicaid Plan', { payerId: `MC${slug}` });
  const ipa = await org('ipa', 'Test IPA', { taxId: '11-1111111' });
  const otherIpa = await org('ipa', 'Other IPA', { taxId: '22-2222222' });
  const clinic = await org('provider_group', 'Test Clinic', { taxId: '33-3333333' });
  const otherClinic = await org('provider_group', 'Other Clinic', { taxId: '44-4444444' });
  const ma = id();
  const mcd = id();
  await db.insert(S.contracts).values([
    { tenantId, id: ma, name: 'Test IPA × Test MA', planOrgId: maPlan, delegateOrgId: ipa, lineOfBusiness: 'medicare_advantage', umDelegated: true, authValidityDays: 90, effectiveFrom: '2025-01-01' },
    { tenantId, id: mcd, name: 'Other IPA × Test Medicaid', planOrgId: mcdPlan, delegateOrgId: otherIpa, lineOfBusiness: 'medicaid', umDelegated: true, authValidityDays: 60, effectiveFrom: '2025-01-01' },
  ]);
  const dofr = (contractId: string, grid: Record<string, string>) => Object.entries(grid).map(([serviceGroup, responsibility]) => ({ tenantId, contractId, serviceGroup, responsibility }));
  await db.insert(S.contractDofr).values([
    ...dofr(ma, { professional: 'ipa', dme: 'ipa', radiology: 'ipa', outpatient_facility: 'shared', inpatient_facility: 'plan', part_b_drug: 'plan' }),
    ...dofr(mcd, { professional: 'ipa', dme: 'plan', inpatient_facility: 'plan' }),
  ]);

  const clinicianNpi = nextNpi();
  const otherClinicianNpi = nextNpi();
  const hospitalNpi = nextNpi();
  const clinician = id();
  const otherClinician = id();
  const hospital = id();
  await db.insert(S.providers).values([
    { tenantId, id: clinician, npi: clinicianNpi, kind: 'practitioner', name: 'Ada Testwell, MD', specialty: 'Pulmonary Disease', taxonomy: '207RP1001X', networkStatus: 'in_network', providerOrgId: clinic, taxId: '33-3333333' },
    { tenantId, id: otherClinician, npi: otherClinicianNpi, kind: 'practitioner', name: 'Bo Otherly, DO', specialty: 'Family Medicine', taxonomy: '207Q00000X', networkStatus: 'out_of_network', providerOrgId: otherClinic, taxId: '44-4444444' },
    { tenantId, id: hospital, npi: hospitalNpi, kind: 'facility', name: 'Test General Hospital', specialty: 'General Acute Care Hospital', taxonomy: '282N00000X', networkStatus: 'in_network' },
  ]);

  const member = async (num: string, first: string, last: string) => {
    const mid = id();
    await db.insert(S.members).values({ tenantId, id: mid, memberNumber: num, firstName: first, lastName: last, birthDate: '1950-04-12', sex: 'F' });
    return mid;
  };
  const mn = { covered: `${slug}-0001`, otherIpa: `${slug}-0002`, termed: `${slug}-0003` };
  const covered = await member(mn.covered, 'Wren', 'Testmember');
  const other = await member(mn.otherIpa, 'Oren', 'Otherplan');
  const termed = await member(mn.termed, 'Tess', 'Termed');
  await db.insert(S.coverages).values([
    { tenantId, id: id(), memberId: covered, planOrgId: maPlan, contractId: ma, ipaOrgId: ipa, pbp: 'H0001-001', lineOfBusiness: 'medicare_advantage', productType: 'HMO', state: 'TX', effectiveFrom: '2025-01-01', effectiveTo: opts.coverageTerm ?? null },
    { tenantId, id: id(), memberId: other, planOrgId: mcdPlan, contractId: mcd, ipaOrgId: otherIpa, pbp: 'STAR', lineOfBusiness: 'medicaid', productType: 'HMO', state: 'TX', effectiveFrom: '2025-01-01' },
    { tenantId, id: id(), memberId: termed, planOrgId: maPlan, contractId: ma, ipaOrgId: ipa, pbp: 'H0001-001', lineOfBusiness: 'medicare_advantage', productType: 'HMO', state: 'TX', effectiveFrom: '2025-01-01', effectiveTo: '2025-06-30' },
  ]);

  const hash = await passwordHash();
  const credential: Partial<Record<Role, string>> = { nurse: 'RN', medical_director: 'MD', specialist: 'MD', supervisor: 'RN', appeals: 'RN' };
  const usernames = {} as Record<Role, string>;
  const userIds = {} as Record<Role, string>;
  for (const role of ROLES) {
    const uid = id();
    usernames[role] = `${slug}.${role}`;
    userIds[role] = uid;
    await db.insert(S.users).values({
      tenantId,
      id: uid,
      username: usernames[role],
      displayName: `Test ${role}`,
      role,
      credential: credential[role] ?? null,
      licenceState: credential[role] === undefined ? null : 'TX',
      providerOrgId: role === 'provider' ? clinic : null,
      passwordHash: hash,
    });
    if (role !== 'provider') {
      await db.insert(S.userOrganisations).values([ipa, otherIpa, maPlan, mcdPlan].map((organisationId) => ({ tenantId, userId: uid, organisationId })));
    }
  }
  const client = { clientId: `${slug}-ehr`, secret: 'client-secret-for-tests' };
  await db.insert(S.clients).values({ tenantId, id: id(), clientId: client.clientId, name: 'Test EHR', secretHash: await hashPassword(client.secret), scopes: ['cases.read', 'cases.write'], providerOrgId: clinic });

  return {
    tenantId,
    slug,
    orgs: { maPlan, mcdPlan, ipa, otherIpa, clinic, otherClinic },
    contracts: { ma, mcd },
    members: { covered, otherIpa: other, termed },
    memberNumbers: mn,
    providers: { clinician, clinicianNpi, otherClinician, otherClinicianNpi, hospital, hospitalNpi },
    usernames,
    userIds,
    client,
  };
}

/** A prior-authorization request for the covered member: one CPAP line by default. */
export function paRequest(t: TestTenant, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'prior_auth',
    priority: 'standard',
    requesterType: 'contracted_provider',
    channel: 'fax',
    member: { memberNumber: t.memberNumbers.covered },
    requestingProvider: { npi: t.providers.clinicianNpi },
    servicingProvider: { npi: t.providers.clinicianNpi },
    diagnoses: [{ code: 'G47.33' }],
    lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2026-12-01', toDate: '2026-12-31', placeOfService: '12' }],
    ...overrides,
  };
}
