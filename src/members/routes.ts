import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { UmError } from '../platform/errors';
import { clientIp, principalOf } from '../platform/http/auth';
import { actorOf } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import { organisations } from '../tenancy/schema';
import { members, providers } from './schema';
import { findMember, memberCoverages } from './store';

const escapeLike = (s: string): string => s.replace(/[%_\\]/g, '');

export function memberRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/members',
      {
        schema: {
          tags: ['members'],
          summary: 'Find members by member number or name (providers: exact member number only)',
          querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
        },
      },
      async (req) => {
        const p = principalOf(req);
        const term = req.query.q.trim();
        const isProvider = p.kind === 'client' || p.role === 'provider';
        const cond = isProvider
          ? eq(members.memberNumber, term)
          : or(eq(members.memberNumber, term), ilike(members.lastName, `${escapeLike(term)}%`), ilike(members.firstName, `${escapeLike(term)}%`));
        return ctx.db.transaction(async (tx) => {
          const rows = await tx
            .select({ id: members.id, memberNumber: members.memberNumber, firstName: members.firstName, lastName: members.lastName, birthDate: members.birthDate, sex: members.sex })
            .from(members)
            .where(and(eq(members.tenantId, p.tenantId), cond))
            .orderBy(asc(members.lastName), asc(members.firstName))
            .limit(req.query.limit ?? 20);
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
            action: 'member.search',
            recordType: 'member',
            recordId: 'search',
            details: { count: rows.length, memberIds: rows.map((r) => r.id) },
          });
          return { items: rows };
        });
      },
    );

    app.get('/members/:id', { schema: { tags: ['members'], summary: 'A member with their coverage spans', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) } }, async (req) => {
      const p = principalOf(req);
      return ctx.db.transaction(async (tx) => {
        const m = await findMember(tx, p.tenantId, { id: req.params.id });
        if (m === null) throw new UmError('UM_ERR_NOT_FOUND', 'No such member');
        const covs = await memberCoverages(tx, p.tenantId, m.id);
        const orgs = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.tenantId, p.tenantId));
        const name = new Map(orgs.map((o) => [o.id, o.name]));
        const pcpIds = [...new Set(covs.map((c) => c.pcpProviderId).filter((x): x is string => x !== null))];
        const pcps = pcpIds.length === 0 ? [] : await tx.select({ id: providers.id, npi: providers.npi, name: providers.name }).from(providers).where(and(eq(providers.tenantId, p.tenantId), inArray(providers.id, pcpIds)));
        const pcp = new Map(pcps.map((x) => [x.id, x]));
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
          action: 'member.read',
          recordType: 'member',
          recordId: m.id,
        });
        return {
          id: m.id,
          memberNumber: m.memberNumber,
          firstName: m.firstName,
          lastName: m.lastName,
          birthDate: m.birthDate,
          sex: m.sex,
          city: m.city,
          state: m.state,
          coverages: covs.map((c) => ({
            id: c.id,
            planOrgId: c.planOrgId,
            planName: name.get(c.planOrgId) ?? null,
            ipaOrgId: c.ipaOrgId,
            ipaName: c.ipaOrgId === null ? null : (name.get(c.ipaOrgId) ?? null),
            contractId: c.contractId,
            pbp: c.pbp,
            lineOfBusiness: c.lineOfBusiness,
            productType: c.productType,
            state: c.state,
            /** The member's primary care provider on this span. */
            pcp: c.pcpProviderId === null ? null : (pcp.get(c.pcpProviderId) ?? null),
            effectiveFrom: c.effectiveFrom,
            effectiveTo: c.effectiveTo,
          })),
        };
      });
    });

    app.get(
      '/providers',
      {
        schema: {
          tags: ['members'],
          summary: 'Find providers and facilities by NPI or name',
          querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
        },
      },
      async (req) => {
        const p = principalOf(req);
        const term = req.query.q.trim();
        const rows = await ctx.db
          .select({ id: providers.id, npi: providers.npi, name: providers.name, kind: providers.kind, specialty: providers.specialty, networkStatus: providers.networkStatus })
          .from(providers)
          .where(and(eq(providers.tenantId, p.tenantId), or(eq(providers.npi, term), ilike(providers.name, `%${escapeLike(term)}%`))))
          .orderBy(asc(providers.name))
          .limit(req.query.limit ?? 20);
        return { items: rows };
      },
    );
  };
}
