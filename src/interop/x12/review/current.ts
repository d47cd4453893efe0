/**
 * The 278 response that states the current state of a case taken over X12: the original request
 * (re-read from the interchange kept with it) echoed, and an HCR per service from the case's
 * lines as they are now. Used for the outbox (a decision made later) and for 278 inquiries.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { serviceLines } from '../../../intake/schema';
import { readInterchange } from '../read';
import type { InterchangeHeader } from '../envelope/types';
import { REJECT_REASON, REQUEST_PROBLEMS, type RejectReasonCode } from '../tx278/aaa';
import { buildServicesReviewResponse } from '../tx278/response-build';
import type { ServicesReviewResponse } from '../tx278/response-types';
import type { ServicesReviewRequest } from '../tx278/types';
import type { x12Requests} from '../schema';
import { x12RequestServices } from '../schema';
import { outcomeOfCase } from './outcome';
import { loadCaseSnapshot } from './snapshot';
import type { ServiceMapping } from './map';

export type X12RequestRow = typeof x12Requests.$inferSelect;

export interface StoredRequest {
  readonly request: ServicesReviewRequest;
  readonly interchange: InterchangeHeader;
}

/** The typed request kept with a submission (its interchange re-read), or null when it cannot be read. */
export async function storedRequest(row: X12RequestRow): Promise<StoredRequest | null> {
  if (typeof row.request !== 'string') return null;
  const r = await readInterchange(row.request, { accept: ['278-request'] });
  for (const ix of r.interchanges) for (const g of ix.groups) for (const t of g.transactions) if (t.document?.kind === '278-request') return { request: t.document, interchange: ix.header };
  return null;
}

const isReason = (v: string): v is RejectReasonCode => Object.hasOwn(REJECT_REASON, v);

/** Where each service of the request went, with lines as indexes of the case's lines in line order. */
async function mappingOf(q: Queryable, row: X12RequestRow): Promise<ServiceMapping[]> {
  const services = await q.select().from(x12RequestServices).where(and(eq(x12RequestServices.tenantId, row.tenantId), eq(x12RequestServices.requestId, row.id)));
  const lines = await q.select({ id: serviceLines.id }).from(serviceLines).where(and(eq(serviceLines.tenantId, row.tenantId), eq(serviceLines.caseId, row.caseId))).orderBy(asc(serviceLines.lineNo));
  const at = new Map(lines.map((l, i) => [l.id, i]));
  return services
    .sort((a, b) => a.serviceIndex - b.serviceIndex)
    .map((s): ServiceMapping => {
      const line = s.lineId === null ? undefined : at.get(s.lineId);
      if (line !== undefined) return { index: s.serviceIndex, line };
      const reason = s.rejectReason !== null && isReason(s.rejectReason) ? s.rejectReason : 'AG';
      return { index: s.serviceIndex, rejection: { ...REQUEST_PROBLEMS['procedure-invalid'], reason, serviceIndex: s.serviceIndex } };
    });
}

export interface CurrentOptions {
  readonly at: Date;
  readonly timeZone: string;
  readonly decisionReasonCodes: Readonly<Record<string, string>>;
}

/** The response stating the case's current state, or null when the stored request cannot be read. */
export async function currentResponse(q: Queryable, row: X12RequestRow, o: CurrentOptions): Promise<(StoredRequest & { readonly response: ServicesReviewResponse }) | null> {
  const stored = await storedRequest(row);
  if (stored === null) return null;
  const request = stored.request;
  const snapshot = await loadCaseSnapshot(q, row.tenantId, row.caseId, o.timeZone);
  const outcome = outcomeOfCase(request, await mappingOf(q, row), snapshot, o);
  return { ...stored, response: buildServicesReviewResponse(request, outcome) };
}
