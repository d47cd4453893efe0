/**
 * The FHIR capability: the `/fhir` endpoint (Da Vinci PAS, DTR, PAS subscriptions) and the
 * `/cds-services` CDS Hooks endpoint (Da Vinci CRD), with SMART backend-services security.
 * Wire with `fhirRoutes(ctx)` under `/fhir`, `cdsHooksRoutes(ctx)` under `/cds-services`, and
 * `createFhirCaseEventHandler()` in the case-event handlers.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../platform/context';
import { createIntakeService } from '../../intake/service';
import { createReviewService } from '../../review/service';
import { createValidator, type FhirValidator } from './validation';
import { fhirRoutesFrom } from './http/plugin';
import { pasDefinitions } from './pas/operations';
import { subscriptionDefinitions } from './subscriptions/operations';
import { dtrDefinitions } from './dtr/operations';
import type { PasDeps } from './pas/deps';
import { createCriteriaCatalog, type CriteriaCatalog } from '../../coverage';
import { cdsHooksRoutesFrom } from './crd/routes';
import { httpFetcher, type Fetcher } from './crd/request';

export const SMART_SCOPES = [
  'system/Claim.write',
  'system/Claim.read',
  'system/ClaimResponse.read',
  'system/Subscription.read',
  'system/Subscription.write',
  'system/Subscription.*',
  'system/Questionnaire.read',
] as const;

export interface FhirOptions {
  /** An already loaded validator (tests share one); otherwise it is loaded on the first FHIR call. */
  readonly validator?: Promise<FhirValidator>;
  /** The app's criteria-set catalogue (shared with intake's automation); a private one otherwise. */
  readonly catalog?: CriteriaCatalog;
  /** How CRD reads the EHR's FHIR server (tests may stub it; default `fetch`). */
  readonly fetcher?: Fetcher;
}

/** Shared dependencies of the FHIR and CDS Hooks routes (the validator is loaded once, lazily). */
export function fhirDeps(ctx: AppContext, opts: FhirOptions = {}): PasDeps {
  let v = opts.validator;
  return {
    ctx,
    validator: () => (v ??= createValidator({ warm: false })),
    intake: createIntakeService(ctx),
    review: createReviewService(ctx),
    baseUrl: `${ctx.config.publicUrl}/fhir`,
  };
}

export { createFhirCaseEventHandler } from './subscriptions/events';
export { deliverDueNotifications, type Poster, type SweepResult } from './subscriptions/deliver';
export { fhirJobs } from './jobs';

/** The `/cds-services` routes (Da Vinci CRD over CDS Hooks). */
export function cdsHooksRoutes(ctx: AppContext, opts: FhirOptions = {}): FastifyPluginAsync {
  return cdsHooksRoutesFrom(ctx, { ...fhirDeps(ctx, opts), catalog: opts.catalog ?? createCriteriaCatalog(), fetcher: opts.fetcher ?? httpFetcher });
}

/** The `/fhir` routes. */
export function fhirRoutes(ctx: AppContext, opts: FhirOptions = {}): FastifyPluginAsync {
  const deps = fhirDeps(ctx, opts);
  const dtr = { ...deps, catalog: opts.catalog ?? createCriteriaCatalog() };
  return fhirRoutesFrom(ctx, [...pasDefinitions(deps), ...subscriptionDefinitions(deps), ...dtrDefinitions(dtr)], { scopes: SMART_SCOPES });
}
