import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { principalOf, requireUser } from '../platform/http/auth';
import { userOrganisations, users } from '../platform/auth/schema';
import { ROLES, type Role } from '../platform/auth/model';
import { organisations } from './schema';
import { getTenant } from './store';

export function tenancyRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/tenant', { schema: { tags: ['tenancy'], summary: 'The tenant of the caller' } }, async (req) => {
      const t = await getTenant(ctx.db, principalOf(req).tenantId);
      return { id: t.id, name: t.name, kind: t.kind, timeZone: t.timeZone, sandbox: t.sandbox };
    });

    app.get('/organisations', { schema: { tags: ['tenancy'], summary: 'Plans, MSOs, IPAs and provider groups of the tenant' } }, async (req) => {
      const p = principalOf(req);
      const rows = await ctx.db.select().from(organisations).where(eq(organisations.tenantId, p.tenantId)).orderBy(asc(organisations.name));
      return { items: rows.map((o) => ({ id: o.id, kind: o.kind, name: o.name, npi: o.npi, taxId: o.taxId, payerId: o.payerId })) };
    });

    app.get(
      '/users',
      {
        schema: {
          tags: ['tenancy'],
          summary: 'Staff of the tenant (to assign cases)',
          querystring: Type.Object({ role: Type.Optional(Type.Union(ROLES.map((r) => Type.Literal(r)))) }),
        },
      },
      async (req) => {
        const p = requireUser(req, ['intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals', 'admin', 'auditor']);
        const role: Role | undefined = req.query.role;
        const rows = await ctx.db
          .select({ id: users.id, username: users.username, displayName: users.displayName, role: users.role, credential: users.credential, licenceState: users.licenceState, specialty: users.specialty })
          .from(users)
          .where(and(eq(users.tenantId, p.tenantId), eq(users.active, true), role === undefined ? undefined : eq(users.role, role)))
          .orderBy(asc(users.displayName));
        const orgRows = rows.length === 0 ? [] : await ctx.db.select().from(userOrganisations).where(and(eq(userOrganisations.tenantId, p.tenantId), inArray(userOrganisations.userId, rows.map((r) => r.id))));
        return { items: rows.map((r) => ({ ...r, organisationIds: orgRows.filter((o) => o.userId === r.id).map((o) => o.organisationId) })) };
      },
    );
  };
}
