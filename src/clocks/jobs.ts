/**
 * The clocks capability's background job: the sweep, scheduled every minute by the job runner
 * (pg-boss) and run once at start (an alarm that came due while no process ran fires then).
 */
import type { AppContext } from '../platform/context';
import type { JobDefinition } from '../platform/jobs';
import { sweepClocks } from './sweep';

export const CLOCK_SWEEP_JOB = 'openum-clock-sweep';

export function clockJobs(ctx: Pick<AppContext, 'db' | 'log'>): JobDefinition[] {
  return [
    {
      name: CLOCK_SWEEP_JOB,
      cron: '* * * * *',
      runAtStart: true,
      async run(now) {
        const fired = await sweepClocks(ctx.db, now);
        if (fired.length > 0) ctx.log.info({ fired: fired.length }, 'clock alarms fired');
      },
    },
  ];
}
