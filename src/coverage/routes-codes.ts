/**
 * `GET /api/coverage/codes`: code search for the portal's new request — the codes the tenant's PA
 * lists (current, not ended rules) and its criteria sets in force know, by code or by words.
 * Read-only; it reads no member data, so nothing is audited.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, eq, gte, isNull, or } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { requireUserOrScope } from '../platform/http/auth';
import { paRules } from './schema';
import { listSetVersions, type CriteriaCatalog } from './criteria-store';
import { searchCodes, type CodeSource } from './code-search';
import { isServiceCodeSystem } from '../criteria';

const CodeHit = Type.Object({
  codeSystem: Type.Union([Type.Literal('CPT'), Type.Literal('HCPCS'), Type.Literal('REV')]),
  code: Type.String({ description: 'the code, or the first code of a listed range' }),
  codeTo: Type.Union([Type.String(), Type.Null()], { description: 'the last code of a listed range (the caller gives the exact code); null for one code' }),
  display: Type.String({ description: 'what it is, in the plan\'s words: the criteria set\'s title, else the PA rule\'s service group' }),
  onPaList: Type.Boolean({ description: 'a current PA-list rule lists it (its answer depends on the member\'s contract: ask GET /api/coverage/requirements)' }),
  criteriaSets: Type.Array(Type.Object({ id: Type.String(), title: Type.String() })),
  inRange: Type.Union([Type.String(), Type.Null()], { description: 'the PA-list range the code was found in, when listed as a range' }),
});

export function codeRoutes(ctx: AppContext, catalog: CriteriaCatalog): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/coverage/codes',
      {
        schema: {
          tags: ['coverage'],
          summary: 'Search the CPT, HCPCS and revenue codes the PA lists and criteria sets know, by a code (or its start) or by words',
          querystring: Type.Object({
            q: Type.String({ minLength: 1, maxLength: 100, description: 'a code (`E0601`, `HCPCS:E0601`, `706`), or words (`sleep apnea`)' }),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(CodeHit) }) },
        },
      },
      async (req) => {
        const p = requireUserOrScope(req, 'cases.read');
        const today = ctx.clock.now().toISOString().slice(0, 10);
        const sources = await ctx.db.transaction(async (tx) => {
          const metas = (await listSetVersions(tx, p.tenantId, { activatedOnly: true })).filter((m) => m.status === 'active' && (m.effectiveTo === null || m.effectiveTo >= today));
          // Per set, the highest version in force now or later (listSetVersions orders by version).
          const latest = new Map(metas.map((m) => [m.setId, m.version]));
          const sets = await Promise.all([...latest].map(async ([id, version]) => (await catalog.read(tx, p.tenantId, id, version)).set));
          const titles = new Map(sets.map((s) => [s.id, s.title]));
          const rules = await tx
            .selectDistinct({ codeSystem: paRules.codeSystem, codeFrom: paRules.codeFrom, codeTo: paRules.codeTo, criteriaSetId: paRules.criteriaSetId, serviceGroup: paRules.serviceGroup })
            .from(paRules)
            .where(and(eq(paRules.tenantId, p.tenantId), eq(paRules.current, true), eq(paRules.status, 'active'), or(isNull(paRules.effectiveTo), gte(paRules.effectiveTo, today))));
          const out: CodeSource[] = [];
          for (const s of sets) for (const spec of s.appliesTo) out.push({ spec, words: s.title, criteriaSet: { id: s.id, title: s.title }, onPaList: false, serviceGroup: null });
          for (const r of rules) {
            if (!isServiceCodeSystem(r.codeSystem)) continue;
            const title = r.criteriaSetId === null ? undefined : titles.get(r.criteriaSetId);
            out.push({
              spec: r.codeTo === null || r.codeTo === r.codeFrom ? { system: r.codeSystem, code: r.codeFrom } : { system: r.codeSystem, from: r.codeFrom, to: r.codeTo },
              words: title ?? r.serviceGroup,
              criteriaSet: title === undefined || r.criteriaSetId === null ? null : { id: r.criteriaSetId, title },
              onPaList: true,
              serviceGroup: r.serviceGroup,
            });
          }
          return out;
        });
        return { items: searchCodes(sources, req.query.q, req.query.limit ?? 20).map((h) => ({ ...h, criteriaSets: h.criteriaSets.map((s) => ({ ...s })) })) };
      },
    );
  };
}
