/**
 * SMART backend services: client authentication with a signed JWT assertion (SMART App Launch 2.x,
 * "Backend Services" — https://hl7.org/fhir/smart-app-launch/backend-services.html; RFC 7523 §2.2 and
 * §3; RFC 7521 §4.2). The client signs with RS384 or ES384 using a key of its registered JWKS (or JWKS
 * URL); `iss` = `sub` = its client id; `aud` = this server's token URL; `exp` at most five minutes
 * ahead; a `jti` used once (kept in the database until the assertion expires, so a replay is refused
 * on every node).
 */
import { and, eq, lt } from 'drizzle-orm';
import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JSONWebKeySet, type JWK } from 'jose';
import type { AppContext } from '../context';
import { UmError } from '../errors';
import { clientAssertionJtis, clients } from './schema';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** The signing algorithms SMART backend services require servers to support. */
export const ASSERTION_ALGORITHMS = ['RS384', 'ES384'] as const;
/** SMART: "exp … no more than five minutes in the future". */
export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
/** Leeway for clock skew between the client and this server. */
const SKEW_SECONDS = 60;

export type ClientRow = typeof clients.$inferSelect;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isJwk = (v: unknown): v is JWK => isRecord(v) && typeof v['kty'] === 'string';

/** A registered JWKS (`{ keys: [...] }`) read from the jsonb column, or null when it is not one. */
export function parseJwks(value: unknown): JSONWebKeySet | null {
  if (!isRecord(value) || !Array.isArray(value['keys'])) return null;
  const keys = value['keys'].filter(isJwk);
  return keys.length === 0 ? null : { keys };
}

const refuse = (message: string): UmError => new UmError('UM_ERR_INVALID_CLIENT', message);

export interface VerifiedAssertion {
  readonly client: ClientRow;
  readonly jti: string;
  readonly expiresAt: Date;
}

/**
 * Verifies client assertions. Remote JWKS are cached per URL for the life of the service (jose
 * refetches on an unknown `kid`).
 */
export function createAssertionVerifier(ctx: Pick<AppContext, 'db' | 'clock' | 'config'>) {
  const remote = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const tokenUrl = `${ctx.config.publicUrl}/oauth/token`;

  function keysOf(c: ClientRow) {
    const local = parseJwks(c.jwks);
    if (local !== null) return createLocalJWKSet(local);
    if (c.jwksUrl !== null && /^https?:\/\//.test(c.jwksUrl)) {
      let set = remote.get(c.jwksUrl);
      if (set === undefined) {
        set = createRemoteJWKSet(new URL(c.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
        remote.set(c.jwksUrl, set);
      }
      return set;
    }
    throw refuse(`Client ${c.clientId} has no registered JWKS or JWKS URL: it cannot authenticate with a signed assertion`);
  }

  return {
    /** The audience a client assertion must name. */
    tokenUrl,

    /** Checks the assertion and records its `jti`; throws `UM_ERR_INVALID_CLIENT` saying what is wrong. */
    async verify(assertion: string): Promise<VerifiedAssertion> {
      let alg: unknown;
      let claims: ReturnType<typeof decodeJwt>;
      try {
        alg = decodeProtectedHeader(assertion).alg;
        claims = decodeJwt(assertion);
      } catch {
        throw refuse('client_assertion is not a signed JWT (JWS compact serialization)');
      }
      if (typeof alg !== 'string' || !ASSERTION_ALGORITHMS.some((a) => a === alg)) {
        throw refuse(`client_assertion is signed with ${String(alg)}; use ${ASSERTION_ALGORITHMS.join(' or ')}`);
      }
      const iss = claims.iss;
      if (typeof iss !== 'string' || iss === '' || claims.sub !== iss) throw refuse('client_assertion needs iss and sub, both equal to the client id');
      const [c] = await ctx.db.select().from(clients).where(eq(clients.clientId, iss));
      if (c === undefined || !c.active) throw refuse(`Unknown or inactive client ${iss}`);

      const now = ctx.clock.now();
      try {
        await jwtVerify(assertion, keysOf(c), {
          algorithms: [...ASSERTION_ALGORITHMS],
          issuer: iss,
          subject: iss,
          audience: tokenUrl,
          currentDate: now,
          clockTolerance: SKEW_SECONDS,
          requiredClaims: ['exp', 'jti'],
        });
      } catch (e) {
        throw refuse(describe(e, tokenUrl));
      }
      const exp = typeof claims.exp === 'number' ? claims.exp : 0;
      if (exp - now.getTime() / 1000 > MAX_ASSERTION_LIFETIME_SECONDS + SKEW_SECONDS) {
        throw refuse(`client_assertion exp is more than ${MAX_ASSERTION_LIFETIME_SECONDS / 60} minutes ahead`);
      }
      const jti = typeof claims.jti === 'string' ? claims.jti : '';
      if (jti === '') throw refuse('client_assertion needs a jti');
      const expiresAt = new Date((exp + SKEW_SECONDS) * 1000);
      await ctx.db.delete(clientAssertionJtis).where(lt(clientAssertionJtis.expiresAt, now));
      const stored = await ctx.db
        .insert(clientAssertionJtis)
        .values({ tenantId: c.tenantId, clientId: c.clientId, jti, expiresAt, createdAt: now })
        .onConflictDoNothing()
        .returning({ jti: clientAssertionJtis.jti });
      if (stored.length === 0) throw refuse(`client_assertion jti "${jti}" was already used`);
      return { client: c, jti, expiresAt };
    },

    /** Whether the jti is on record (tests and diagnostics). */
    async seen(tenantId: string, clientId: string, jti: string): Promise<boolean> {
      const rows = await ctx.db
        .select({ jti: clientAssertionJtis.jti })
        .from(clientAssertionJtis)
        .where(and(eq(clientAssertionJtis.tenantId, tenantId), eq(clientAssertionJtis.clientId, clientId), eq(clientAssertionJtis.jti, jti)));
      return rows.length > 0;
    },
  };
}

export type AssertionVerifier = ReturnType<typeof createAssertionVerifier>;

function describe(e: unknown, tokenUrl: string): string {
  if (e instanceof errors.JWTExpired) return 'client_assertion has expired';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return `client_assertion aud must be the token URL ${tokenUrl}`;
    if (e.claim === 'nbf' || e.claim === 'iat') return `client_assertion ${e.claim} is in the future`;
    return `client_assertion claim ${e.claim} is not valid: ${e.reason}`;
  }
  if (e instanceof errors.JWKSNoMatchingKey) return 'no key of the client\'s registered JWKS matches the assertion (kid / algorithm)';
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'client_assertion signature does not verify with the client\'s registered keys';
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid) return 'the client\'s JWKS URL could not be read';
  if (e instanceof errors.JOSEError) return `client_assertion is not valid: ${e.message}`;
  return 'client_assertion could not be verified';
}

/**
 * SMART scopes (v1 `system/Claim.write`, `.read`, `.*`; v2 `system/Claim.cruds` letters): whether
 * a granted scope allows an access. Non-SMART scopes match only themselves.
 */
export function scopeAllows(granted: string, resource: string, access: 'read' | 'write' | 'create' | 'update' | 'delete' | 'search'): boolean {
  const m = /^(system|user|patient)\/([A-Za-z*]+)\.([a-z*]+)$/.exec(granted);
  if (m === null || m[1] !== 'system') return false;
  if (m[2] !== '*' && m[2] !== resource) return false;
  const perm = m[3] ?? '';
  if (perm === '*') return true;
  if (perm === 'read') return access === 'read' || access === 'search';
  if (perm === 'write') return access === 'write' || access === 'create' || access === 'update' || access === 'delete';
  const letter: Record<typeof access, string> = { read: 'r', search: 's', create: 'c', update: 'u', delete: 'd', write: 'cud' };
  return /^c?r?u?d?s?$/.test(perm) && [...letter[access]].every((l) => perm.includes(l));
}

/** Whether a registered scope covers a requested one (a client registered for `.*` may ask for `.read`). */
export function scopeCovers(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const m = /^system\/([A-Za-z*]+)\.([a-z*]+)$/.exec(requested);
  if (m === null) return false;
  const resource = m[1] === '*' ? '*' : (m[1] ?? '');
  const perm = m[2] ?? '';
  const accesses: ('read' | 'write')[] = perm === 'read' ? ['read'] : perm === 'write' ? ['write'] : perm === '*' ? ['read', 'write'] : [];
  if (accesses.length === 0) return false;
  if (resource === '*') return /^system\/\*\.(\*|read|write)$/.test(registered) && accesses.every((a) => scopeAllows(registered, 'Any', a));
  return accesses.every((a) => scopeAllows(registered, resource, a));
}
