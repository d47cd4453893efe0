/**
 * Criteria-set versions in the database, per tenant: load (a stored version is never
 * overwritten), list, read, activate and deactivate, and find the version in force on a date of
 * service — compiled once per version and content, then kept.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable, Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import { appendAudit } from '../audit/store';
import { canonicalJson, type Json } from '../audit/chain';
import { compareVersions, compileCriteriaSet, parseCriteriaSet, type CompiledCriteriaSet, type CriteriaSet } from '../criteria';
import { criteriaSetVersions } from './schema';
import type { ChangeContext } from './pa-store';

export type CriteriaSetRow = typeof criteriaSetVersions.$inferSelect;
export type CriteriaSetMeta = Omit<CriteriaSetRow, 'document'>;

const isJson = (v: unknown): v is Json =>
  v === null || ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) ? v.every(isJson) : typeof v === 'object' && Object.values(v).every(isJson));

/** The content hash a version is stored with (canonical JSON, so key order does not matter). */
export function setHash(set: CriteriaSet): string {
  const doc: unknown = JSON.parse(JSON.stringify(set));
  if (!isJson(doc)) throw new UmError('UM_ERR_CRITERIA_SET_INVALID', 'not JSON');
  return createHash('sha256').update(canonicalJson(doc)).digest('hex');
}

export interface LoadReport {
  readonly inserted: string[];
  readonly unchanged: string[];
  readonly activated: string[];
}

/**
 * Stores set versions. A version already stored with the same content is left as it is; with
 * other content the whole load fails (`UM_ERR_CRITERIA_VERSION_CONFLICT`): a version that may
 * have been frozen onto cases is never changed — give the change a new version.
 */
export async function storeCriteriaSets(tx: Tx, c: ChangeContext, sets: readonly CriteriaSet[], opts: { activate?: boolean } = {}): Promise<LoadReport> {
  const report: LoadReport = { inserted: [], unchanged: [], activated: [] };
  for (const set of sets) {
    const key = `${set.id} v${set.version}`;
    const sha256 = setHash(set);
    const [prior] = await tx.select().from(criteriaSetVersions).where(and(eq(criteriaSetVersions.tenantId, c.tenantId), eq(criteriaSetVersions.setId, set.id), eq(criteriaSetVersions.version, set.version)));
    if (prior !== undefined && prior.sha256 !== sha256) {
      throw new UmError('UM_ERR_CRITERIA_VERSION_CONFLICT', `${key} is already stored with other content; a stored version is never changed — write the change as a new version`, {
        details: [{ path: set.id, message: `version ${set.version} differs from the stored one` }],
      });
    }
    if (prior === undefined) {
      await tx.insert(criteriaSetVersions).values({
        tenantId: c.tenantId,
        setId: set.id,
        version: set.version,
        title: set.title,
        status: set.status,
        effectiveFrom: set.effective.from,
        effectiveTo: set.effective.to ?? null,
        sourceKind: set.source.kind,
        sourceCitation: set.source.citation,
        clinicallyReviewed: set.clinicallyReviewed.reviewed,
        document: set,
        sha256,
        loadedAt: c.at,
        loadedBy: c.actor.id,
      });
      await audit(tx, c, 'criteria_set.load', set.id, set.version, { sha256 });
      report.inserted.push(key);
    } else report.unchanged.push(key);
    if (opts.activate === true && set.status === 'active' && prior?.activated !== true) {
      await setActivation(tx, c, set.id, set.version, true);
      report.activated.push(key);
    }
  }
  return report;
}

async function audit(tx: Tx, c: ChangeContext, action: string, setId: string, version: string, details: Record<string, Json> = {}): Promise<void> {
  await appendAudit(tx, { tenantId: c.tenantId, actor: c.actor, at: c.at, ip: c.ip ?? null, requestId: c.requestId ?? null }, {
    action,
    recordType: 'criteria_set',
    recordId: `${setId}@${version}`,
    details: { setId, version, ...details },
  });
}

/** Activates (or deactivates) a stored version. Only versions whose file says `active` can be activated. */
export async function setActivation(tx: Tx, c: ChangeContext, setId: string, version: string, on: boolean): Promise<CriteriaSetMeta> {
  const [row] = await tx.select().from(criteriaSetVersions).where(and(eq(criteriaSetVersions.tenantId, c.tenantId), eq(criteriaSetVersions.setId, setId), eq(criteriaSetVersions.version, version))).for('update');
  if (row === undefined) throw new UmError('UM_ERR_CRITERIA_SET_UNKNOWN', `No criteria set ${setId} v${version}`);
  if (on && row.status !== 'active') throw new UmError('UM_ERR_CONFLICT', `${setId} v${version} is ${row.status} in its file: only an active version can be put in force`);
  const [updated] = await tx
    .update(criteriaSetVersions)
    .set(on ? { activated: true, activatedAt: c.at, activatedBy: c.actor.id } : { activated: false })
    .where(and(eq(criteriaSetVersions.tenantId, c.tenantId), eq(criteriaSetVersions.setId, setId), eq(criteriaSetVersions.version, version)))
    .returning();
  await audit(tx, c, on ? 'criteria_set.activate' : 'criteria_set.deactivate', setId, version);
  if (updated === undefined) throw new UmError('UM_ERR_INTERNAL', 'activation wrote nothing');
  const { document: _d, ...meta } = updated;
  return meta;
}

const META = {
  tenantId: criteriaSetVersions.tenantId, setId: criteriaSetVersions.setId, version: criteriaSetVersions.version, title: criteriaSetVersions.title,
  status: criteriaSetVersions.status, effectiveFrom: criteriaSetVersions.effectiveFrom, effectiveTo: criteriaSetVersions.effectiveTo,
  sourceKind: criteriaSetVersions.sourceKind, sourceCitation: criteriaSetVersions.sourceCitation, clinicallyReviewed: criteriaSetVersions.clinicallyReviewed,
  sha256: criteriaSetVersions.sha256, loadedAt: criteriaSetVersions.loadedAt, loadedBy: criteriaSetVersions.loadedBy,
  activated: criteriaSetVersions.activated, activatedAt: criteriaSetVersions.activatedAt, activatedBy: criteriaSetVersions.activatedBy,
};

/** Every stored version (without documents), by set and version. */
export async function listSetVersions(q: Queryable, tenantId: string, opts: { activatedOnly?: boolean; setId?: string } = {}): Promise<CriteriaSetMeta[]> {
  const rows = await q
    .select(META)
    .from(criteriaSetVersions)
    .where(and(eq(criteriaSetVersions.tenantId, tenantId), opts.activatedOnly === true ? eq(criteriaSetVersions.activated, true) : undefined, opts.setId === undefined ? undefined : eq(criteriaSetVersions.setId, opts.setId)))
    .orderBy(asc(criteriaSetVersions.setId));
  return rows.sort((a, b) => a.setId.localeCompare(b.setId) || compareVersions(a.version, b.version));
}

/** One stored version with its document, parsed; the highest version when `version` is omitted. */
export async function readSetVersion(q: Queryable, tenantId: string, setId: string, version?: string, opts: { activatedOnly?: boolean } = {}): Promise<{ meta: CriteriaSetMeta; set: CriteriaSet }> {
  const rows = await q
    .select()
    .from(criteriaSetVersions)
    .where(and(eq(criteriaSetVersions.tenantId, tenantId), eq(criteriaSetVersions.setId, setId), version === undefined ? undefined : eq(criteriaSetVersions.version, version), opts.activatedOnly === true ? eq(criteriaSetVersions.activated, true) : undefined));
  const row = rows.sort((a, b) => compareVersions(b.version, a.version))[0];
  if (row === undefined) throw new UmError('UM_ERR_CRITERIA_SET_UNKNOWN', `No criteria set ${setId}${version === undefined ? '' : ` v${version}`}`);
  const { document, ...meta } = row;
  return { meta, set: parseCriteriaSet(document, `${setId}@${row.version}`) };
}

/** Whether a stored version is in force on a date: activated, active in its file, and within its dates. */
export function inForceOn(m: Pick<CriteriaSetMeta, 'activated' | 'status' | 'effectiveFrom' | 'effectiveTo'>, date: string): boolean {
  return m.activated && m.status === 'active' && m.effectiveFrom <= date && (m.effectiveTo === null || date <= m.effectiveTo);
}

/** Compiled sets kept by tenant, id, version and content hash. */
export interface CriteriaCatalog {
  /** The highest activated version of `setId` in force on `date`, compiled; undefined when none is. */
  inForce(q: Queryable, tenantId: string, setId: string, date: string): Promise<CompiledCriteriaSet | undefined>;
  /** A stored version, parsed once per content (the highest version when `version` is omitted). */
  read(q: Queryable, tenantId: string, setId: string, version?: string, opts?: { activatedOnly?: boolean }): Promise<{ meta: CriteriaSetMeta; set: CriteriaSet }>;
}

export function createCriteriaCatalog(): CriteriaCatalog {
  const compiled = new Map<string, CompiledCriteriaSet>();
  const parsed = new Map<string, CriteriaSet>();
  return {
    async read(q, tenantId, setId, version, opts = {}) {
      const metas = (await listSetVersions(q, tenantId, { setId, ...opts })).filter((m) => version === undefined || m.version === version);
      const meta = metas.at(-1);
      if (meta === undefined) throw new UmError('UM_ERR_CRITERIA_SET_UNKNOWN', `No criteria set ${setId}${version === undefined ? '' : ` v${version}`}`);
      const key = `${tenantId}|${setId}|${meta.version}|${meta.sha256}`;
      const hit = parsed.get(key);
      if (hit !== undefined) return { meta, set: hit };
      const { set } = await readSetVersion(q, tenantId, setId, meta.version);
      if (parsed.size > 5000) parsed.clear();
      parsed.set(key, set);
      return { meta, set };
    },
    async inForce(q, tenantId, setId, date) {
      const versions = await q
        .select({ version: criteriaSetVersions.version, sha256: criteriaSetVersions.sha256, activated: criteriaSetVersions.activated, status: criteriaSetVersions.status, effectiveFrom: criteriaSetVersions.effectiveFrom, effectiveTo: criteriaSetVersions.effectiveTo })
        .from(criteriaSetVersions)
        .where(and(eq(criteriaSetVersions.tenantId, tenantId), eq(criteriaSetVersions.setId, setId), eq(criteriaSetVersions.activated, true)));
      const chosen = versions.filter((v) => inForceOn(v, date)).sort((a, b) => compareVersions(b.version, a.version))[0];
      if (chosen === undefined) return undefined;
      const key = `${tenantId}|${setId}|${chosen.version}|${chosen.sha256}`;
      const hit = compiled.get(key);
      if (hit !== undefined) return hit;
      const { set } = await readSetVersion(q, tenantId, setId, chosen.version);
      const c = compileCriteriaSet(set);
      if (compiled.size > 5000) compiled.clear();
      compiled.set(key, c);
      return c;
    },
  };
}
