/**
 * The prior-authorization list of each contract in the database: read the rules in force, add,
 * edit and retire a rule. Every change writes a new version of the rule and an audit event in the
 * same transaction; an unchanged rule writes nothing (re-imports are idempotent).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import type { Actor } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import { contracts } from '../tenancy/schema';
import { createPaRule, type PaRule } from '../criteria';
import { paRules } from './schema';
import { columnsOf, ruleOf, sameRule, type PaRuleRow } from './pa-rows';

export interface ChangeContext {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly at: Date;
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

/** The rules of a contract that are in the list now (current, not retired), with their versions. */
export async function currentRules(q: Queryable, tenantId: string, contractId: string, opts: { includeRetired?: boolean } = {}): Promise<PaRuleRow[]> {
  return q
    .select()
    .from(paRules)
    .where(and(eq(paRules.tenantId, tenantId), eq(paRules.contractId, contractId), eq(paRules.current, true), opts.includeRetired === true ? undefined : eq(paRules.status, 'active')))
    .orderBy(asc(paRules.ruleId));
}

/** Whether the contract has a PA list at all (a rule was ever written). Without one, nothing is automated. */
export async function hasPaList(q: Queryable, tenantId: string, contractId: string): Promise<boolean> {
  const [row] = await q.select({ one: sql<number>`1` }).from(paRules).where(and(eq(paRules.tenantId, tenantId), eq(paRules.contractId, contractId))).limit(1);
  return row !== undefined;
}

/** The contract's rules as the pure matcher reads them. */
export async function rulesForContract(q: Queryable, tenantId: string, contractId: string): Promise<{ rules: PaRule[]; versions: ReadonlyMap<string, number> }> {
  const rows = await currentRules(q, tenantId, contractId);
  return { rules: rows.map(ruleOf), versions: new Map(rows.map((r) => [r.ruleId, r.version])) };
}

export async function ruleHistory(q: Queryable, tenantId: string, contractId: string, ruleId: string): Promise<PaRuleRow[]> {
  return q
    .select()
    .from(paRules)
    .where(and(eq(paRules.tenantId, tenantId), eq(paRules.contractId, contractId), eq(paRules.ruleId, ruleId)))
    .orderBy(desc(paRules.version));
}

export async function requireContract(q: Queryable, tenantId: string, contractId: string): Promise<{ id: string; name: string }> {
  const [c] = /^[0-9a-f-]{36}$/i.test(contractId)
    ? await q.select({ id: contracts.id, name: contracts.name }).from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, contractId)))
    : [];
  if (c === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such contract');
  return c;
}

async function lockCurrent(tx: Tx, tenantId: string, contractId: string, ruleId: string): Promise<PaRuleRow | undefined> {
  const [row] = await tx
    .select()
    .from(paRules)
    .where(and(eq(paRules.tenantId, tenantId), eq(paRules.contractId, contractId), eq(paRules.ruleId, ruleId), eq(paRules.current, true)))
    .for('update');
  return row;
}

export type SaveResult = 'inserted' | 'updated' | 'unchanged';

/**
 * Writes a rule (checked by `createPaRule`: emergency services can never require authorization,
 * 42 CFR 422.113(b)): a new rule, a new version of a changed rule, or nothing when it is unchanged.
 * A retired rule written again comes back as a new version.
 */
export async function savePaRule(tx: Tx, c: ChangeContext, contractId: string, rule: PaRule, reason?: string): Promise<SaveResult> {
  const checked = createPaRule(rule);
  const cols = columnsOf(checked);
  const prior = await lockCurrent(tx, c.tenantId, contractId, checked.id);
  if (prior !== undefined && prior.status === 'active' && sameRule(prior, cols)) return 'unchanged';
  if (prior !== undefined) {
    await tx.update(paRules).set({ current: false }).where(and(eq(paRules.tenantId, c.tenantId), eq(paRules.contractId, contractId), eq(paRules.ruleId, checked.id), eq(paRules.version, prior.version)));
  }
  const version = (prior?.version ?? 0) + 1;
  await tx.insert(paRules).values({
    tenantId: c.tenantId,
    contractId,
    ruleId: checked.id,
    version,
    current: true,
    status: 'active',
    ...cols,
    placesOfService: [...cols.placesOfService],
    documents: [...cols.documents],
    changedByType: c.actor.type,
    changedById: c.actor.id,
    changeReason: reason ?? null,
    createdAt: c.at,
  });
  await appendAudit(tx, { tenantId: c.tenantId, actor: c.actor, at: c.at, ip: c.ip ?? null, requestId: c.requestId ?? null }, {
    action: prior === undefined ? 'pa_rule.create' : 'pa_rule.update',
    recordType: 'pa_rule',
    recordId: `${contractId}/${checked.id}`,
    details: { contractId, ruleId: checked.id, version, requirement: checked.requirement, ...(reason === undefined ? {} : { reason }) },
  });
  return prior === undefined ? 'inserted' : 'updated';
}

/** Retires a rule: a new version with status `retired`, which no longer matches. */
export async function retirePaRule(tx: Tx, c: ChangeContext, contractId: string, ruleId: string, reason: string): Promise<PaRuleRow> {
  const prior = await lockCurrent(tx, c.tenantId, contractId, ruleId);
  if (prior === undefined) throw new UmError('UM_ERR_PA_RULE_UNKNOWN', `No rule ${ruleId} in this contract's list`);
  if (prior.status === 'retired') throw new UmError('UM_ERR_CONFLICT', `Rule ${ruleId} is already retired`);
  await tx.update(paRules).set({ current: false }).where(and(eq(paRules.tenantId, c.tenantId), eq(paRules.contractId, contractId), eq(paRules.ruleId, ruleId), eq(paRules.version, prior.version)));
  const [row] = await tx
    .insert(paRules)
    .values({ ...prior, version: prior.version + 1, current: true, status: 'retired', changedByType: c.actor.type, changedById: c.actor.id, changeReason: reason, createdAt: c.at })
    .returning();
  await appendAudit(tx, { tenantId: c.tenantId, actor: c.actor, at: c.at, ip: c.ip ?? null, requestId: c.requestId ?? null }, {
    action: 'pa_rule.retire',
    recordType: 'pa_rule',
    recordId: `${contractId}/${ruleId}`,
    details: { contractId, ruleId, version: prior.version + 1, reason },
  });
  if (row === undefined) throw new UmError('UM_ERR_INTERNAL', 'retire wrote nothing');
  return row;
}
