import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, nextNpi, type TestTenant } from './support/builders';
import { importMembers, importProviders } from '../src/members/import';
import { coverages, members, providers } from '../src/members/schema';

let h: TestApp;
let t: TestTenant;
const file = join(import.meta.dirname, 'fixtures', 'csv', 'members.csv');

beforeAll(async () => {
  h = await testApp();
  t = await buildTenant(h.app.ctx.db);
});
afterAll(async () => h.close());

const opts = () => ({ db: h.app.ctx.db, tenantId: t.tenantId, actor: { type: 'system' as const, id: 'test', role: 'admin' }, clock: h.clock });

describe('openum import members', () => {
  it('imports good rows with their coverage and reports bad ones by line number', async () => {
    const r = await importMembers(createReadStream(file), opts());
    expect(r).toMatchObject({ rows: 6, inserted: 3, updated: 0, unchanged: 0 });
    expect(r.errors).toEqual([
      { line: 4, message: 'birth_date "1990-13-40" is not a date (YYYY-MM-DD)' },
      { line: 4, message: 'sex "X" must be F, M or U' },
      { line: 5, message: 'plan "No Such Plan" is not a health plan of this tenant' },
      { line: 7, message: 'member_number is required' },
    ]);
    const [m] = await h.app.ctx.db.select().from(members).where(and(eq(members.tenantId, t.tenantId), eq(members.memberNumber, 'IMP-0002')));
    expect(m).toMatchObject({ firstName: 'Cyrus', birthDate: '1951-07-19', sex: 'M' });
    const covs = await h.app.ctx.db.select().from(coverages).where(and(eq(coverages.tenantId, t.tenantId), eq(coverages.memberId, m!.id)));
    expect(covs).toEqual([expect.objectContaining({ lineOfBusiness: 'medicare_advantage', productType: 'HMO-POS', contractId: t.contracts.ma, ipaOrgId: t.orgs.ipa, effectiveTo: '2026-12-31' })]);
  });

  it('changes nothing when the same file is imported again', async () => {
    const r = await importMembers(createReadStream(file), opts());
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('updates what changed, and a new coverage term', async () => {
    const csv = 'member_number,first_name,last_name,birth_date,sex,plan,ipa,line_of_business,product_type,effective_from,effective_to\nIMP-0001,Rhea,Fictional-Smith,1948-02-03,F,Test MA Plan,Test IPA,medicare_advantage,HMO,2026-01-01,2026-06-30\n';
    const r = await importMembers(Readable.from([csv]), opts());
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 0, errors: [] });
  });
});

describe('openum import providers', () => {
  it('upserts by NPI and checks the NPI check digit', async () => {
    const npi = nextNpi();
    const csv = `npi,tax_id,kind,name,taxonomy,specialty,network_status,provider_group\n${npi},33-3333333,practitioner,"Quinn Sample, MD",207Q00000X,Family Medicine,in_network,Test Clinic\n1234567890,,practitioner,Bad Npi,,,in_network,\n`;
    const r = await importProviders(Readable.from([csv]), opts());
    expect(r).toMatchObject({ rows: 2, inserted: 1, errors: [{ line: 3, message: 'npi "1234567890" is not a valid NPI' }] });
    const again = await importProviders(Readable.from([csv]), opts());
    expect(again).toMatchObject({ inserted: 0, unchanged: 1 });
    const [p] = await h.app.ctx.db.select().from(providers).where(and(eq(providers.tenantId, t.tenantId), eq(providers.npi, npi)));
    expect(p).toMatchObject({ name: 'Quinn Sample, MD', providerOrgId: t.orgs.clinic });
  });
});
