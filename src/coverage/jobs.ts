/**
 * The coverage capability's background job: gold-card exemptions recomputed every night (and once
 * at start, so that a node that was down catches up). A second run on the same day writes nothing.
 */
import type { AppContext } from '../platform/context';
import type { JobDefinition } from '../platform/jobs';
import { recomputeExemptions } from './gold-card-store';

export const GOLD_CARD_JOB = 'openum-gold-card-recompute';

export function coverageJobs(ctx: Pick<AppContext, 'db' | 'log'>): JobDefinition[] {
  return [
    {
      name: GOLD_CARD_JOB,
      cron: '30 2 * * *',
      runAtStart: true,
      async run(now) {
        const reports = await recomputeExemptions(ctx.db, now);
        ctx.log.info({ tenants: reports.length, granted: reports.reduce((n, r) => n + r.granted, 0) }, 'gold-card exemptions recomputed');
      },
    },
  ];
}
