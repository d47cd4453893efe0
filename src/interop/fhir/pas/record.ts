/**
 * Recording an accepted PAS request (its items → case lines) and answering it from stored state:
 * the synchronous answer, `$inquire`, ClaimResponse read and notifications all build the Response
 * Bundle the same way, from the request bundle as received and the lines as they are now.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { UmError } from '../../../platform/errors';
import { serviceLines } from '../../../intake/schema';
import { getTenant } from '../../../tenancy/store';
import { organisations } from '../../../tenancy/schema';
import { fhirPasRequests } from '../schema';
import { indexBundle, type BundleIndex } from '../bundle';
import { isRecord, objs } from '../json';
import { readPasClaim, type PasClaim } from './claim';
import type { BusinessError, ItemState } from './model';
import { FOLLOW_UP } from './codes';
import { buildPasResponse, reviewActionsIn } from './response';
import { insertRequest, itemStates, type PasItemRow, type PasRequestRow } from './store';
import { ADVERSE_ACTIONS } from './model';
import { decisionReasonCodes } from './settings';

export interface ParsedRequest {
  readonly bundle: Record<string, unknown>;
  readonly index: BundleIndex;
  readonly claim: PasClaim;
}

/** Re-reads a stored request bundle (it was validated when received). */
export function parseStored(bundle: unknown): ParsedRequest {
  if (!isRecord(bundle)) throw new UmError('UM_ERR_INTERNAL', 'stored PAS request bundle is not an object');
  const index = indexBundle(bundle);
  const first = index.entries.find((e) => e.index === 0 && e.type === 'Claim') ?? index.entries.find((e) => e.type === 'Claim');
  if (first === undefined) throw new UmError('UM_ERR_INTERNAL', 'stored PAS request bundle has no Claim');
  return { bundle: { ...bundle }, index, claim: readPasClaim(index, first) };
}

export interface AnswerOptions {
  readonly kind: 'response' | 'inquiry-response';
  readonly now: Date;
  readonly baseUrl: string;
  readonly errors?: readonly BusinessError[];
}

/**
 * The business errors of the items that could not become lines, from their stored state (the same
 * errors the synchronous answer carried: a stored answer stays `partial`).
 */
export function rejectedItemErrors(parsed: ParsedRequest, items: readonly ItemState[]): BusinessError[] {
  const claimPath = parsed.index.path(parsed.claim.entry);
  return items.flatMap((s) => {
    if (s.kind !== 'rejected') return [];
    const item = parsed.claim.items.find((i) => i.sequence === s.sequence);
    return [{ reason: s.reason, followUp: FOLLOW_UP.correctAndResubmit, message: s.detail, itemSequence: s.sequence, ...(item === undefined ? {} : { path: `${claimPath}.item[${item.index}].productOrService` }) }];
  });
}

/** The Response Bundle of a stored request, from the current state of its items. */
export async function answerFor(q: Queryable, row: PasRequestRow, opts: AnswerOptions): Promise<Record<string, unknown>> {
  const parsed = parseStored(row.requestBundle);
  const tenant = await getTenant(q, row.tenantId);
  const items = await itemStates(q, row.tenantId, row.id);
  return buildPasResponse({
    bundle: parsed.index,
    requestBundle: parsed.bundle,
    claim: parsed.claim,
    items,
    errors: opts.errors ?? rejectedItemErrors(parsed, items),
    claimResponseId: row.id,
    baseUrl: opts.baseUrl,
    now: opts.now,
    timeZone: tenant.timeZone,
    kind: opts.kind,
    version: row.pasVersion === '2.0.1' ? '2.0.1' : '2.2.1',
    decisionReasonCodes: decisionReasonCodes(tenant.settings),
  });
}

export interface NewRecord {
  readonly tenantId: string;
  readonly submitter: string;
  readonly bundleKey: string;
  readonly bundleHash: string;
  readonly claimKey: string;
  readonly kind: 'submit' | 'update' | 'cancel';
  readonly pasVersion: '2.2.1' | '2.0.1';
  readonly caseId: string | null;
  readonly updatesRequestId: string | null;
  readonly orgIdentifiers: readonly string[];
  readonly submitterOrgId: string | null;
  readonly parsed: ParsedRequest;
  /** Items: a line (by the case's line number), cancelled, or rejected with the reason. */
  readonly items: readonly ({ readonly sequence: number } & ({ readonly state: 'line'; readonly caseId: string; readonly lineId: string } | { readonly state: 'cancelled' } | { readonly state: 'rejected'; readonly reason: string; readonly detail: string }))[];
  readonly errors: readonly BusinessError[];
}

/** The line ids of a case in line-number order. */
export async function caseLineIds(q: Queryable, tenantId: string, caseId: string): Promise<string[]> {
  const rows = await q.select({ id: serviceLines.id }).from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, caseId))).orderBy(asc(serviceLines.lineNo));
  return rows.map((r) => r.id);
}

/**
 * Stores the request and its items, builds the answer from the stored state and keeps it with the
 * request. A synchronous answer to a new request never carries A2, A3 or A6: the software never
 * denies or reduces (42 CFR 422.566(d)); this is checked, not assumed.
 */
export async function recordAndAnswer(q: Queryable, r: NewRecord, now: Date, baseUrl: string): Promise<{ row: PasRequestRow; response: Record<string, unknown> }> {
  const id = randomUUID();
  const items: PasItemRow[] = r.items.map((i) => ({
    tenantId: r.tenantId,
    requestId: id,
    sequence: i.sequence,
    state: i.state,
    caseId: i.state === 'line' ? i.caseId : null,
    lineId: i.state === 'line' ? i.lineId : null,
    rejectReason: i.state === 'rejected' ? i.reason : null,
    detail: i.state === 'rejected' ? i.detail : null,
  }));
  const base = {
    tenantId: r.tenantId,
    id,
    submitter: r.submitter,
    bundleKey: r.bundleKey,
    bundleHash: r.bundleHash,
    claimKey: r.claimKey,
    claimResourceId: r.parsed.claim.id ?? null,
    kind: r.kind,
    pasVersion: r.pasVersion,
    caseId: r.caseId,
    updatesRequestId: r.updatesRequestId,
    orgIdentifiers: [...r.orgIdentifiers],
    submitterOrgId: r.submitterOrgId,
    rejectReason: null,
    requestBundle: r.parsed.bundle,
    responseBundle: {},
    createdAt: now,
  };
  await insertRequest(q, base, items);
  const row: PasRequestRow = { ...base };
  const response = await answerFor(q, row, { kind: 'response', now, baseUrl, errors: r.errors });
  if (r.kind === 'submit') {
    const adverse = reviewActionsIn(response).filter((a) => ADVERSE_ACTIONS.some((x) => x === a));
    if (adverse.length > 0) throw new UmError('UM_ERR_INTERNAL', `A synchronous PAS answer would carry ${adverse.join(', ')}`);
  }
  await q.update(fhirPasRequests).set({ responseBundle: response }).where(and(eq(fhirPasRequests.tenantId, r.tenantId), eq(fhirPasRequests.id, id)));
  return { row: { ...row, responseBundle: response }, response };
}

/**
 * Identifiers a subscription filter (`org-identifier`) can name: the requester's NPI, the sending
 * system's ids, the requester's identifiers, and the submitting organisation's own NPI and tax id.
 */
export function orgIdentifiersOf(p: ParsedRequest, requesterNpi: string | undefined, submitterIds: readonly string[] = []): string[] {
  const ids = [...p.claim.senderIds, ...(requesterNpi === undefined ? [] : [requesterNpi]), ...submitterIds];
  const provider = p.claim.provider?.resource;
  if (provider !== undefined) for (const i of objs(provider, 'identifier')) if (typeof i['value'] === 'string') ids.push(i['value']);
  return [...new Set(ids)];
}

/** The NPI and tax id of the submitting client's organisation (none for a client without one). */
export async function submitterIdentifiers(q: Queryable, tenantId: string, providerOrgId: string | null): Promise<string[]> {
  if (providerOrgId === null) return [];
  const [org] = await q.select({ npi: organisations.npi, taxId: organisations.taxId }).from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, providerOrgId)));
  return [org?.npi, org?.taxId].filter((x): x is string => x !== null && x !== undefined);
}
