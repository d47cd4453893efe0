/**
 * Criteria sets over HTTP. Public, without login (42 CFR 422.101(b)(6): MA plans make their
 * criteria publicly accessible): the list of sets in force, each set as JSON or plain text with
 * its citation and clinical sign-off, and its Questionnaire; every viewing is recorded.
 * Administrators: every stored version, a comparison of two versions, upload, activation.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import type { Queryable } from '../platform/db';
import { UmError } from '../platform/errors';
import { actorOf, type Actor } from '../platform/auth/model';
import { clientIp, requireUser } from '../platform/http/auth';
import { appendAudit } from '../audit/store';
import { tenants } from '../tenancy/schema';
import { diffCriteriaSets, parseCriteriaSet, renderCriteriaSetText, toDtrQuestionnaire, type CriteriaSet } from '../criteria';
import { setSummary } from './criteria-view';
import { inForceOn, listSetVersions, setActivation, storeCriteriaSets, type CriteriaCatalog, type CriteriaSetMeta } from './criteria-store';

const tags = ['criteria'];
const PUBLIC = { security: [] };
/** Who views the public pages without logging in. */
const ANONYMOUS: Actor = { type: 'system', id: 'anonymous', role: 'public' };

async function publicTenant(q: Queryable, req: FastifyRequest, slug: string | undefined): Promise<{ id: string; slug: string; name: string; timeZone: string }> {
  if (req.principal !== null && slug === undefined) {
    const [t] = await q.select().from(tenants).where(eq(tenants.id, req.principal.tenantId));
    if (t !== undefined) return t;
  }
  const rows = await q.select().from(tenants).where(slug === undefined ? undefined : eq(tenants.slug, slug)).limit(2);
  if (rows.length === 1 && rows[0] !== undefined) return rows[0];
  throw new UmError(rows.length === 0 ? 'UM_ERR_NOT_FOUND' : 'UM_ERR_VALIDATION', rows.length === 0 ? 'No such plan' : 'Name the plan: ?tenant=<slug>', { details: [{ path: 'querystring/tenant', message: rows.length === 0 ? 'unknown' : 'required' }] });
}

export function criteriaRoutes(ctx: AppContext, catalog: CriteriaCatalog): FastifyPluginAsyncTypebox {
  const viewer = (req: FastifyRequest): Actor => (req.principal === null ? ANONYMOUS : actorOf(req.principal));
  const today = (tz: string) => DateTime.fromJSDate(ctx.clock.now(), { zone: tz }).toISODate() ?? '';
  const recordView = async (q: Queryable, req: FastifyRequest, tenantId: string, set: CriteriaSet, form: string) =>
    appendAudit(q, { tenantId, actor: viewer(req), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
      action: 'criteria.read', recordType: 'criteria_set', recordId: `${set.id}@${set.version}`, details: { setId: set.id, version: set.version, form },
    });

  return async (app) => {
    app.get('/criteria', {
      schema: { tags, summary: 'Public: the criteria sets in force, with their citation and clinical sign-off (no login)', security: PUBLIC.security, querystring: Type.Object({ tenant: Type.Optional(Type.String({ maxLength: 100 })), date: Type.Optional(Type.String({ format: 'date' })) }) },
    }, async (req) => {
      const t = await publicTenant(ctx.db, req, req.query.tenant);
      const date = req.query.date ?? today(t.timeZone);
      const metas = (await listSetVersions(ctx.db, t.id, { activatedOnly: true })).filter((m) => inForceOn(m, date));
      // One version per set: the highest in force.
      const latest = new Map<string, CriteriaSetMeta>();
      for (const m of metas) latest.set(m.setId, m);
      const items = [];
      for (const m of latest.values()) items.push(setSummary(m, (await catalog.read(ctx.db, t.id, m.setId, m.version)).set));
      return { plan: { slug: t.slug, name: t.name }, date, items };
    });

    app.get('/criteria/:id', {
      schema: {
        tags, summary: 'Public: one criteria set (JSON; add `.txt` to the id for plain text) — the version in force today, or `?version=`', security: PUBLIC.security,
        params: Type.Object({ id: Type.String({ maxLength: 120 }) }), querystring: Type.Object({ tenant: Type.Optional(Type.String({ maxLength: 100 })), version: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    }, async (req, reply) => {
      const asText = req.params.id.endsWith('.txt');
      const id = asText ? req.params.id.slice(0, -4) : req.params.id;
      const t = await publicTenant(ctx.db, req, req.query.tenant);
      const { meta, set } = await ctx.db.transaction(async (tx) => {
        const found = await readPublic(tx, catalog, t, id, req.query.version, today(t.timeZone));
        await recordView(tx, req, t.id, found.set, asText ? 'text' : 'json');
        return found;
      });
      if (asText) return reply.type('text/plain; charset=utf-8').send(renderCriteriaSetText(set));
      return { ...setSummary(meta, set), text: renderCriteriaSetText(set), document: set };
    });

    app.get('/criteria/:id/questionnaire', {
      schema: { tags, summary: 'Public: the set\'s questions as a FHIR Questionnaire (Da Vinci DTR form)', security: PUBLIC.security, params: Type.Object({ id: Type.String({ maxLength: 120 }) }), querystring: Type.Object({ tenant: Type.Optional(Type.String({ maxLength: 100 })), version: Type.Optional(Type.String({ maxLength: 20 })) }) },
    }, async (req, reply) => {
      const t = await publicTenant(ctx.db, req, req.query.tenant);
      const { set } = await ctx.db.transaction(async (tx) => {
        const found = await readPublic(tx, catalog, t, req.params.id, req.query.version, today(t.timeZone));
        await recordView(tx, req, t.id, found.set, 'questionnaire');
        return found;
      });
      return reply.type('application/fhir+json').send(toDtrQuestionnaire(set));
    });

    app.get('/admin/criteria-sets', { schema: { tags, summary: 'Every stored criteria-set version, activated or not (administrators)' } }, async (req) => {
      const p = requireUser(req, ['admin', 'supervisor', 'auditor', 'medical_director']);
      const date = today((await ctx.db.select().from(tenants).where(eq(tenants.id, p.tenantId)))[0]?.timeZone ?? 'UTC');
      return { date, items: (await listSetVersions(ctx.db, p.tenantId)).map(({ tenantId: _t, ...m }) => ({ ...m, inForceToday: inForceOn(m, date), loadedAt: m.loadedAt.toISOString(), activatedAt: m.activatedAt?.toISOString() ?? null })) };
    });

    app.get('/admin/criteria-sets/:id/versions/:version', {
      schema: { tags, summary: 'One stored version with its document and text (administrators)', params: Type.Object({ id: Type.String(), version: Type.String() }) },
    }, async (req) => {
      const p = requireUser(req, ['admin', 'supervisor', 'auditor', 'medical_director']);
      const { meta, set } = await catalog.read(ctx.db, p.tenantId, req.params.id, req.params.version);
      return { ...setSummary(meta, set), text: renderCriteriaSetText(set), document: set };
    });

    app.get('/admin/criteria-sets/:id/compare', {
      schema: { tags, summary: 'What changed between two stored versions of a set', params: Type.Object({ id: Type.String() }), querystring: Type.Object({ from: Type.String(), to: Type.String() }) },
    }, async (req) => {
      const p = requireUser(req, ['admin', 'supervisor', 'auditor', 'medical_director']);
      const a = await catalog.read(ctx.db, p.tenantId, req.params.id, req.query.from);
      const b = await catalog.read(ctx.db, p.tenantId, req.params.id, req.query.to);
      return diffCriteriaSets(a.set, b.set);
    });

    app.post('/admin/criteria-sets', {
      schema: { tags, summary: 'Store a criteria-set version from its document (a stored version is never overwritten)', querystring: Type.Object({ activate: Type.Optional(Type.Boolean()) }), body: Type.Object({}, { additionalProperties: true }) },
    }, async (req, reply) => {
      const p = requireUser(req, ['admin']);
      const set = parseCriteriaSet(req.body, 'body');
      const report = await ctx.db.transaction((tx) => storeCriteriaSets(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, [set], { activate: req.query.activate === true }));
      return reply.status(report.inserted.length > 0 ? 201 : 200).send(report);
    });

    for (const [path, on] of [['activate', true], ['deactivate', false]] as const) {
      app.post(`/admin/criteria-sets/:id/versions/:version/${path}`, {
        schema: { tags, summary: on ? 'Put a version in force (administrators)' : 'Take a version out of force (administrators)', params: Type.Object({ id: Type.String(), version: Type.String() }) },
      }, async (req) => {
        const p = requireUser(req, ['admin']);
        const meta = await ctx.db.transaction((tx) => setActivation(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, req.params.id, req.params.version, on));
        const { tenantId: _t, ...m } = meta;
        return { ...m, loadedAt: m.loadedAt.toISOString(), activatedAt: m.activatedAt?.toISOString() ?? null };
      });
    }
  };
}

/** A version for the public: the one asked for if activated, else the highest activated version in force today. */
async function readPublic(q: Queryable, catalog: CriteriaCatalog, t: { id: string }, id: string, version: string | undefined, date: string): Promise<{ meta: CriteriaSetMeta; set: CriteriaSet }> {
  if (version !== undefined) return catalog.read(q, t.id, id, version, { activatedOnly: true });
  const metas = (await listSetVersions(q, t.id, { setId: id, activatedOnly: true })).filter((m) => inForceOn(m, date));
  const m = metas.at(-1);
  if (m === undefined) throw new UmError('UM_ERR_CRITERIA_SET_UNKNOWN', `No criteria set ${id} is in force`);
  return catalog.read(q, t.id, id, m.version);
}
