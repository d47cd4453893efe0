/**
 * REST for work queues: counts per queue, a queue's page in due-time order with time-to-breach,
 * "take next", reviewers' routing profiles and the tenant's routing settings.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { UmError } from '../platform/errors';
import { actorOf } from '../platform/auth/model';
import { clientIp, requireUser } from '../platform/http/auth';
import { appendAudit } from '../audit/store';
import { users } from '../platform/auth/schema';
import { tenants } from '../tenancy/schema';
import { getTenant } from '../tenancy/store';
import { CASE_KINDS, PRIORITIES } from '../intake/model';
import { mayViewQueue, queuesFor, QUEUE_ROLES, type QueueRole } from './model';
import { countQueue, listQueue, reviewerProfile, withOrganisationKind, type QueueFilters } from './queries';
import { createQueueService } from './service';
import { reviewerRouting } from './schema';
import { parseRoutingSettings, tenantRoutingSettings, type RoutingSettings } from './settings';
import { isServiceGroup } from '../intake/service-groups';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const QueueParam = Type.Object({ queue: lit(QUEUE_ROLES) });
const Filters = {
  organisationId: Type.Optional(Type.String({ format: 'uuid' })),
  lineOfBusiness: Type.Optional(Type.String()),
  kind: Type.Optional(lit(CASE_KINDS)),
  priority: Type.Optional(lit(PRIORITIES)),
  assignee: Type.Optional(Type.String({ description: '"me", "none" or a user id' })),
};
const States = Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 60 });

const filtersOf = (f: { organisationId?: string; lineOfBusiness?: string; kind?: string; priority?: string; assignee?: string }): QueueFilters => ({
  ...(f.organisationId === undefined ? {} : { organisationId: f.organisationId }),
  ...(f.lineOfBusiness === undefined ? {} : { lineOfBusiness: f.lineOfBusiness }),
  ...(f.kind === undefined ? {} : { kind: f.kind }),
  ...(f.priority === undefined ? {} : { priority: f.priority }),
  ...(f.assignee === undefined ? {} : { assignee: f.assignee }),
});

/** What the schema cannot check: known service groups, ranges that run forwards, rules that can match. */
function checkRoutingSettings(s: RoutingSettings): void {
  const details: { path: string; message: string }[] = [];
  s.specialties.forEach((r, i) => {
    (r.serviceGroups ?? []).forEach((g, j) => {
      if (!isServiceGroup(g)) details.push({ path: `/specialties/${i}/serviceGroups/${j}`, message: `Unknown service group "${g}"` });
    });
    (r.codeRanges ?? []).forEach((c, j) => {
      if (c.from.length !== c.to.length || c.from > c.to) details.push({ path: `/specialties/${i}/codeRanges/${j}`, message: `The range ${c.from}–${c.to} runs backwards` });
    });
    if ((r.serviceGroups ?? []).length === 0 && (r.codeRanges ?? []).length === 0) details.push({ path: `/specialties/${i}`, message: `The ${r.specialty} rule names no service group and no code range, so it never applies` });
  });
  if (details.length > 0) throw new UmError('UM_ERR_VALIDATION', details.map((d) => d.message).join('; '), { details });
}

export function queueRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const service = createQueueService(ctx);
  const viewer = (role: QueueRole, p: ReturnType<typeof requireUser>) => {
    if (!mayViewQueue(p.role, role)) throw new UmError('UM_ERR_FORBIDDEN', `A ${p.role} does not work the ${role} queue`);
  };
  return async (app) => {
    app.get('/queues', { schema: { tags: ['queues'], summary: 'The queues the caller works, with counts (all, unassigned, overdue, at risk)' } }, async (req) => {
      const p = requireUser(req);
      const now = ctx.clock.now();
      const profile = await reviewerProfile(ctx.db, p);
      const items = [];
      for (const q of queuesFor(p.role)) items.push(await countQueue(ctx.db, p, q, profile, now));
      return { now: now.toISOString(), items };
    });

    app.get(
      '/queues/:queue',
      {
        schema: {
          tags: ['queues'],
          summary: 'A queue in due-time order with time-to-breach; routed to the caller when the caller works it',
          params: QueueParam,
          querystring: Type.Object({ ...Filters, limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })) }),
        },
      },
      async (req) => {
        const p = requireUser(req);
        const queue = req.params.queue;
        viewer(queue, p);
        const now = ctx.clock.now();
        return ctx.db.transaction(async (tx) => {
          const profile = await reviewerProfile(tx, p);
          const filters = await withOrganisationKind(tx, p.tenantId, filtersOf(req.query));
          const items = await listQueue(tx, p, queue, profile, filters, { limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 }, now);
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: clientIp(req), requestId: req.id }, {
            action: 'queue.list', recordType: 'case', recordId: 'list', details: { queue, count: items.length, caseIds: items.map((i) => i.id) },
          });
          return { now: now.toISOString(), items };
        });
      },
    );

    app.post(
      '/queues/:queue/take-next',
      { schema: { tags: ['queues'], summary: 'Assign yourself the earliest-due unassigned case routed to you (atomic)', params: QueueParam, body: Type.Optional(Type.Object(Filters, { additionalProperties: false })) } },
      async (req) => {
        const p = requireUser(req);
        const caseId = await service.takeNext(p, req.params.queue, filtersOf(req.body ?? {}), { ip: clientIp(req), requestId: req.id });
        return { caseId };
      },
    );

    app.get('/queues/reviewers/:userId/routing', { schema: { tags: ['queues'], summary: 'A reviewer\'s routing profile', params: Type.Object({ userId: Type.String({ format: 'uuid' }) }) } }, async (req) => {
      const p = requireUser(req, ['supervisor', 'admin', 'auditor']);
      const [u] = await ctx.db.select().from(users).where(and(eq(users.tenantId, p.tenantId), eq(users.id, req.params.userId)));
      if (u === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such user');
      const [r] = await ctx.db.select().from(reviewerRouting).where(and(eq(reviewerRouting.tenantId, p.tenantId), eq(reviewerRouting.userId, u.id)));
      return { userId: u.id, licenceState: u.licenceState, specialty: u.specialty, licenceStates: r?.licenceStates ?? [], specialties: r?.specialties ?? [], serviceCategories: r?.serviceCategories ?? [] };
    });

    app.put(
      '/queues/reviewers/:userId/routing',
      {
        schema: {
          tags: ['queues'],
          summary: 'Set a reviewer\'s further licence states, specialties and the service categories they are limited to (supervisors, admins)',
          params: Type.Object({ userId: Type.String({ format: 'uuid' }) }),
          body: Type.Object({ licenceStates: States, specialties: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 20 }), serviceCategories: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 40 }) }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const p = requireUser(req, ['supervisor', 'admin']);
        const now = ctx.clock.now();
        await ctx.db.transaction(async (tx) => {
          const [u] = await tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, p.tenantId), eq(users.id, req.params.userId)));
          if (u === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such user');
          const values = { licenceStates: req.body.licenceStates, specialties: req.body.specialties, serviceCategories: req.body.serviceCategories, updatedAt: now };
          await tx.insert(reviewerRouting).values({ tenantId: p.tenantId, userId: u.id, ...values }).onConflictDoUpdate({ target: [reviewerRouting.tenantId, reviewerRouting.userId], set: values });
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: clientIp(req), requestId: req.id }, {
            action: 'reviewer.routing', recordType: 'user', recordId: u.id, details: { licenceStates: req.body.licenceStates, specialties: req.body.specialties, serviceCategories: req.body.serviceCategories },
          });
        });
        return { userId: req.params.userId, ...req.body };
      },
    );

    app.get('/tenant/routing-settings', { schema: { tags: ['queues'], summary: 'Which cases need which licence and specialty' } }, async (req) => {
      const p = requireUser(req);
      return tenantRoutingSettings((await getTenant(ctx.db, p.tenantId)).settings);
    });

    app.put('/tenant/routing-settings', { schema: { tags: ['queues'], summary: 'Set the routing settings (admins); applies to cases received from now on', body: Type.Unknown() } }, async (req) => {
      const p = requireUser(req, ['admin']);
      const routing = parseRoutingSettings(req.body);
      checkRoutingSettings(routing);
      await ctx.db.transaction(async (tx) => {
        const before = tenantRoutingSettings((await getTenant(tx, p.tenantId)).settings);
        await tx.update(tenants).set({ settings: sql`${tenants.settings} || ${JSON.stringify({ routing })}::jsonb` }).where(eq(tenants.id, p.tenantId));
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
          action: 'tenant.routing_settings', recordType: 'tenant', recordId: p.tenantId, details: { before, after: routing },
        });
      });
      return routing;
    });
  };
}
