/**
 * `Claim/$inquire` (Da Vinci PAS 2.2.1 §"Prior Authorization Inquiries"): a query by example, answered
 * from stored state with zero or more PAS Inquiry Response Bundles, one per matching request. The
 * patient is matched by member identifier (2000C); the requester's NPI (2000B), the item codes (unless
 * `not-applicable`) and the authorization / administrative reference numbers (REF-BB / REF-NT) narrow
 * it. Only requests the caller may see are answered (a provider organisation sees its own requests).
 * `ClaimResponse/:id` reads one request's current answer.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { visibleTo } from '../../../intake/queries';
import { cases, serviceLines } from '../../../intake/schema';
import { providers } from '../../../members/schema';
import { UmError } from '../../../platform/errors';
import { indexBundle } from '../bundle';
import type { CallContext, FhirAnswer } from '../http/operations';
import { hasErrors, validatePasBundle } from '../validation';
import { issuesError } from '../http/outcome';
import { fhirPasItems, fhirPasRequests } from '../schema';
import { memberIdCandidates, readPasClaim } from './claim';
import type { PasDeps } from './deps';
import { findMemberByCandidates, npiOfEntry } from './parties';
import { answerFor } from './record';
import { requestById, type PasRequestRow } from './store';

export async function inquirePas(deps: PasDeps, call: CallContext, body: Record<string, unknown>): Promise<FhirAnswer> {
  const v = validatePasBundle(await deps.validator(), body, 'inquiry');
  if (v.version === undefined || hasErrors(v.issues)) throw issuesError(v.kind === undefined ? 'UM_ERR_FHIR_INVALID' : 'UM_ERR_FHIR_PROFILE', 'The bundle is not a valid PAS Inquiry Request Bundle', v.issues);
  const index = indexBundle(body);
  const first = index.entries[0];
  if (first === undefined || first.type !== 'Claim') throw issuesError('UM_ERR_FHIR_PROFILE', 'The first entry must be the Claim Inquiry', [{ severity: 'error', code: 'invalid', expression: 'Bundle.entry[0]', diagnostics: 'The first entry of a PAS Inquiry Request Bundle is the Claim Inquiry' }]);
  const claim = readPasClaim(index, first);
  const db = deps.ctx.db;
  const tenantId = call.principal.tenantId;
  const audit = { action: 'fhir.claim.inquire', recordType: 'pas-inquiry' };
  const member = await findMemberByCandidates(db, tenantId, memberIdCandidates(claim));
  const none = (): FhirAnswer => ({ status: 200, body: { resourceType: 'Parameters', parameter: [] }, audit: { ...audit, recordId: 'no-match', details: { matches: 0 } } });
  if (member === null) return none();

  const rows = await db
    .selectDistinct({ r: fhirPasRequests, requesting: cases.requestingProviderId, servicing: cases.servicingProviderId })
    .from(fhirPasRequests)
    .innerJoin(fhirPasItems, and(eq(fhirPasItems.tenantId, fhirPasRequests.tenantId), eq(fhirPasItems.requestId, fhirPasRequests.id)))
    .innerJoin(cases, and(eq(cases.tenantId, fhirPasItems.tenantId), eq(cases.id, fhirPasItems.caseId)))
    .where(and(
      eq(fhirPasRequests.tenantId, tenantId),
      eq(cases.memberId, member.id),
      isNull(fhirPasRequests.rejectReason),
      visibleTo(call.principal),
      sql`not exists (select 1 from fhir_pas_requests u where u.tenant_id = ${fhirPasRequests.tenantId} and u.updates_request_id = ${fhirPasRequests.id} and u.reject_reason is null)`,
    ))
    .orderBy(desc(fhirPasRequests.createdAt));

  const npi = npiOfEntry(index, claim.provider);
  const codes = claim.items.flatMap((i) => (i.product?.code === undefined || i.product.code === 'not-applicable' ? [] : [i.product.code.toUpperCase()]));
  const numbers = claim.items.flatMap((i) => [i.authorizationNumber, i.administrationReferenceNumber].filter((x): x is string => x !== undefined));
  const matches: PasRequestRow[] = [];
  for (const { r, requesting, servicing } of rows) {
    if (matches.some((m) => m.id === r.id)) continue;
    if (npi !== undefined && !r.orgIdentifiers.includes(npi)) {
      const ids = [requesting, servicing].filter((x): x is string => x !== null);
      const npis = ids.length === 0 ? [] : (await db.select({ npi: providers.npi }).from(providers).where(and(eq(providers.tenantId, tenantId), inArray(providers.id, ids)))).map((p) => p.npi);
      if (!npis.includes(npi)) continue;
    }
    if (codes.length > 0 || numbers.length > 0) {
      const lines = await db
        .select({ code: serviceLines.code, auth: serviceLines.authorizationNumber, caseNumber: cases.caseNumber })
        .from(fhirPasItems)
        .innerJoin(serviceLines, and(eq(serviceLines.tenantId, fhirPasItems.tenantId), eq(serviceLines.id, fhirPasItems.lineId)))
        .innerJoin(cases, and(eq(cases.tenantId, serviceLines.tenantId), eq(cases.id, serviceLines.caseId)))
        .where(and(eq(fhirPasItems.tenantId, tenantId), eq(fhirPasItems.requestId, r.id)));
      if (codes.length > 0 && !lines.some((l) => codes.includes(l.code))) continue;
      if (numbers.length > 0 && !lines.some((l) => numbers.includes(l.auth ?? '') || numbers.includes(l.caseNumber))) continue;
    }
    matches.push(r);
  }
  if (matches.length === 0) return none();
  const now = deps.ctx.clock.now();
  const bundles = [];
  for (const m of matches) bundles.push(await answerFor(db, m, { kind: 'inquiry-response', now, baseUrl: deps.baseUrl }));
  return {
    status: 200,
    body: { resourceType: 'Parameters', parameter: bundles.map((resource) => ({ name: 'return', resource })) },
    audit: { ...audit, recordId: member.id, caseId: matches.length === 1 ? matches[0]?.caseId ?? null : null, details: { matches: matches.length, requests: matches.map((m) => m.id) } },
  };
}

/** `GET ClaimResponse/:id`: the current answer to one request of the caller's organisation. */
export async function readClaimResponse(deps: PasDeps, call: CallContext, id: string | undefined): Promise<FhirAnswer> {
  const row = id === undefined ? null : await requestById(deps.ctx.db, call.principal.tenantId, id);
  const p = call.principal;
  if (row === null || row.rejectReason !== null || !(row.submitter === `client:${p.clientId}` || (p.providerOrgId !== null && row.submitterOrgId === p.providerOrgId))) {
    throw new UmError('UM_ERR_NOT_FOUND', `No ClaimResponse ${id ?? ''}`);
  }
  const bundle = await answerFor(deps.ctx.db, row, { kind: 'response', now: deps.ctx.clock.now(), baseUrl: deps.baseUrl });
  const entries = Array.isArray(bundle['entry']) ? bundle['entry'] : [];
  const first: unknown = entries[0];
  const resource = typeof first === 'object' && first !== null && 'resource' in first ? first.resource : undefined;
  return { status: 200, body: resource, audit: { action: 'fhir.claimresponse.read', recordType: 'pas-request', recordId: row.id, caseId: row.caseId } };
}

