/** Who is calling, and what they may do: helpers the routes call first. */
import type { FastifyRequest } from 'fastify';
import { UmError } from '../errors';
import type { Principal, Role } from '../auth/model';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

export function principalOf(req: FastifyRequest): Principal {
  if (req.principal === null) throw new UmError('UM_ERR_UNAUTHENTICATED', 'Send a bearer token: log in at POST /api/auth/login or get one at POST /oauth/token');
  return req.principal;
}

/** A person with one of the given roles. */
export function requireUser(req: FastifyRequest, roles?: readonly Role[]): UserPrincipal {
  const p = principalOf(req);
  if (p.kind !== 'user') throw new UmError('UM_ERR_FORBIDDEN', 'This call is for people, not machine clients');
  if (roles !== undefined && !roles.includes(p.role)) {
    throw new UmError('UM_ERR_FORBIDDEN', `This call is for ${roles.join(', ')}; you are ${p.role}`);
  }
  return p;
}

/** A person (any role, or one of the given ones) or a machine client holding the scope. */
export function requireUserOrScope(req: FastifyRequest, scope: string, roles?: readonly Role[]): Principal {
  const p = principalOf(req);
  if (p.kind === 'client') {
    if (!p.scopes.includes(scope)) throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', `This call needs the scope ${scope}`);
    return p;
  }
  return requireUser(req, roles);
}

export function clientIp(req: FastifyRequest): string | null {
  return req.ip === '' ? null : req.ip;
}
