/**
 * Writing what the automation decided on a line: the frozen criteria result, and — for an
 * approval or a "no authorization required" answer — the determination by the system actor
 * `automation`, with an authorization number and what it rests on. Nothing here can write a
 * denial or a reduction: the outcomes are typed `approved` / `no_auth_required`, and the database
 * refuses any other outcome by the system actor (determinations_system_never_adverse).
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import { determinations } from '../determination/schema';
import { formatAuthorizationNumber } from '../determination/authorization';
import { serviceLines } from '../intake/schema';
import { decisiveCriteria, type ApprovalBasis, type CriteriaEvaluation, type IntakeOutcome, type ReferralReason, type RequirementDecision } from '../criteria';
import { lineCriteria } from './schema';
import type { RequirementBasis } from './requirements';

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (('code' in e && e.code === '23505') || ('cause' in e && isUniqueViolation(e.cause)));

/** Sets a fresh authorization number on a line, retrying on the (rare) collision. */
export async function numberLine(tx: Tx, tenantId: string, lineId: string, random: (n: number) => Uint8Array): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const n = formatAuthorizationNumber(random(8));
    try {
      await tx.transaction(async (sp) => {
        await sp.update(serviceLines).set({ authorizationNumber: n }).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.id, lineId)));
      });
      return n;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  throw new UmError('UM_ERR_INTERNAL', 'Could not draw a unique authorization number');
}

export const AUTOMATION_ACTOR = { decidedByType: 'system', decidedById: 'automation', decidedByRole: 'automation', decidedByName: 'OpenUM automation' } as const;

export interface LineToRecord {
  readonly tenantId: string;
  readonly caseId: string;
  readonly lineId: string;
  readonly units: number;
}

/** What an approval rests on, in the determination's columns. */
function basisColumns(basis: ApprovalBasis, ruleText: string) {
  switch (basis.kind) {
    case 'criteria_met':
      return {
        basisKind: 'criteria',
        criteriaSetId: basis.setId,
        criteriaSetVersion: basis.version,
        criterionId: basis.criteria.map((c) => c.id).join(', '),
        coverageRule: `${ruleText}; criteria met: ${basis.title} v${basis.version} (${basis.sourceCitation})${basis.clinicallyReviewed ? '' : ' — set not yet signed off by a clinician'}`,
      };
    case 'gold_card': {
      const x = basis.exemption;
      return {
        basisKind: 'gold_card',
        criteriaSetId: null,
        criteriaSetVersion: null,
        criterionId: null,
        coverageRule: `${ruleText}; gold-card exemption of ${x.provider.kind.toUpperCase()} ${x.provider.value} for ${x.serviceGroup}, ${x.start} to ${x.end} (${x.approved}/${x.counted} approved, ${x.approvalPercent} %; ${basis.citation})`,
      };
    }
  }
}

/** Records an automatic approval as requested: authorization number, validity, the basis cited. */
export async function recordApproval(tx: Tx, line: LineToRecord, outcome: Extract<IntakeOutcome, { kind: 'approve' }>, ruleText: string, now: Date, random: (n: number) => Uint8Array): Promise<string> {
  const authorizationNumber = await numberLine(tx, line.tenantId, line.lineId, random);
  const v = outcome.validity;
  await tx.insert(determinations).values({
    tenantId: line.tenantId,
    id: randomUUID(),
    caseId: line.caseId,
    lineId: line.lineId,
    outcome: 'approved',
    approvedUnits: line.units,
    approvedFrom: v.start,
    approvedTo: v.end,
    ...basisColumns(outcome.basis, ruleText),
    ...AUTOMATION_ACTOR,
    decidedAt: now,
    authorizationNumber,
    validFrom: v.start,
    validTo: v.end,
  });
  await tx
    .update(serviceLines)
    .set({ outcome: 'approved', approvedUnits: line.units, approvedFrom: v.start, approvedTo: v.end, decidedAt: now })
    .where(and(eq(serviceLines.tenantId, line.tenantId), eq(serviceLines.id, line.lineId)));
  return authorizationNumber;
}

/** Records "no authorization required" with the rule (or the emergency rule) that decided. */
export async function recordNotRequired(tx: Tx, line: LineToRecord, message: string, now: Date): Promise<void> {
  await tx.insert(determinations).values({
    tenantId: line.tenantId,
    id: randomUUID(),
    caseId: line.caseId,
    lineId: line.lineId,
    outcome: 'no_auth_required',
    basisKind: 'coverage_rule',
    coverageRule: message,
    ...AUTOMATION_ACTOR,
    decidedAt: now,
  });
  await tx.update(serviceLines).set({ outcome: 'no_auth_required', decidedAt: now }).where(and(eq(serviceLines.tenantId, line.tenantId), eq(serviceLines.id, line.lineId)));
}

export type StoredResult = 'approve' | 'refer_to_review' | 'no_authorization_required' | 'notification_only' | 'not_evaluated';

export interface CriteriaRecord {
  readonly result: StoredResult;
  readonly requirement: RequirementDecision['requirement'] | 'unknown';
  readonly basis: RequirementBasis;
  readonly ruleVersion: number | null;
  readonly serviceGroup: string | null;
  readonly documents: readonly string[];
  readonly set: { readonly id: string; readonly version: string } | null;
  readonly evaluation: CriteriaEvaluation | undefined;
  readonly reasons: readonly ReferralReason[];
  readonly exemption: ApprovalBasis | null;
  readonly questionnaireResponse: unknown;
}

/** Whether every criterion the set's logic needs was met on readable answers (intake may then approve). */
export function criteriaMetOn(evaluation: CriteriaEvaluation | undefined): boolean {
  return evaluation !== undefined && evaluation.outcome === 'met' && evaluation.criteria.every((c) => c.error === undefined) && !evaluation.answerProblems.some((p) => p.severity === 'error');
}

/** Stores the line's frozen result, and the set version and criteria-met flag on the line itself. */
export async function recordCriteria(tx: Tx, line: LineToRecord, r: CriteriaRecord, now: Date): Promise<void> {
  const e = r.evaluation;
  const decisive = new Set(e === undefined ? [] : decisiveCriteria(e.logic));
  await tx.insert(lineCriteria).values({
    tenantId: line.tenantId,
    lineId: line.lineId,
    caseId: line.caseId,
    result: r.result,
    requirement: r.requirement,
    decidedBy: r.basis.kind,
    paRuleId: r.basis.kind === 'rule' ? r.basis.ruleId : null,
    paRuleVersion: r.ruleVersion,
    paServiceGroup: r.serviceGroup,
    criteriaSetId: r.set?.id ?? null,
    criteriaSetVersion: r.set?.version ?? null,
    criteriaOutcome: e?.outcome ?? null,
    criteria: (e?.criteria ?? []).map((c) => ({ ...c, decisive: decisive.has(c.id) })),
    logic: e?.logic ?? null,
    answers: e?.answers ?? {},
    answerProblems: e?.answerProblems ?? [],
    reasons: r.reasons,
    exemption: r.exemption?.kind === 'gold_card' ? r.exemption.exemption : null,
    questionnaireResponse: r.questionnaireResponse ?? null,
    documents: [...r.documents],
    evaluatedAt: now,
  });
  await tx
    .update(serviceLines)
    .set({
      requirement: r.requirement,
      criteriaSetId: r.set?.id ?? null,
      criteriaSetVersion: r.set?.version ?? null,
      criteriaMet: criteriaMetOn(e),
    })
    .where(and(eq(serviceLines.tenantId, line.tenantId), eq(serviceLines.id, line.lineId)));
}
