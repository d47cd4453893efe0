/**
 * Authentication: people log in with a password, machine clients with client credentials; both
 * receive an opaque bearer token of which only a SHA-256 hash is stored.
 */
import { createHash } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { UmError } from '../errors';
import type { AppContext } from '../context';
import { appendAudit } from '../../audit/store';
import { clients, sessions, userOrganisations, users } from './schema';
import { tenants } from '../../tenancy/schema';
import { DUMMY_HASH, verifyPassword } from './passwords';
import { ROLES, type Principal, type Role } from './model';
import { createAssertionVerifier, scopeCovers } from './smart';

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

export interface IssuedToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly scopes: readonly string[];
}

export interface LoginResult extends IssuedToken {
  readonly principal: Extract<Principal, { kind: 'user' }>;
  readonly tenant: { readonly id: string; readonly name: string; readonly timeZone: string };
}

export function createAuthService(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'random'>) {
  const { db, clock, config } = ctx;
  const assertions = createAssertionVerifier(ctx);

  async function issue(tenantId: string, subjectType: 'user' | 'client', subjectId: string, scopes: readonly string[]): Promise<IssuedToken> {
    const token = Buffer.from(ctx.random(32)).toString('base64url');
    const expiresAt = new Date(clock.now().getTime() + config.tokenTtlMinutes * 60_000);
    await db.insert(sessions).values({ tokenHash: sha256(token), tenantId, subjectType, subjectId, scopes: [...scopes], expiresAt });
    return { token, expiresAt, scopes };
  }

  async function userPrincipal(tenantId: string, userId: string): Promise<Extract<Principal, { kind: 'user' }> | null> {
    const [u] = await db
      .select()
      .from(users)
      .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.active, true)));
    if (u === undefined || !isRole(u.role)) return null;
    const orgs = await db
      .select({ id: userOrganisations.organisationId })
      .from(userOrganisations)
      .where(and(eq(userOrganisations.tenantId, tenantId), eq(userOrganisations.userId, userId)));
    return {
      kind: 'user',
      tenantId,
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      credential: u.credential,
      licenceState: u.licenceState,
      organisationIds: orgs.map((o) => o.id),
      providerOrgId: u.providerOrgId,
    };
  }

  return {
    /** `POST /api/auth/login`: a wrong username and a wrong password answer the same. */
    async login(username: string, password: string, meta: { ip: string | null; requestId: string }): Promise<LoginResult> {
      const [u] = await db.select().from(users).where(eq(users.username, username));
      const valid = await verifyPassword(password, u?.passwordHash ?? DUMMY_HASH);
      if (u === undefined) throw new UmError('UM_ERR_BAD_CREDENTIALS');
      const audit = { tenantId: u.tenantId, actor: { type: 'user' as const, id: u.id, role: u.role }, at: clock.now(), ip: meta.ip, requestId: meta.requestId };
      if (!valid || !u.active) {
        await appendAudit(db, audit, { action: 'auth.login_failed', recordType: 'user', recordId: u.id });
        throw new UmError('UM_ERR_BAD_CREDENTIALS');
      }
      const principal = await userPrincipal(u.tenantId, u.id);
      const [t] = await db.select().from(tenants).where(eq(tenants.id, u.tenantId));
      if (principal === null || t === undefined) throw new UmError('UM_ERR_BAD_CREDENTIALS');
      const issued = await issue(u.tenantId, 'user', u.id, []);
      await appendAudit(db, audit, { action: 'auth.login', recordType: 'user', recordId: u.id });
      return { ...issued, principal, tenant: { id: t.id, name: t.name, timeZone: t.timeZone } };
    },

    /** OAuth 2 client credentials grant (RFC 6749 §4.4). */
    async clientCredentials(clientId: string, secret: string, requestedScopes: readonly string[] | null): Promise<IssuedToken> {
      const [c] = await db.select().from(clients).where(eq(clients.clientId, clientId));
      const valid = await verifyPassword(secret, c?.secretHash ?? DUMMY_HASH);
      if (c === undefined || !valid || !c.active) throw new UmError('UM_ERR_INVALID_CLIENT');
      const granted = requestedScopes === null ? c.scopes : requestedScopes.filter((s) => c.scopes.includes(s));
      if (requestedScopes !== null && granted.length < requestedScopes.length) {
        throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', `The client may not ask for: ${requestedScopes.filter((s) => !c.scopes.includes(s)).join(' ')}`);
      }
      return issue(c.tenantId, 'client', c.id, granted);
    },

    /**
     * SMART backend services: client credentials with a signed JWT assertion (see `smart.ts`). The
     * requested scopes must be covered by the client's registered ones; none requested: all of them.
     * Successes and refusals of a known client are audited.
     */
    async clientAssertion(assertion: string, requestedScopes: readonly string[] | null, meta: { ip: string | null; requestId: string }): Promise<IssuedToken> {
      let verified: Awaited<ReturnType<typeof assertions.verify>>;
      try {
        verified = await assertions.verify(assertion);
      } catch (e) {
        const payload = /^[^.]+\.([^.]+)\./.exec(assertion)?.[1];
        const claimed = payload === undefined ? null : clientIdClaim(payload);
        const [c] = claimed === null ? [] : await db.select().from(clients).where(eq(clients.clientId, claimed));
        if (c !== undefined) {
          await appendAudit(db, { tenantId: c.tenantId, actor: { type: 'client', id: c.clientId, role: 'client' }, at: clock.now(), ip: meta.ip, requestId: meta.requestId }, {
            action: 'auth.client_assertion_failed',
            recordType: 'client',
            recordId: c.id,
            details: { reason: e instanceof UmError ? e.message : 'unverifiable' },
          });
        }
        throw e;
      }
      const c = verified.client;
      const granted = requestedScopes === null ? c.scopes : requestedScopes.filter((s) => c.scopes.some((r) => scopeCovers(r, s)));
      if (requestedScopes !== null && granted.length < requestedScopes.length) {
        throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', `The client may not ask for: ${requestedScopes.filter((s) => !granted.includes(s)).join(' ')}`);
      }
      const issued = await issue(c.tenantId, 'client', c.id, granted);
      await appendAudit(db, { tenantId: c.tenantId, actor: { type: 'client', id: c.clientId, role: 'client' }, at: clock.now(), ip: meta.ip, requestId: meta.requestId }, {
        action: 'auth.client_assertion',
        recordType: 'client',
        recordId: c.id,
        details: { scopes: [...granted], jti: verified.jti },
      });
      return issued;
    },

    /** Resolves a bearer token to who is calling, or null when it is unknown or expired. */
    async resolve(token: string): Promise<Principal | null> {
      const [s] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, clock.now())));
      if (s === undefined) return null;
      if (s.subjectType === 'user') return userPrincipal(s.tenantId, s.subjectId);
      const [c] = await db
        .select()
        .from(clients)
        .where(and(eq(clients.tenantId, s.tenantId), eq(clients.id, s.subjectId), eq(clients.active, true)));
      if (c === undefined) return null;
      return { kind: 'client', tenantId: c.tenantId, clientId: c.clientId, name: c.name, scopes: s.scopes, providerOrgId: c.providerOrgId };
    },

    async logout(token: string): Promise<void> {
      await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

/** The `iss` of an unverified JWT payload segment (for auditing a refused assertion), or null. */
function clientIdClaim(payloadSegment: string): string | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(payloadSegment, 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && 'iss' in payload && typeof payload.iss === 'string' ? payload.iss : null;
  } catch {
    return null;
  }
}
