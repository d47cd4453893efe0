/**
 * Timeliness per line of business and month (of the decision, in the tenant's zone): decided on
 * time, late, and decided but still waiting for the notice the policy measures. Only the cases the
 * caller may see are counted.
 */
import { and, eq, gte, isNotNull, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import type { Principal } from '../platform/auth/model';
import { cases } from '../intake/schema';
import { visibleTo } from '../intake/queries';
import { caseClocks } from './schema';

export interface TimelinessRow {
  readonly lineOfBusiness: string | null;
  readonly month: string;
  readonly onTime: number;
  readonly late: number;
  readonly awaitingNotice: number;
  readonly total: number;
}

export async function timelinessReport(q: Queryable, p: Principal, opts: { readonly timeZone: string; readonly from?: Date; readonly to?: Date }): Promise<TimelinessRow[]> {
  const month = sql<string>`to_char(${caseClocks.decidedAt} at time zone ${opts.timeZone}, 'YYYY-MM')`;
  const rows = await q
    .select({
      lineOfBusiness: cases.lineOfBusiness,
      month,
      onTime: sql<number>`(count(*) filter (where ${caseClocks.state} = 'met'))::int`,
      late: sql<number>`(count(*) filter (where ${caseClocks.state} = 'late'))::int`,
      awaitingNotice: sql<number>`(count(*) filter (where ${caseClocks.state} = 'awaiting_notice'))::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(caseClocks)
    .innerJoin(cases, and(eq(cases.tenantId, caseClocks.tenantId), eq(cases.id, caseClocks.caseId)))
    .where(
      and(
        visibleTo(p),
        isNotNull(caseClocks.decidedAt),
        opts.from === undefined ? undefined : gte(caseClocks.decidedAt, opts.from),
        opts.to === undefined ? undefined : lt(caseClocks.decidedAt, opts.to),
      ),
    )
    // By position: the month expression carries the zone as a parameter, which GROUP BY could not match.
    .groupBy(sql`1, 2`)
    .orderBy(sql`2 desc, 1`);
  return rows;
}
