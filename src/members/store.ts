/** Member, coverage and provider look-ups used by intake and review. */
import { and, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import { coverages, members, providers } from './schema';

export type MemberRow = typeof members.$inferSelect;
export type CoverageRow = typeof coverages.$inferSelect;
export type ProviderRow = typeof providers.$inferSelect;

export async function findMember(q: Queryable, tenantId: string, ref: { id?: string; memberNumber?: string }): Promise<MemberRow | null> {
  const cond = ref.id !== undefined ? eq(members.id, ref.id) : eq(members.memberNumber, ref.memberNumber ?? '');
  const [m] = await q.select().from(members).where(and(eq(members.tenantId, tenantId), cond));
  return m ?? null;
}

/** The coverage span in force on a date (the latest-starting one if spans overlap). */
export async function coverageOn(q: Queryable, tenantId: string, memberId: string, date: string): Promise<CoverageRow | null> {
  const [c] = await q
    .select()
    .from(coverages)
    .where(
      and(
        eq(coverages.tenantId, tenantId),
        eq(coverages.memberId, memberId),
        lte(coverages.effectiveFrom, date),
        or(isNull(coverages.effectiveTo), gte(coverages.effectiveTo, date)),
      ),
    )
    .orderBy(desc(coverages.effectiveFrom))
    .limit(1);
  return c ?? null;
}

export async function memberCoverages(q: Queryable, tenantId: string, memberId: string): Promise<CoverageRow[]> {
  return q
    .select()
    .from(coverages)
    .where(and(eq(coverages.tenantId, tenantId), eq(coverages.memberId, memberId)))
    .orderBy(desc(coverages.effectiveFrom));
}

export async function findProvider(q: Queryable, tenantId: string, ref: { id?: string; npi?: string }): Promise<ProviderRow | null> {
  if (ref.id === undefined && ref.npi === undefined) return null;
  const cond = ref.id !== undefined ? eq(providers.id, ref.id) : eq(providers.npi, ref.npi ?? '');
  const [p] = await q.select().from(providers).where(and(eq(providers.tenantId, tenantId), cond));
  return p ?? null;
}
