/**
 * Streaming CSV imports of members (with coverage) and providers. Rows are checked one by one,
 * written in batches with upserts (so a re-import changes nothing), and every row-level problem
 * is reported with its line number. The file is never held in memory.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../platform/db';
import type { Actor } from '../platform/auth/model';
import type { Clock } from '../platform/context';
import { appendAudit } from '../audit/store';
import { contracts, organisations } from '../tenancy/schema';
import { coverages, members, providers } from './schema';
import { parseMemberRow, parseProviderRow, type MemberRow, type Parsed, type ProviderRow, type Row } from './csv-rows';

export interface ImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  errors: { line: number; message: string }[];
}

export interface ImportOptions {
  readonly db: Db;
  readonly tenantId: string;
  readonly actor: Actor;
  readonly clock: Clock;
  /** Called with the bytes read so far. */
  readonly onProgress?: (bytes: number) => void;
  readonly batchSize?: number;
}

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && Object.values(v).every((x) => x === undefined || typeof x === 'string');

async function streamRows<T>(
  input: Readable,
  parseRow: (r: Row) => Parsed<T>,
  opts: ImportOptions,
  flush: (tx: Tx, batch: { line: number; value: T }[], report: ImportReport) => Promise<void>,
  label: string,
): Promise<ImportReport> {
  const report: ImportReport = { rows: 0, inserted: 0, updated: 0, unchanged: 0, errors: [] };
  const parser = input.pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, relax_column_count: true }));
  let batch: { line: number; value: T }[] = [];
  const write = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    await opts.db.transaction(async (tx) => {
      await flush(tx, rows, report);
      await appendAudit(tx, { tenantId: opts.tenantId, actor: opts.actor, at: opts.clock.now() }, {
        action: `${label}.import`,
        recordType: label,
        recordId: `lines ${rows[0]?.line ?? 0}-${rows.at(-1)?.line ?? 0}`,
        details: { rows: rows.length },
      });
    });
  };
  for await (const raw of parser) {
    const item: unknown = raw;
    const rec: unknown = typeof item === 'object' && item !== null && 'record' in item ? item.record : null;
    const info: unknown = typeof item === 'object' && item !== null && 'info' in item ? item.info : null;
    const line = typeof info === 'object' && info !== null && 'lines' in info && typeof info.lines === 'number' ? info.lines : report.rows + 2;
    if (typeof info === 'object' && info !== null && 'bytes' in info && typeof info.bytes === 'number') opts.onProgress?.(info.bytes);
    report.rows++;
    if (!isRow(rec)) {
      report.errors.push({ line, message: 'not a CSV record' });
      continue;
    }
    const parsed = parseRow(rec);
    if (!parsed.ok) {
      for (const message of parsed.errors) report.errors.push({ line, message });
      continue;
    }
    batch.push({ line, value: parsed.value });
    if (batch.length >= (opts.batchSize ?? 500)) await write();
  }
  await write();
  // Rows checked against the database are reported when their batch is written: put them in file order.
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}

/** `RETURNING (xmax = 0)`: true when the upsert inserted, false when it updated. */
const insertedFlag = sql<boolean>`(xmax = 0)`;

/** A member's demographics as every member import writes them (CSV, X12 834). */
export interface MemberValues {
  readonly memberNumber: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly addressLine: string | null;
  readonly city: string | null;
  readonly state: string | null;
  readonly postalCode: string | null;
  readonly phone: string | null;
}

/**
 * The one write path of member imports: upserts members on (tenant, member number), changing a
 * row only when a value differs (a re-import changes nothing). Returns every member's id and
 * which were inserted or updated. A member number may appear only once per call.
 */
export async function upsertMembers(tx: Tx, tenantId: string, now: Date, rows: readonly MemberValues[]): Promise<{ ids: Map<string, string>; inserted: Set<string>; updated: Set<string> }> {
  const ids = new Map<string, string>();
  const inserted = new Set<string>();
  const updated = new Set<string>();
  if (rows.length === 0) return { ids, inserted, updated };
  const upserted = await tx
    .insert(members)
    .values(rows.map((m) => ({ tenantId, id: randomUUID(), ...m, createdAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [members.tenantId, members.memberNumber],
      set: { firstName: sql`excluded.first_name`, lastName: sql`excluded.last_name`, birthDate: sql`excluded.birth_date`, sex: sql`excluded.sex`, addressLine: sql`excluded.address_line`, city: sql`excluded.city`, state: sql`excluded.state`, postalCode: sql`excluded.postal_code`, phone: sql`excluded.phone`, updatedAt: now },
      setWhere: sql`(members.first_name, members.last_name, members.birth_date, members.sex, members.address_line, members.city, members.state, members.postal_code, members.phone) is distinct from (excluded.first_name, excluded.last_name, excluded.birth_date, excluded.sex, excluded.address_line, excluded.city, excluded.state, excluded.postal_code, excluded.phone)`,
    })
    .returning({ id: members.id, memberNumber: members.memberNumber, inserted: insertedFlag });
  for (const u of upserted) {
    ids.set(u.memberNumber, u.id);
    (u.inserted ? inserted : updated).add(u.memberNumber);
  }
  // Rows whose values did not change return nothing from the upsert: look their ids up.
  const missing = rows.filter((r) => !ids.has(r.memberNumber)).map((r) => r.memberNumber);
  if (missing.length > 0) {
    const found = await tx.select({ id: members.id, memberNumber: members.memberNumber }).from(members).where(and(eq(members.tenantId, tenantId), inArray(members.memberNumber, missing)));
    for (const f of found) ids.set(f.memberNumber, f.id);
  }
  return { ids, inserted, updated };
}

/** A coverage span as member imports write it. */
export interface CoverageValues {
  readonly memberId: string;
  readonly planOrgId: string;
  readonly contractId: string | null;
  readonly ipaOrgId: string | null;
  readonly pbp: string | null;
  readonly lineOfBusiness: string;
  readonly productType: string;
  readonly state: string | null;
  readonly funding: string | null;
  readonly pcpProviderId: string | null;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
}

/**
 * Upserts coverage spans on (tenant, member, plan, first day), changing a span only when a value
 * differs. Returns the ids of the members whose spans were added or changed. A span key may appear
 * only once per call.
 */
export async function upsertCoverages(tx: Tx, tenantId: string, now: Date, rows: readonly CoverageValues[]): Promise<Set<string>> {
  const changed = new Set<string>();
  if (rows.length === 0) return changed;
  const out = await tx
    .insert(coverages)
    .values(rows.map((c) => ({ tenantId, id: randomUUID(), ...c, createdAt: now })))
    .onConflictDoUpdate({
      target: [coverages.tenantId, coverages.memberId, coverages.planOrgId, coverages.effectiveFrom],
      set: { contractId: sql`excluded.contract_id`, ipaOrgId: sql`excluded.ipa_org_id`, pbp: sql`excluded.pbp`, lineOfBusiness: sql`excluded.line_of_business`, productType: sql`excluded.product_type`, state: sql`excluded.state`, funding: sql`excluded.funding`, pcpProviderId: sql`excluded.pcp_provider_id`, effectiveTo: sql`excluded.effective_to` },
      setWhere: sql`(coverages.contract_id, coverages.ipa_org_id, coverages.pbp, coverages.line_of_business, coverages.product_type, coverages.state, coverages.funding, coverages.pcp_provider_id, coverages.effective_to) is distinct from (excluded.contract_id, excluded.ipa_org_id, excluded.pbp, excluded.line_of_business, excluded.product_type, excluded.state, excluded.funding, excluded.pcp_provider_id, excluded.effective_to)`,
    })
    .returning({ memberId: coverages.memberId });
  for (const c of out) changed.add(c.memberId);
  return changed;
}

export async function importMembers(input: Readable, opts: ImportOptions): Promise<ImportReport> {
  const orgs = await opts.db.select().from(organisations).where(eq(organisations.tenantId, opts.tenantId));
  const orgByKey = new Map<string, (typeof orgs)[number]>();
  for (const o of orgs) for (const k of [o.name, o.payerId, o.taxId, o.npi]) if (k !== null) orgByKey.set(k.toLowerCase(), o);
  const contractRows = await opts.db.select().from(contracts).where(eq(contracts.tenantId, opts.tenantId));
  const tenantId = opts.tenantId;
  const now = opts.clock.now();

  return streamRows<MemberRow>(input, parseMemberRow, opts, async (tx, batch, report) => {
    const good: { line: number; value: MemberRow; planId: string | null; ipaId: string | null; contractId: string | null; pcpId: string | null }[] = [];
    for (const b of batch) {
      const c = b.value.coverage;
      if (c === null) {
        good.push({ ...b, planId: null, ipaId: null, contractId: null, pcpId: null });
        continue;
      }
      const plan = orgByKey.get(c.plan.toLowerCase());
      const ipa = c.ipa === null ? undefined : orgByKey.get(c.ipa.toLowerCase());
      if (plan === undefined || plan.kind !== 'health_plan') {
        report.errors.push({ line: b.line, message: `plan "${c.plan}" is not a health plan of this tenant` });
        continue;
      }
      if (c.ipa !== null && ipa === undefined) {
        report.errors.push({ line: b.line, message: `ipa "${c.ipa}" is not an organisation of this tenant` });
        continue;
      }
      const contract = contractRows.find((k) => k.planOrgId === plan.id && k.delegateOrgId === ipa?.id && k.lineOfBusiness === c.lineOfBusiness);
      let pcpId: string | null = null;
      if (c.pcpNpi !== null) {
        const [pcp] = await tx.select({ id: providers.id }).from(providers).where(and(eq(providers.tenantId, tenantId), eq(providers.npi, c.pcpNpi)));
        pcpId = pcp?.id ?? null;
      }
      good.push({ ...b, planId: plan.id, ipaId: ipa?.id ?? null, contractId: contract?.id ?? null, pcpId });
    }
    if (good.length === 0) return;
    const m = await upsertMembers(tx, tenantId, now, good.map(({ value: v }) => ({ memberNumber: v.memberNumber, firstName: v.firstName, lastName: v.lastName, birthDate: v.birthDate, sex: v.sex, addressLine: v.addressLine, city: v.city, state: v.state, postalCode: v.postalCode, phone: v.phone })));
    const covRows = good.filter((g) => g.planId !== null && g.value.coverage !== null);
    const covChanged = await upsertCoverages(
      tx,
      tenantId,
      now,
      covRows.map((g) => {
        const c = g.value.coverage!;
        return { memberId: m.ids.get(g.value.memberNumber)!, planOrgId: g.planId!, contractId: g.contractId, ipaOrgId: g.ipaId, pbp: c.pbp, lineOfBusiness: c.lineOfBusiness, productType: c.productType, state: c.state, funding: c.funding, pcpProviderId: g.pcpId, effectiveFrom: c.effectiveFrom, effectiveTo: c.effectiveTo };
      }),
    );
    for (const g of good) {
      if (m.inserted.has(g.value.memberNumber)) report.inserted++;
      else if (m.updated.has(g.value.memberNumber) || covChanged.has(m.ids.get(g.value.memberNumber) ?? '')) report.updated++;
      else report.unchanged++;
    }
  }, 'member');
}

export async function importProviders(input: Readable, opts: ImportOptions): Promise<ImportReport> {
  const orgs = await opts.db.select().from(organisations).where(eq(organisations.tenantId, opts.tenantId));
  const groupByKey = new Map<string, string>();
  for (const o of orgs) if (o.kind === 'provider_group') for (const k of [o.name, o.taxId, o.npi]) if (k !== null) groupByKey.set(k.toLowerCase(), o.id);
  const tenantId = opts.tenantId;
  const now = opts.clock.now();
  return streamRows<ProviderRow>(input, parseProviderRow, opts, async (tx, batch, report) => {
    const good = batch.filter((b) => {
      if (b.value.providerGroup !== null && !groupByKey.has(b.value.providerGroup.toLowerCase())) {
        report.errors.push({ line: b.line, message: `provider_group "${b.value.providerGroup}" is not a provider group of this tenant` });
        return false;
      }
      return true;
    });
    if (good.length === 0) return;
    const upserted = await tx
      .insert(providers)
      .values(good.map(({ value: p }) => ({ tenantId, id: randomUUID(), npi: p.npi, taxId: p.taxId, kind: p.kind, name: p.name, taxonomy: p.taxonomy, specialty: p.specialty, networkStatus: p.networkStatus, providerOrgId: p.providerGroup === null ? null : (groupByKey.get(p.providerGroup.toLowerCase()) ?? null), state: p.state, phone: p.phone, fax: p.fax, createdAt: now, updatedAt: now })))
      .onConflictDoUpdate({
        target: [providers.tenantId, providers.npi],
        set: { taxId: sql`excluded.tax_id`, kind: sql`excluded.kind`, name: sql`excluded.name`, taxonomy: sql`excluded.taxonomy`, specialty: sql`excluded.specialty`, networkStatus: sql`excluded.network_status`, providerOrgId: sql`excluded.provider_org_id`, state: sql`excluded.state`, phone: sql`excluded.phone`, fax: sql`excluded.fax`, updatedAt: now },
        setWhere: sql`(providers.tax_id, providers.kind, providers.name, providers.taxonomy, providers.specialty, providers.network_status, providers.provider_org_id, providers.state, providers.phone, providers.fax) is distinct from (excluded.tax_id, excluded.kind, excluded.name, excluded.taxonomy, excluded.specialty, excluded.network_status, excluded.provider_org_id, excluded.state, excluded.phone, excluded.fax)`,
      })
      .returning({ inserted: insertedFlag });
    report.inserted += upserted.filter((u) => u.inserted).length;
    report.updated += upserted.filter((u) => !u.inserted).length;
    report.unchanged += good.length - upserted.length;
  }, 'provider');
}
