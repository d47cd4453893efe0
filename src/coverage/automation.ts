/**
 * The automatic decisions at intake, on every channel: a case-event handler on `created`, run in
 * the intake transaction before the decision clock starts. Each line is checked in the order
 * eligibility → requirement → gold-card exemption → criteria (`decideIntake`):
 *
 * - not required → "no authorization required" by the system actor `automation` (the case closes
 *   when every line is answered);
 * - required and exempt (gold card), or every criterion met → approved as requested by
 *   `automation`, with an authorization number and the exemption or criteria cited;
 * - anything else → a person (the nurse queue; notification-only lines to intake staff), with each
 *   criterion's result stored for the reviewer's checklist.
 *
 * It never denies or reduces (42 CFR 422.566(d)): `IntakeOutcome` cannot express it, and the
 * database refuses an adverse determination by the system actor.
 *
 * Before the automation, on every intake (automation on or off, PA list or not): duplicates are
 * flagged and linked, each line's 422.122 flag is set from the list (the clock reads it), and an
 * out-of-network request without the plan's justification is refused.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../platform/db';
import type { CaseEvent, CaseEventContext, CaseEventHandler } from '../intake/events';
import type { IntakeRequest } from '../intake/request';
import { caseDiagnoses, cases, serviceLines } from '../intake/schema';
import { caseStatus, type CaseStatus } from '../intake/model';
import { appendAudit } from '../audit/store';
import { deriveDisposition } from '../determination/disposition';
import { lineOutcome } from '../determination/model';
import { coverages, members, providers } from '../members/schema';
import { getContract, getTenant } from '../tenancy/store';
import { isUmError, UmError } from '../platform/errors';
import { SYSTEM_AUTOMATION } from '../platform/auth/model';
import { decideIntake, evaluateForAutomation, type IntakeOutcome, type NetworkStatus, type ReferralReason, type RequirementDecision, type ServiceCodeSystem, referral } from '../criteria';
import { coverageSettings } from './settings';
import { hasPaList, rulesForContract } from './pa-store';
import { matchForCoverage } from './product';
import { activeExemption } from './gold-card-store';
import { basisOf, goldCardProvider, messageFor } from './requirements';
import { answersForLine, evaluationContext, ruleSystemOf, waiversOf } from './line-facts';
import { flagDuplicates } from './duplicates';
import { recordApproval, recordCriteria, recordNotRequired, type StoredResult } from './record';
import type { CriteriaCatalog } from './criteria-store';

export interface AutomationDeps {
  readonly catalog: CriteriaCatalog;
  readonly random: (n: number) => Uint8Array;
}

/** Kinds a person always decides (an appeal is reviewed by someone not involved in the first decision, 42 CFR 422.590(h)). */
const NOT_AUTOMATED: readonly string[] = ['reconsideration'];

const network = (s: string | undefined): NetworkStatus | undefined => (s === 'in_network' || s === 'out_of_network' ? s : undefined);

function storedResult(o: IntakeOutcome): StoredResult {
  switch (o.kind) {
    case 'approve':
    case 'refer_to_review':
    case 'notification_only':
      return o.kind;
    case 'no_authorization_required':
      return 'no_authorization_required';
    case 'member_unknown':
    case 'queue_for_intake':
      return 'not_evaluated';
  }
}

/** The handler to register in the app's case events, before the clock's. */
export function createCoverageAutomation(deps: AutomationDeps): CaseEventHandler {
  return async (event: CaseEvent, ctx: CaseEventContext) => {
    if (event.type !== 'created') return;
    await automate(deps, event.caseId, event.request, ctx);
  };
}

type LineRow = typeof serviceLines.$inferSelect;
type CaseRow = typeof cases.$inferSelect;

/** A line and what the contract's PA list answers for it on its date of service. */
interface ListedLine {
  readonly line: LineRow;
  readonly system: ServiceCodeSystem;
  readonly dos: string;
  readonly decision: RequirementDecision;
}

/** What the PA list says about a case's lines: null when it cannot say (no coverage on the date, no contract, no list). */
interface ListAnswer {
  readonly coverage: typeof coverages.$inferSelect;
  readonly contractId: string;
  readonly versions: ReadonlyMap<string, number>;
  /** One entry per line, in line order; null for a line whose code system the list does not cover. */
  readonly lines: readonly (ListedLine | null)[];
}

async function listAnswer(tx: Tx, tenantId: string, row: CaseRow, lines: readonly LineRow[], receiptDate: string, networkStatus: NetworkStatus | undefined): Promise<ListAnswer | null> {
  if (row.eligibility !== 'eligible' || row.contractId === null || row.coverageId === null) return null;
  if (!(await hasPaList(tx, tenantId, row.contractId))) return null;
  const [coverage] = await tx.select().from(coverages).where(and(eq(coverages.tenantId, tenantId), eq(coverages.id, row.coverageId)));
  if (coverage === undefined) return null;
  const { rules, versions } = await rulesForContract(tx, tenantId, row.contractId);
  const listed = lines.map((line): ListedLine | null => {
    const system = ruleSystemOf(line);
    if (system === undefined) return null;
    const dos = line.fromDate ?? receiptDate;
    return { line, system, dos, decision: matchForCoverage(rules, { codeSystem: system, code: line.code, dateOfService: dos, ...(line.placeOfService === null ? {} : { placeOfService: line.placeOfService }), ...(networkStatus === undefined ? {} : { networkStatus }) }, coverage) };
  });
  return { coverage, contractId: row.contractId, versions, lines: listed };
}

/**
 * Whether each line is subject to the prior-authorization rules of 42 CFR 422.122 (the Medicare
 * Advantage 7-day clock reads it): the rule that decided the line's requirement says so; a line
 * the list does not name (or cannot name: another code system, an emergency) is not subject.
 * Without a list the column keeps its default, "subject" for prior-authorization requests, until
 * the plan publishes one. Written before the clock starts (this handler runs first).
 */
async function markSubjectTo422122(tx: Tx, tenantId: string, lines: readonly LineRow[], answer: ListAnswer): Promise<void> {
  for (const [i, line] of lines.entries()) {
    const subject = answer.lines[i]?.decision.subjectTo422122 ?? false;
    if (line.subjectToPa === subject) continue;
    await tx.update(serviceLines).set({ subjectToPa: subject }).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.id, line.id)));
  }
}

/**
 * Whether a line still waiting for an answer here may need authorization: unless the PA list says
 * it does not, yes — also when there is no list to ask (a person decides) — except emergency and
 * urgently needed services, which never do (42 CFR 422.113(b)). A line forwarded to the plan is not ours.
 */
function mayNeedAuthorization(line: LineRow, listed: ListedLine | null, receiptDate: string): boolean {
  if (line.outcome !== null) return false;
  if (listed !== null) return listed.decision.requirement !== 'not_required';
  const system = ruleSystemOf(line);
  if (system === undefined) return true;
  try {
    const d = matchForCoverage([], { codeSystem: system, code: line.code, dateOfService: line.fromDate ?? receiptDate, ...(line.placeOfService === null ? {} : { placeOfService: line.placeOfService }) }, null);
    return d.decidedBy.kind !== 'emergency';
  } catch (e) {
    if (isUmError(e)) return true;
    throw e;
  }
}

async function automate(deps: AutomationDeps, caseId: string, request: IntakeRequest, ctx: CaseEventContext): Promise<void> {
  const { tx, tenantId, now } = ctx;
  const tenant = await getTenant(tx, tenantId);
  const settings = coverageSettings(tenant.settings);
  const [row] = await tx.select().from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
  if (row === undefined) return;
  const lines = await tx.select().from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, caseId))).orderBy(asc(serviceLines.lineNo));
  const providerRow = async (id: string | null) => (id === null ? undefined : (await tx.select().from(providers).where(and(eq(providers.tenantId, tenantId), eq(providers.id, id))))[0]);
  const servicing = await providerRow(row.servicingProviderId);
  const receiptDate = DateTime.fromJSDate(row.receivedAt, { zone: tenant.timeZone }).toISODate() ?? now.toISOString().slice(0, 10);
  const networkStatus = network(servicing?.networkStatus);

  // On every intake, whether or not the automation runs and whether or not the contract has a PA
  // list: duplicates, the list's 422.122 flag, the out-of-network justification.
  const duplicates = await flagDuplicates(tx, { tenantId, caseId, caseNumber: row.caseNumber, memberId: row.memberId, kind: row.kind, relatedCaseId: row.relatedCaseId, lines }, SYSTEM_AUTOMATION, now);
  const answer = await listAnswer(tx, tenantId, row, lines, receiptDate, networkStatus);
  if (answer !== null) await markSubjectTo422122(tx, tenantId, lines, answer);
  // Out of network: only with the justification the plan requires, and always to a person.
  if (networkStatus === 'out_of_network' && lines.some((line, i) => mayNeedAuthorization(line, answer?.lines[i] ?? null, receiptDate))) {
    if (request.outOfNetwork === undefined) {
      throw new UmError('UM_ERR_OUT_OF_NETWORK_JUSTIFICATION', `The servicing provider ${servicing?.name ?? ''} is out of network: say why (the service is not available in network, or an ongoing course of treatment)`, {
        details: [{ path: 'outOfNetwork', message: 'required for an out-of-network provider: reason not_available_in_network or ongoing_course_of_treatment' }],
      });
    }
    await tx.update(cases).set({ outOfNetworkReason: request.outOfNetwork.reason, outOfNetworkExplanation: request.outOfNetwork.explanation ?? null }).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
  }

  // A contract without a PA list, or a known member not covered on the date of service (it already has the reason): people decide.
  if (!settings.automationEnabled || answer === null) return;

  const [member] = await tx.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.id, row.memberId)));
  if (member === undefined) return;
  const { coverage, contractId, versions } = answer;
  const requesting = goldCardProvider(await providerRow(row.requestingProviderId), servicing);
  const contract = await getContract(tx, tenantId, contractId);
  const diagnoses = (await tx.select({ code: caseDiagnoses.code, system: caseDiagnoses.system }).from(caseDiagnoses).where(and(eq(caseDiagnoses.tenantId, tenantId), eq(caseDiagnoses.caseId, caseId)))).filter((d) => d.system === 'ICD-10-CM').map((d) => d.code);
  const decisions = answer.lines.map((d) => (d === null || d.line.outcome !== null ? null : d));

  const summary: { lineId: string; result: StoredResult; requirement: string; ruleId: string | null; criteriaSet: string | null; authorizationNumber: string | null; reasons: string[] }[] = [];
  for (const d of decisions) {
    if (d === null) continue;
    const { line, decision, dos } = d;
    const ruleText = decision.decidedBy.kind === 'rule' ? `PA rule ${decision.decidedBy.rule.id} v${versions.get(decision.decidedBy.rule.id) ?? 1} of contract ${contract?.contract.name ?? contractId}` : messageFor(decision);
    const set = decision.criteriaSetId === undefined ? undefined : await deps.catalog.inForce(tx, tenantId, decision.criteriaSetId, dos);
    const answers = answersForLine(request.lines[line.lineNo - 1]?.answers, request.answers, set);
    // An exemption covers the requests made while it lasts (Tex. Ins. Code 4201.653): the receipt date counts.
    const exemption = settings.goldCard !== null && decision.requirement === 'required' && decision.serviceGroup !== undefined && requesting !== undefined
      ? await activeExemption(tx, tenantId, { npi: requesting.npi, tin: requesting.taxId }, decision.serviceGroup, receiptDate)
      : undefined;
    let outcome = decideIntake({
      eligibility: { kind: 'eligible', ...(coverage.effectiveTo === null ? {} : { coverageEnd: coverage.effectiveTo }) },
      requirement: decision,
      ...(exemption === undefined ? {} : { exemption }),
      ...(set === undefined ? {} : { evaluateCriteria: () => evaluateForAutomation(set, evaluationContext({ member, line: { ...line, codeSystem: d.system }, dateOfService: dos, diagnoses, answers, coverageWaivers: waiversOf(contract?.contract.settings) }), settings.automation) }),
      requested: { start: dos, ...(line.toDate === null ? {} : { end: line.toDate }) },
    });
    // Approvals the automation must leave to a person after all.
    const held: ReferralReason[] = [];
    if (duplicates.some((x) => x.lineId === line.id)) held.push(referral('possible_duplicate', `overlaps ${duplicates.filter((x) => x.lineId === line.id).map((x) => `case ${x.otherCaseNumber}`).join(', ')} for the same member, code and dates`));
    if (NOT_AUTOMATED.includes(row.kind)) held.push(referral('kind_not_automated', `a ${row.kind.replace(/_/g, ' ')} is decided by a person`));
    if (outcome.kind === 'approve' && held.length > 0) {
      outcome = { kind: 'refer_to_review', reasons: held, requirement: decision, ...(outcome.criteria === undefined ? {} : { criteria: outcome.criteria }) };
    } else if (outcome.kind === 'refer_to_review' && held.length > 0) {
      outcome = { ...outcome, reasons: [...outcome.reasons, ...held] };
    }
    if (set === undefined && decision.criteriaSetId !== undefined && outcome.kind === 'refer_to_review') {
      outcome = { ...outcome, reasons: outcome.reasons.map((r) => (r.code === 'no_criteria_set' ? referral('no_criteria_set', `no activated version of criteria set ${decision.criteriaSetId ?? ''} is in force on ${dos}`) : r)) };
    }
    const rec = { tenantId, caseId, lineId: line.id, units: line.units };
    let authorizationNumber: string | null = null;
    switch (outcome.kind) {
      case 'approve':
        authorizationNumber = await recordApproval(tx, rec, outcome, ruleText, now, deps.random);
        break;
      case 'no_authorization_required':
        await recordNotRequired(tx, rec, decision.decidedBy.kind === 'rule' ? `${messageFor(decision)} ${ruleText}` : messageFor(decision), now);
        break;
      case 'refer_to_review':
      case 'notification_only':
      case 'member_unknown':
      case 'queue_for_intake':
        break;
    }
    const evaluation = outcome.kind === 'approve' || outcome.kind === 'refer_to_review' ? outcome.criteria : undefined;
    const reasons = outcome.kind === 'refer_to_review' ? outcome.reasons : [];
    await recordCriteria(tx, rec, {
      result: storedResult(outcome),
      requirement: decision.requirement,
      basis: basisOf(decision.decidedBy, contractId, versions),
      ruleVersion: decision.decidedBy.kind === 'rule' ? (versions.get(decision.decidedBy.rule.id) ?? null) : null,
      serviceGroup: decision.serviceGroup ?? null,
      documents: decision.documents,
      set: set === undefined ? null : { id: set.set.id, version: set.set.version },
      evaluation,
      reasons,
      exemption: outcome.kind === 'approve' ? outcome.basis : null,
      questionnaireResponse: answers,
    }, now);
    summary.push({ lineId: line.id, result: storedResult(outcome), requirement: decision.requirement, ruleId: decision.decidedBy.kind === 'rule' ? decision.decidedBy.rule.id : null, criteriaSet: set === undefined ? null : `${set.set.id}@${set.set.version}`, authorizationNumber, reasons: reasons.map((r) => r.code) });
  }
  if (summary.length === 0) return;
  await settleCase(ctx, row.id, caseStatus(row.status), summary.map((s) => s.result));
  await appendAudit(tx, { tenantId, actor: SYSTEM_AUTOMATION, at: now }, { action: 'case.automation', recordType: 'case', recordId: caseId, caseId, details: { decidedBy: 'automation', lines: summary } });
}

/** The case after the automation: closed when every line is answered; intake staff when only notifications wait. */
async function settleCase(ctx: CaseEventContext, caseId: string, was: CaseStatus, results: readonly StoredResult[]): Promise<void> {
  const { tx, tenantId, now } = ctx;
  const after = await tx.select({ outcome: serviceLines.outcome, requirement: serviceLines.requirement }).from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, caseId)));
  const allDone = after.every((l) => l.outcome !== null);
  const pending = after.filter((l) => l.outcome === null);
  const onlyNotifications = pending.length > 0 && pending.every((l) => l.requirement === 'notification_only');
  const status: CaseStatus = allDone ? 'decided' : onlyNotifications && was === 'nurse_review' ? 'intake' : was;
  const disposition = deriveDisposition(after.map((l) => ({ outcome: lineOutcome(l.outcome) })), status);
  const closeReason = !allDone ? null : disposition === 'no_auth_required' ? 'No authorization required (prior-authorization list)' : results.includes('approve') ? 'Approved automatically: criteria met or provider exempt' : null;
  await tx
    .update(cases)
    .set({ status, disposition, updatedAt: now, closedAt: allDone ? now : null, ...(closeReason === null ? {} : { closeReason }), version: sql`${cases.version} + 1` })
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
}
