/**
 * Applies a batch of prepared 834 members inside the set's transaction, through the member
 * imports' one write path (`upsertMembers`, `upsertCoverages` of src/members/import.ts): new
 * members need a name and a birth date; a change keeps what the record does not give; a
 * termination or reinstatement of a member or span not on file is an error of that member.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db';
import { coverages, members, providers } from '../../../members/schema';
import { upsertCoverages, upsertMembers, type CoverageValues, type MemberValues } from '../../../members/import';
import type { CoverageAction, PreparedMember } from './prepare';

/** What the set applies to: the plan, the delegate and contract, the line of business. */
export interface SetTarget {
  readonly tenantId: string;
  readonly planOrgId: string;
  readonly ipaOrgId: string | null;
  readonly contractId: string | null;
  readonly lineOfBusiness: string;
}

export interface BatchItem {
  readonly position: { readonly first: number; readonly inSet: number };
  readonly member: PreparedMember;
}

export interface BatchResult {
  added: number;
  updated: number;
  unchanged: number;
  /** Spans ended by a termination. */
  termed: number;
  reinstated: number;
  readonly errors: { readonly position: { readonly first: number; readonly inSet: number }; readonly member: string; readonly message: string }[];
}

type Span = typeof coverages.$inferSelect;
const spanValues = (s: Span, effectiveTo: string | null): CoverageValues => ({
  memberId: s.memberId,
  planOrgId: s.planOrgId,
  contractId: s.contractId,
  ipaOrgId: s.ipaOrgId,
  pbp: s.pbp,
  lineOfBusiness: s.lineOfBusiness,
  productType: s.productType,
  state: s.state,
  funding: s.funding,
  pcpProviderId: s.pcpProviderId,
  effectiveFrom: s.effectiveFrom,
  effectiveTo,
});

export async function applyBatch(tx: Tx, t: SetTarget, now: Date, batch: readonly BatchItem[]): Promise<BatchResult> {
  const r: BatchResult = { added: 0, updated: 0, unchanged: 0, termed: 0, reinstated: 0, errors: [] };
  const numbers = batch.map((b) => b.member.memberNumber);
  const onFile = new Map((await tx.select().from(members).where(and(eq(members.tenantId, t.tenantId), inArray(members.memberNumber, numbers)))).map((m) => [m.memberNumber, m]));
  const npis = [...new Set(batch.flatMap((b) => b.member.actions.flatMap((a) => (a.kind === 'enroll' && a.pcpNpi !== null ? [a.pcpNpi] : []))))];
  const pcps = new Map(npis.length === 0 ? [] : (await tx.select({ id: providers.id, npi: providers.npi }).from(providers).where(and(eq(providers.tenantId, t.tenantId), inArray(providers.npi, npis)))).map((p) => [p.npi, p.id]));
  const fail = (b: BatchItem, message: string): void => {
    r.errors.push({ position: b.position, member: b.member.label, message });
  };

  const rows: MemberValues[] = [];
  const kept: BatchItem[] = [];
  for (const b of batch) {
    const d = b.member.demographics;
    const old = onFile.get(b.member.memberNumber);
    const onlyEnds = b.member.actions.length > 0 && b.member.actions.every((a) => a.kind !== 'enroll');
    if (old === undefined && (onlyEnds || b.member.maintenanceType === '024')) {
      fail(b, `member ${b.member.memberNumber} is not on file: nothing to ${b.member.maintenanceType === '025' ? 'reinstate' : 'terminate'}`);
      continue;
    }
    const firstName = d.firstName ?? old?.firstName;
    const lastName = d.lastName ?? old?.lastName;
    const birthDate = d.birthDate ?? old?.birthDate;
    if (firstName === undefined || lastName === undefined || birthDate === undefined) {
      fail(b, 'a new member needs a first and last name (NM1) and a birth date (DMG)');
      continue;
    }
    rows.push({
      memberNumber: b.member.memberNumber,
      firstName,
      lastName,
      birthDate,
      sex: d.sex ?? old?.sex ?? 'U',
      addressLine: d.addressLine ?? old?.addressLine ?? null,
      city: d.city ?? old?.city ?? null,
      state: d.state ?? old?.state ?? null,
      postalCode: d.postalCode ?? old?.postalCode ?? null,
      phone: d.phone ?? old?.phone ?? null,
    });
    kept.push(b);
  }
  const written = await upsertMembers(tx, t.tenantId, now, rows);

  // Coverage spans, keyed (member, plan, first day): a key once per upsert, later actions in later rounds.
  const spansOf = async (memberId: string): Promise<Span[]> =>
    tx.select().from(coverages).where(and(eq(coverages.tenantId, t.tenantId), eq(coverages.memberId, memberId), eq(coverages.planOrgId, t.planOrgId))).orderBy(desc(coverages.effectiveFrom));
  const rounds: CoverageValues[][] = [];
  const put = (v: CoverageValues): void => {
    const key = `${v.memberId}|${v.effectiveFrom}`;
    let round = rounds.find((x) => !x.some((y) => `${y.memberId}|${y.effectiveFrom}` === key));
    if (round === undefined) rounds.push((round = []));
    round.push(v);
  };
  const outcome = new Map<string, { termed: number; reinstated: number }>();
  for (const b of kept) {
    const memberId = written.ids.get(b.member.memberNumber);
    if (memberId === undefined) continue;
    const tally = { termed: 0, reinstated: 0 };
    outcome.set(memberId, tally);
    const plans = await spansOfIfNeeded(b.member.actions, () => spansOf(memberId));
    for (const a of b.member.actions) {
      const problem = planAction(a, plans, (v) => put({ ...v, memberId }), t, b.member.demographics.state ?? null, pcpsOf(a, pcps), tally);
      if (problem !== null) fail(b, problem);
    }
  }
  const changed = new Set<string>();
  for (const round of rounds) for (const id of await upsertCoverages(tx, t.tenantId, now, round)) changed.add(id);

  for (const b of kept) {
    const id = written.ids.get(b.member.memberNumber) ?? '';
    const tally = outcome.get(id);
    if (written.inserted.has(b.member.memberNumber)) r.added++;
    else if (written.updated.has(b.member.memberNumber) || changed.has(id)) r.updated++;
    else r.unchanged++;
    if (tally !== undefined && changed.has(id)) {
      r.termed += tally.termed;
      r.reinstated += tally.reinstated;
    }
  }
  return r;
}

const pcpsOf = (a: CoverageAction, pcps: ReadonlyMap<string, string>): string | null => (a.kind === 'enroll' && a.pcpNpi !== null ? (pcps.get(a.pcpNpi) ?? null) : null);

async function spansOfIfNeeded(actions: readonly CoverageAction[], load: () => Promise<Span[]>): Promise<Span[]> {
  return actions.some((a) => a.kind !== 'enroll') ? load() : [];
}

/** Turns one action into span writes; returns the problem when it cannot be applied. */
function planAction(a: CoverageAction, spans: readonly Span[], put: (v: Omit<CoverageValues, 'memberId'>) => void, t: SetTarget, state: string | null, pcp: string | null, tally: { termed: number; reinstated: number }): string | null {
  switch (a.kind) {
    case 'enroll':
      put({ planOrgId: t.planOrgId, contractId: t.contractId, ipaOrgId: t.ipaOrgId, pbp: a.pbp, lineOfBusiness: t.lineOfBusiness, productType: a.productType, state, funding: null, pcpProviderId: pcp, effectiveFrom: a.begin, effectiveTo: a.end });
      return null;
    case 'term': {
      const hit = a.begin !== undefined ? spans.filter((s) => s.effectiveFrom === a.begin) : spans.filter((s) => s.effectiveFrom <= a.end && (s.effectiveTo === null || s.effectiveTo >= a.end));
      if (hit.length === 0) return a.begin !== undefined ? `no coverage span beginning ${a.begin} to terminate` : `no coverage span in force on ${a.end} to terminate`;
      for (const s of hit) put(spanValues(s, a.end));
      tally.termed += hit.length;
      return null;
    }
    case 'reinstate': {
      const last = spans[0];
      if (last === undefined) return 'no coverage span to reinstate';
      put(spanValues(last, a.end));
      tally.reinstated++;
      return null;
    }
  }
}
