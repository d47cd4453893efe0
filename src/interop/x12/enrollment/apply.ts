/**
 * Applies a batch of prepared 834 members inside the set's transaction, through the member
 * imports' one write path (`upsertMembers`, `upsertCoverages` of src/members/import.ts): new
 * members need a name and a birth date; a change keeps what the record does not give; a
 * termination or reinstatement of a member or span not on file is an error of that member. A
 * member is applied wholly or not at all: one problem in any of its coverage actions leaves its
 * demographics and all its spans as they were.
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
  // The plan's spans of the members on file whose records end or reopen one, newest first.
  const needSpans = batch.flatMap((b) => {
    const old = onFile.get(b.member.memberNumber);
    return old !== undefined && b.member.actions.some((a) => a.kind !== 'enroll') ? [old.id] : [];
  });
  const spans = new Map<string, Span[]>();
  if (needSpans.length > 0) {
    const rows = await tx.select().from(coverages).where(and(eq(coverages.tenantId, t.tenantId), eq(coverages.planOrgId, t.planOrgId), inArray(coverages.memberId, needSpans))).orderBy(desc(coverages.effectiveFrom));
    for (const s of rows) spans.set(s.memberId, [...(spans.get(s.memberId) ?? []), s]);
  }
  const fail = (b: BatchItem, message: string): void => {
    r.errors.push({ position: b.position, member: b.member.label, message });
  };

  // Each member is checked whole (demographics and every coverage action) before anything is
  // written: a member with any problem is reported and not applied at all.
  const rows: MemberValues[] = [];
  const kept: { readonly b: BatchItem; readonly writes: readonly Omit<CoverageValues, 'memberId'>[]; readonly tally: { termed: number; reinstated: number } }[] = [];
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
    const writes: Omit<CoverageValues, 'memberId'>[] = [];
    const tally = { termed: 0, reinstated: 0 };
    const problems = b.member.actions.flatMap((a) => {
      const problem = planAction(a, old === undefined ? [] : (spans.get(old.id) ?? []), (v) => writes.push(v), t, d.state ?? null, pcpsOf(a, pcps), tally);
      return problem === null ? [] : [problem];
    });
    if (problems.length > 0) {
      for (const p of problems) fail(b, `${p}; nothing of this member is applied`);
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
    kept.push({ b, writes, tally });
  }
  const written = await upsertMembers(tx, t.tenantId, now, rows);

  // Coverage spans, keyed (member, plan, first day): a key once per upsert, later writes in later rounds.
  const rounds: CoverageValues[][] = [];
  const put = (v: CoverageValues): void => {
    const key = `${v.memberId}|${v.effectiveFrom}`;
    let round = rounds.find((x) => !x.some((y) => `${y.memberId}|${y.effectiveFrom}` === key));
    if (round === undefined) rounds.push((round = []));
    round.push(v);
  };
  for (const { b, writes } of kept) {
    const memberId = written.ids.get(b.member.memberNumber);
    if (memberId !== undefined) for (const v of writes) put({ ...v, memberId });
  }
  const changed = new Set<string>();
  for (const round of rounds) for (const id of await upsertCoverages(tx, t.tenantId, now, round)) changed.add(id);

  for (const { b, tally } of kept) {
    const id = written.ids.get(b.member.memberNumber) ?? '';
    if (written.inserted.has(b.member.memberNumber)) r.added++;
    else if (written.updated.has(b.member.memberNumber) || changed.has(id)) r.updated++;
    else r.unchanged++;
    if (changed.has(id)) {
      r.termed += tally.termed;
      r.reinstated += tally.reinstated;
    }
  }
  return r;
}

const pcpsOf = (a: CoverageAction, pcps: ReadonlyMap<string, string>): string | null => (a.kind === 'enroll' && a.pcpNpi !== null ? (pcps.get(a.pcpNpi) ?? null) : null);

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
