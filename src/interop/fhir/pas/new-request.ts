/**
 * A new PAS request through the one intake use case: resolve the member and providers (business
 * errors when unknown, registration in a sandbox tenant), map the Claim onto the intake request,
 * `createCase` on channel `fhir` with the bundle identifier as idempotency key and the verbatim bundle
 * as source, then record the items and answer from the stored state.
 */
import { isUmError, type ErrorDetail, type UmError } from '../../../platform/errors';
import { checkAttachment } from '../../../intake/attachments';
import type { IntakeResult } from '../../../intake/service';
import type { Tx } from '../../../platform/db';
import { getTenant } from '../../../tenancy/store';
import type { BundleIndex } from '../bundle';
import type { CallContext, FhirAnswer } from '../http/operations';
import { issuesError } from '../http/outcome';
import type { ValidationIssue } from '../validation';
import { memberIdCandidates, type PasClaim, type PasItem } from './claim';
import { FOLLOW_UP, REJECT } from './codes';
import { errorAnswer, type PasDeps } from './deps';
import { toIntakeRequest, type MappedRequest } from './intake-map';
import type { BusinessError } from './model';
import { findMemberByCandidates, matchProvider, memberNotFound, npiOfEntry, providerNotFound, servicingEntry, type ProviderMatch } from './parties';
import { caseLineIds, orgIdentifiersOf, submitterIdentifiers, recordAndAnswer, type NewRecord } from './record';
import { registerSandboxMember, registerSandboxProvider } from './sandbox';
import { requestByBundle } from './store';
import type { Incoming } from './submit';

const isUniqueViolation = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && (('code' in e && e.code === '23505') || ('cause' in e && isUniqueViolation(e.cause)));

/** The same Bundle.identifier from the same submitter with other content (AAA 33). */
const identifierConflict: BusinessError = { reason: REJECT.inputErrors, followUp: FOLLOW_UP.correctAndResubmit, message: 'This Bundle.identifier was already used by this submitter for a different request; send a new identifier', path: 'Bundle.identifier' };

/** Where an intake error detail (`lines/2/code`) points in the bundle. */
function pathOf(detail: ErrorDetail, m: MappedRequest, b: BundleIndex, c: PasClaim): string {
  const p = detail.path ?? '';
  const line = /^lines\/(\d+)(?:\/(\w+))?/.exec(p);
  if (line !== null) {
    const base = m.linePaths[Number(line[1])] ?? b.path(c.entry);
    const field = line[2];
    return field === 'code' ? `${base}.productOrService` : field === 'units' ? `${base}.quantity` : field === 'fromDate' || field === 'toDate' ? `${base}.serviced` : base;
  }
  const dx = /^diagnoses\/(\d+)/.exec(p);
  if (dx !== null) return m.diagnosisPaths[Number(dx[1])] ?? `${b.path(c.entry)}.diagnosis`;
  return b.path(c.entry);
}

/** Intake refusals as PAS answers: business errors (200) or one OperationOutcome (422). */
function fromIntakeError(e: UmError, m: MappedRequest, b: BundleIndex, c: PasClaim): BusinessError[] {
  if (e.code === 'UM_ERR_INTAKE_IDEMPOTENCY_CONFLICT') return [identifierConflict];
  if (e.code === 'UM_ERR_INTAKE_MEMBER_UNKNOWN') return [memberNotFound(b, c)];
  if (e.code === 'UM_ERR_INTAKE_PROVIDER_UNKNOWN') {
    const servicing = e.details.some((d) => d.path === 'servicingProvider');
    const entry = servicing ? servicingEntry(c) : c.provider;
    return entry === undefined ? [] : [providerNotFound(b, entry, npiOfEntry(b, entry) ?? '', servicing ? 'servicing' : 'requester')];
  }
  if (e.status >= 500) throw e;
  // Anything else intake refuses (a code's format, dates, an attachment) is content the bundle must fix.
  const issues: ValidationIssue[] = (e.details.length > 0 ? e.details : [{ message: e.message }]).map((d) => ({ severity: 'error', code: 'value', expression: pathOf(d, m, b, c), diagnostics: d.message }));
  throw issuesError('UM_ERR_FHIR_CONTENT', e.message, issues);
}

const requesterTypeOf = (m: ProviderMatch | undefined): 'contracted_provider' | 'non_contracted_provider' =>
  m?.kind === 'provider' && m.row.networkStatus === 'out_of_network' ? 'non_contracted_provider' : 'contracted_provider';

export interface Prepared {
  readonly mapped: MappedRequest;
  readonly requesterNpi: string | undefined;
  /** Business errors of items that could not become lines (the answer is then `partial`). */
  readonly itemErrors: readonly BusinessError[];
}

/**
 * Resolves the member and providers (registering them in a sandbox tenant) and maps the items onto an
 * intake request. Returns the business errors instead when the request cannot go to intake.
 */
export async function prepareIntake(deps: PasDeps, call: CallContext, incoming: Incoming, opts: { items?: readonly PasItem[]; relatedCaseId?: string } = {}): Promise<Prepared | { readonly errors: readonly BusinessError[] }> {
  const { db, clock } = deps.ctx;
  const b = incoming.parsed.index;
  const c = incoming.parsed.claim;
  const tenantId = call.principal.tenantId;
  const tenant = await getTenant(db, tenantId);
  const candidates = memberIdCandidates(c);
  const member = await findMemberByCandidates(db, tenantId, candidates);
  const requesterNpi = npiOfEntry(b, c.provider);
  const servicing = servicingEntry(c);
  const servicingNpi = npiOfEntry(b, servicing);
  const requester = requesterNpi === undefined ? undefined : await matchProvider(db, tenantId, requesterNpi);
  const server = servicingNpi === undefined ? undefined : await matchProvider(db, tenantId, servicingNpi);
  const errors: BusinessError[] = [];
  if (member === null && (!tenant.sandbox || candidates.length === 0)) errors.push(memberNotFound(b, c));
  if (!tenant.sandbox && requester?.kind === 'unknown' && c.provider !== undefined) errors.push(providerNotFound(b, c.provider, requesterNpi ?? '', 'requester'));
  if (!tenant.sandbox && server?.kind === 'unknown' && servicing !== undefined) errors.push(providerNotFound(b, servicing, servicingNpi ?? '', 'servicing'));
  if (errors.length > 0) return { errors };

  const memberNumber = member?.memberNumber ?? candidates[0] ?? '';
  const mapped = toIntakeRequest(b, c, {
    memberNumber,
    ...(requesterNpi !== undefined && requester?.kind !== 'organisation' ? { requestingNpi: requesterNpi } : {}),
    ...(servicingNpi !== undefined && server?.kind !== 'organisation' ? { servicingNpi } : {}),
    requesterType: requesterTypeOf(requester),
  }, opts);
  const itemErrors: BusinessError[] = mapped.rejected.map((r) => ({ reason: r.reason, followUp: FOLLOW_UP.correctAndResubmit, message: r.detail, path: r.path, itemSequence: r.sequence }));
  if (mapped.request.lines.length === 0) return { errors: itemErrors };
  (mapped.request.attachments ?? []).forEach((a, i) => {
    try {
      checkAttachment(a.fileName, a.contentType, a.contentBase64, deps.ctx.config.attachmentMaxBytes);
    } catch (e) {
      if (!isUmError(e)) throw e;
      throw issuesError('UM_ERR_FHIR_CONTENT', e.message, [{ severity: 'error', code: 'value', expression: mapped.attachmentPaths[i] ?? 'Bundle', diagnostics: e.message }]);
    }
  });
  if (tenant.sandbox) {
    const now = clock.now();
    const dates = mapped.request.lines.flatMap((l) => l.fromDate ?? []).sort();
    const today = now.toISOString().slice(0, 10);
    const needFrom = dates[0] !== undefined && dates[0] < today ? dates[0] : today;
    await db.transaction(async (tx) => {
      if (member === null) await registerSandboxMember(tx, tenantId, b, c, memberNumber, needFrom, now);
      if (requester?.kind === 'unknown' && c.provider !== undefined && requesterNpi !== undefined) await registerSandboxProvider(tx, tenantId, b, c.provider, requesterNpi, now, call.principal.providerOrgId);
      if (server?.kind === 'unknown' && servicing !== undefined && servicingNpi !== undefined) await registerSandboxProvider(tx, tenantId, b, servicing, servicingNpi, now);
    });
  }
  return { mapped, requesterNpi, itemErrors };
}

/**
 * `createCase` on channel `fhir`; intake refusals come back as business errors (or an OperationOutcome).
 * `inTransaction` runs in the transaction that records the case (to record the PAS request with it).
 */
export async function createFromPrepared(deps: PasDeps, call: CallContext, incoming: Incoming, p: Prepared, inTransaction?: (tx: Tx, caseId: string) => Promise<void>): Promise<IntakeResult | { readonly errors: readonly BusinessError[] }> {
  try {
    return await deps.intake.createCase(call.principal, p.mapped.request, {
      channel: 'fhir',
      idempotencyKey: `pas:${incoming.bundleKey}`,
      source: { format: 'fhir', payload: call.rawBody ?? JSON.stringify(incoming.parsed.bundle) },
      ip: call.ip,
      requestId: call.requestId,
      ...(inTransaction === undefined ? {} : { inTransaction }),
    });
  } catch (e) {
    if (!isUmError(e)) throw e;
    return { errors: fromIntakeError(e, p.mapped, incoming.parsed.index, incoming.parsed.claim) };
  }
}

/** Records the request (a concurrent twin of the same bundle answers with the twin's answer). */
export async function recordOrTwin(deps: PasDeps, incoming: Incoming, record: NewRecord): Promise<{ id: string; response: unknown; twin: boolean }> {
  const { db, clock } = deps.ctx;
  try {
    const { row, response } = await db.transaction((tx) => recordAndAnswer(tx, record, clock.now(), deps.baseUrl));
    return { id: row.id, response, twin: false };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const existing = await requestByBundle(db, record.tenantId, incoming.submitter, incoming.bundleKey);
    if (existing === null || existing.bundleHash !== incoming.bundleHash) throw e;
    return { id: existing.id, response: existing.responseBundle, twin: true };
  }
}

/**
 * A new request: the case and its PAS record (items → lines, the answer) are written in one
 * transaction, so a case never exists without the record its notifications, inquiries and
 * resubmissions are answered from. When intake's idempotency key returns an existing case (a
 * concurrent twin, or a case recorded before the record was part of its transaction), the twin's
 * record answers; a case found without one gets it now.
 */
export async function submitNew(deps: PasDeps, call: CallContext, incoming: Incoming): Promise<FhirAnswer> {
  const c = incoming.parsed.claim;
  const { db, clock } = deps.ctx;
  const tenantId = call.principal.tenantId;
  const audit = { action: 'fhir.claim.submit', recordType: 'pas-request', recordId: incoming.bundleKey };
  const prepared = await prepareIntake(deps, call, incoming);
  if ('errors' in prepared) return errorAnswer(deps, call, incoming, prepared.errors, audit);
  const m = prepared.mapped;
  const orgIdentifiers = orgIdentifiersOf(incoming.parsed, prepared.requesterNpi, await submitterIdentifiers(db, tenantId, call.principal.providerOrgId));
  const recordOf = (caseId: string, lineIds: readonly string[]): NewRecord => ({
    tenantId,
    submitter: incoming.submitter,
    bundleKey: incoming.bundleKey,
    bundleHash: incoming.bundleHash,
    claimKey: incoming.claimKey,
    kind: 'submit',
    pasVersion: incoming.version,
    caseId,
    updatesRequestId: null,
    orgIdentifiers,
    submitterOrgId: call.principal.providerOrgId,
    parsed: incoming.parsed,
    items: [
      ...m.lineSequences.map((sequence, i) => ({ sequence, state: 'line' as const, caseId, lineId: lineIds[i] ?? '' })),
      ...m.rejected.map((r) => ({ sequence: r.sequence, state: 'rejected' as const, reason: r.reason, detail: r.detail })),
      ...c.items.filter((i) => i.cancelled).map((i) => ({ sequence: i.sequence, state: 'cancelled' as const })),
    ],
    errors: prepared.itemErrors,
  });
  const recorded: { id?: string; response?: unknown; lines?: number } = {};
  const result = await createFromPrepared(deps, call, incoming, prepared, async (tx, caseId) => {
    const lineIds = await caseLineIds(tx, tenantId, caseId);
    const { row, response } = await recordAndAnswer(tx, recordOf(caseId, lineIds), clock.now(), deps.baseUrl);
    Object.assign(recorded, { id: row.id, response, lines: lineIds.length });
  });
  if ('errors' in result) return errorAnswer(deps, call, incoming, result.errors, audit);
  const details = { pasVersion: incoming.version, created: result.created, rejectedItems: m.rejected.length };
  if (result.created && recorded.id !== undefined) {
    return { status: 200, body: recorded.response, audit: { ...audit, recordId: recorded.id, caseId: result.caseId, details: { ...details, lines: recorded.lines ?? 0 } } };
  }
  // An existing case: its record, unless the same identifier now carries other content (AAA 33).
  const existing = await requestByBundle(db, tenantId, incoming.submitter, incoming.bundleKey);
  if (existing !== null && existing.bundleHash !== incoming.bundleHash) {
    return errorAnswer(deps, call, incoming, [identifierConflict], { ...audit, recordId: existing.id, details: { conflict: true } });
  }
  const lineIds = await caseLineIds(db, tenantId, result.caseId);
  const r = existing !== null ? { id: existing.id, response: existing.responseBundle, twin: true } : await recordOrTwin(deps, incoming, recordOf(result.caseId, lineIds));
  return { status: 200, body: r.response, audit: { ...audit, recordId: r.id, caseId: result.caseId, details: { ...details, lines: lineIds.length, ...(r.twin ? { resubmission: true } : { recovered: true }) } } };
}
