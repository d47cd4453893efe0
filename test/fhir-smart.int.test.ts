/**
 * SMART backend services at POST /oauth/token: signed JWT assertions (RS384, ES384) verified against
 * the client's registered JWKS, with exp, aud, iss/sub and jti-replay checks; the client-secret grant
 * keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, type TestTenant } from './support/builders';
import { registerSmartClient, requestToken, signAssertion, signingKey, tokenUrlOf, type SmartClient } from './support/fhir-clients';
import * as S from '../src/platform/db/schema';

let t: TestApp;
let tenant: TestTenant;
let client: SmartClient;

beforeAll(async () => {
  t = await testApp();
  tenant = await buildTenant(t.app.ctx.db);
  client = await registerSmartClient(t.app.ctx.db, tenant.tenantId, { providerOrgId: tenant.orgs.clinic });
});
afterAll(async () => t.close());

const assertion = (over: Partial<Parameters<typeof signAssertion>[0]> = {}) =>
  signAssertion({ key: client.keys[0]!, clientId: client.clientId, audience: tokenUrlOf(t), now: t.clock.now(), ...over });

describe('client assertion grant', () => {
  it('issues a scoped bearer token for an RS384 assertion, usable on the API', async () => {
    const r = await requestToken(t, await assertion(), 'system/Claim.write system/ClaimResponse.read');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: 'Bearer', scope: 'system/Claim.write system/ClaimResponse.read', expires_in: 480 * 60 });
    const me = await t.call('GET', '/api/me', String(r.body['access_token']));
    expect(me.json()).toMatchObject({ kind: 'client', id: client.clientId, scopes: ['system/Claim.write', 'system/ClaimResponse.read'] });
  });

  it('accepts ES384 and grants every registered scope when none is asked for', async () => {
    const r = await requestToken(t, await assertion({ key: client.keys[1]! }));
    expect(r.status).toBe(200);
    expect(String(r.body['scope']).split(' ')).toContain('system/Subscription.*');
  });

  it('grants a narrower scope covered by a wildcard registration', async () => {
    const r = await requestToken(t, await assertion(), 'system/Subscription.read system/Subscription.write');
    expect(r.status).toBe(200);
    expect(r.body['scope']).toBe('system/Subscription.read system/Subscription.write');
  });

  it('refuses a scope the client is not registered for', async () => {
    const r = await requestToken(t, await assertion(), 'system/Claim.write system/Patient.read');
    expect(r).toEqual({ status: 400, body: { error: 'invalid_scope', error_description: 'The client may not ask for: system/Patient.read' } });
  });

  it('refuses a replayed jti', async () => {
    const signed = await assertion({ jti: 'replay-me' });
    expect((await requestToken(t, signed)).status).toBe(200);
    const again = await requestToken(t, signed);
    expect(again).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'client_assertion jti "replay-me" was already used' } });
    // A fresh assertion reusing the jti is refused too.
    expect((await requestToken(t, await assertion({ jti: 'replay-me' }))).status).toBe(401);
  });

  it('refuses an expired assertion', async () => {
    const old = new Date(t.clock.now().getTime() - 10 * 60_000);
    const r = await requestToken(t, await assertion({ now: old, expiresInSeconds: 240 }));
    expect(r).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'client_assertion has expired' } });
  });

  it('refuses exp more than five minutes ahead', async () => {
    const r = await requestToken(t, await assertion({ expiresInSeconds: 15 * 60 }));
    expect(r).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'client_assertion exp is more than 5 minutes ahead' } });
  });

  it('refuses an assertion signed with a key that is not registered', async () => {
    const stranger = await signingKey('RS384', client.keys[0]!.kid);
    const r = await requestToken(t, await assertion({ key: stranger }));
    expect(r).toEqual({ status: 401, body: { error: 'invalid_client', error_description: "client_assertion signature does not verify with the client's registered keys" } });
    const unknownKid = await signingKey('ES384');
    expect((await requestToken(t, await assertion({ key: unknownKid }))).body['error_description']).toBe("no key of the client's registered JWKS matches the assertion (kid / algorithm)");
  });

  it('refuses the wrong audience, algorithm and issuer', async () => {
    expect((await requestToken(t, await assertion({ audience: 'https://elsewhere.example/token' }))).body['error_description']).toBe(`client_assertion aud must be the token URL ${tokenUrlOf(t)}`);
    const hs = await requestToken(t, 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln');
    expect(hs.body['error_description']).toBe('client_assertion is signed with HS256; use RS384 or ES384');
    expect((await requestToken(t, await assertion({ sub: 'someone-else' }))).body['error_description']).toBe('client_assertion needs iss and sub, both equal to the client id');
    expect((await requestToken(t, await assertion({ iss: 'nobody', sub: 'nobody' }))).body['error_description']).toBe('Unknown or inactive client nobody');
    expect((await requestToken(t, 'not a jwt')).body['error_description']).toBe('client_assertion is not a signed JWT (JWS compact serialization)');
  });

  it('audits issued tokens and refusals of a known client', async () => {
    const rows = await t.app.ctx.db
      .select({ action: S.auditEvents.action })
      .from(S.auditEvents)
      .where(and(eq(S.auditEvents.tenantId, tenant.tenantId), eq(S.auditEvents.actorId, client.clientId)));
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('auth.client_assertion');
    expect(actions).toContain('auth.client_assertion_failed');
  });

  it('keeps the client-secret grant, and refuses an assertion type it does not know', async () => {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: tenant.client.clientId, client_secret: tenant.client.secret });
    const r = await t.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
    expect(r.statusCode).toBe(200);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:other', client_assertion: 'x' }).toString(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_request' });
  });
});
