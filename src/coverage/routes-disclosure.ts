/**
 * Criteria disclosure over HTTP: a provider asks for the criteria behind a case's decision
 * (recorded and fulfilled at once), staff log requests received by phone, by mail or fax and
 * on-site review visits, and record their fulfilment. Gold-card report and recomputation.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { UmError } from '../platform/errors';
import { actorOf, type Principal } from '../platform/auth/model';
import { clientIp, principalOf, requireUser } from '../platform/http/auth';
import { appendAudit } from '../audit/store';
import { loadCase } from '../intake/queries';
import { cases } from '../intake/schema';
import { getTenant } from '../tenancy/store';
import { renderCriteriaSetText } from '../criteria';
import { FULFILMENT_METHODS, fulfilCriteriaRequest, getCriteriaRequest, listCriteriaRequests, logCriteriaRequest, requestView, setsCitedByCase, type Who } from './disclosure';
import { setSummary } from './criteria-view';
import { evaluateTenant, exemptionOf, exemptionsInForce, recomputeExemptions } from './gold-card-store';
import { coverageSettings } from './settings';
import type { CriteriaCatalog } from './criteria-store';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const STAFF = ['intake', 'nurse', 'medical_director', 'supervisor', 'appeals', 'admin'] as const;
const SetRefs = Type.Array(Type.Object({ setId: Type.String({ maxLength: 120 }), version: Type.String({ maxLength: 20 }) }), { maxItems: 50 });

const nameOf = (p: Principal): string => (p.kind === 'user' ? p.displayName : p.name);

export function disclosureRoutes(ctx: AppContext, catalog: CriteriaCatalog): FastifyPluginAsyncTypebox {
  const who = (req: FastifyRequest, p: Principal): Who => ({ tenantId: p.tenantId, actor: actorOf(p), name: nameOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id });
  return async (app) => {
    app.post('/cases/:id/criteria-requests', {
      schema: { tags: ['criteria'], summary: 'Ask for the criteria behind this case\'s decision: recorded, and answered at once with the criteria sets it rests on', params: Type.Object({ id: Type.String() }), body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false }) },
    }, async (req, reply) => {
      const p = principalOf(req);
      const w = who(req, p);
      const out = await ctx.db.transaction(async (tx) => {
        const row = await loadCase(tx, p, req.params.id);
        const refs = await setsCitedByCase(tx, row.tenantId, row.id);
        const channel = p.kind === 'client' ? 'api' : 'portal';
        const logged = await logCriteriaRequest(tx, w, { caseId: row.id, channel, requesterName: w.name, receivedAt: w.at, subject: `criteria behind case ${row.caseNumber}`, note: req.body.note ?? null });
        const done = await fulfilCriteriaRequest(tx, w, logged.id, { method: channel, disclosed: refs });
        const sets = [];
        for (const r of refs) {
          const { meta, set } = await catalog.read(tx, row.tenantId, r.setId, r.version);
          sets.push({ ...setSummary(meta, set), text: renderCriteriaSetText(set) });
        }
        return { request: requestView(done), criteria: sets };
      });
      return reply.status(201).send(out);
    });

    app.get('/cases/:id/criteria-requests', { schema: { tags: ['criteria'], summary: 'Criteria requests about this case (the read is audited, like every read of case data)', params: Type.Object({ id: Type.String() }) } }, async (req) => {
      const p = principalOf(req);
      return ctx.db.transaction(async (tx) => {
        const row = await loadCase(tx, p, req.params.id);
        const items = (await listCriteriaRequests(tx, row.tenantId, { caseIds: [row.id] })).map(requestView);
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
          action: 'criteria_request.read', recordType: 'case', recordId: row.id, caseId: row.id, details: { requests: items.length },
        });
        return { items };
      });
    });

    app.get('/criteria-requests', {
      schema: { tags: ['criteria'], summary: 'The criteria-request log (staff)', querystring: Type.Object({ status: Type.Optional(lit(['open', 'fulfilled'] as const)), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) }) },
    }, async (req) => {
      const p = requireUser(req, [...STAFF, 'auditor']);
      return { items: (await listCriteriaRequests(ctx.db, p.tenantId, { ...(req.query.status === undefined ? {} : { status: req.query.status }), ...(req.query.limit === undefined ? {} : { limit: req.query.limit }) })).map(requestView) };
    });

    app.post('/criteria-requests', {
      schema: {
        tags: ['criteria'], summary: 'Log a criteria request received by phone, by mail or fax, or an on-site review visit (staff)',
        body: Type.Object({
          channel: lit(['phone', 'mail', 'fax', 'on_site'] as const),
          caseNumber: Type.Optional(Type.String({ maxLength: 40 })),
          requesterName: Type.String({ minLength: 1, maxLength: 200 }),
          requesterOrganisation: Type.Optional(Type.String({ maxLength: 200 })),
          requesterContact: Type.Optional(Type.String({ maxLength: 200 })),
          receivedAt: Type.Optional(Type.String({ format: 'date-time' })),
          subject: Type.Optional(Type.String({ maxLength: 2000 })),
          visitScheduledFor: Type.Optional(Type.String({ format: 'date' })),
          formReceived: Type.Optional(Type.Boolean()),
          metBy: Type.Optional(Type.String({ maxLength: 200 })),
          note: Type.Optional(Type.String({ maxLength: 4000 })),
        }, { additionalProperties: false }),
      },
    }, async (req, reply) => {
      const p = requireUser(req, STAFF);
      const w = who(req, p);
      const b = req.body;
      const receivedAt = b.receivedAt === undefined ? w.at : new Date(b.receivedAt);
      if (receivedAt.getTime() > w.at.getTime()) throw new UmError('UM_ERR_VALIDATION', 'receivedAt is in the future', { details: [{ path: 'receivedAt', message: 'in the future' }] });
      const row = await ctx.db.transaction(async (tx) => {
        let caseId: string | null = null;
        if (b.caseNumber !== undefined) {
          const [c] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, p.tenantId), eq(cases.caseNumber, b.caseNumber.trim().toUpperCase())));
          if (c === undefined) throw new UmError('UM_ERR_NOT_FOUND', `No case ${b.caseNumber}`);
          caseId = (await loadCase(tx, p, c.id)).id;
        }
        return logCriteriaRequest(tx, w, { ...b, caseId, receivedAt });
      });
      return reply.status(201).send(requestView(row));
    });

    app.post('/criteria-requests/:id/fulfil', {
      schema: {
        tags: ['criteria'], summary: 'Record how a logged criteria request was answered (staff)', params: Type.Object({ id: Type.String() }),
        body: Type.Object({ method: lit(FULFILMENT_METHODS), disclosed: Type.Optional(SetRefs), note: Type.Optional(Type.String({ maxLength: 4000 })), formReceived: Type.Optional(Type.Boolean()), metBy: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
      },
    }, async (req) => {
      const p = requireUser(req, STAFF);
      const w = who(req, p);
      const row = await ctx.db.transaction(async (tx) => {
        const prior = await getCriteriaRequest(tx, p.tenantId, req.params.id);
        const disclosed = req.body.disclosed ?? (prior.caseId === null ? [] : await setsCitedByCase(tx, p.tenantId, prior.caseId));
        for (const d of disclosed) await catalog.read(tx, p.tenantId, d.setId, d.version);
        return fulfilCriteriaRequest(tx, w, req.params.id, { ...req.body, disclosed });
      });
      return requestView(row);
    });

    app.get('/coverage/gold-card', {
      schema: { tags: ['coverage'], summary: 'Gold-card report: exemptions in force and every provider × service group evaluated', querystring: Type.Object({ date: Type.Optional(Type.String({ format: 'date' })) }) },
    }, async (req) => {
      const p = requireUser(req, ['admin', 'supervisor', 'auditor', 'medical_director']);
      const tenant = await getTenant(ctx.db, p.tenantId);
      const policy = coverageSettings(tenant.settings).goldCard;
      const date = req.query.date ?? DateTime.fromJSDate(ctx.clock.now(), { zone: tenant.timeZone }).toISODate() ?? '';
      const exemptions = (await exemptionsInForce(ctx.db, p.tenantId, date)).map((r) => ({ ...exemptionOf(r), computedAt: r.computedAt.toISOString() }));
      const evaluations = policy === null ? [] : (await evaluateTenant(ctx.db, p.tenantId, tenant.timeZone, policy, date)).evaluations;
      return { date, policy, exemptions, evaluations };
    });

    app.post('/coverage/gold-card/recompute', { schema: { tags: ['coverage'], summary: 'Recompute the gold-card exemptions now (administrators; a job does it daily)' } }, async (req) => {
      const p = requireUser(req, ['admin']);
      const [report] = await recomputeExemptions(ctx.db, ctx.clock.now(), { tenantId: p.tenantId });
      return report;
    });
  };
}
