import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../context';
import { isUmError } from '../errors';
import { clientIp, principalOf } from '../http/auth';
import type { AuthService } from './service';
import { CLIENT_ASSERTION_TYPE } from './smart';

const LoginBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1000 }) });

const PrincipalView = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  username: Type.Optional(Type.String()),
  displayName: Type.String(),
  role: Type.String(),
  credential: Type.Union([Type.String(), Type.Null()]),
  licenceState: Type.Union([Type.String(), Type.Null()]),
  organisationIds: Type.Array(Type.String()),
  providerOrgId: Type.Union([Type.String(), Type.Null()]),
  scopes: Type.Array(Type.String()),
});

const TokenBody = Type.Object(
  {
    grant_type: Type.String(),
    client_id: Type.Optional(Type.String()),
    client_secret: Type.Optional(Type.String()),
    client_assertion_type: Type.Optional(Type.String()),
    client_assertion: Type.Optional(Type.String()),
    scope: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

/** `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/me`, and the OAuth 2 token endpoint. */
export function authRoutes(ctx: AppContext, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with a username and password; returns a bearer token',
          security: [],
          body: LoginBody,
        },
      },
      async (req) => {
        const r = await auth.login(req.body.username, req.body.password, { ip: clientIp(req), requestId: req.id });
        const p = r.principal;
        return {
          token: r.token,
          tokenType: 'Bearer',
          expiresAt: r.expiresAt.toISOString(),
          tenant: r.tenant,
          user: {
            id: p.userId,
            username: p.username,
            displayName: p.displayName,
            role: p.role,
            credential: p.credential,
            licenceState: p.licenceState,
            organisationIds: p.organisationIds,
            providerOrgId: p.providerOrgId,
          },
        };
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End the session of the bearer token' } }, async (req, reply) => {
      principalOf(req);
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (token !== undefined) await auth.logout(token);
      return reply.status(204).send();
    });

    app.get('/api/me', { schema: { tags: ['auth'], summary: 'Who the bearer token belongs to', response: { 200: PrincipalView } } }, async (req) => {
      const p = principalOf(req);
      return p.kind === 'user'
        ? { kind: 'user', id: p.userId, username: p.username, displayName: p.displayName, role: p.role, credential: p.credential, licenceState: p.licenceState, organisationIds: [...p.organisationIds], providerOrgId: p.providerOrgId, scopes: [] }
        : { kind: 'client', id: p.clientId, displayName: p.name, role: 'client', credential: null, licenceState: null, organisationIds: [], providerOrgId: p.providerOrgId, scopes: [...p.scopes] };
    });

    // RFC 6749: the token endpoint answers errors in its own JSON shape, not problem+json.
    app.post(
      '/oauth/token',
      { schema: { tags: ['auth'], summary: 'OAuth 2 token endpoint (client credentials: secret, or SMART backend services signed JWT assertion)', security: [], body: TokenBody } },
      async (req, reply) => {
        const body = req.body;
        reply.header('cache-control', 'no-store');
        if (body.grant_type !== 'client_credentials') {
          return reply.status(400).send({ error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported' });
        }
        const scopes = body.scope === undefined || body.scope.trim() === '' ? null : body.scope.trim().split(/\s+/);
        const tokenAnswer = (t: { token: string; expiresAt: Date; scopes: readonly string[] }) => ({
          access_token: t.token,
          token_type: 'Bearer',
          expires_in: Math.round((t.expiresAt.getTime() - ctx.clock.now().getTime()) / 1000),
          scope: t.scopes.join(' '),
        });
        const oauthError = (e: unknown) => {
          if (isUmError(e) && e.code === 'UM_ERR_INVALID_CLIENT') return reply.status(401).send({ error: 'invalid_client', error_description: e.message });
          if (isUmError(e) && e.code === 'UM_ERR_INSUFFICIENT_SCOPE') return reply.status(400).send({ error: 'invalid_scope', error_description: e.message });
          throw e;
        };
        // SMART backend services: a signed JWT assertion instead of a secret (RFC 7523 §2.2).
        if (body.client_assertion_type !== undefined || body.client_assertion !== undefined) {
          if (body.client_assertion_type !== CLIENT_ASSERTION_TYPE || body.client_assertion === undefined) {
            return reply.status(400).send({ error: 'invalid_request', error_description: `client_assertion_type must be ${CLIENT_ASSERTION_TYPE}, with a client_assertion` });
          }
          try {
            return reply.send(tokenAnswer(await auth.clientAssertion(body.client_assertion, scopes, { ip: clientIp(req), requestId: req.id })));
          } catch (e) {
            return oauthError(e);
          }
        }
        let id = body.client_id;
        let secret = body.client_secret;
        const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
        if (basic !== null) {
          const decoded = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
          const i = decoded.indexOf(':');
          if (i > 0) {
            id = decodeURIComponent(decoded.slice(0, i));
            secret = decodeURIComponent(decoded.slice(i + 1));
          }
        }
        if (id === undefined || secret === undefined) {
          return reply.status(401).send({ error: 'invalid_client', error_description: 'Client authentication is required' });
        }
        try {
          return reply.send(tokenAnswer(await auth.clientCredentials(id, secret, scopes)));
        } catch (e) {
          return oauthError(e);
        }
      },
    );
  };
}
