import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';

let h: TestApp;
let t: TestTenant;
let admin: string;

beforeAll(async () => {
  h = await testApp();
  t = await buildTenant(h.app.ctx.db);
  admin = await h.login(t.usernames.admin);
});
afterAll(async () => h.close());

describe('administration', () => {
  it('creates a nurse with a licence state and organisations, who can then log in and work', async () => {
    const r = await h.call('POST', '/api/admin/users', admin, { username: `${t.slug}.rn2`, displayName: 'Rae Second, RN', role: 'nurse', credential: 'RN', licenceState: 'CA', organisationIds: [t.orgs.ipa], password: 'a-long-password' });
    expect(r.statusCode).toBe(201);
    const list = (await h.call('GET', '/api/admin/users', admin)).json().items;
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ username: `${t.slug}.rn2`, role: 'nurse', licenceState: 'CA', organisationIds: [t.orgs.ipa] })]));
    const token = await h.login(`${t.slug}.rn2`, 'a-long-password');
    expect((await h.call('GET', '/api/me', token)).json()).toMatchObject({ role: 'nurse', licenceState: 'CA' });
  });

  it('refuses a nurse without a licence state, a taken username, and non-admins', async () => {
    const noLicence = await h.call('POST', '/api/admin/users', admin, { username: `${t.slug}.rn3`, displayName: 'No Licence', role: 'nurse', password: 'a-long-password' });
    expect(noLicence.statusCode).toBe(400);
    expect(noLicence.json().errors).toEqual([{ path: 'licenceState', message: 'required for role nurse' }]);
    const taken = await h.call('POST', '/api/admin/users', admin, { username: t.usernames.nurse, displayName: 'Dup', role: 'intake', password: 'a-long-password' });
    expect(taken.statusCode).toBe(409);
    const supervisor = await h.login(t.usernames.supervisor);
    expect((await h.call('GET', '/api/admin/users', supervisor)).statusCode).toBe(403);
  });

  it('deactivates a user, who can no longer log in', async () => {
    const created = (await h.call('POST', '/api/admin/users', admin, { username: `${t.slug}.temp`, displayName: 'Temp', role: 'intake', password: 'a-long-password' })).json();
    await h.call('PATCH', `/api/admin/users/${created.id}`, admin, { active: false });
    const r = await h.call('POST', '/api/auth/login', null, { username: `${t.slug}.temp`, password: 'a-long-password' });
    expect(r.statusCode).toBe(401);
  });

  it('registers a machine client and shows its secret once', async () => {
    const r = await h.call('POST', '/api/admin/clients', admin, { clientId: `${t.slug}-clearinghouse`, name: 'Clearinghouse', scopes: ['cases.read', 'cases.write'] });
    expect(r.statusCode).toBe(201);
    const { secret } = r.json();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const tok = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${t.slug}-clearinghouse&client_secret=${secret}` });
    expect(tok.statusCode).toBe(200);
    const list = (await h.call('GET', '/api/admin/clients', admin)).json().items;
    expect(JSON.stringify(list)).not.toContain(secret);
  });

  it('changes a contract\'s DOFR, and intake routes by the new grid', async () => {
    const contracts = (await h.call('GET', '/api/admin/contracts', admin)).json().items;
    const ma = contracts.find((c: { id: string }) => c.id === t.contracts.ma);
    expect(ma.dofr.dme).toBe('ipa');
    const r = await h.call('PUT', `/api/admin/contracts/${ma.id}`, admin, {
      name: ma.name,
      planOrgId: ma.planOrgId,
      delegateOrgId: ma.delegateOrgId,
      lineOfBusiness: ma.lineOfBusiness,
      umDelegated: true,
      effectiveFrom: ma.effectiveFrom,
      dofr: { ...ma.dofr, dme: 'plan' },
    });
    expect(r.statusCode).toBe(200);
    const intake = await h.login(t.usernames.intake);
    const created = await h.call('POST', '/api/cases', intake, paRequest(t));
    const c = created.json();
    expect(created.statusCode, created.body).toBe(201);
    expect(c.lines[0]).toMatchObject({ serviceGroup: 'dme', responsibility: 'plan' });
    expect(c).toMatchObject({ status: 'forwarded_to_plan' });
  });

  it('lets the plan name pharmacists for Part B drugs in the reviewer matrix, never nurses', async () => {
    const rn = await h.call('PUT', '/api/admin/reviewer-matrix', admin, { items: [{ serviceCategory: 'part_b_drug', lineOfBusiness: 'medicare_advantage', credential: 'RN' }] });
    expect(rn.statusCode).toBe(400);
    const ok = await h.call('PUT', '/api/admin/reviewer-matrix', admin, { items: [{ serviceCategory: 'part_b_drug', lineOfBusiness: 'medicare_advantage', credential: 'PharmD' }] });
    expect(ok.statusCode).toBe(200);
    expect((await h.call('GET', '/api/admin/reviewer-matrix', admin)).json().items).toEqual([{ serviceCategory: 'part_b_drug', lineOfBusiness: 'medicare_advantage', credential: 'PharmD' }]);
  });

  it('refuses an unknown time zone for the tenant', async () => {
    const r = await h.call('PATCH', '/api/admin/tenant', admin, { timeZone: 'Mars/Olympus_Mons' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([{ path: 'timeZone', message: 'unknown time zone' }]);
  });
});
