/**
 * PAS requests and items in the database, and the state of the case lines they point to (for the
 * synchronous answer, `$inquire`, ClaimResponse read and notifications).
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { cases, serviceLines } from '../../../intake/schema';
import { determinations } from '../../../determination/schema';
import { organisations } from '../../../tenancy/schema';
import { lineOutcome } from '../../../determination/model';
import { fhirPasItems, fhirPasRequests } from '../schema';
import type { CaseState, Determination, ItemState, LineState } from './model';

export type PasRequestRow = typeof fhirPasRequests.$inferSelect;
export type PasItemRow = typeof fhirPasItems.$inferInsert;

export async function requestByBundle(q: Queryable, tenantId: string, submitter: string, bundleKey: string): Promise<PasRequestRow | null> {
  const [r] = await q.select().from(fhirPasRequests).where(and(eq(fhirPasRequests.tenantId, tenantId), eq(fhirPasRequests.submitter, submitter), eq(fhirPasRequests.bundleKey, bundleKey)));
  return r ?? null;
}

export async function requestById(q: Queryable, tenantId: string, id: string): Promise<PasRequestRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [r] = await q.select().from(fhirPasRequests).where(and(eq(fhirPasRequests.tenantId, tenantId), eq(fhirPasRequests.id, id)));
  return r ?? null;
}

/** The latest accepted request (not a business error) of a submitter for a Claim identifier. */
export async function latestForClaim(q: Queryable, tenantId: string, submitter: string, claimKey: string): Promise<PasRequestRow | null> {
  const [r] = await q
    .select()
    .from(fhirPasRequests)
    .where(and(eq(fhirPasRequests.tenantId, tenantId), eq(fhirPasRequests.submitter, submitter), eq(fhirPasRequests.claimKey, claimKey), isNull(fhirPasRequests.rejectReason)))
    .orderBy(desc(fhirPasRequests.createdAt))
    .limit(1);
  return r ?? null;
}

/** The latest accepted request of a submitter whose Claim had this resource id (an update names it by reference). */
export async function latestForClaimId(q: Queryable, tenantId: string, submitter: string, claimId: string): Promise<PasRequestRow | null> {
  const [r] = await q
    .select()
    .from(fhirPasRequests)
    .where(and(eq(fhirPasRequests.tenantId, tenantId), eq(fhirPasRequests.submitter, submitter), eq(fhirPasRequests.claimResourceId, claimId), isNull(fhirPasRequests.rejectReason)))
    .orderBy(desc(fhirPasRequests.createdAt))
    .limit(1);
  return r ?? null;
}

/** The request as it now stands: the latest accepted update in its chain (updates answer for every item). */
export async function currentOf(q: Queryable, row: PasRequestRow): Promise<PasRequestRow> {
  let current = row;
  for (let i = 0; i < 100; i++) {
    const [next] = await q
      .select()
      .from(fhirPasRequests)
      .where(and(eq(fhirPasRequests.tenantId, current.tenantId), eq(fhirPasRequests.updatesRequestId, current.id), isNull(fhirPasRequests.rejectReason)))
      .orderBy(desc(fhirPasRequests.createdAt))
      .limit(1);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

export async function insertRequest(q: Queryable, row: typeof fhirPasRequests.$inferInsert, items: readonly PasItemRow[]): Promise<void> {
  await q.insert(fhirPasRequests).values(row);
  if (items.length > 0) await q.insert(fhirPasItems).values([...items]);
}

export async function itemRows(q: Queryable, tenantId: string, requestId: string) {
  return q.select().from(fhirPasItems).where(and(eq(fhirPasItems.tenantId, tenantId), eq(fhirPasItems.requestId, requestId)));
}

const toDetermination = (d: typeof determinations.$inferSelect): Determination => ({
  outcome: d.outcome,
  approvedUnits: d.approvedUnits,
  approvedFrom: d.approvedFrom,
  approvedTo: d.approvedTo,
  approvedCode: d.approvedCode,
  approvedPlaceOfService: d.approvedPlaceOfService,
  category: d.category,
  reasonCode: d.reasonCode,
  reason: d.reason,
  decidedAt: d.decidedAt,
  decidedByType: d.decidedByType,
});

/** The current state of every item of a request, in sequence order. */
export async function itemStates(q: Queryable, tenantId: string, requestId: string): Promise<ItemState[]> {
  const items = await itemRows(q, tenantId, requestId);
  const lineIds = items.flatMap((i) => i.lineId ?? []);
  const lines = lineIds.length === 0 ? [] : await q.select().from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), inArray(serviceLines.id, lineIds)));
  const caseIds = [...new Set(lines.map((l) => l.caseId))];
  const caseRows = caseIds.length === 0 ? [] : await q
    .select({ id: cases.id, caseNumber: cases.caseNumber, status: cases.status, pendMessage: cases.pendMessage, dueAt: cases.dueAt, planName: organisations.name })
    .from(cases)
    .leftJoin(organisations, and(eq(organisations.tenantId, cases.tenantId), eq(organisations.id, cases.planOrgId)))
    .where(and(eq(cases.tenantId, tenantId), inArray(cases.id, caseIds)));
  const dets = lineIds.length === 0 ? [] : await q.select().from(determinations).where(and(eq(determinations.tenantId, tenantId), inArray(determinations.lineId, lineIds))).orderBy(desc(determinations.decidedAt));
  const caseById = new Map<string, CaseState>(caseRows.map((c) => [c.id, { caseId: c.id, caseNumber: c.caseNumber, status: c.status, pendMessage: c.pendMessage, dueAt: c.dueAt, planName: c.planName }]));
  const lineById = new Map(lines.map((l) => [l.id, l]));
  const latest = new Map<string, Determination>();
  for (const d of dets) if (d.lineId !== null && !latest.has(d.lineId)) latest.set(d.lineId, toDetermination(d));
  return items
    .sort((a, b) => a.sequence - b.sequence)
    .flatMap((i): ItemState[] => {
      if (i.state === 'cancelled') return [{ kind: 'cancelled', sequence: i.sequence }];
      if (i.state === 'rejected') return [{ kind: 'rejected', sequence: i.sequence, reason: i.rejectReason ?? '33', detail: i.detail ?? '' }];
      const l = i.lineId === null ? undefined : lineById.get(i.lineId);
      const c = l === undefined ? undefined : caseById.get(l.caseId);
      if (l === undefined || c === undefined) return [];
      const line: LineState = {
        lineId: l.id,
        codeSystem: l.codeSystem,
        code: l.code,
        units: l.units,
        unitType: l.unitType,
        fromDate: l.fromDate,
        toDate: l.toDate,
        placeOfService: l.placeOfService,
        outcome: lineOutcome(l.outcome),
        approvedUnits: l.approvedUnits,
        approvedFrom: l.approvedFrom,
        approvedTo: l.approvedTo,
        authorizationNumber: l.authorizationNumber,
        decidedAt: l.decidedAt,
        determination: latest.get(l.id) ?? null,
      };
      return [{ kind: 'line', sequence: i.sequence, line, case: c }];
    });
}

/**
 * The current requests whose items point at lines of a case: those no later accepted update
 * superseded (an update answers for every item of the request it updates), newest first.
 */
export async function requestsForCase(q: Queryable, tenantId: string, caseId: string): Promise<PasRequestRow[]> {
  const ids = await q
    .selectDistinct({ id: fhirPasItems.requestId })
    .from(fhirPasItems)
    .where(and(eq(fhirPasItems.tenantId, tenantId), eq(fhirPasItems.caseId, caseId)));
  if (ids.length === 0) return [];
  return q
    .select()
    .from(fhirPasRequests)
    .where(
      and(
        eq(fhirPasRequests.tenantId, tenantId),
        inArray(fhirPasRequests.id, ids.map((i) => i.id)),
        sql`not exists (select 1 from fhir_pas_requests u where u.tenant_id = ${fhirPasRequests.tenantId} and u.updates_request_id = ${fhirPasRequests.id} and u.reject_reason is null)`,
      ),
    )
    .orderBy(desc(fhirPasRequests.createdAt));
}
