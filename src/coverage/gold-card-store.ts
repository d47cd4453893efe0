/**
 * Gold-card exemptions in the database: recomputed from the decided prior-authorization lines of
 * the evaluation period (a job, or `openum criteria gold-card`), looked up at intake and listed
 * in a report. The evaluation itself is the pure `computeExemptions` / `evaluateGoldCard`.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db, Queryable } from '../platform/db';
import { SYSTEM_AUTOMATION } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import { tenants } from '../tenancy/schema';
import { computeExemptions, evaluateGoldCard, matchRequirement, type GoldCardEvaluation, type GoldCardExemption, type GoldCardPolicy, type PaHistoryEntry, type PaRule, isServiceCodeSystem } from '../criteria';
import { cases, serviceLines } from '../intake/schema';
import { providers } from '../members/schema';
import { goldCardExemptions, lineCriteria } from './schema';
import { coverageSettings } from './settings';
import { rulesForContract } from './pa-store';

type ExemptionRow = typeof goldCardExemptions.$inferSelect;

export function exemptionOf(r: ExemptionRow): GoldCardExemption {
  return {
    provider: { kind: r.providerKind === 'tin' ? 'tin' : 'npi', value: r.providerValue },
    serviceGroup: r.serviceGroup,
    start: r.startDate,
    end: r.endDate,
    approved: r.approved,
    counted: r.counted,
    approvalPercent: r.approvalPercent,
    evaluationPeriod: { from: r.evaluationFrom, to: r.evaluationTo },
    citation: r.citation,
  };
}

/** The exemption covering this provider (by NPI or tax ID), service group and date, if any. */
export async function activeExemption(q: Queryable, tenantId: string, provider: { npi?: string | null; tin?: string | null }, serviceGroup: string, date: string): Promise<GoldCardExemption | undefined> {
  const keys = [provider.npi == null ? null : sql`(${goldCardExemptions.providerKind} = 'npi' and ${goldCardExemptions.providerValue} = ${provider.npi})`, provider.tin == null ? null : sql`(${goldCardExemptions.providerKind} = 'tin' and ${goldCardExemptions.providerValue} = ${provider.tin})`].filter((k) => k !== null);
  if (keys.length === 0) return undefined;
  const [row] = await q
    .select()
    .from(goldCardExemptions)
    .where(and(eq(goldCardExemptions.tenantId, tenantId), eq(goldCardExemptions.serviceGroup, serviceGroup), lte(goldCardExemptions.startDate, date), gte(goldCardExemptions.endDate, date), sql`(${sql.join(keys, sql` or `)})`))
    .orderBy(sql`${goldCardExemptions.endDate} desc`)
    .limit(1);
  return row === undefined ? undefined : exemptionOf(row);
}

/**
 * Decided prior-authorization lines of the period: the requesting provider (else the servicing
 * one), the PA service group (frozen at intake, else matched against the contract's list now),
 * and the outcome. Lines approved under a gold-card exemption are not requests and do not count.
 */
export async function paHistory(q: Queryable, tenantId: string, timeZone: string, from: string, to: string): Promise<PaHistoryEntry[]> {
  const decidedOn = sql<string>`((${serviceLines.decidedAt} at time zone ${timeZone})::date)::text`;
  const rows = await q
    .select({
      npi: providers.npi,
      tin: providers.taxId,
      codeSystem: serviceLines.codeSystem,
      code: serviceLines.code,
      placeOfService: serviceLines.placeOfService,
      fromDate: serviceLines.fromDate,
      contractId: cases.contractId,
      paServiceGroup: lineCriteria.paServiceGroup,
      outcome: serviceLines.outcome,
      decidedOn,
    })
    .from(serviceLines)
    .innerJoin(cases, and(eq(cases.tenantId, serviceLines.tenantId), eq(cases.id, serviceLines.caseId)))
    .leftJoin(providers, and(eq(providers.tenantId, cases.tenantId), eq(providers.id, sql`coalesce(${cases.requestingProviderId}, ${cases.servicingProviderId})`)))
    .leftJoin(lineCriteria, and(eq(lineCriteria.tenantId, serviceLines.tenantId), eq(lineCriteria.lineId, serviceLines.id)))
    .where(and(
      eq(serviceLines.tenantId, tenantId),
      inArray(serviceLines.outcome, ['approved', 'approved_modified', 'denied', 'withdrawn']),
      sql`(${serviceLines.decidedAt} at time zone ${timeZone})::date between ${from}::date and ${to}::date`,
      sql`(${lineCriteria.lineId} is null or ${lineCriteria.requirement} = 'required')`,
      sql`not exists (select 1 from determinations d where d.tenant_id = ${serviceLines.tenantId} and d.line_id = ${serviceLines.id} and d.basis_kind = 'gold_card')`,
    ));
  const rulesByContract = new Map<string, PaRule[]>();
  const out: PaHistoryEntry[] = [];
  for (const r of rows) {
    let group = r.paServiceGroup;
    if (group === null) {
      if (r.contractId === null || !isServiceCodeSystem(r.codeSystem)) continue;
      let rules = rulesByContract.get(r.contractId);
      if (rules === undefined) {
        rules = (await rulesForContract(q, tenantId, r.contractId)).rules;
        rulesByContract.set(r.contractId, rules);
      }
      try {
        const d = matchRequirement(rules, { codeSystem: r.codeSystem, code: r.code, dateOfService: r.fromDate ?? r.decidedOn, ...(r.placeOfService === null ? {} : { placeOfService: r.placeOfService }) });
        if (d.requirement !== 'required' || d.serviceGroup === undefined) continue;
        group = d.serviceGroup;
      } catch {
        continue;
      }
    }
    out.push({
      ...(r.npi === null ? {} : { npi: r.npi }),
      ...(r.tin === null ? {} : { tin: r.tin }),
      serviceGroup: group,
      decidedOn: r.decidedOn,
      outcome: r.outcome === 'approved' ? 'approved' : r.outcome === 'withdrawn' ? 'withdrawn' : 'adverse',
    });
  }
  return out;
}

export interface RecomputeReport {
  readonly tenantId: string;
  readonly asOf: string;
  readonly evaluated: number;
  readonly granted: number;
  readonly skipped?: 'gold_card_disabled';
}

/** Evaluations and exemptions of one tenant as of a date (nothing written). */
export async function evaluateTenant(q: Queryable, tenantId: string, timeZone: string, policy: GoldCardPolicy, asOf: string): Promise<{ evaluations: GoldCardEvaluation[]; exemptions: GoldCardExemption[] }> {
  const from = DateTime.fromISO(asOf).minus({ months: policy.evaluationPeriodMonths }).toISODate() ?? asOf;
  const to = DateTime.fromISO(asOf).minus({ days: 1 }).toISODate() ?? asOf;
  const history = await paHistory(q, tenantId, timeZone, from, to);
  return { evaluations: evaluateGoldCard(history, policy, asOf), exemptions: computeExemptions(history, policy, asOf) };
}

/**
 * Recomputes the gold-card exemptions of every tenant (or one) as of `now`'s local date: new
 * exemptions are stored (one per provider, service group and start date, so a second run on the
 * same day writes nothing); exemptions already granted keep their dates. Audited per tenant.
 */
export async function recomputeExemptions(db: Db, now: Date, opts: { tenantId?: string } = {}): Promise<RecomputeReport[]> {
  const all = await db.select().from(tenants).where(opts.tenantId === undefined ? undefined : eq(tenants.id, opts.tenantId));
  const reports: RecomputeReport[] = [];
  for (const t of all) {
    const asOf = DateTime.fromJSDate(now, { zone: t.timeZone }).toISODate() ?? now.toISOString().slice(0, 10);
    const policy = coverageSettings(t.settings).goldCard;
    if (policy === null) {
      reports.push({ tenantId: t.id, asOf, evaluated: 0, granted: 0, skipped: 'gold_card_disabled' });
      continue;
    }
    const report = await db.transaction(async (tx) => {
      const { evaluations, exemptions } = await evaluateTenant(tx, t.id, t.timeZone, policy, asOf);
      const inserted = exemptions.length === 0 ? [] : await tx
        .insert(goldCardExemptions)
        .values(exemptions.map((x) => ({
          tenantId: t.id, id: randomUUID(), providerKind: x.provider.kind, providerValue: x.provider.value, serviceGroup: x.serviceGroup,
          startDate: x.start, endDate: x.end, approved: x.approved, counted: x.counted, approvalPercent: x.approvalPercent,
          evaluationFrom: x.evaluationPeriod.from, evaluationTo: x.evaluationPeriod.to, citation: x.citation, computedAt: now,
        })))
        .onConflictDoNothing()
        .returning({ id: goldCardExemptions.id });
      await appendAudit(tx, { tenantId: t.id, actor: SYSTEM_AUTOMATION, at: now }, {
        action: 'gold_card.recompute',
        recordType: 'gold_card',
        recordId: asOf,
        details: { asOf, evaluated: evaluations.length, granted: exemptions.length, newExemptions: inserted.length, citation: policy.citation },
      });
      return { tenantId: t.id, asOf, evaluated: evaluations.length, granted: exemptions.length };
    });
    reports.push(report);
  }
  return reports;
}

/** Exemptions in force on a date, for the report. */
export async function exemptionsInForce(q: Queryable, tenantId: string, date: string): Promise<ExemptionRow[]> {
  return q
    .select()
    .from(goldCardExemptions)
    .where(and(eq(goldCardExemptions.tenantId, tenantId), lte(goldCardExemptions.startDate, date), gte(goldCardExemptions.endDate, date)))
    .orderBy(goldCardExemptions.serviceGroup, goldCardExemptions.providerValue);
}
