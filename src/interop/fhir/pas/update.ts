/**
 * Updates and cancellations (Da Vinci PAS 2.2.1 §"Updating Authorization Requests", spec-63..72): a
 * PAS Claim Update names the request it changes in `Claim.related.claim` and resends every item with
 * its `sequence`; `infoChanged` flags added or changed items, `infoCancelled` (with certification type 3)
 * cancelled ones; a Claim-level certification type 3 cancels the whole request.
 *
 * Mapped onto the review workflow's own actions: a cancellation withdraws the request's pending lines
 * (`withdraw`, the requester's action); added and changed items become a new case related to the
 * original. Lines cannot be withdrawn one by one, so when an item of a case with other pending lines
 * is cancelled or changed, the whole case is withdrawn and its other pending items move to the new
 * case with the added ones. Decided items keep their decision and are reported as they stand.
 */
import { isUmError } from '../../../platform/errors';
import type { CallContext, FhirAnswer } from '../http/operations';
import { identifierKey } from '../json';
import { isCancel, readPasClaim, type PasItem } from './claim';
import { FOLLOW_UP, REJECT } from './codes';
import { errorAnswer, type PasDeps } from './deps';
import type { ItemState } from './model';
import { createFromPrepared, prepareIntake, recordOrTwin } from './new-request';
import { caseLineIds, orgIdentifiersOf, submitterIdentifiers, type NewRecord } from './record';
import { currentOf, itemStates, latestForClaim, latestForClaimId } from './store';
import type { Incoming } from './submit';

type RecordItem = NewRecord['items'][number];

const pending = (s: ItemState | undefined): s is Extract<ItemState, { kind: 'line' }> => s?.kind === 'line' && s.line.outcome === null;

export async function submitUpdate(deps: PasDeps, call: CallContext, incoming: Incoming): Promise<FhirAnswer> {
  const { db } = deps.ctx;
  const b = incoming.parsed.index;
  const c = incoming.parsed.claim;
  const tenantId = call.principal.tenantId;
  const audit = { action: 'fhir.claim.update', recordType: 'pas-request', recordId: incoming.bundleKey };
  const relatedKey = identifierKey(c.related?.entry === undefined ? c.related?.identifier : readPasClaim(b, c.related.entry).identifier);
  const relatedId = /(?:^|\/)Claim\/([A-Za-z0-9\-.]{1,64})$/.exec(c.related?.reference ?? '')?.[1];
  const found = relatedKey !== undefined
    ? await latestForClaim(db, tenantId, incoming.submitter, relatedKey)
    : relatedId === undefined ? null : await latestForClaimId(db, tenantId, incoming.submitter, relatedId);
  const original = found === null ? null : await currentOf(db, found);
  if (original === null) {
    return errorAnswer(deps, call, incoming, [{
      reason: REJECT.authorizationNotFound,
      followUp: FOLLOW_UP.correctAndResubmit,
      message: relatedKey === undefined && relatedId === undefined ? 'The update does not identify the request it changes (Claim.related.claim)' : `No prior authorization request ${(relatedKey ?? relatedId ?? '').replace(/^\|/, '')} from this submitter is on file`,
      path: `${b.path(c.entry)}.related[0].claim`,
    }], audit);
  }
  const states = new Map((await itemStates(db, tenantId, original.id)).map((s) => [s.sequence, s]));
  const wholeCancel = isCancel(c.certificationType);
  const toWithdraw = new Set<string>();
  const items: RecordItem[] = [];
  const added: PasItem[] = [];
  const carried: PasItem[] = [];

  if (wholeCancel) {
    for (const s of states.values()) if (pending(s)) toWithdraw.add(s.case.caseId);
  } else {
    for (const u of c.items) {
      const o = states.get(u.sequence);
      if (u.cancelled || isCancel(u.certificationType)) {
        if (pending(o)) toWithdraw.add(o.case.caseId);
        items.push({ sequence: u.sequence, state: 'cancelled' });
      } else if (o === undefined || o.kind !== 'line' || u.infoChanged === 'added' || u.infoChanged === 'changed') {
        if (pending(o)) toWithdraw.add(o.case.caseId);
        added.push(u);
      } else {
        carried.push(u);
      }
    }
  }
  // Pending items of a case that is withdrawn move to the new case; the others keep their line.
  for (const u of carried) {
    const o = states.get(u.sequence);
    if (pending(o) && toWithdraw.has(o.case.caseId)) added.push(u);
    else if (o?.kind === 'line') items.push({ sequence: u.sequence, state: 'line', caseId: o.case.caseId, lineId: o.line.lineId });
  }

  let newCaseId: string | null = null;
  let itemErrors: NewRecord['errors'] = [];
  if (added.length > 0) {
    const origCase = [...states.values()].find((s) => s.kind === 'line');
    const prepared = await prepareIntake(deps, call, incoming, { items: added.sort((x, y) => x.sequence - y.sequence), ...(origCase?.kind === 'line' ? { relatedCaseId: origCase.case.caseId } : {}) });
    if ('errors' in prepared) return errorAnswer(deps, call, incoming, prepared.errors, audit);
    const result = await createFromPrepared(deps, call, incoming, prepared);
    if ('errors' in result) return errorAnswer(deps, call, incoming, result.errors, audit);
    newCaseId = result.caseId;
    itemErrors = prepared.itemErrors;
    const lineIds = await caseLineIds(db, tenantId, result.caseId);
    prepared.mapped.lineSequences.forEach((sequence, i) => items.push({ sequence, state: 'line', caseId: result.caseId, lineId: lineIds[i] ?? '' }));
    prepared.mapped.rejected.forEach((r) => items.push({ sequence: r.sequence, state: 'rejected', reason: r.reason, detail: r.detail }));
  }
  for (const caseId of toWithdraw) {
    try {
      await deps.review.withdraw(call.principal, caseId, wholeCancel ? `Cancelled by the requester (PAS ${incoming.claimKey.replace(/^\|/, '')})` : `Replaced by the requester's update (PAS ${incoming.claimKey.replace(/^\|/, '')})`, { ip: call.ip, requestId: call.requestId });
    } catch (e) {
      if (!isUmError(e) || e.code !== 'UM_ERR_CASE_CLOSED') throw e;
    }
  }
  if (wholeCancel) {
    // Every item of the original request, as it stands now (withdrawn lines answer C).
    for (const s of states.values()) items.push(s.kind === 'line' ? { sequence: s.sequence, state: 'line', caseId: s.case.caseId, lineId: s.line.lineId } : s.kind === 'cancelled' ? { sequence: s.sequence, state: 'cancelled' } : { sequence: s.sequence, state: 'rejected', reason: s.reason, detail: s.detail });
  }
  const record: NewRecord = {
    tenantId,
    submitter: incoming.submitter,
    bundleKey: incoming.bundleKey,
    bundleHash: incoming.bundleHash,
    claimKey: incoming.claimKey,
    kind: wholeCancel ? 'cancel' : 'update',
    pasVersion: incoming.version,
    caseId: newCaseId,
    updatesRequestId: original.id,
    orgIdentifiers: orgIdentifiersOf(incoming.parsed, undefined, await submitterIdentifiers(db, tenantId, call.principal.providerOrgId)),
    submitterOrgId: call.principal.providerOrgId,
    parsed: incoming.parsed,
    items: items.sort((x, y) => x.sequence - y.sequence),
    errors: itemErrors,
  };
  const r = await recordOrTwin(deps, incoming, record);
  return {
    status: 200,
    body: r.response,
    audit: { ...audit, action: wholeCancel ? 'fhir.claim.cancel' : audit.action, recordId: r.id, caseId: newCaseId ?? original.caseId, details: { updates: original.id, withdrawnCases: [...toWithdraw], newCase: newCaseId } },
  };
}
