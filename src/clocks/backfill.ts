/**
 * Clocks for cases recorded without one (received before the clocks capability existed, or seeded
 * directly, like the demo): computed from the case as it stands, by the system actor. Open cases
 * always; closed ones when asked (they then carry their timeliness for the reports).
 */
import { and, asc, eq, notExists, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { cases } from '../intake/schema';
import { CLOSED_STATUSES } from '../intake/model';
import { routeCase } from '../queues/on-case';
import { caseClocks } from './schema';
import { startCaseClock } from './start';
import { CLOCK_SYSTEM } from './store';

export async function backfillCaseClocks(ctx: Pick<AppContext, 'db' | 'clock'>, opts: { includeClosed?: boolean; batch?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 100;
  let done = 0;
  for (;;) {
    const n = await ctx.db.transaction(async (tx) => {
      const rows = await tx
        .select({ tenantId: cases.tenantId, id: cases.id })
        .from(cases)
        .where(
          and(
            notExists(tx.select({ one: sql`1` }).from(caseClocks).where(and(eq(caseClocks.tenantId, cases.tenantId), eq(caseClocks.caseId, cases.id)))),
            opts.includeClosed === true ? undefined : sql`${cases.status} not in (${sql.join(CLOSED_STATUSES.map((s) => sql`${s}`), sql`, `)})`,
          ),
        )
        .orderBy(asc(cases.receivedAt))
        .limit(batch);
      const now = ctx.clock.now();
      for (const r of rows) {
        await startCaseClock(tx, r.tenantId, r.id, CLOCK_SYSTEM, now);
        await routeCase(tx, r.tenantId, r.id);
      }
      return rows.length;
    });
    done += n;
    if (n < batch) return done;
  }
}

