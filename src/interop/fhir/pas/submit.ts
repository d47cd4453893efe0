/**
 * `Claim/$submit` (Da Vinci PAS 2.2.1 §"Prior Authorization Submission"): validate the PAS Request
 * Bundle against its profile (PAS 2.2.1, or 2.0.1), answer a resubmission of the same bundle with the
 * original answer, dispatch updates and cancellations, and run a new request through the one intake
 * use case. Business problems are answered with HTTP 200 and `ClaimResponse.error`; a bundle that
 * cannot be processed with 400/422 and one OperationOutcome.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../audit/chain';
import { submitterOf } from '../../../intake/service';
import { indexBundle } from '../bundle';
import { identifierKey, identifierOf, isRecord, objs } from '../json';
import { hasErrors, validatePasBundle } from '../validation';
import { issuesError } from '../http/outcome';
import type { CallContext, FhirAnswer } from '../http/operations';
import { readPasClaim } from './claim';
import { FOLLOW_UP, PAS_PROFILE, REJECT } from './codes';
import type { BusinessError } from './model';
import { errorAnswer, type PasDeps } from './deps';
import { submitNew } from './new-request';
import { submitUpdate } from './update';
import { requestByBundle } from './store';
import type { ParsedRequest } from './record';

export interface Incoming {
  readonly parsed: ParsedRequest;
  readonly version: '2.2.1' | '2.0.1';
  readonly bundleKey: string;
  readonly bundleHash: string;
  readonly claimKey: string;
  readonly submitter: string;
}

const isUpdate = (claim: Record<string, unknown>): boolean => {
  const meta = claim['meta'];
  const profiles = isRecord(meta) && Array.isArray(meta['profile']) ? meta['profile'] : [];
  return profiles.some((p) => typeof p === 'string' && p.split('|')[0] === PAS_PROFILE.claimUpdate) || objs(claim, 'related').length > 0;
};

export async function submitPas(deps: PasDeps, call: CallContext, body: Record<string, unknown>): Promise<FhirAnswer> {
  const validator = await deps.validator();
  const v = validatePasBundle(validator, body, 'request');
  if (v.version === undefined || hasErrors(v.issues)) {
    const notBundle = v.kind === undefined;
    throw issuesError(notBundle ? 'UM_ERR_FHIR_INVALID' : 'UM_ERR_FHIR_PROFILE', `The bundle is not a valid PAS Request Bundle${v.version === undefined ? '' : ` (PAS ${v.version})`}`, v.issues);
  }
  const index = indexBundle(body);
  const first = index.entries[0];
  if (first === undefined || first.type !== 'Claim') throw issuesError('UM_ERR_FHIR_PROFILE', 'The first entry must be the Claim', [{ severity: 'error', code: 'invalid', expression: 'Bundle.entry[0]', diagnostics: 'The first entry of a PAS Request Bundle is the Claim (PAS spec-12)' }]);
  const claim = readPasClaim(index, first);
  const bundleHash = createHash('sha256').update(canonicalJson(body)).digest('hex');
  const claimKey = identifierKey(claim.identifier) ?? `Claim/${claim.id ?? bundleHash}`;
  const incoming: Incoming = {
    parsed: { bundle: body, index, claim },
    version: v.version,
    bundleKey: identifierKey(identifierOf(body['identifier'])) ?? claimKey,
    bundleHash,
    claimKey,
    submitter: submitterOf(call.principal),
  };
  const audit = { action: 'fhir.claim.submit', recordType: 'pas-request' };

  // Idempotent on (tenant, submitter, Bundle.identifier): the same bundle gets its original answer.
  const prior = await requestByBundle(deps.ctx.db, call.principal.tenantId, incoming.submitter, incoming.bundleKey);
  if (prior !== null) {
    if (prior.bundleHash === bundleHash) {
      return { status: 200, body: prior.responseBundle, audit: { ...audit, recordId: prior.id, caseId: prior.caseId, details: { resubmission: true, pasVersion: prior.pasVersion } } };
    }
    const conflict: BusinessError = {
      reason: REJECT.inputErrors,
      followUp: FOLLOW_UP.correctAndResubmit,
      message: `Bundle.identifier ${incoming.bundleKey.replace(/^\|/, '')} was already used by this submitter for a different request; send a new identifier`,
      path: 'Bundle.identifier',
    };
    return errorAnswer(deps, call, incoming, [conflict], { ...audit, recordId: prior.id, details: { conflict: true } });
  }
  if (isUpdate(first.resource)) return submitUpdate(deps, call, incoming);
  return submitNew(deps, call, incoming);
}
