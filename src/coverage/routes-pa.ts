/**
 * `/api/coverage/…`: the requirements question (portal, CRD and staff), and the PA list of each
 * contract for administrators — list, history, add, edit, retire; every change versioned and
 * audited.
 */
import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { DateTime } from 'luxon';
import type { AppContext } from '../platform/context';
import { getTenant } from '../tenancy/store';
import { actorOf } from '../platform/auth/model';
import { clientIp, requireUser, requireUserOrScope } from '../platform/http/auth';
import { UmError } from '../platform/errors';
import { appendAudit } from '../audit/store';
import { paRuleFromRow, type PA_LIST_COLUMNS } from '../criteria';
import { parseCodes } from './codes-query';
import { requirementsFor } from './requirements';
import { currentRules, requireContract, retirePaRule, ruleHistory, savePaRule, type ChangeContext } from './pa-store';
import { ruleView } from './pa-rows';
import type { CriteriaCatalog } from './criteria-store';

const tags = ['coverage'];
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

const RequirementsQuery = Type.Object({
  member: Type.String({ minLength: 1, maxLength: 80, description: 'member number, or the member id' }),
  code: Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 })], { description: 'one or several codes: `E0601`, `HCPCS:E0601`, `97110,97112` (or the parameter repeated)' }),
  date: Type.String({ format: 'date', description: 'date of service' }),
  pos: Type.Optional(Type.String({ pattern: '^\\d{2}$', description: 'place of service' })),
  provider: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'servicing provider: NPI or id (its network status counts)' })),
  requestingProvider: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'requesting provider: NPI or id — its gold-card exemptions count, as at intake; default the servicing provider' })),
  emergency: Type.Optional(Type.Boolean({ description: 'emergency or urgently needed services (never require authorization)' })),
});

/** A rule as the admin API takes it: the CSV's columns, as JSON. */
const RuleFields = {
  codeSystem: lit(['CPT', 'HCPCS', 'REV'] as const),
  codeFrom: Type.String({ minLength: 1, maxLength: 20 }),
  codeTo: Type.Optional(Type.String({ maxLength: 20 })),
  product: Type.Optional(Type.String({ maxLength: 100 })),
  placesOfService: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{2}$' }), { maxItems: 100 })),
  networkStatus: Type.Optional(lit(['in_network', 'out_of_network'] as const)),
  effectiveFrom: Type.String({ format: 'date' }),
  effectiveTo: Type.Optional(Type.String({ format: 'date' })),
  requirement: lit(['required', 'notification_only', 'not_required'] as const),
  subjectTo422122: Type.Boolean(),
  criteriaSetId: Type.Optional(Type.String({ maxLength: 100 })),
  documents: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 })),
  validity: Type.Optional(lit(['window', 'course_of_treatment'] as const)),
  validityDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3660 })),
  serviceGroup: Type.Optional(Type.String({ maxLength: 100 })),
  reason: Type.Optional(Type.String({ maxLength: 2000, description: 'why the rule changes (kept with the version)' })),
};
const RuleBody = Type.Object(RuleFields, { additionalProperties: false });
const NewRuleBody = Type.Object({ ruleId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }), ...RuleFields }, { additionalProperties: false });
type RuleBodyType = Static<typeof RuleBody>;

/** The same checks as a CSV row, so that the API and the import cannot disagree. */
function ruleFromBody(ruleId: string, b: RuleBodyType) {
  const row: Partial<Record<(typeof PA_LIST_COLUMNS)[number], string>> = {
    rule_id: ruleId, code_system: b.codeSystem, code_from: b.codeFrom, code_to: b.codeTo ?? '', product: b.product ?? '', place_of_service: (b.placesOfService ?? []).join('|'),
    network_status: b.networkStatus ?? '', effective_from: b.effectiveFrom, effective_to: b.effectiveTo ?? '', requirement: b.requirement, subject_to_422_122: b.subjectTo422122 ? 'yes' : 'no',
    criteria_set: b.criteriaSetId ?? '', documents: (b.documents ?? []).join('|'), validity: b.validity ?? 'window', validity_days: b.validityDays === undefined ? '' : String(b.validityDays), service_group: b.serviceGroup ?? '',
  };
  return paRuleFromRow(row);
}

export function paRoutes(ctx: AppContext, catalog: CriteriaCatalog): FastifyPluginAsyncTypebox {
  const change = (req: FastifyRequest): ChangeContext => {
    const p = requireUser(req, ['admin']);
    return { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id };
  };
  return async (app) => {
    app.get('/coverage/requirements', {
      schema: { tags, summary: 'Is authorization required? For a member, one or several codes, a date of service, a place of service, a servicing and a requesting provider; answers with the rule that decided and any gold-card exemption of the requesting provider (else the servicing one) on today\'s date, as intake does', querystring: RequirementsQuery },
    }, async (req) => {
      const p = requireUserOrScope(req, 'cases.read');
      const q = req.query;
      const member = /^[0-9a-f-]{36}$/i.test(q.member) ? { id: q.member } : { memberNumber: q.member };
      const providerRef = (v: string | undefined, name: string) => {
        if (v === undefined) return undefined;
        if (/^\d{10}$/.test(v)) return { npi: v };
        if (/^[0-9a-f-]{36}$/i.test(v)) return { id: v };
        throw new UmError('UM_ERR_VALIDATION', `${name} is an NPI (10 digits) or an id`, { details: [{ path: `querystring/${name}`, message: 'not an NPI or an id' }] });
      };
      const provider = providerRef(q.provider, 'provider');
      const requestingProvider = providerRef(q.requestingProvider, 'requestingProvider');
      const codes = parseCodes(q.code);
      return ctx.db.transaction(async (tx) => {
        const requestDate = DateTime.fromJSDate(ctx.clock.now(), { zone: (await getTenant(tx, p.tenantId)).timeZone }).toISODate() ?? q.date;
        const answer = await requirementsFor(tx, p.tenantId, { member, codes, dateOfService: q.date, requestDate, ...(q.pos === undefined ? {} : { placeOfService: q.pos }), ...(provider === undefined ? {} : { provider }), ...(requestingProvider === undefined ? {} : { requestingProvider }), ...(q.emergency === true ? { emergency: true } : {}) }, catalog);
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
          action: 'coverage.requirements.read',
          recordType: 'member',
          recordId: answer.member.id,
          details: { memberId: answer.member.id, codes: codes.map((c) => `${c.codeSystem}:${c.code}`), date: q.date },
        });
        return answer;
      });
    });

    app.get('/coverage/pa-rules', {
      schema: { tags, summary: 'The PA list of a contract (current rules; retired ones with `includeRetired`)', querystring: Type.Object({ contract: Type.String({ format: 'uuid' }), includeRetired: Type.Optional(Type.Boolean()) }) },
    }, async (req) => {
      const p = requireUser(req, ['admin', 'supervisor', 'intake', 'nurse', 'medical_director', 'auditor']);
      await requireContract(ctx.db, p.tenantId, req.query.contract);
      const rows = await currentRules(ctx.db, p.tenantId, req.query.contract, { includeRetired: req.query.includeRetired === true });
      return { items: rows.map(ruleView) };
    });

    app.get('/coverage/pa-rules/:contractId/:ruleId', {
      schema: { tags, summary: 'Every version of one rule, newest first', params: Type.Object({ contractId: Type.String({ format: 'uuid' }), ruleId: Type.String() }) },
    }, async (req) => {
      const p = requireUser(req, ['admin', 'supervisor', 'intake', 'nurse', 'medical_director', 'auditor']);
      const rows = await ruleHistory(ctx.db, p.tenantId, req.params.contractId, req.params.ruleId);
      if (rows.length === 0) throw new UmError('UM_ERR_PA_RULE_UNKNOWN', `No rule ${req.params.ruleId} in this contract's list`);
      return { items: rows.map(ruleView) };
    });

    app.post('/coverage/pa-rules/:contractId', {
      schema: { tags, summary: 'Add a rule to a contract\'s PA list (administrators)', params: Type.Object({ contractId: Type.String({ format: 'uuid' }) }), body: NewRuleBody },
    }, async (req, reply) => {
      const c = change(req);
      const saved = await ctx.db.transaction(async (tx) => {
        await requireContract(tx, c.tenantId, req.params.contractId);
        if ((await ruleHistory(tx, c.tenantId, req.params.contractId, req.body.ruleId)).length > 0) throw new UmError('UM_ERR_CONFLICT', `Rule ${req.body.ruleId} already exists in this list: edit it instead`);
        await savePaRule(tx, c, req.params.contractId, ruleFromBody(req.body.ruleId, req.body), req.body.reason);
        return ruleHistory(tx, c.tenantId, req.params.contractId, req.body.ruleId);
      });
      return reply.status(201).send(ruleView(saved[0]!));
    });

    app.put('/coverage/pa-rules/:contractId/:ruleId', {
      schema: { tags, summary: 'Change a rule: writes a new version (administrators)', params: Type.Object({ contractId: Type.String({ format: 'uuid' }), ruleId: Type.String() }), body: RuleBody },
    }, async (req) => {
      const c = change(req);
      const rows = await ctx.db.transaction(async (tx) => {
        await requireContract(tx, c.tenantId, req.params.contractId);
        if ((await ruleHistory(tx, c.tenantId, req.params.contractId, req.params.ruleId)).length === 0) throw new UmError('UM_ERR_PA_RULE_UNKNOWN', `No rule ${req.params.ruleId} in this contract's list`);
        await savePaRule(tx, c, req.params.contractId, ruleFromBody(req.params.ruleId, req.body), req.body.reason);
        return ruleHistory(tx, c.tenantId, req.params.contractId, req.params.ruleId);
      });
      return ruleView(rows[0]!);
    });

    app.post('/coverage/pa-rules/:contractId/:ruleId/retire', {
      schema: { tags, summary: 'Retire a rule: it no longer matches (administrators)', params: Type.Object({ contractId: Type.String({ format: 'uuid' }), ruleId: Type.String() }), body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }) },
    }, async (req) => {
      const c = change(req);
      const row = await ctx.db.transaction(async (tx) => {
        await requireContract(tx, c.tenantId, req.params.contractId);
        return retirePaRule(tx, c, req.params.contractId, req.params.ruleId, req.body.reason);
      });
      return ruleView(row);
    });
  };
}
