/**
 * The review workflow around a case: notes, attachments, assignment, pending for information,
 * referral to a physician, withdrawal, cancellation and receipt-time correction. Each action locks
 * the case, checks who may do it, changes it and appends its audit event in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import { actorOf, type Principal, type Role } from '../platform/auth/model';
import { users, userOrganisations } from '../platform/auth/schema';
import { appendAudit, type AuditEntry } from '../audit/store';
import type { Json } from '../audit/chain';
import { caseNotes, cases, serviceLines } from '../intake/schema';
import { loadCase, type CaseRow } from '../intake/queries';
import { opinionRequests } from './schema';
import { checkAttachment } from '../intake/attachments';
import { insertAttachment } from '../intake/attachment-store';
import { caseStatus, isClosed, type CaseStatus, type NoteKind } from '../intake/model';
import { deriveDisposition } from '../determination/disposition';
import { dispatchCaseEvent, type CaseEvent } from '../intake/events';
import { lineOutcome } from '../determination/model';
import { mayStart, requireTransition } from './transitions';

/** Roles that work cases: review, pend, refer. */
export const REVIEW_ROLES: readonly Role[] = ['intake', 'nurse', 'medical_director', 'appeals'];
/** Roles a case can be assigned to. */
export const ASSIGNABLE_ROLES: readonly Role[] = ['intake', 'nurse', 'medical_director', 'specialist', 'appeals', 'supervisor'];
const STAFF: readonly Role[] = ['intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals'];

export interface ActionMeta {
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

const resumedEvents = (row: CaseRow, resumed: Record<string, Json>): CaseEvent[] => ('resumedTo' in resumed ? [{ type: 'resumed', caseId: row.id }] : []);

const isProviderSide = (p: Principal): boolean => p.kind === 'client' || p.role === 'provider';

function requireRole(p: Principal, roles: readonly Role[], what: string): void {
  if (p.kind !== 'user' || !roles.includes(p.role)) {
    throw new UmError('UM_ERR_FORBIDDEN', `${p.kind === 'user' ? `A ${p.role}` : 'A machine client'} cannot ${what}`);
  }
}

const openOnly = (row: CaseRow): void => {
  if (isClosed(caseStatus(row.status))) throw new UmError('UM_ERR_CASE_CLOSED', `Case ${row.caseNumber} is ${row.status}`);
};

export function createReviewService(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'caseEvents'>) {
  const { db, clock } = ctx;

  /** Runs an action on a locked case and records its audit event; bumps the case version. */
  async function act<T>(
    p: Principal,
    caseId: string,
    meta: ActionMeta,
    fn: (tx: Tx, row: CaseRow, now: Date) => Promise<{ result: T; audit: Omit<AuditEntry, 'caseId' | 'recordType' | 'recordId'> & { recordType?: string; recordId?: string }; events?: readonly CaseEvent[] }>,
  ): Promise<T> {
    return db.transaction(async (tx) => {
      const row = await loadCase(tx, p, caseId, { forUpdate: true });
      const now = clock.now();
      const { result, audit, events = [] } = await fn(tx, row, now);
      await tx
        .update(cases)
        .set({ updatedAt: now, version: sql`${cases.version} + 1` })
        .where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
      await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: meta.ip ?? null, requestId: meta.requestId ?? null }, {
        recordType: audit.recordType ?? 'case',
        recordId: audit.recordId ?? row.id,
        caseId: row.id,
        action: audit.action,
        details: audit.details ?? {},
      });
      // The case's own event first, then what other capabilities record about it (e.g. the clock).
      for (const ev of events) await dispatchCaseEvent(ctx.caseEvents, ev, { tx, tenantId: p.tenantId, actor: actorOf(p), principal: p, now });
      return result;
    });
  }

  const authorName = (p: Principal): string => (p.kind === 'user' ? p.displayName : p.name);

  async function addNoteRow(tx: Tx, p: Principal, row: CaseRow, now: Date, kind: NoteKind, visibility: 'internal' | 'provider', body: string): Promise<string> {
    const id = randomUUID();
    const a = actorOf(p);
    await tx.insert(caseNotes).values({ tenantId: row.tenantId, id, caseId: row.id, kind, visibility, body, authorType: a.type, authorId: a.id, authorName: authorName(p), createdAt: now });
    return id;
  }

  /** A provider's answer to a request for information returns the case to the queue it left. */
  async function resumeIfPended(tx: Tx, p: Principal, row: CaseRow): Promise<Record<string, Json>> {
    if (!isProviderSide(p) || !mayStart('resume', caseStatus(row.status))) return {};
    const back = caseStatus(row.pendedFromStatus ?? 'nurse_review');
    await tx.update(cases).set({ status: back, pendedFromStatus: null }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
    return { resumedTo: back };
  }

  return {
    async addNote(p: Principal, caseId: string, input: { body: string; kind?: NoteKind; visibility?: 'internal' | 'provider' }, meta: ActionMeta = {}) {
      const provider = isProviderSide(p);
      if (!provider) requireRole(p, STAFF, 'add notes');
      if (input.body.trim() === '') throw new UmError('UM_ERR_VALIDATION', 'The note is empty', { details: [{ path: 'body', message: 'empty' }] });
      const kind: NoteKind = provider ? 'info_response' : (input.kind ?? 'note');
      if (!provider && (kind === 'info_response' || kind === 'system')) throw new UmError('UM_ERR_VALIDATION', `Staff cannot add a ${kind} note`);
      const visibility = provider ? 'provider' : (input.visibility ?? 'internal');
      return act(p, caseId, meta, async (tx, row, now) => {
        const id = await addNoteRow(tx, p, row, now, kind, visibility, input.body);
        const resumed = await resumeIfPended(tx, p, row);
        if (kind === 'specialist_opinion' && p.kind === 'user' && p.role === 'specialist') {
          await tx
            .update(opinionRequests)
            .set({ answerNoteId: id, answeredAt: now })
            .where(and(eq(opinionRequests.tenantId, row.tenantId), eq(opinionRequests.caseId, row.id), eq(opinionRequests.specialistUserId, p.userId), isNull(opinionRequests.answeredAt)));
        }
        return { result: { id }, audit: { action: 'case.note', recordType: 'note', recordId: id, details: { kind, visibility, ...resumed } }, events: resumedEvents(row, resumed) };
      });
    },

    async addAttachment(p: Principal, caseId: string, input: { fileName: string; contentType: string; contentBase64: string }, meta: ActionMeta = {}) {
      if (!isProviderSide(p)) requireRole(p, STAFF, 'add attachments');
      const checked = checkAttachment(input.fileName, input.contentType, input.contentBase64, ctx.config.attachmentMaxBytes);
      return act(p, caseId, meta, async (tx, row, now) => {
        openOnly(row);
        const stored = await insertAttachment(tx, { tenantId: row.tenantId, caseId: row.id }, checked, actorOf(p), now);
        const resumed = await resumeIfPended(tx, p, row);
        return {
          result: stored,
          audit: { action: 'case.attachment', recordType: 'attachment', recordId: stored.id, details: { contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, ...resumed } },
          events: resumedEvents(row, resumed),
        };
      });
    },

    /** Assign to a reviewer (supervisors: anyone eligible; reviewers: themselves), or unassign with null. */
    async assign(p: Principal, caseId: string, userId: string | null, meta: ActionMeta = {}) {
      requireRole(p, ['supervisor', ...REVIEW_ROLES, 'specialist'], 'assign cases');
      if (p.kind !== 'user') throw new UmError('UM_ERR_FORBIDDEN');
      if (p.role !== 'supervisor' && userId !== null && userId !== p.userId) {
        throw new UmError('UM_ERR_FORBIDDEN', 'Only a supervisor assigns cases to someone else; take a case yourself');
      }
      return act(p, caseId, meta, async (tx, row) => {
        openOnly(row);
        if (userId !== null) {
          const [u] = await tx.select().from(users).where(and(eq(users.tenantId, row.tenantId), eq(users.id, userId), eq(users.active, true)));
          if (u === undefined || !(ASSIGNABLE_ROLES as readonly string[]).includes(u.role)) throw new UmError('UM_ERR_ASSIGNEE_INVALID', 'The assignee is not an active reviewer of this tenant');
          const orgIds = [row.ipaOrgId, row.planOrgId].filter((x): x is string => x !== null);
          if (orgIds.length > 0) {
            const works = await tx
              .select()
              .from(userOrganisations)
              .where(and(eq(userOrganisations.tenantId, row.tenantId), eq(userOrganisations.userId, userId)));
            if (!works.some((w) => orgIds.includes(w.organisationId)) && !['admin', 'auditor'].includes(u.role)) {
              throw new UmError('UM_ERR_ASSIGNEE_INVALID', `${u.displayName} does not work for this case's organisation`);
            }
          }
        }
        await tx.update(cases).set({ assignedUserId: userId }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        return { result: { assignedUserId: userId }, audit: { action: 'case.assign', details: { from: row.assignedUserId, to: userId } }, events: [{ type: 'assigned', caseId: row.id, userId }] };
      });
    },

    /** Pend for information: the provider sees the message; the clock keeps running where the rule says so. */
    async pend(p: Principal, caseId: string, message: string, meta: ActionMeta = {}) {
      requireRole(p, REVIEW_ROLES, 'pend cases for information');
      if (message.trim() === '') throw new UmError('UM_ERR_REASON_REQUIRED', 'Say what information is needed', { details: [{ path: 'message', message: 'empty' }] });
      return act(p, caseId, meta, async (tx, row, now) => {
        requireTransition('pend', caseStatus(row.status), row.caseNumber);
        await tx.update(cases).set({ status: 'pended_info', pendedFromStatus: row.status, pendMessage: message }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        const noteId = await addNoteRow(tx, p, row, now, 'info_request', 'provider', message);
        return { result: { status: 'pended_info' as const }, audit: { action: 'case.pend', details: { from: row.status, noteId } }, events: [{ type: 'pended', caseId: row.id, noteId }] };
      });
    },

    /** A physician (or nurse) reviewer asks a specialist for an opinion; the specialist answers with a note. */
    async requestOpinion(p: Principal, caseId: string, specialistUserId: string, question: string, meta: ActionMeta = {}) {
      requireRole(p, ['medical_director', 'nurse', 'appeals'], 'request a specialist opinion');
      if (p.kind !== 'user') throw new UmError('UM_ERR_FORBIDDEN');
      if (question.trim() === '') throw new UmError('UM_ERR_REASON_REQUIRED', 'Say what the specialist should answer', { details: [{ path: 'question', message: 'empty' }] });
      const requester = p.userId;
      return act(p, caseId, meta, async (tx, row, now) => {
        openOnly(row);
        const [s] = await tx.select().from(users).where(and(eq(users.tenantId, row.tenantId), eq(users.id, specialistUserId), eq(users.active, true)));
        if (s === undefined || s.role !== 'specialist') throw new UmError('UM_ERR_ASSIGNEE_INVALID', 'Opinions are asked of an active specialist reviewer');
        const noteId = await addNoteRow(tx, p, row, now, 'specialist_opinion', 'internal', `Opinion requested from ${s.displayName}${s.specialty === null ? '' : ` (${s.specialty})`}: ${question}`);
        const id = randomUUID();
        await tx.insert(opinionRequests).values({ tenantId: row.tenantId, id, caseId: row.id, specialistUserId, requestedById: requester, questionNoteId: noteId, requestedAt: now });
        return { result: { id }, audit: { action: 'case.opinion_requested', recordType: 'opinion_request', recordId: id, details: { specialistUserId } } };
      });
    },

    /** Open opinion requests addressed to this specialist, oldest first. */
    /**
     * The open opinion requests addressed to the calling specialist, with the question notes. The
     * notes are case data: each one returned is an audited read on its case's trail, in the same
     * transaction as the read.
     */
    async openOpinionRequests(p: Principal, meta: ActionMeta = {}) {
      requireRole(p, ['specialist'], 'list opinion requests');
      if (p.kind !== 'user') throw new UmError('UM_ERR_FORBIDDEN');
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: opinionRequests.id, caseId: opinionRequests.caseId, caseNumber: cases.caseNumber, requestedAt: opinionRequests.requestedAt, questionNoteId: opinionRequests.questionNoteId, question: caseNotes.body })
          .from(opinionRequests)
          .innerJoin(cases, and(eq(cases.tenantId, opinionRequests.tenantId), eq(cases.id, opinionRequests.caseId)))
          .innerJoin(caseNotes, and(eq(caseNotes.tenantId, opinionRequests.tenantId), eq(caseNotes.id, opinionRequests.questionNoteId)))
          .where(and(eq(opinionRequests.tenantId, p.tenantId), eq(opinionRequests.specialistUserId, p.userId), isNull(opinionRequests.answeredAt)))
          .orderBy(asc(opinionRequests.requestedAt));
        const at = clock.now();
        for (const r of rows) {
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at, ip: meta.ip ?? null, requestId: meta.requestId ?? null }, {
            action: 'opinion_request.read',
            recordType: 'note',
            recordId: r.questionNoteId,
            caseId: r.caseId,
            details: { opinionRequestId: r.id },
          });
        }
        return rows.map(({ questionNoteId: _note, ...r }) => r);
      });
    },

    /** Refer to a physician reviewer (medical director queue). */
    async refer(p: Principal, caseId: string, note: string | undefined, meta: ActionMeta = {}) {
      requireRole(p, ['intake', 'nurse', 'appeals'], 'refer cases to a physician');
      return act(p, caseId, meta, async (tx, row, now) => {
        requireTransition('refer', caseStatus(row.status), row.caseNumber);
        await tx.update(cases).set({ status: 'md_review', assignedUserId: null, pendedFromStatus: null }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        const noteId = note !== undefined && note.trim() !== '' ? await addNoteRow(tx, p, row, now, 'referral', 'internal', note) : null;
        return { result: { status: 'md_review' as const }, audit: { action: 'case.refer', details: { from: row.status, noteId } }, events: [{ type: 'referred', caseId: row.id }] };
      });
    },

    /** Move a case from the intake queue to clinical review once intake has checked it. */
    async sendToReview(p: Principal, caseId: string, meta: ActionMeta = {}) {
      requireRole(p, ['intake', 'supervisor'], 'send cases to clinical review');
      return act(p, caseId, meta, async (tx, row) => {
        requireTransition('send_to_review', caseStatus(row.status), row.caseNumber);
        await tx.update(cases).set({ status: 'nurse_review', assignedUserId: null }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        return { result: { status: 'nurse_review' as const }, audit: { action: 'case.send_to_review', details: { from: row.status } } };
      });
    },

    /** The requester withdraws the request: its pending lines are withdrawn, with the reason. */
    async withdraw(p: Principal, caseId: string, reason: string, meta: ActionMeta = {}) {
      if (!isProviderSide(p)) requireRole(p, ['intake', 'nurse', 'medical_director', 'supervisor', 'appeals'], 'withdraw requests');
      if (reason.trim() === '') throw new UmError('UM_ERR_REASON_REQUIRED', 'A withdrawal needs a reason', { details: [{ path: 'reason', message: 'empty' }] });
      return act(p, caseId, meta, async (tx, row, now) => {
        requireTransition('withdraw', caseStatus(row.status), row.caseNumber);
        const pending = await tx
          .update(serviceLines)
          .set({ outcome: 'withdrawn', decidedAt: now })
          .where(and(eq(serviceLines.tenantId, row.tenantId), eq(serviceLines.caseId, row.id), isNull(serviceLines.outcome)))
          .returning({ id: serviceLines.id });
        const lines = await tx.select({ outcome: serviceLines.outcome }).from(serviceLines).where(and(eq(serviceLines.tenantId, row.tenantId), eq(serviceLines.caseId, row.id)));
        const status: CaseStatus = lines.every((l) => l.outcome === 'withdrawn') ? 'withdrawn' : 'decided';
        const disposition = deriveDisposition(lines.map((l) => ({ outcome: lineOutcome(l.outcome) })), status);
        await tx.update(cases).set({ status, disposition, closeReason: reason, closedAt: now, assignedUserId: null }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        await addNoteRow(tx, p, row, now, 'system', 'provider', `Request withdrawn: ${reason}`);
        return { result: { status, disposition }, audit: { action: 'case.withdraw', details: { lines: pending.length, status } }, events: [{ type: 'withdrawn', caseId: row.id }] };
      });
    },

    /** The plan cancels a case (entered in error, duplicate): closed with the reason. */
    async cancel(p: Principal, caseId: string, reason: string, meta: ActionMeta = {}) {
      requireRole(p, ['intake', 'nurse', 'medical_director', 'supervisor', 'appeals'], 'cancel cases');
      if (reason.trim() === '') throw new UmError('UM_ERR_REASON_REQUIRED', 'A cancellation needs a reason', { details: [{ path: 'reason', message: 'empty' }] });
      return act(p, caseId, meta, async (tx, row, now) => {
        requireTransition('cancel', caseStatus(row.status), row.caseNumber);
        await tx.update(cases).set({ status: 'cancelled', disposition: 'cancelled', closeReason: reason, closedAt: now, assignedUserId: null }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        await addNoteRow(tx, p, row, now, 'system', 'internal', `Case cancelled: ${reason}`);
        return { result: { status: 'cancelled' as const, disposition: 'cancelled' as const }, audit: { action: 'case.cancel', details: { from: row.status } }, events: [{ type: 'cancelled', caseId: row.id }] };
      });
    },

    /**
     * Correct the receipt time (supervisors only, with a reason): the first receipt on any channel,
     * never in the future. The clock is recomputed from the corrected time.
     */
    async correctReceipt(p: Principal, caseId: string, receivedAt: string, reason: string, meta: ActionMeta = {}) {
      requireRole(p, ['supervisor'], 'correct a receipt time');
      if (reason.trim() === '') throw new UmError('UM_ERR_RECEIPT_CORRECTION_REASON', undefined, { details: [{ path: 'reason', message: 'empty' }] });
      const t = new Date(receivedAt);
      if (Number.isNaN(t.getTime())) throw new UmError('UM_ERR_VALIDATION', 'receivedAt is not a date-time', { details: [{ path: 'receivedAt', message: 'not an ISO 8601 date-time' }] });
      return act(p, caseId, meta, async (tx, row, now) => {
        if (t.getTime() > now.getTime()) throw new UmError('UM_ERR_INTAKE_RECEIVED_IN_FUTURE', `${receivedAt} is in the future`, { details: [{ path: 'receivedAt', message: 'in the future' }] });
        await tx.update(cases).set({ receivedAt: t }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
        await addNoteRow(tx, p, row, now, 'system', 'internal', `Receipt time corrected from ${row.receivedAt.toISOString()} to ${t.toISOString()}: ${reason}`);
        return {
          result: { receivedAt: t.toISOString() },
          audit: { action: 'case.correct_receipt', details: { from: row.receivedAt.toISOString(), to: t.toISOString() } },
          events: [{ type: 'receipt_corrected', caseId: row.id, from: row.receivedAt, to: t, reason }],
        };
      });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
