/**
 * A 278 request through the one intake use case (src/intake/service.ts): parties resolved, the
 * request mapped, the case created, and the answer built from the case's state — all in one
 * transaction with the X12 record of the submission, so that nothing is stored from a request
 * answered with an AAA. Idempotent on (tenant, submitter, ISA05:ISA06/GS02, BHT03): the same key
 * and content returns the original answer; the same key with other content is answered with
 * AAA 33 (input errors) at 2000E and stores nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../../../platform/context';
import type { Queryable, Tx } from '../../../platform/db';
import { isUmError, UmError } from '../../../platform/errors';
import type { Principal } from '../../../platform/auth/model';
import { createIntakeService, submitterOf } from '../../../intake/service';
import { serviceLines } from '../../../intake/schema';
import { getTenant } from '../../../tenancy/store';
import { x12Requests, x12RequestServices } from '../schema';
import { decisionReasonCodes } from '../settings';
import { buildServicesReviewResponse, type ReviewOutcome } from '../tx278/response-build';
import { servicesReviewResponseSegments } from '../tx278/response-write';
import { rejectionForError, type PlacedRejection } from '../tx278/aaa';
import type { ServicesReviewRequest } from '../tx278/types';
import type { SegmentSpec } from '../write/serialize';
import { contentHash, intakeKey, senderKey } from './key';
import { intakeFrom278, type Mapped278, type ResolvedParties, type ServiceMapping } from './map';
import { outcomeOfCase } from './outcome';
import { resolveParties } from './parties';
import { loadCaseSnapshot } from './snapshot';
import { placeError } from './errors';
import { segmentsFromJson } from './segments-json';

export type X12Context = Pick<AppContext, 'db' | 'clock' | 'config' | 'caseEvents'>;

/** Who sends: the authenticated client (tenant and submitter), and where from (for the audit trail). */
export interface X12Caller {
  readonly principal: Principal;
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

export interface ReviewAnswer {
  /** The segments between ST and SE of the 278 response. */
  readonly segments: readonly SegmentSpec[];
  /**
   * `created`: a case was recorded; `replayed`: a resubmission answered with the original answer;
   * `answered`: an inquiry (278 X215, 270) answered from what is on file; `rejected`: an AAA, nothing stored.
   */
  readonly result: 'created' | 'replayed' | 'answered' | 'rejected';
  readonly caseId?: string;
  /** For the log: why a request was rejected. */
  readonly note?: string;
}

class Replay extends Error {
  constructor(readonly answer: ReviewAnswer) {
    super('replay');
  }
}

async function tenantZone(q: Queryable, tenantId: string): Promise<{ timeZone: string; codes: Readonly<Record<string, string>> }> {
  const t = await getTenant(q, tenantId);
  return { timeZone: t.timeZone, codes: decisionReasonCodes(t.settings) };
}

/** An answer with AAAs only: nothing was recorded. */
function rejected(doc: ServicesReviewRequest, at: Date, timeZone: string, rejection: PlacedRejection | undefined, serviceRejections: readonly PlacedRejection[], note: string): ReviewAnswer {
  const outcome: ReviewOutcome = { at, timeZone, ...(rejection === undefined ? {} : { rejection }), serviceRejections, services: [] };
  return { segments: servicesReviewResponseSegments(buildServicesReviewResponse(doc, outcome)), result: 'rejected', note };
}

async function prior(q: Queryable, tenantId: string, submitter: string, sender: string, reference: string) {
  const [row] = await q
    .select()
    .from(x12Requests)
    .where(and(eq(x12Requests.tenantId, tenantId), eq(x12Requests.submitter, submitter), eq(x12Requests.sender, sender), eq(x12Requests.reference, reference)));
  return row ?? null;
}

function replayOf(row: typeof x12Requests.$inferSelect, hash: string): ReviewAnswer | 'conflict' {
  if (row.contentHash !== hash) return 'conflict';
  const segments = segmentsFromJson(row.response);
  if (segments === null) throw new UmError('UM_ERR_INTERNAL', 'The stored answer of this request cannot be read');
  return { segments, result: 'replayed', caseId: row.caseId };
}

async function record(tx: Tx, tenantId: string, row: typeof x12Requests.$inferInsert, services: readonly ServiceMapping[], lineIds: readonly string[]): Promise<boolean> {
  const inserted = await tx.insert(x12Requests).values(row).onConflictDoNothing().returning({ id: x12Requests.id });
  if (inserted.length === 0) return false;
  await tx.insert(x12RequestServices).values(
    services.map((s) => ('line' in s ? { tenantId, requestId: row.id, serviceIndex: s.index, lineId: lineIds[s.line] ?? null, rejectReason: null } : { tenantId, requestId: row.id, serviceIndex: s.index, lineId: null, rejectReason: s.rejection.reason })),
  );
  return true;
}

/**
 * Answers one accepted 278 request (`payload`: the set as an interchange of its own, kept as the
 * case's source and re-read for later responses).
 */
export async function answerServicesReview(ctx: X12Context, caller: X12Caller, doc: ServicesReviewRequest, payload: string): Promise<ReviewAnswer> {
  const p = caller.principal;
  const tenantId = p.tenantId;
  const submitter = submitterOf(p);
  const sender = senderKey(doc.transaction);
  const reference = doc.beginning.reference;
  const hash = contentHash(doc);
  const now = ctx.clock.now();
  const { timeZone, codes } = await tenantZone(ctx.db, tenantId);

  const before = await prior(ctx.db, tenantId, submitter, sender, reference);
  if (before !== null) {
    const r = replayOf(before, hash);
    if (r !== 'conflict') return r;
    return rejected(doc, now, timeZone, rejectionForError('UM_ERR_INTAKE_IDEMPOTENCY_CONFLICT'), [], `BHT03 ${reference} was already used by this sender for another request`);
  }

  const parties = await resolveParties(ctx.db, tenantId, doc);
  if (!parties.ok) return rejected(doc, now, timeZone, parties.rejection, [], parties.message);
  let mapped: Mapped278 = intakeFrom278(doc, parties.parties);

  // At most twice: a first refusal naming some lines drops those services and tries the others.
  for (let attempt = 0; attempt < 2; attempt++) {
    const dropped = rejectionsOf(mapped.services);
    if (mapped.request.lines.length === 0) {
      if (dropped.length > 0) return rejected(doc, now, timeZone, undefined, dropped, 'No service of the request can be reviewed');
      return rejected(doc, now, timeZone, rejectionForError('UM_ERR_INTAKE_NO_LINES'), [], 'The request names no service OpenUM can review');
    }
    const current = mapped;
    try {
      return await ctx.db.transaction(async (tx) => {
        const intake = createIntakeService({ ...ctx, db: tx });
        const created = await intake.createCase(p, current.request, {
          channel: 'x12',
          idempotencyKey: intakeKey(doc.transaction, reference),
          source: { format: 'x12', payload },
          ip: caller.ip ?? null,
          requestId: caller.requestId ?? null,
        });
        const snapshot = await loadCaseSnapshot(tx, tenantId, created.caseId, timeZone);
        const lineIds = await lineIdsOf(tx, tenantId, created.caseId);
        const outcome = outcomeOfCase(doc, current.services, snapshot, { at: now, timeZone, decisionReasonCodes: codes });
        const segments = servicesReviewResponseSegments(buildServicesReviewResponse(doc, outcome));
        const stored = await record(tx, tenantId, { tenantId, id: randomUUID(), submitter, sender, reference, contentHash: hash, caseId: created.caseId, request: payload, response: segments, createdAt: now }, current.services, lineIds);
        if (!stored) {
          // A twin of this submission committed first: answer as it was answered.
          const twin = await prior(tx, tenantId, submitter, sender, reference);
          const r = twin === null ? 'conflict' : replayOf(twin, hash);
          throw new Replay(r === 'conflict' ? rejected(doc, now, timeZone, rejectionForError('UM_ERR_INTAKE_IDEMPOTENCY_CONFLICT'), [], 'BHT03 reused') : r);
        }
        return { segments, result: created.created ? 'created' : 'replayed', caseId: created.caseId };
      });
    } catch (e) {
      if (e instanceof Replay) return e.answer;
      if (!isUmError(e)) throw e;
      const placed = placeError(e, current.services);
      if (placed.rejection !== undefined) return rejected(doc, now, timeZone, placed.rejection, rejectionsOf(current.services), `${e.code}: ${e.message}`);
      // Some services cannot become lines: answer them with their AAA and try the others.
      mapped = withoutServices(doc, current, placed.serviceRejections, parties.parties);
    }
  }
  return rejected(doc, now, timeZone, undefined, rejectionsOf(mapped.services), 'No service of the request can be reviewed');
}

async function lineIdsOf(q: Queryable, tenantId: string, caseId: string): Promise<string[]> {
  const rows = await q.select({ id: serviceLines.id }).from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, caseId))).orderBy(asc(serviceLines.lineNo));
  return rows.map((r) => r.id);
}

const rejectionsOf = (services: readonly ServiceMapping[]): PlacedRejection[] => services.flatMap((s) => ('rejection' in s ? [s.rejection] : []));

/** The mapping again, with the given services answered by their AAA instead of becoming lines. */
function withoutServices(doc: ServicesReviewRequest, m: Mapped278, placed: readonly PlacedRejection[], parties: ResolvedParties): Mapped278 {
  const bad = new Map(placed.map((r) => [r.serviceIndex, r]));
  const kept = { ...doc, event: { ...doc.event, services: doc.event.services.filter((s) => !bad.has(s.index)) } };
  const again = intakeFrom278(kept, parties);
  const byIndex = new Map(again.services.map((s) => [s.index, s]));
  const services = m.services.map((s): ServiceMapping => {
    const r = bad.get(s.index);
    return r !== undefined ? { index: s.index, rejection: r } : (byIndex.get(s.index) ?? s);
  });
  return { request: again.request, services };
}
