/**
 * SMART backend-services clients for the FHIR tests: a registered client with a JWKS, signed client
 * assertions, and access tokens obtained through `POST /oauth/token`.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../../src/platform/db';
import * as S from '../../src/platform/db/schema';
import { CLIENT_ASSERTION_TYPE } from '../../src/platform/auth/smart';
import type { TestApp } from './app';

export const PAS_SCOPES = [
  'system/Claim.write',
  'system/Claim.read',
  'system/ClaimResponse.read',
  'system/Subscription.*',
  'system/Questionnaire.read',
] as const;

export interface SigningKey {
  readonly alg: 'RS384' | 'ES384';
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function signingKey(alg: 'RS384' | 'ES384', kid = `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { alg, kid, privateKey, publicJwk };
}

export interface SmartClient {
  readonly clientId: string;
  readonly keys: readonly SigningKey[];
}

/** Registers a machine client with a JWKS (and no secret) in the tenant. */
export async function registerSmartClient(
  db: Db,
  tenantId: string,
  opts: { clientId?: string; scopes?: readonly string[]; providerOrgId?: string | null; keys?: readonly SigningKey[] } = {},
): Promise<SmartClient> {
  const keys = opts.keys ?? [await signingKey('RS384'), await signingKey('ES384')];
  const clientId = opts.clientId ?? `smart-${randomUUID().slice(0, 8)}`;
  await db.insert(S.clients).values({
    tenantId,
    id: randomUUID(),
    clientId,
    name: 'SMART test EHR',
    secretHash: null,
    scopes: [...(opts.scopes ?? PAS_SCOPES)],
    jwks: { keys: keys.map((k) => k.publicJwk) },
    providerOrgId: opts.providerOrgId ?? null,
  });
  return { clientId, keys };
}

export interface AssertionOptions {
  readonly key: SigningKey;
  readonly clientId: string;
  readonly audience: string;
  readonly now: Date;
  readonly expiresInSeconds?: number;
  readonly jti?: string;
  readonly iss?: string;
  readonly sub?: string;
  readonly alg?: string;
  readonly kid?: string;
}

export async function signAssertion(o: AssertionOptions): Promise<string> {
  const nowSeconds = Math.floor(o.now.getTime() / 1000);
  return new SignJWT({ jti: o.jti ?? randomUUID() })
    .setProtectedHeader({ alg: o.alg ?? o.key.alg, kid: o.kid ?? o.key.kid, typ: 'JWT' })
    .setIssuer(o.iss ?? o.clientId)
    .setSubject(o.sub ?? o.clientId)
    .setAudience(o.audience)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + (o.expiresInSeconds ?? 240))
    .sign(o.key.privateKey);
}

export const tokenUrlOf = (t: TestApp): string => `${t.app.ctx.config.publicUrl}/oauth/token`;

/** `POST /oauth/token` with a client assertion; returns the HTTP status and the JSON body. */
export async function requestToken(t: TestApp, assertion: string, scope?: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion: assertion });
  if (scope !== undefined) form.set('scope', scope);
  const r = await t.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form.toString() });
  const body: unknown = r.json();
  return { status: r.statusCode, body: typeof body === 'object' && body !== null ? Object.fromEntries(Object.entries(body)) : {} };
}

/** A bearer token for the client through the real SMART flow. */
export async function smartToken(t: TestApp, c: SmartClient, scope?: string): Promise<string> {
  const key = c.keys[0];
  if (key === undefined) throw new Error('client has no key');
  const r = await requestToken(t, await signAssertion({ key, clientId: c.clientId, audience: tokenUrlOf(t), now: t.clock.now() }), scope);
  const token = r.body['access_token'];
  if (r.status !== 200 || typeof token !== 'string') throw new Error(`token request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return token;
}
