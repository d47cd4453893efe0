/**
 * Duplicate detection at intake: a new line overlapping an open or approved line of another case
 * for the same member, code and dates is flagged and linked, both ways, so that the reviewer of
 * either case sees the other. A duplicate is never approved automatically.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Tx } from '../platform/db';
import type { Actor } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import { cases, serviceLines } from '../intake/schema';
import { caseDuplicates } from './schema';

export interface Period {
  readonly from: string | null;
  readonly to: string | null;
}

/** Inclusive date periods overlap; an open end (null) reaches as far as it can. */
export function periodsOverlap(a: Period, b: Period): boolean {
  const aFrom = a.from ?? '0000-01-01';
  const aTo = a.to ?? a.from ?? '9999-12-31';
  const bFrom = b.from ?? '0000-01-01';
  const bTo = b.to ?? b.from ?? '9999-12-31';
  return aFrom <= bTo && bFrom <= aTo;
}

/** Continuations of an earlier request are not duplicates of it. */
const CONTINUING_KINDS: readonly string[] = ['reconsideration', 'concurrent_review'];
const CLOSED: readonly string[] = ['decided', 'forwarded_to_plan', 'withdrawn', 'cancelled'];

export interface DuplicateLink {
  readonly lineId: string;
  readonly otherCaseId: string;
  readonly otherCaseNumber: string;
  readonly otherLineId: string;
}

export interface NewCase {
  readonly tenantId: string;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly memberId: string;
  readonly kind: string;
  readonly relatedCaseId: string | null;
  readonly lines: readonly { readonly id: string; readonly codeSystem: string; readonly code: string; readonly fromDate: string | null; readonly toDate: string | null }[];
}

/** Finds, stores and audits the duplicates of a new case's lines; returns them. */
export async function flagDuplicates(tx: Tx, c: NewCase, actor: Actor, now: Date): Promise<DuplicateLink[]> {
  if (CONTINUING_KINDS.includes(c.kind) || c.lines.length === 0) return [];
  const codes = [...new Set(c.lines.map((l) => l.code))];
  const others = await tx
    .select({
      caseId: cases.id, caseNumber: cases.caseNumber, status: cases.status, lineId: serviceLines.id, codeSystem: serviceLines.codeSystem, code: serviceLines.code,
      outcome: serviceLines.outcome, fromDate: serviceLines.fromDate, toDate: serviceLines.toDate, approvedFrom: serviceLines.approvedFrom, approvedTo: serviceLines.approvedTo,
    })
    .from(serviceLines)
    .innerJoin(cases, and(eq(cases.tenantId, serviceLines.tenantId), eq(cases.id, serviceLines.caseId)))
    .where(and(eq(cases.tenantId, c.tenantId), eq(cases.memberId, c.memberId), ne(cases.id, c.caseId), inArray(serviceLines.code, codes)));
  const links: DuplicateLink[] = [];
  for (const line of c.lines) {
    for (const o of others) {
      if (o.code !== line.code || o.codeSystem !== line.codeSystem || o.caseId === c.relatedCaseId) continue;
      const open = !CLOSED.includes(o.status) && o.outcome === null;
      const approved = o.outcome === 'approved' || o.outcome === 'approved_modified';
      if (!open && !approved) continue;
      const theirs: Period = approved && o.approvedFrom !== null ? { from: o.approvedFrom, to: o.approvedTo } : { from: o.fromDate, to: o.toDate };
      if (!periodsOverlap({ from: line.fromDate, to: line.toDate }, theirs)) continue;
      links.push({ lineId: line.id, otherCaseId: o.caseId, otherCaseNumber: o.caseNumber, otherLineId: o.lineId });
    }
  }
  if (links.length === 0) return [];
  await tx.insert(caseDuplicates).values(links.map((l) => ({ tenantId: c.tenantId, caseId: c.caseId, lineId: l.lineId, otherCaseId: l.otherCaseId, otherLineId: l.otherLineId, detectedAt: now }))).onConflictDoNothing();
  const audit = { tenantId: c.tenantId, actor, at: now };
  await appendAudit(tx, audit, {
    action: 'case.duplicate_flagged',
    recordType: 'case',
    recordId: c.caseId,
    caseId: c.caseId,
    details: { links: links.map((l) => ({ lineId: l.lineId, otherCaseId: l.otherCaseId, otherCaseNumber: l.otherCaseNumber, otherLineId: l.otherLineId })) },
  });
  for (const otherCaseId of new Set(links.map((l) => l.otherCaseId))) {
    await appendAudit(tx, audit, { action: 'case.duplicate_linked', recordType: 'case', recordId: otherCaseId, caseId: otherCaseId, details: { newCaseId: c.caseId, newCaseNumber: c.caseNumber } });
  }
  return links;
}
