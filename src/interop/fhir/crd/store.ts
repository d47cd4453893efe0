/**
 * CRD's reads and writes: an authorization already on file for the member and code on the date (the
 * CRD `satisfied` answer), and the coverage assertions CRD made (CRD found-11: the guidance given is
 * retained; DTR's `context` parameter names it).
 */
import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { cases, serviceLines } from '../../../intake/schema';
import { fhirCoverageAssertions } from '../schema';

/** The authorization number of an approved line of the member for the code whose validity holds the date. */
export async function authorizationOnFile(q: Queryable, tenantId: string, memberId: string, code: string, date: string): Promise<string | undefined> {
  const [r] = await q
    .select({ n: serviceLines.authorizationNumber })
    .from(serviceLines)
    .innerJoin(cases, and(eq(cases.tenantId, serviceLines.tenantId), eq(cases.id, serviceLines.caseId)))
    .where(and(
      eq(serviceLines.tenantId, tenantId),
      eq(cases.memberId, memberId),
      eq(serviceLines.code, code),
      inArray(serviceLines.outcome, ['approved', 'approved_modified']),
      lte(serviceLines.approvedFrom, date),
      gte(serviceLines.approvedTo, date),
    ))
    .orderBy(desc(serviceLines.decidedAt))
    .limit(1);
  return r?.n ?? undefined;
}

export type AssertionRow = typeof fhirCoverageAssertions.$inferInsert;

export async function recordAssertions(q: Queryable, rows: readonly AssertionRow[]): Promise<void> {
  if (rows.length > 0) await q.insert(fhirCoverageAssertions).values([...rows]);
}

export async function assertionById(q: Queryable, tenantId: string, id: string) {
  const [r] = await q.select().from(fhirCoverageAssertions).where(and(eq(fhirCoverageAssertions.tenantId, tenantId), eq(fhirCoverageAssertions.id, id)));
  return r ?? null;
}
