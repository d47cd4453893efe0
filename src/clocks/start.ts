/**
 * Starting a case's clock when the case is received (any channel): the facts come from the case,
 * its pending lines, its coverage (or, while eligibility is unconfirmed, the member's latest
 * coverage span) and the tenant's clock settings; the clock is computed, stored with its
 * `clock_started` event and audited in the intake transaction.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db';
import { isUmError } from '../platform/errors';
import { cases, serviceLines } from '../intake/schema';
import { coverages } from '../members/schema';
import { getTenant } from '../tenancy/store';
import { caseStatus, isClosed } from '../intake/model';
import { selectClockPolicies } from './settings';
import { tenantClockConfig } from './tenant-settings';
import { computeStoredClock, startNote, summarise } from './compute';
import { timelinessMeasureFor } from './timeliness';
import type { ClockInputs } from './stored';
import { appendClockEvent, insertClock, settled, withSummary, type ClockActor, type ClockFacts } from './store';
import type { CaseKind, DomainLineOfBusiness } from './case-kind';

const LOBS: readonly DomainLineOfBusiness[] = ['medicare_advantage', 'medicaid', 'chip', 'commercial', 'qhp'];
const KINDS: readonly CaseKind[] = ['prior_auth', 'referral', 'admission_notification', 'concurrent_review', 'snf_admission', 'post_stabilization', 'retrospective', 'reconsideration'];
const REQUESTERS = ['physician', 'member', 'representative', 'plan'] as const;

const funding = (f: string | null): 'fully_insured' | 'self_funded' | null => (f === 'fully_insured' || f === 'self_funded' ? f : null);

type CaseRow = typeof cases.$inferSelect;

/** The clock inputs of a case, or why there can be none (no coverage to choose a policy from). */
async function inputsFor(tx: Tx, c: CaseRow): Promise<ClockInputs | { readonly noClock: string }> {
  const t = c.tenantId;
  const [cov] =
    c.coverageId !== null
      ? await tx.select().from(coverages).where(and(eq(coverages.tenantId, t), eq(coverages.id, c.coverageId)))
      : await tx.select().from(coverages).where(and(eq(coverages.tenantId, t), eq(coverages.memberId, c.memberId))).orderBy(desc(coverages.effectiveFrom)).limit(1);
  const lob = LOBS.find((l) => l === cov?.lineOfBusiness);
  const kind = KINDS.find((k) => k === c.kind);
  if (cov === undefined || lob === undefined || kind === undefined) return { noClock: 'The member has no coverage from which to choose a clock policy' };
  const lines = await tx.select().from(serviceLines).where(and(eq(serviceLines.tenantId, t), eq(serviceLines.caseId, c.id))).orderBy(asc(serviceLines.lineNo));
  const pending = lines.filter((l) => l.outcome === null);
  const related = c.relatedCaseId === null ? [] : await tx.select({ kind: cases.kind }).from(cases).where(and(eq(cases.tenantId, t), eq(cases.id, c.relatedCaseId)));
  const appealOf = kind === 'reconsideration' ? KINDS.find((k) => k === related[0]?.kind) : undefined;
  const tenant = await getTenant(tx, t);
  const config = tenantClockConfig(tenant);
  const coverage = { lineOfBusiness: lob, productType: cov.productType, funding: funding(cov.funding), state: cov.state };
  const setup = selectClockPolicies(config.clocks, coverage);
  const requester = REQUESTERS.find((r) => r === c.expediteRequestedBy);
  return {
    caseKind: kind,
    coverage,
    coverageSource: c.coverageId === null ? 'latest_span' : 'case',
    priority: c.priority === 'expedited' ? 'expedited' : 'standard',
    receivedAt: c.receivedAt.toISOString(),
    lines: (pending.length > 0 ? pending : lines).map((l) => ({ lineId: l.id, serviceGroup: l.serviceGroup, subjectToPriorAuthorization: l.subjectToPa })),
    ...(appealOf === undefined ? {} : { appealOf }),
    ...(requester === undefined ? {} : { expediteRequestedBy: requester }),
    physicianSupportsExpedite: c.expeditePhysicianSupported,
    assignment: setup.assignment,
    timeZone: config.clocks.timeZone,
    atRiskPercent: config.atRiskPercent,
  };
}

function emptyFacts(c: CaseRow, inputs: ClockInputs | null, timeZone: string): ClockFacts {
  return {
    state: 'no_clock', policies: [], policyId: null, policyVersion: null, policyTitle: null, ruleId: null, citation: null, timeZone, priorityClass: null,
    startedAt: c.receivedAt, dueAt: null, atRiskAt: null, nextAlarmAt: null, atRiskWarnedAt: null, overdueMarkedAt: null, consequence: null, obligations: [],
    lineClocks: [], inputs: inputs ?? {}, measure: 'notice', decidedAt: null, oralNoticeAt: null, writtenNoticeAt: null, measuredAt: null,
    liabilityStartedAt: null, liabilityEndedAt: null, liabilityEndReason: null, stoppedReason: null, noClockReason: null,
  };
}

/**
 * Computes and stores the clock of a case just recorded (or received before clocks existed).
 * A case that is already closed keeps its clock for the record: decided → judged on time or late
 * (or waiting for its notice); forwarded, withdrawn or cancelled → stopped.
 */
export async function startCaseClock(tx: Tx, tenantId: string, caseId: string, who: ClockActor, now: Date): Promise<void> {
  const [c] = await tx.select().from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
  if (c === undefined) return;
  let facts: ClockFacts;
  let note: string;
  try {
    const inputs = await inputsFor(tx, c);
    if ('noClock' in inputs) {
      facts = { ...emptyFacts(c, null, (await getTenant(tx, tenantId)).timeZone), noClockReason: inputs.noClock };
      note = inputs.noClock;
    } else {
      const result = computeStoredClock(inputs, []);
      facts = withSummary(emptyFacts(c, inputs, inputs.timeZone), summarise(result), inputs.atRiskPercent, now);
      facts = { ...facts, measure: timelinessMeasureFor(facts.policyId) };
      note = startNote(result) ?? (result.kind === 'no_clock' ? result.reason : '');
    }
  } catch (e) {
    // Settings that select no policy: the case is recorded without a clock, and says why.
    if (!isUmError(e)) throw e;
    facts = { ...emptyFacts(c, null, (await getTenant(tx, tenantId)).timeZone), noClockReason: e.message };
    note = e.message;
  }
  const status = caseStatus(c.status);
  if (isClosed(status) && facts.state !== 'no_clock') {
    facts = status === 'decided' ? settled({ ...facts, decidedAt: c.closedAt ?? now }) : { ...facts, state: 'stopped', stoppedReason: status };
  }
  await insertClock(tx, tenantId, caseId, facts, now);
  await appendClockEvent(tx, tenantId, caseId, who, now, {
    type: 'clock_started',
    at: c.receivedAt,
    result: 'recorded',
    dueAfter: facts.dueAt,
    citation: facts.citation,
    note,
    data: { state: facts.state, ...(facts.ruleId === null ? {} : { ruleId: facts.ruleId, policyId: facts.policyId ?? '', policyVersion: facts.policyVersion ?? '' }) },
  });
}
