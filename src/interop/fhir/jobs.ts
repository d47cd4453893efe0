/**
 * The FHIR capability's job: delivering due subscription notifications (the outbox), every minute
 * and at start-up (a restart delivers what was queued before it).
 */
import type { AppContext } from '../../platform/context';
import type { JobDefinition } from '../../platform/jobs';
import { deliverDueNotifications } from './subscriptions/deliver';

export const NOTIFICATION_JOB = 'fhir-notifications';

export function fhirJobs(ctx: Pick<AppContext, 'db' | 'log'>): JobDefinition[] {
  return [
    {
      name: NOTIFICATION_JOB,
      cron: '* * * * *',
      runAtStart: true,
      async run(now) {
        // Several rounds: a burst of decisions is delivered in one run, not one batch a minute.
        for (let round = 0; round < 20; round++) {
          const r = await deliverDueNotifications(ctx.db, now);
          if (r.delivered + r.retried + r.failed > 0) ctx.log.info({ job: NOTIFICATION_JOB, ...r }, 'subscription notifications');
          if (r.delivered + r.retried + r.failed < 50) return;
        }
      },
    },
  ];
}
