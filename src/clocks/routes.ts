/**
 * REST for clocks: the clock panel of a case, the clock events a reviewer records (each answers
 * with the clock as it now is; a refusal is problem+json with the engine's code and changes
 * nothing), the timeliness report, the tenant's clock settings, and what the administration
 * screen shows beside them: the policy catalogue and the holidays of each business-day calendar.
 */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { UmError } from '../platform/errors';
import { actorOf, type Principal } from '../platform/auth/model';
import { clientIp, principalOf, requireUser } from '../platform/http/auth';
import { appendAudit } from '../audit/store';
import { loadCase } from '../intake/queries';
import { getTenant } from '../tenancy/store';
import { tenants } from '../tenancy/schema';
import { clockView } from './view';
import { createClockService, LIABILITY_END_REASONS } from './service';
import { timelinessReport } from './timeliness-report';
import { parseClockSettings } from './settings';
import { parseAlertSettings, tenantClockConfig } from './tenant-settings';
import { BUILT_IN_CALENDAR_SPECS, calendarHolidays, checkClockSettings, policyCatalogue, tenantCalendars } from './admin';
import { BUILT_IN_POLICIES } from './policies/index';
import { BusinessCalendarSpecSchema } from './settings';
import { civilOf, localDay, zoneFor } from './time/zoned';

const Id = Type.Object({ id: Type.String() });
const Reason = Type.String({ minLength: 1, maxLength: 4000 });
const When = Type.Optional(Type.String({ format: 'date-time', description: 'When it happened (default: now); not in the future' }));

const STAFF = ['intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals', 'admin', 'auditor'] as const;

export function clockRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const service = createClockService(ctx);
  const meta = (req: FastifyRequest) => ({ ip: clientIp(req), requestId: req.id });

  /** The clock as the caller now sees it (the read is audited like every read of case data). */
  const view = async (req: FastifyRequest, p: Principal, id: string) =>
    ctx.db.transaction(async (tx) => {
      const c = await loadCase(tx, p, id);
      const v = await clockView(tx, p, c, ctx.clock.now());
      if (v === null) throw new UmError('UM_ERR_NOT_FOUND', 'This case has no clock');
      await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, { action: 'clock.read', recordType: 'clock', recordId: c.id, caseId: c.id });
      return v;
    });

  return async (app) => {
    app.get('/cases/:id/clock', { schema: { tags: ['clocks'], summary: 'The decision clock of a case: rule, citation, due time, obligations, history, allowed events', params: Id } }, async (req) => {
      const p = principalOf(req);
      if (p.kind === 'client' && !p.scopes.includes('cases.read')) throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', 'This call needs the scope cases.read');
      return view(req, p, req.params.id);
    });

    app.post(
      '/cases/:id/clock/extension',
      { schema: { tags: ['clocks'], summary: 'Take an extension (refused where the rule forbids one, e.g. Part B drugs)', params: Id, body: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 30 }), reason: Reason }, { additionalProperties: false }) } },
      async (req) => {
        const p = principalOf(req);
        await service.record(p, req.params.id, { kind: 'extension', days: req.body.days, reason: req.body.reason }, meta(req));
        return view(req, p, req.params.id);
      },
    );
    app.post(
      '/cases/:id/clock/expedite-denied',
      { schema: { tags: ['clocks'], summary: 'Deny the expedite request: downgrade to standard (refused when a physician requested or supports expediting)', params: Id, body: Type.Object({ reason: Reason }, { additionalProperties: false }) } },
      async (req) => {
        const p = principalOf(req);
        await service.record(p, req.params.id, { kind: 'expedite_denied', reason: req.body.reason }, meta(req));
        return view(req, p, req.params.id);
      },
    );
    app.post(
      '/cases/:id/clock/priority-upgrade',
      { schema: { tags: ['clocks'], summary: 'Upgrade to expedited: the fast clock runs from now, never later than the standard one', params: Id, body: Type.Object({ reason: Reason }, { additionalProperties: false }) } },
      async (req) => {
        const p = principalOf(req);
        await service.record(p, req.params.id, { kind: 'priority_upgrade', reason: req.body.reason }, meta(req));
        return view(req, p, req.params.id);
      },
    );
    app.post(
      '/cases/:id/clock/necessary-info-received',
      { schema: { tags: ['clocks'], summary: 'Record that the necessary information was received (state rules count from it)', params: Id, body: Type.Object({ at: When, reason: Type.Optional(Reason) }, { additionalProperties: false }) } },
      async (req) => {
        const p = principalOf(req);
        await service.record(p, req.params.id, { kind: 'necessary_info_received', ...req.body }, meta(req));
        return view(req, p, req.params.id);
      },
    );
    app.post(
      '/cases/:id/clock/oral-notice',
      { schema: { tags: ['clocks'], summary: 'Record the oral notice of the decision (the written confirmation becomes due)', params: Id, body: Type.Object({ at: When, reason: Type.Optional(Reason) }, { additionalProperties: false }) } },
      async (req) => {
        const p = principalOf(req);
        await service.record(p, req.params.id, { kind: 'oral_notice', ...req.body }, meta(req));
        return view(req, p, req.params.id);
      },
    );
    app.post(
      '/cases/:id/clock/written-notice',
      { schema: { tags: ['clocks'], summary: 'Record that the written notice was sent', params: Id, body: Type.Object({ at: When, reason: Type.Optional(Reason) }, { additionalProperties: false }) } },
      async (req) => {
        const p = principalOf(req);
        await service.record(p, req.params.id, { kind: 'written_notice', ...req.body }, meta(req));
        return view(req, p, req.params.id);
      },
    );
    app.post(
      '/cases/:id/clock/liability-end',
      {
        schema: {
          tags: ['clocks'],
          summary: 'Record the end of post-stabilization liability (42 CFR 422.113(c)(3))',
          params: Id,
          body: Type.Object({ reason: Type.Union(LIABILITY_END_REASONS.map((r) => Type.Literal(r))), at: When, note: Type.Optional(Type.String({ maxLength: 4000 })) }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const p = principalOf(req);
        await service.record(p, req.params.id, { kind: 'liability_end', ...req.body }, meta(req));
        return view(req, p, req.params.id);
      },
    );

    app.get(
      '/clocks/timeliness',
      {
        schema: {
          tags: ['clocks'],
          summary: 'Decided on time / late per line of business and month (of the decision, in the tenant\'s zone)',
          querystring: Type.Object({ from: Type.Optional(Type.String({ format: 'date-time' })), to: Type.Optional(Type.String({ format: 'date-time' })) }),
        },
      },
      async (req) => {
        const p = requireUser(req, [...STAFF]);
        const tenant = await getTenant(ctx.db, p.tenantId);
        const items = await timelinessReport(ctx.db, p, {
          timeZone: tenant.timeZone,
          ...(req.query.from === undefined ? {} : { from: new Date(req.query.from) }),
          ...(req.query.to === undefined ? {} : { to: new Date(req.query.to) }),
        });
        return { timeZone: tenant.timeZone, items };
      },
    );

    app.get('/tenant/clock-settings', { schema: { tags: ['clocks'], summary: 'The tenant\'s clock policy assignments and at-risk share' } }, async (req) => {
      const p = requireUser(req, [...STAFF]);
      return tenantClockConfig(await getTenant(ctx.db, p.tenantId));
    });

    app.put(
      '/tenant/clock-settings',
      {
        schema: {
          tags: ['clocks'],
          summary: 'Set the clock policy assignments and/or the at-risk share (admins); applies to cases received from now on',
          body: Type.Object({ clocks: Type.Optional(Type.Unknown()), atRiskPercent: Type.Optional(Type.Number()) }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const p = requireUser(req, ['admin']);
        const clocks = req.body.clocks === undefined ? undefined : parseClockSettings(req.body.clocks);
        if (clocks !== undefined) checkClockSettings(clocks, BUILT_IN_POLICIES);
        const alerts = req.body.atRiskPercent === undefined ? undefined : parseAlertSettings({ atRiskPercent: req.body.atRiskPercent });
        const patch = { ...(clocks === undefined ? {} : { clocks }), ...(alerts === undefined ? {} : { clockAlerts: alerts }) };
        await ctx.db.transaction(async (tx) => {
          const before = tenantClockConfig(await getTenant(tx, p.tenantId));
          await tx.update(tenants).set({ settings: sql`${tenants.settings} || ${JSON.stringify(patch)}::jsonb` }).where(eq(tenants.id, p.tenantId));
          // Settings are not clinical content: the trail keeps what they were and what they became.
          const was = { ...(clocks === undefined ? {} : { clocks: before.clocks }), ...(alerts === undefined ? {} : { atRiskPercent: before.atRiskPercent }) };
          const now = { ...(clocks === undefined ? {} : { clocks }), ...(alerts === undefined ? {} : { atRiskPercent: alerts.atRiskPercent }) };
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
            action: 'tenant.clock_settings', recordType: 'tenant', recordId: p.tenantId, details: { changed: Object.keys(patch), before: was, after: now },
          });
        });
        return tenantClockConfig(await getTenant(ctx.db, p.tenantId));
      },
    );

    app.get('/clocks/policies', { schema: { tags: ['clocks'], summary: 'The clock policies a tenant can assign: each version with its effective dates, source and citations' } }, async (req) => {
      requireUser(req, [...STAFF]);
      return { items: policyCatalogue(BUILT_IN_POLICIES) };
    });

    const Years = Type.Optional(Type.Array(Type.Integer({ minimum: 1971, maximum: 2199 }), { minItems: 1, maxItems: 5 }));
    const yearsOf = (years: readonly number[] | undefined, timeZone: string): number[] => {
      if (years !== undefined) return [...years];
      const { year } = civilOf(localDay(ctx.clock.now().getTime(), zoneFor(timeZone)));
      return [year, year + 1];
    };

    app.get(
      '/clocks/calendars',
      {
        schema: {
          tags: ['clocks'],
          summary: 'The business-day calendars (built in and the tenant\'s own) with their holidays and observed days; this year and next in the tenant\'s zone unless years are given',
          querystring: Type.Object({ year: Years }),
        },
      },
      async (req) => {
        const p = requireUser(req, [...STAFF]);
        const tenant = await getTenant(ctx.db, p.tenantId);
        const years = yearsOf(req.query.year, tenant.timeZone);
        const own = tenantCalendars(tenantClockConfig(tenant).clocks);
        const entry = (spec: (typeof own)[number], builtIn: boolean) => ({ id: spec.id, name: spec.name, builtIn, spec, years: years.map((year) => ({ year, holidays: calendarHolidays(spec, year) })) });
        return { years, items: [...BUILT_IN_CALENDAR_SPECS.map((s) => entry(s, true)), ...own.map((s) => entry(s, false))] };
      },
    );

    app.post(
      '/clocks/calendars/preview',
      {
        schema: {
          tags: ['clocks'],
          summary: 'The holidays a calendar would keep (nothing is stored): for checking a tenant calendar before saving it',
          body: Type.Object({ calendar: BusinessCalendarSpecSchema, years: Years }, { additionalProperties: false }),
        },
      },
      async (req) => {
        const p = requireUser(req, ['admin']);
        const tenant = await getTenant(ctx.db, p.tenantId);
        const spec = req.body.calendar;
        checkClockSettings({ version: 1, timeZone: tenant.timeZone, assignments: [{ lineOfBusiness: 'commercial', policies: ['commercial_erisa'], calendar: spec }] }, BUILT_IN_POLICIES);
        const years = yearsOf(req.body.years, tenant.timeZone);
        return { years: years.map((year) => ({ year, holidays: calendarHolidays(spec, year) })) };
      },
    );
  };
}
