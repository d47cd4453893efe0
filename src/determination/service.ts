/**
 * Recording determinations: per line, by a person whose role and credential allow the outcome
 * (see `authority.ts`), with the reason and what it rests on; approved lines get an authorization
 * number and a validity period. The case disposition is derived from the lines afterwards.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db';
import { UmError, type ErrorCode, type ErrorDetail } from '../platform/errors';
import { actorOf, type Principal } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import type { Json } from '../audit/chain';
import { cases, serviceLines } from '../intake/schema';
import { coverages } from '../members/schema';
import { loadCase } from '../intake/queries';
import { caseStatus, type CaseStatus, type Requirement, REQUIREMENTS } from '../intake/model';
import { requireTransition } from '../review/transitions';
import { getContract, getReviewerMatrix, getTenant } from '../tenancy/store';
import { LINES_OF_BUSINESS, RESPONSIBILITIES, type LineOfBusiness, type Responsibility } from '../tenancy/model';
import { determinations } from './schema';
import { dispatchCaseEvent } from '../intake/events';
import { checkDecisionAuthority } from './authority';
import { deriveDisposition } from './disposition';
import { formatAuthorizationNumber, validityPeriod } from './authorization';
import { resolveBasis, type BasisInput, type LineBasis } from './basis';
import { criteriaForCase } from '../coverage/case-view';
import { isAdverse, lineOutcome, type DecisionOutcome, type DenialCategory, type Disposition } from './model';

export interface LineDecision {
  readonly lineId: string;
  readonly outcome: DecisionOutcome;
  readonly approvedUnits?: number;
  readonly approvedFrom?: string;
  readonly approvedTo?: string;
  readonly approvedCode?: string;
  readonly approvedPlaceOfService?: string;
}

/** What the decision rests on (see `basis.ts`): the case's criteria sets and/or a cited coverage rule. */
export type Basis = BasisInput;

export interface DecisionInput {
  /** One decision per line; or `outcome` to apply one outcome to every pending line. */
  readonly lines?: readonly LineDecision[];
  readonly outcome?: DecisionOutcome;
  readonly category?: DenialCategory;
  readonly reasonCode?: string;
  readonly reason?: string;
  readonly basis?: Basis;
}

export interface DecisionResult {
  readonly status: CaseStatus;
  readonly disposition: Disposition;
  readonly decided: readonly { readonly lineId: string; readonly outcome: DecisionOutcome; readonly authorizationNumber: string | null }[];
}

const lobOf = (s: string | null): LineOfBusiness | null => LINES_OF_BUSINESS.find((l) => l === s) ?? null;
const asRequirement = (s: string): Requirement => REQUIREMENTS.find((r) => r === s) ?? 'unknown';
const asResponsibility = (s: string): Responsibility => RESPONSIBILITIES.find((r) => r === s) ?? 'ipa';

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (('code' in e && e.code === '23505') || ('cause' in e && isUniqueViolation(e.cause)));

export function createDeterminationService(ctx: Pick<AppContext, 'db' | 'clock' | 'random' | 'caseEvents'>) {
  const { db, clock } = ctx;

  /** Sets a fresh authorization number on a line, retrying on the (rare) collision. */
  async function numberLine(tx: Tx, tenantId: string, lineId: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const n = formatAuthorizationNumber(ctx.random(8));
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

  return {
    async decide(p: Principal, caseId: string, input: DecisionInput, meta: { ip?: string | null; requestId?: string | null } = {}): Promise<DecisionResult> {
      if (p.kind !== 'user') throw new UmError('UM_ERR_FORBIDDEN', 'Determinations are made by people');
      return db.transaction(async (tx) => {
        const row = await loadCase(tx, p, caseId, { forUpdate: true });
        // Allowed in every open status, also while pended for information (see review/transitions.ts).
        requireTransition('decide', caseStatus(row.status), row.caseNumber);
        const lines = await tx.select().from(serviceLines).where(and(eq(serviceLines.tenantId, row.tenantId), eq(serviceLines.caseId, row.id)));
        const byId = new Map(lines.map((l) => [l.id, l]));

        const requested: LineDecision[] =
          input.lines !== undefined && input.lines.length > 0
            ? [...input.lines]
            : input.outcome !== undefined
              ? lines.filter((l) => l.outcome === null).map((l) => ({ lineId: l.id, outcome: input.outcome ?? 'approved' }))
              : [];
        if (requested.length === 0) {
          throw new UmError(input.outcome === undefined ? 'UM_ERR_VALIDATION' : 'UM_ERR_CASE_STATE', input.outcome === undefined ? 'Give lines[] or outcome' : 'No line of this case is pending', {
            details: [{ path: 'lines', message: 'nothing to decide' }],
          });
        }
        const seen = new Set<string>();
        const lob = lobOf(row.lineOfBusiness);
        const matrix = await getReviewerMatrix(tx, row.tenantId);
        const problems: { code: ErrorCode; detail: ErrorDetail }[] = [];
        requested.forEach((d, i) => {
          const at = `lines/${i}`;
          const line = byId.get(d.lineId);
          if (line === undefined || seen.has(d.lineId)) {
            problems.push({ code: 'UM_ERR_LINE_UNKNOWN', detail: { path: `${at}/lineId`, message: line === undefined ? 'not a line of this case' : 'decided twice in one request' } });
            return;
          }
          seen.add(d.lineId);
          if (line.outcome !== null && !(line.outcome === 'forwarded' && isAdverse(d.outcome))) {
            problems.push({ code: 'UM_ERR_LINE_ALREADY_DECIDED', detail: { path: `${at}/lineId`, message: `line ${line.lineNo} is already ${line.outcome}` } });
            return;
          }
          const verdict = checkDecisionAuthority(
            { role: p.role, credential: p.credential },
            d.outcome,
            { requirement: asRequirement(line.requirement), serviceGroup: line.serviceGroup, responsibility: asResponsibility(line.responsibility), criteriaMet: line.criteriaMet },
            lob,
            matrix,
          );
          if (!verdict.ok) {
            problems.push({ code: verdict.code, detail: { path: `${at}/outcome`, message: `line ${line.lineNo}: ${verdict.reason}` } });
            return;
          }
          if (d.outcome === 'approved_modified') {
            const fewer = d.approvedUnits !== undefined && d.approvedUnits < line.units;
            const shorter = (d.approvedFrom !== undefined && line.fromDate !== null && d.approvedFrom > line.fromDate) || (d.approvedTo !== undefined && line.toDate !== null && d.approvedTo < line.toDate);
            const other = (d.approvedCode !== undefined && d.approvedCode !== line.code) || (d.approvedPlaceOfService !== undefined && d.approvedPlaceOfService !== line.placeOfService);
            // A modification only ever reduces: never more units, never outside the requested period.
            if (d.approvedUnits !== undefined && d.approvedUnits > line.units) {
              problems.push({ code: 'UM_ERR_MODIFICATION_INVALID', detail: { path: `${at}/approvedUnits`, message: 'more units than requested' } });
            } else if (d.approvedFrom !== undefined && line.fromDate !== null && d.approvedFrom < line.fromDate) {
              problems.push({ code: 'UM_ERR_MODIFICATION_INVALID', detail: { path: `${at}/approvedFrom`, message: `line ${line.lineNo}: the approved period cannot start before the requested start (${line.fromDate})` } });
            } else if (d.approvedTo !== undefined && line.toDate !== null && d.approvedTo > line.toDate) {
              problems.push({ code: 'UM_ERR_MODIFICATION_INVALID', detail: { path: `${at}/approvedTo`, message: `line ${line.lineNo}: the approved period cannot end after the requested end (${line.toDate})` } });
            } else if (d.approvedFrom !== undefined && (d.approvedTo ?? line.toDate ?? d.approvedFrom) < d.approvedFrom) {
              problems.push({ code: 'UM_ERR_MODIFICATION_INVALID', detail: { path: `${at}/approvedFrom`, message: `line ${line.lineNo}: the approved period ends before it starts` } });
            } else if (d.approvedTo !== undefined && line.fromDate !== null && d.approvedTo < line.fromDate) {
              problems.push({ code: 'UM_ERR_MODIFICATION_INVALID', detail: { path: `${at}/approvedTo`, message: `line ${line.lineNo}: the approved period ends before the requested start (${line.fromDate})` } });
            } else if (!fewer && !shorter && !other) {
              problems.push({ code: 'UM_ERR_MODIFICATION_INVALID', detail: { path: at, message: `line ${line.lineNo}: give fewer units, a shorter period, or another code or site` } });
            }
          }
        });
        if (requested.some((d) => isAdverse(d.outcome))) {
          const missing = (['category', 'reasonCode', 'reason'] as const).filter((k) => (input[k] ?? '').trim() === '');
          if (missing.length > 0) problems.push({ code: 'UM_ERR_DENIAL_REASON_REQUIRED', detail: { path: missing.join(','), message: `an adverse determination needs ${missing.join(', ')}` } });
          else if ((input.reason ?? '').trim().length < 10) problems.push({ code: 'UM_ERR_DENIAL_REASON_REQUIRED', detail: { path: 'reason', message: 'give a specific reason in plain language' } });
        }
        // What the decision rests on: checked against the case's frozen criteria; an adverse line
        // with nothing that applies to it is refused (nothing is made up in its place).
        const frozen = await criteriaForCase(tx, row.tenantId, row.id);
        const frozenByLine = new Map(frozen.map((f) => [f.lineId, f]));
        const basis = resolveBasis(
          input.basis,
          lines.map((l) => ({ lineId: l.id, lineNo: l.lineNo, criteriaSetId: l.criteriaSetId, criteriaSetVersion: l.criteriaSetVersion, criteria: frozenByLine.get(l.id)?.criteria ?? [] })),
          requested.filter((d) => byId.has(d.lineId)).map((d) => ({ lineId: d.lineId, adverse: isAdverse(d.outcome) })),
        );
        problems.push(...basis.problems);

        // Approvals: the validity period from the contract's window, never past the coverage term;
        // an approval that would start after the coverage ends is refused, not back-dated or stretched.
        const now = clock.now();
        const tenant = await getTenant(tx, row.tenantId);
        const decisionDate = DateTime.fromJSDate(now, { zone: tenant.timeZone }).toISODate() ?? now.toISOString().slice(0, 10);
        const contract = row.contractId === null ? null : await getContract(tx, row.tenantId, row.contractId);
        const [cov] = row.coverageId === null ? [] : await tx.select({ end: coverages.effectiveTo }).from(coverages).where(and(eq(coverages.tenantId, row.tenantId), eq(coverages.id, row.coverageId)));
        const validityDays = contract?.contract.authValidityDays ?? 90;
        const periods = new Map<string, { from: string; to: string }>();
        requested.forEach((d, i) => {
          const line = byId.get(d.lineId);
          if (line === undefined || !(d.outcome === 'approved' || d.outcome === 'approved_modified')) return;
          const modified = d.outcome === 'approved_modified';
          try {
            periods.set(
              d.lineId,
              validityPeriod({
                from: modified ? (d.approvedFrom ?? line.fromDate) : line.fromDate,
                to: modified ? (d.approvedTo ?? line.toDate) : line.toDate,
                decisionDate,
                validityDays,
                coverageEnd: cov?.end ?? null,
              }),
            );
          } catch (e) {
            if (!(e instanceof UmError)) throw e;
            problems.push({ code: e.code, detail: { path: (input.lines ?? []).length > 0 ? `lines/${i}` : 'outcome', message: `line ${line.lineNo}: ${e.message}` } });
          }
        });

        if (problems.length > 0) {
          const first = problems[0]!;
          throw new UmError(first.code, problems.length === 1 ? first.detail.message : `${problems.length} problems; first: ${first.detail.message}`, { details: problems.map((x) => x.detail) });
        }

        const decided: { lineId: string; outcome: DecisionOutcome; authorizationNumber: string | null }[] = [];
        for (const d of requested) {
          const line = byId.get(d.lineId)!;
          const approving = d.outcome === 'approved' || d.outcome === 'approved_modified';
          const modified = d.outcome === 'approved_modified';
          const units = approving ? (modified ? (d.approvedUnits ?? line.units) : line.units) : null;
          const period = approving ? (periods.get(line.id) ?? null) : null;
          const authorizationNumber = approving ? await numberLine(tx, row.tenantId, line.id) : null;
          const b: LineBasis = basis.perLine.get(line.id) ?? { kind: 'reviewer_judgement', criteriaSetId: null, criteriaSetVersion: null, criterionId: null, coverageRule: null, coverageRuleReference: null };
          await tx.insert(determinations).values({
            tenantId: row.tenantId,
            id: randomUUID(),
            caseId: row.id,
            lineId: line.id,
            outcome: d.outcome,
            approvedUnits: units,
            approvedFrom: period?.from ?? null,
            approvedTo: period?.to ?? null,
            approvedCode: modified ? (d.approvedCode ?? null) : null,
            approvedPlaceOfService: modified ? (d.approvedPlaceOfService ?? null) : null,
            category: isAdverse(d.outcome) ? (input.category ?? null) : null,
            reasonCode: input.reasonCode ?? null,
            reason: input.reason ?? null,
            basisKind: b.kind,
            criteriaSetId: b.criteriaSetId,
            criteriaSetVersion: b.criteriaSetVersion,
            criterionId: b.criterionId,
            coverageRule: b.coverageRule,
            coverageRuleReference: b.coverageRuleReference,
            decidedByType: 'user',
            decidedById: p.userId,
            decidedByRole: p.role,
            decidedByCredential: p.credential,
            decidedByName: p.displayName,
            decidedAt: now,
            authorizationNumber,
            validFrom: period?.from ?? null,
            validTo: period?.to ?? null,
          });
          await tx
            .update(serviceLines)
            .set({ outcome: d.outcome, approvedUnits: units, approvedFrom: period?.from ?? null, approvedTo: period?.to ?? null, decidedAt: now })
            .where(and(eq(serviceLines.tenantId, row.tenantId), eq(serviceLines.id, line.id)));
          decided.push({ lineId: line.id, outcome: d.outcome, authorizationNumber });
        }

        const after = await tx.select({ outcome: serviceLines.outcome }).from(serviceLines).where(and(eq(serviceLines.tenantId, row.tenantId), eq(serviceLines.caseId, row.id)));
        const outcomes = after.map((l) => ({ outcome: lineOutcome(l.outcome) }));
        const allDone = outcomes.every((l) => l.outcome !== null);
        const status: CaseStatus = allDone ? 'decided' : caseStatus(row.status);
        const disposition = deriveDisposition(outcomes, status);
        await tx
          .update(cases)
          .set({
            status,
            disposition,
            updatedAt: now,
            closedAt: allDone ? now : null,
            assignedUserId: allDone ? null : row.assignedUserId,
            pendedFromStatus: allDone ? null : row.pendedFromStatus,
            version: sql`${cases.version} + 1`,
          })
          .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        const details: { [k: string]: Json } = {
          from: row.status,
          disposition,
          status,
          lines: decided.map((x) => ({ lineId: x.lineId, outcome: x.outcome, authorizationNumber: x.authorizationNumber })),
          ...(input.category === undefined ? {} : { category: input.category }),
          ...(input.reasonCode === undefined ? {} : { reasonCode: input.reasonCode }),
          ...(input.basis === undefined
            ? {}
            : {
                basis: {
                  criteria: (input.basis.criteria ?? []).map((c) => `${c.criteriaSetId}@${c.criteriaSetVersion}`),
                  ...(input.basis.coverageRule === undefined ? {} : { coverageRuleReference: input.basis.coverageRule.reference }),
                },
              }),
        };
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: meta.ip ?? null, requestId: meta.requestId ?? null }, {
          action: 'case.decide',
          recordType: 'case',
          recordId: row.id,
          caseId: row.id,
          details,
        });
        // The case's own event first, then what other capabilities record about it.
        await dispatchCaseEvent(ctx.caseEvents, { type: 'decided', caseId: row.id, lines: decided.map((x) => ({ lineId: x.lineId, outcome: x.outcome })), closed: allDone }, { tx, tenantId: p.tenantId, actor: actorOf(p), principal: p, now });
        return { status, disposition, decided };
      });
    },
  };
}

export type DeterminationService = ReturnType<typeof createDeterminationService>;
