/**
 * What the case page shows about coverage: each line's frozen criteria result (the reviewer's
 * checklist: every criterion's result and the answers behind it) and the duplicate links in both
 * directions.
 */
import { aliasedTable, and, eq, or } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import { cases, serviceLines } from '../intake/schema';
import { caseDuplicates, lineCriteria } from './schema';

export interface CriterionView {
  readonly id: string;
  readonly text: string;
  readonly citation: string;
  readonly outcome: 'met' | 'not_met' | 'unknown';
  readonly error?: string;
  /** Part of what the set's logic needed (for an any-of, the branch that was met). */
  readonly decisive?: boolean;
}

const isCriterion = (v: unknown): v is CriterionView =>
  typeof v === 'object' && v !== null && 'id' in v && 'outcome' in v && typeof v.id === 'string' && (v.outcome === 'met' || v.outcome === 'not_met' || v.outcome === 'unknown');
const isReason = (v: unknown): v is { code: string; message: string; criteria?: string[] } =>
  typeof v === 'object' && v !== null && 'code' in v && 'message' in v && typeof v.code === 'string' && typeof v.message === 'string';
const isProblem = (v: unknown): v is { linkId: string; kind: string; severity: string; message: string } =>
  typeof v === 'object' && v !== null && 'linkId' in v && 'message' in v && typeof v.linkId === 'string' && typeof v.message === 'string';
const isAnswers = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every line's criteria result for the case. */
export async function criteriaForCase(q: Queryable, tenantId: string, caseId: string) {
  const rows = await q.select().from(lineCriteria).where(and(eq(lineCriteria.tenantId, tenantId), eq(lineCriteria.caseId, caseId)));
  return rows.map((r) => ({
    lineId: r.lineId,
    result: r.result,
    requirement: r.requirement,
    decidedBy: r.decidedBy,
    paRule: r.paRuleId === null ? null : { id: r.paRuleId, version: r.paRuleVersion },
    serviceGroup: r.paServiceGroup,
    criteriaSet: r.criteriaSetId === null ? null : { id: r.criteriaSetId, version: r.criteriaSetVersion },
    outcome: r.criteriaOutcome,
    criteria: Array.isArray(r.criteria) ? r.criteria.filter(isCriterion) : [],
    answers: isAnswers(r.answers) ? r.answers : {},
    answerProblems: Array.isArray(r.answerProblems) ? r.answerProblems.filter(isProblem) : [],
    reasons: Array.isArray(r.reasons) ? r.reasons.filter(isReason) : [],
    exemption: r.exemption,
    documents: r.documents,
    evaluatedAt: r.evaluatedAt.toISOString(),
  }));
}

/** Duplicate links of the case: lines it duplicates, and later cases that duplicate it. */
export async function duplicatesForCase(q: Queryable, tenantId: string, caseId: string) {
  const other = aliasedTable(cases, 'other_case');
  const otherLine = aliasedTable(serviceLines, 'other_line');
  const rows = await q
    .select({ d: caseDuplicates, otherNumber: other.caseNumber, otherStatus: other.status, otherLineNo: otherLine.lineNo, otherOutcome: otherLine.outcome, otherAuth: otherLine.authorizationNumber })
    .from(caseDuplicates)
    .innerJoin(other, and(eq(other.tenantId, caseDuplicates.tenantId), or(and(eq(caseDuplicates.caseId, caseId), eq(other.id, caseDuplicates.otherCaseId)), and(eq(caseDuplicates.otherCaseId, caseId), eq(other.id, caseDuplicates.caseId)))))
    .innerJoin(otherLine, and(eq(otherLine.tenantId, caseDuplicates.tenantId), or(and(eq(caseDuplicates.caseId, caseId), eq(otherLine.id, caseDuplicates.otherLineId)), and(eq(caseDuplicates.otherCaseId, caseId), eq(otherLine.id, caseDuplicates.lineId)))))
    .where(and(eq(caseDuplicates.tenantId, tenantId), or(eq(caseDuplicates.caseId, caseId), eq(caseDuplicates.otherCaseId, caseId))));
  return rows.map((r) => {
    const mine = r.d.caseId === caseId;
    return {
      direction: mine ? ('duplicates' as const) : ('duplicated_by' as const),
      lineId: mine ? r.d.lineId : r.d.otherLineId,
      otherCaseId: mine ? r.d.otherCaseId : r.d.caseId,
      otherCaseNumber: r.otherNumber,
      otherStatus: r.otherStatus,
      otherLineNo: r.otherLineNo,
      otherOutcome: r.otherOutcome,
      otherAuthorizationNumber: r.otherAuth,
      detectedAt: r.d.detectedAt.toISOString(),
    };
  });
}
