import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, TEST_PASSWORD, type TestTenant } from './support/builders';

let h: TestApp;
let t: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  h = await testApp();
  t = await buildTenant(h.app.ctx.db);
  other = await buildTenant(h.app.ctx.db);
});
afterAll(async () => h.close());

describe('people', () => {
  it('log in with a password and get a bearer token that identifies them', async () => {
    const r = await h.call('POST', '/api/auth/login', null, { username: t.usernames.nurse, password: TEST_PASSWORD });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ tokenType: 'Bearer', user: { username: t.usernames.nurse, role: 'nurse', credential: 'RN', licenceState: 'TX' }, tenant: { id: t.tenantId } });
    const me = await h.call('GET', '/api/me', body.token);
    expect(me.json()).toMatchObject({ kind: 'user', role: 'nurse', id: t.userIds.nurse });
  });

  it('get the same answer for a wrong password and an unknown user', async () => {
    const wrong = await h.call('POST', '/api/auth/login', null, { username: t.usernames.nurse, password: 'nope' });
    const unknown = await h.call('POST', '/api/auth/login', null, { username: 'nobody', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().detail).toBe(unknown.json().detail);
    expect(wrong.json().code).toBe('UM_ERR_BAD_CREDENTIALS');
  });

  it('lose access when they log out or the token expires', async () => {
    const a = await h.login(t.usernames.nurse);
    expect((await h.call('POST', '/api/auth/logout', a)).statusCode).toBe(204);
    expect((await h.call('GET', '/api/me', a)).statusCode).toBe(401);
    const b = await h.login(t.usernames.nurse);
    h.clock.advance(9 * 3600_000);
    const expired = await h.call('GET', '/api/me', b);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('UM_ERR_UNAUTHENTICATED');
    h.clock.advance(-9 * 3600_000);
  });

  it('store only a memory-hard hash of the password', async () => {
    const { users } = await import('../src/platform/auth/schema');
    const rows = await h.app.ctx.db.select({ hash: users.passwordHash }).from(users);
    for (const r of rows) {
      expect(r.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(r.hash).not.toContain(TEST_PASSWORD);
    }
  });
});

describe('machine clients (OAuth 2 client credentials)', () => {
  it('get a scoped bearer token with a form body or HTTP Basic', async () => {
    const form = await h.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `grant_type=client_credentials&client_id=${t.client.clientId}&client_secret=${t.client.secret}`,
    });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ token_type: 'Bearer', expires_in: 28800, scope: 'cases.read cases.write' });
    expect(form.headers['cache-control']).toBe('no-store');
    const basic = await h.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${t.client.clientId}:${t.client.secret}`).toString('base64')}` },
      payload: 'grant_type=client_credentials&scope=cases.read',
    });
    expect(basic.json().scope).toBe('cases.read');
    // A read-only token cannot create a case.
    const create = await h.call('POST', '/api/cases', basic.json().access_token, paRequest(t));
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('UM_ERR_INSUFFICIENT_SCOPE');
    const created = await h.call('POST', '/api/cases', form.json().access_token, paRequest(t));
    expect(created.statusCode).toBe(201);
    expect(created.json().channel).toBe('portal');
  });

  it('are refused with the OAuth error shapes', async () => {
    const bad = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${t.client.clientId}&client_secret=wrong` });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ error: 'invalid_client' });
    const grant = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=password&username=a&password=b' });
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const scope = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${t.client.clientId}&client_secret=${t.client.secret}&scope=admin` });
    expect(scope.json()).toMatchObject({ error: 'invalid_scope' });
  });

  it('are refused with an unknown bearer token', async () => {
    const r = await h.call('GET', '/api/cases', 'not-a-token');
    expect(r.statusCode).toBe(401);
    expect(r.headers['content-type']).toContain('application/problem+json');
  });
});

describe('who sees what', () => {
  it('shows a provider office only its own requests', async () => {
    const intake = await h.login(t.usernames.intake);
    const mine = (await h.call('POST', '/api/cases', intake, paRequest(t))).json();
    const theirs = (await h.call('POST', '/api/cases', intake, paRequest(t, { requestingProvider: { npi: t.providers.otherClinicianNpi } }))).json();
    const provider = await h.login(t.usernames.provider);
    const list = (await h.call('GET', '/api/cases?limit=200', provider)).json().items.map((c: { id: string }) => c.id);
    expect(list).toContain(mine.id);
    expect(list).not.toContain(theirs.id);
    expect((await h.call('GET', `/api/cases/${theirs.id}`, provider)).statusCode).toBe(404);
  });

  it('never shows one tenant\'s cases to another tenant', async () => {
    const intake = await h.login(t.usernames.intake);
    const c = (await h.call('POST', '/api/cases', intake, paRequest(t))).json();
    const stranger = await h.login(other.usernames.auditor);
    expect((await h.call('GET', `/api/cases/${c.id}`, stranger)).statusCode).toBe(404);
    const list = (await h.call('GET', '/api/cases?limit=200', stranger)).json().items.map((x: { id: string }) => x.id);
    expect(list).not.toContain(c.id);
    const asOtherNurse = await h.login(other.usernames.nurse);
    expect((await h.call('POST', `/api/cases/${c.id}/decision`, asOtherNurse, { outcome: 'approved' })).statusCode).toBe(404);
  });

  it('shows staff only the organisations they work for', async () => {
    const { userOrganisations } = await import('../src/platform/auth/schema');
    const { and, eq } = await import('drizzle-orm');
    const intake = await h.login(t.usernames.intake);
    const c = (await h.call('POST', '/api/cases', intake, paRequest(t))).json();
    // The nurse now works for the other IPA only.
    await h.app.ctx.db.delete(userOrganisations).where(and(eq(userOrganisations.tenantId, t.tenantId), eq(userOrganisations.userId, t.userIds.nurse)));
    await h.app.ctx.db.insert(userOrganisations).values({ tenantId: t.tenantId, userId: t.userIds.nurse, organisationId: t.orgs.otherIpa });
    const nurse = await h.login(t.usernames.nurse);
    expect((await h.call('GET', `/api/cases/${c.id}`, nurse)).statusCode).toBe(404);
    const list = (await h.call('GET', '/api/cases?limit=200', nurse)).json().items.map((x: { id: string }) => x.id);
    expect(list).not.toContain(c.id);
  });
});

describe('errors', () => {
  it('answers an unknown API route with a problem', async () => {
    const r = await h.call('GET', '/api/nothing-here', null);
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ type: 'urn:openum:problem:UM_ERR_NOT_FOUND', title: 'Not found', status: 404, detail: 'No route GET /api/nothing-here', code: 'UM_ERR_NOT_FOUND', instance: '/api/nothing-here', requestId: expect.any(String) });
  });

  it('publishes the OpenAPI document', async () => {
    const r = await h.call('GET', '/docs/json', null);
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/cases', '/api/cases/{id}', '/api/cases/{id}/decision', '/api/auth/login', '/api/cases/{id}/audit']));
  });

  it('reports health', async () => {
    const r = await h.call('GET', '/health', null);
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('ok');
  });
});
