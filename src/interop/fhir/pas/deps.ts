/**
 * What the PAS use cases are built from: the application context, the profile validator (loaded
 * once, on first use), and the intake and review services every channel shares.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../platform/context';
import type { IntakeService } from '../../../intake/service';
import type { ReviewService } from '../../../review/service';
import { getTenant } from '../../../tenancy/store';
import type { FhirValidator } from '../validation';
import type { AuditNote, CallContext, FhirAnswer } from '../http/operations';
import type { BusinessError } from './model';
import { buildPasResponse } from './response';
import { decisionReasonCodes } from './settings';
import type { Incoming } from './submit';

export interface PasDeps {
  readonly ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'caseEvents' | 'log'>;
  readonly validator: () => Promise<FhirValidator>;
  readonly intake: IntakeService;
  readonly review: ReviewService;
  /** `<public URL>/fhir`. */
  readonly baseUrl: string;
}

/**
 * A business error (HTTP 200, `ClaimResponse.outcome = error` with the X12 AAA reject reason and
 * follow-up action in `ClaimResponse.error`). Nothing is stored: a corrected resubmission is new.
 */
export async function errorAnswer(deps: PasDeps, call: CallContext, incoming: Incoming, errors: readonly BusinessError[], audit: Omit<AuditNote, 'details'> & { details?: AuditNote['details'] }): Promise<FhirAnswer> {
  const tenant = await getTenant(deps.ctx.db, call.principal.tenantId);
  const body = buildPasResponse({
    bundle: incoming.parsed.index,
    requestBundle: incoming.parsed.bundle,
    claim: incoming.parsed.claim,
    items: [],
    errors,
    claimResponseId: randomUUID(),
    baseUrl: deps.baseUrl,
    now: deps.ctx.clock.now(),
    timeZone: tenant.timeZone,
    kind: 'response',
    version: incoming.version,
    decisionReasonCodes: decisionReasonCodes(tenant.settings),
  });
  return { status: 200, body, audit: { ...audit, details: { ...(audit.details ?? {}), rejectReasons: errors.map((e) => e.reason) } } };
}
