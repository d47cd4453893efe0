import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context';
import { clientIp, principalOf } from '../platform/http/auth';
import { ROLES } from '../platform/auth/model';
import { LINES_OF_BUSINESS, ORGANISATION_KINDS, RESPONSIBILITIES } from './model';
import { createAdminService } from './admin-service';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const tags = ['administration'];

const UserFields = {
  username: Type.String({ minLength: 2, maxLength: 100, pattern: '^[A-Za-z0-9._@-]+$' }),
  displayName: Type.String({ minLength: 1, maxLength: 200 }),
  role: lit(ROLES),
  credential: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  licenceState: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
  specialty: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  providerOrgId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
  organisationIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { maxItems: 100 })),
  password: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
  active: Type.Optional(Type.Boolean()),
};

const ContractBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  planOrgId: Type.String({ format: 'uuid' }),
  delegateOrgId: Type.String({ format: 'uuid' }),
  lineOfBusiness: lit(LINES_OF_BUSINESS),
  umDelegated: Type.Boolean(),
  authValidityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
  reviewContractedRetro: Type.Optional(Type.Boolean()),
  admissionNotificationHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
  effectiveFrom: Type.String({ format: 'date' }),
  effectiveTo: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  dofr: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z_*]+$' }), lit(RESPONSIBILITIES))),
});

/** `/api/admin/…`: users, machine clients, organisations, contracts and DOFR, reviewer matrix, tenant. */
export function adminRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const admin = createAdminService(ctx);
  const meta = (req: FastifyRequest) => ({ ip: clientIp(req), requestId: req.id });
  return async (app) => {
    app.get('/admin/users', { schema: { tags, summary: 'Users of the tenant with their roles and organisations' } }, async (req) => ({ items: await admin.listUsers(principalOf(req)) }));
    app.post('/admin/users', { schema: { tags, summary: 'Create a user', body: Type.Object(UserFields, { additionalProperties: false }) } }, async (req, reply) =>
      reply.status(201).send(await admin.createUser(principalOf(req), req.body, meta(req))),
    );
    app.patch(
      '/admin/users/:id',
      { schema: { tags, summary: 'Change a user (role, licence, organisations, password, active)', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: Type.Partial(Type.Object(UserFields, { additionalProperties: false })) } },
      async (req) => admin.updateUser(principalOf(req), req.params.id, req.body, meta(req)),
    );

    app.get('/admin/clients', { schema: { tags, summary: 'Machine clients' } }, async (req) => ({ items: await admin.listClients(principalOf(req)) }));
    app.post(
      '/admin/clients',
      {
        schema: {
          tags,
          summary: 'Register a machine client; a generated secret is returned once',
          body: Type.Object({
            clientId: Type.String({ minLength: 3, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$' }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
            providerOrgId: Type.Optional(Nullable(Type.String({ format: 'uuid' }))),
            generateSecret: Type.Optional(Type.Boolean()),
            jwks: Type.Optional(Type.Unknown()),
            jwksUrl: Type.Optional(Nullable(Type.String({ format: 'uri' }))),
          }),
        },
      },
      async (req, reply) => reply.status(201).send(await admin.createClient(principalOf(req), req.body, meta(req))),
    );
    app.patch(
      '/admin/clients/:id',
      {
        schema: {
          tags,
          summary: 'Change a client (scopes, active, rotate its secret)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1 })), scopes: Type.Optional(Type.Array(Type.String())), active: Type.Optional(Type.Boolean()), rotateSecret: Type.Optional(Type.Boolean()) }),
        },
      },
      async (req) => admin.updateClient(principalOf(req), req.params.id, req.body, meta(req)),
    );

    app.post(
      '/admin/organisations',
      {
        schema: {
          tags,
          summary: 'Add an organisation (plan, MSO, IPA, provider group)',
          body: Type.Object({ kind: lit(ORGANISATION_KINDS), name: Type.String({ minLength: 1, maxLength: 200 }), npi: Type.Optional(Nullable(Type.String({ pattern: '^\\d{10}$' }))), taxId: Type.Optional(Nullable(Type.String())), payerId: Type.Optional(Nullable(Type.String())) }),
        },
      },
      async (req, reply) => reply.status(201).send(await admin.createOrganisation(principalOf(req), req.body, meta(req))),
    );

    app.get('/admin/contracts', { schema: { tags, summary: 'Contracts with their settings and DOFR' } }, async (req) => ({ items: await admin.listContracts(principalOf(req)) }));
    app.post('/admin/contracts', { schema: { tags, summary: 'Add a contract (plan × delegate × line of business)', body: ContractBody } }, async (req, reply) =>
      reply.status(201).send(await admin.saveContract(principalOf(req), null, req.body, meta(req))),
    );
    app.put('/admin/contracts/:id', { schema: { tags, summary: 'Change a contract and its DOFR', params: Type.Object({ id: Type.String({ format: 'uuid' }) }), body: ContractBody } }, async (req) =>
      admin.saveContract(principalOf(req), req.params.id, req.body, meta(req)),
    );

    app.get('/admin/reviewer-matrix', { schema: { tags, summary: 'Credentials that may issue adverse decisions, per service category and line of business' } }, async (req) => ({ items: await admin.listMatrix(principalOf(req)) }));
    app.put(
      '/admin/reviewer-matrix',
      {
        schema: {
          tags,
          summary: 'Replace the reviewer matrix (physicians always may; nursing credentials never)',
          body: Type.Object({ items: Type.Array(Type.Object({ serviceCategory: Type.String({ minLength: 1 }), lineOfBusiness: Type.Union([lit(LINES_OF_BUSINESS), Type.Literal('*')]), credential: Type.String({ minLength: 2, maxLength: 20 }) }), { maxItems: 500 }) }),
        },
      },
      async (req) => admin.saveMatrix(principalOf(req), req.body.items, meta(req)),
    );

    app.patch(
      '/admin/tenant',
      { schema: { tags, summary: 'Change the tenant (name, time zone, sandbox)', body: Type.Object({ name: Type.Optional(Type.String({ minLength: 1 })), timeZone: Type.Optional(Type.String()), sandbox: Type.Optional(Type.Boolean()) }) } },
      async (req) => admin.updateTenant(principalOf(req), req.body, meta(req)),
    );
  };
}
