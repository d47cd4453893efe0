/**
 * A 278 inquiry (005010X215) answered with the current state of the request it asks about. The
 * request is found among the submitter's own X12 submissions by, in order: an authorization
 * number (REF*BB) of one of its lines, its administrative reference number (REF*NT, the case
 * number OpenUM sent back), or the latest request for the same member (and the same procedure
 * codes when the inquiry names services). Nothing found: AAA*Y**AA*C (authorization number not
 * found) at 2000E. The answer echoes the request and carries the inquiry's BHT03 and traces.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { actorOf } from '../../../platform/auth/model';
import { submitterOf } from '../../../intake/service';
import { cases, serviceLines } from '../../../intake/schema';
import { appendAudit } from '../../../audit/store';
import { getTenant } from '../../../tenancy/store';
import { x12Requests } from '../schema';
import { decisionReasonCodes } from '../settings';
import { REQUEST_PROBLEMS } from '../tx278/aaa';
import { buildServicesReviewResponse } from '../tx278/response-build';
import { servicesReviewResponseSegments } from '../tx278/response-write';
import type { ServicesReviewInquiry, ServicesReviewRequest } from '../tx278/types';
import { currentResponse, type X12RequestRow } from './current';
import { resolveParties } from './parties';
import type { ReviewAnswer, X12Caller, X12Context } from './submit';

async function byCase(q: Queryable, tenantId: string, submitter: string, caseIds: readonly string[]): Promise<X12RequestRow | null> {
  if (caseIds.length === 0) return null;
  const [r] = await q
    .select()
    .from(x12Requests)
    .where(and(eq(x12Requests.tenantId, tenantId), eq(x12Requests.submitter, submitter), inArray(x12Requests.caseId, [...caseIds])))
    .orderBy(desc(x12Requests.createdAt))
    .limit(1);
  return r ?? null;
}

async function find(q: Queryable, tenantId: string, submitter: string, inquiry: ServicesReviewInquiry): Promise<X12RequestRow | null> {
  const levels = [inquiry.event, ...inquiry.event.services];
  const authNumbers = levels.map((l) => l.previousAuthorizationNumber).filter((v): v is string => v !== undefined);
  if (authNumbers.length > 0) {
    const lines = await q.select({ caseId: serviceLines.caseId }).from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), inArray(serviceLines.authorizationNumber, authNumbers)));
    const hit = await byCase(q, tenantId, submitter, lines.map((l) => l.caseId));
    if (hit !== null) return hit;
  }
  const refs = levels.map((l) => l.administrativeReferenceNumber).filter((v): v is string => v !== undefined);
  if (refs.length > 0) {
    const found = await q.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), inArray(cases.caseNumber, refs)));
    const hit = await byCase(q, tenantId, submitter, found.map((c) => c.id));
    if (hit !== null) return hit;
  }
  const parties = await resolveParties(q, tenantId, inquiry);
  if (!parties.ok) return null;
  const codes = inquiry.event.services.map((s) => s.service?.code).filter((c): c is string => c !== undefined);
  const rows = await q
    .select({ request: x12Requests })
    .from(x12Requests)
    .innerJoin(cases, and(eq(cases.tenantId, x12Requests.tenantId), eq(cases.id, x12Requests.caseId)))
    .where(and(eq(x12Requests.tenantId, tenantId), eq(x12Requests.submitter, submitter), eq(cases.memberId, parties.parties.memberId)))
    .orderBy(desc(x12Requests.createdAt))
    .limit(50);
  for (const { request } of rows) {
    if (codes.length === 0) return request;
    const lines = await q.select({ code: serviceLines.code }).from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, request.caseId)));
    if (codes.every((c) => lines.some((l) => l.code === c.toUpperCase()))) return request;
  }
  return null;
}

/** The inquiry as a request to echo (X215 makes UM optional: a health services review, initial, stands in). */
function asRequest(inquiry: ServicesReviewInquiry): ServicesReviewRequest {
  const review = inquiry.event.review ?? { requestCategory: 'HS', certificationType: 'I' };
  return { ...inquiry, kind: '278-request', event: { ...inquiry.event, review } };
}

export async function answerInquiry(ctx: X12Context, caller: X12Caller, inquiry: ServicesReviewInquiry): Promise<ReviewAnswer> {
  const p = caller.principal;
  const submitter = submitterOf(p);
  const now = ctx.clock.now();
  const tenant = await getTenant(ctx.db, p.tenantId);
  const row = await find(ctx.db, p.tenantId, submitter, inquiry);
  const cur = row === null ? null : await currentResponse(ctx.db, row, { at: now, timeZone: tenant.timeZone, decisionReasonCodes: decisionReasonCodes(tenant.settings) });
  if (row === null || cur === null || cur.response.event === undefined) {
    const response = buildServicesReviewResponse(asRequest(inquiry), { at: now, timeZone: tenant.timeZone, rejection: REQUEST_PROBLEMS['authorization-not-found'] });
    return { segments: servicesReviewResponseSegments(response), result: 'rejected', note: 'No request of this submitter matches the inquiry' };
  }
  await appendAudit(ctx.db, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: caller.ip ?? null, requestId: caller.requestId ?? null }, {
    action: 'x12.inquiry',
    recordType: 'case',
    recordId: row.caseId,
    caseId: row.caseId,
    details: { reference: inquiry.beginning.reference },
  });
  const traces = inquiry.event.traceNumbers.map((t) => ({ ...t, type: '2' }));
  const response = { ...cur.response, reference: inquiry.beginning.reference, event: { ...cur.response.event, traceNumbers: traces.length > 0 ? traces : cur.response.event.traceNumbers } };
  return { segments: servicesReviewResponseSegments(response), result: 'answered', caseId: row.caseId };
}
