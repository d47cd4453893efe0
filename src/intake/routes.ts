import { Type, type FastifyPluginAsyncTypebox, type Static } from '@fastify/type-provider-typebox';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import { UmError } from '../platform/errors';
import { actorOf } from '../platform/auth/model';
import { clientIp, principalOf, requireUserOrScope } from '../platform/http/auth';
import { appendAudit } from '../audit/store';
import { CASE_KINDS, CASE_STATUSES, CHANNELS, CODE_SYSTEMS, EXPEDITE_REQUESTERS, PRIORITIES, REQUESTER_TYPES, UNIT_TYPES, type CaseStatus } from './model';
import { caseView, listCases, loadCase, QUEUES } from './queries';
import { createIntakeService, INTAKE_ROLES, submitterOf } from './service';
import { attachments, caseNotes, cases, idempotencyKeys } from './schema';
import { checkAttachment } from './attachments';
import { insertAttachment } from './attachment-store';
import { attestationNote, providerExpedite, type ExpediteAttestation, type IntakeRequest } from './request';
import type { Tx } from '../platform/db';
import type { Principal } from '../platform/auth/model';
import { caseActions } from '../review/permissions';
import { getReviewerMatrix } from '../tenancy/store';
import { QuestionnaireResponseBody } from '../coverage/qr-schema';
import { OUT_OF_NETWORK_REASONS } from './request';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DateStr = Type.String({ format: 'date' });
const PartyRef = Type.Object({ id: Type.Optional(Type.String({ format: 'uuid' })), npi: Type.Optional(Type.String({ pattern: '^\\d{10}$' })) }, { additionalProperties: false });

export const IntakeBody = Type.Object(
  {
    kind: lit(CASE_KINDS),
    priority: lit(PRIORITIES),
    expediteRequestedBy: Type.Optional(lit(EXPEDITE_REQUESTERS)),
    expeditePhysicianSupported: Type.Optional(Type.Boolean()),
    expediteAttestation: Type.Optional(
      Type.Object(
        {
          physicianName: Type.String({ minLength: 1, maxLength: 200 }),
          physicianNpi: Type.Optional(Type.String({ pattern: '^\\d{10}$' })),
          seriousJeopardy: Type.Literal(true, { description: 'the physician attests that applying the standard time frame could seriously jeopardize the member\'s life, health or ability to regain maximum function' }),
          reason: Type.Optional(Type.String({ maxLength: 4000 })),
        },
        { additionalProperties: false, description: 'required for an expedited request from a provider (42 CFR 422.570(c)(2)(ii)); the case is then physician-supported' },
      ),
    ),
    requesterType: lit(REQUESTER_TYPES),
    channel: Type.Optional(lit(CHANNELS)),
    receivedAt: Type.Optional(Type.String({ format: 'date-time', description: 'First receipt (fax or phone system time); staff-keyed channels only' })),
    member: Type.Object({ id: Type.Optional(Type.String({ format: 'uuid' })), memberNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })) }, { additionalProperties: false }),
    requestingProvider: Type.Optional(PartyRef),
    servicingProvider: Type.Optional(PartyRef),
    facility: Type.Optional(PartyRef),
    diagnoses: Type.Optional(Type.Array(Type.Object({ system: Type.Optional(lit(['ICD-10-CM', 'ICD-9-CM'] as const)), code: Type.String({ minLength: 3, maxLength: 10 }) }, { additionalProperties: false }), { maxItems: 12 })),
    lines: Type.Array(
      Type.Object(
        {
          codeSystem: lit(CODE_SYSTEMS),
          code: Type.String({ minLength: 1, maxLength: 20 }),
          modifiers: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Za-z0-9]{2}$' }), { maxItems: 4 })),
          description: Type.Optional(Type.String({ maxLength: 500 })),
          units: Type.Number({ exclusiveMinimum: 0, maximum: 100000 }),
          unitType: Type.Optional(lit(UNIT_TYPES)),
          fromDate: Type.Optional(DateStr),
          toDate: Type.Optional(DateStr),
          placeOfService: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          ndc: Type.Optional(Type.String({ maxLength: 20 })),
          dose: Type.Optional(Type.String({ maxLength: 100 })),
          frequency: Type.Optional(Type.String({ maxLength: 100 })),
          siteOfCare: Type.Optional(Type.String({ maxLength: 100 })),
          partB: Type.Optional(Type.Boolean()),
          answers: Type.Optional(QuestionnaireResponseBody),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
    relatedCaseId: Type.Optional(Type.String({ format: 'uuid' })),
    note: Type.Optional(Type.String({ maxLength: 20000 })),
    attachments: Type.Optional(
      Type.Array(Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }), contentType: Type.String({ maxLength: 100 }), contentBase64: Type.String() }, { additionalProperties: false }), { maxItems: 20 }),
    ),
    answers: Type.Optional(Type.Array(QuestionnaireResponseBody, { maxItems: 50, description: 'answers to the criteria sets\' Questionnaires (one QuestionnaireResponse per set)' })),
    outOfNetwork: Type.Optional(
      Type.Object(
        { reason: lit(OUT_OF_NETWORK_REASONS), explanation: Type.Optional(Type.String({ maxLength: 4000 })) },
        { additionalProperties: false, description: 'required when the servicing provider is out of network' },
      ),
    ),
  },
  { additionalProperties: false },
);

// The REST body is the domain request: the schema and the type cannot drift apart.
const _sameShape: (b: Static<typeof IntakeBody>) => IntakeRequest = (b) => b;

const ListQuery = Type.Object({
  status: Type.Optional(Type.String({ description: 'comma-separated statuses' })),
  queue: Type.Optional(lit(Object.keys(QUEUES) as (keyof typeof QUEUES)[])),
  kind: Type.Optional(lit(CASE_KINDS)),
  priority: Type.Optional(lit(PRIORITIES)),
  disposition: Type.Optional(Type.String()),
  assignee: Type.Optional(Type.String({ description: '"me", "none" or a user id' })),
  memberId: Type.Optional(Type.String({ format: 'uuid' })),
  lineOfBusiness: Type.Optional(Type.String()),
  organisationId: Type.Optional(Type.String({ format: 'uuid' })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'case number, member number or member last name' })),
  sort: Type.Optional(lit(['newest', 'oldest'] as const)),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
});

const isProviderSide = (p: Principal): boolean => p.kind === 'client' || p.role === 'provider';

/** Keeps the physician's expedite attestation on the new case: a note both sides read, and its audit event. */
async function recordAttestation(ctx: AppContext, tx: Tx, p: Principal, caseId: string, a: ExpediteAttestation, meta: { ip: string | null; requestId: string }): Promise<void> {
  const now = ctx.clock.now();
  const actor = actorOf(p);
  const noteId = randomUUID();
  await tx.insert(caseNotes).values({ tenantId: p.tenantId, id: noteId, caseId, kind: 'note', visibility: 'provider', body: attestationNote(a), authorType: actor.type, authorId: actor.id, authorName: p.kind === 'user' ? p.displayName : p.name, createdAt: now });
  await appendAudit(tx, { tenantId: p.tenantId, actor, at: now, ip: meta.ip, requestId: meta.requestId }, {
    action: 'case.expedite_attested',
    recordType: 'note',
    recordId: noteId,
    caseId,
    details: { physicianNpi: a.physicianNpi ?? null },
  });
}

/** How long after a submission the documents sent with it may still arrive (a retried upload). */
export const SUBMISSION_ATTACHMENT_WINDOW_MS = 24 * 3600_000;

const isStatus = (s: string): s is CaseStatus => (CASE_STATUSES as readonly string[]).includes(s);

export function caseRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const intake = createIntakeService(ctx);
  return async (app) => {
    app.post(
      '/cases',
      {
        schema: {
          tags: ['cases'],
          summary: 'Create a case (a UM request). Idempotent with an Idempotency-Key header.',
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
          body: IntakeBody,
        },
      },
      async (req, reply) => {
        const p = requireUserOrScope(req, 'cases.write', [...INTAKE_ROLES, 'provider']);
        const key = req.headers['idempotency-key'];
        // A provider's expedited request needs the physician's attestation; with one it is physician-supported.
        const body: IntakeRequest = isProviderSide(p) || req.body.expediteAttestation !== undefined ? providerExpedite(req.body) : req.body;
        const attestation = body.priority === 'expedited' ? body.expediteAttestation : undefined;
        const meta = { ip: clientIp(req), requestId: req.id };
        const r = await intake.createCase(p, body, {
          idempotencyKey: key,
          ...meta,
          ...(attestation === undefined ? {} : { inTransaction: (tx: Tx, caseId: string) => recordAttestation(ctx, tx, p, caseId, attestation, meta) }),
        });
        const view = await ctx.db.transaction(async (tx) => caseView(tx, p, await loadCase(tx, p, r.caseId)));
        return reply.status(r.created ? 201 : 200).header('location', `/api/cases/${r.caseId}`).send(view);
      },
    );

    app.post(
      '/cases/:id/submission-attachments',
      {
        schema: {
          tags: ['cases'],
          summary: 'Attach a document sent with a submission: give the Idempotency-Key the case was created with. The same file sent again (a retry) is the same attachment.',
          description: 'For the submitter of the case, within 24 hours of its creation, whatever its status (a request approved at once keeps the documents sent with it). PDF, PNG, JPEG, TIFF or plain text, recognised by their leading bytes. 201 when attached, 200 when this file was already attached.',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          headers: Type.Object({ 'idempotency-key': Type.String({ minLength: 1, maxLength: 200 }) }),
          body: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }), contentType: Type.String({ maxLength: 100 }), contentBase64: Type.String() }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const p = requireUserOrScope(req, 'cases.write', [...INTAKE_ROLES, 'provider']);
        const checked = checkAttachment(req.body.fileName, req.body.contentType, req.body.contentBase64, ctx.config.attachmentMaxBytes);
        const actor = actorOf(p);
        const r = await ctx.db.transaction(async (tx) => {
          const [k] = await tx
            .select({ caseId: idempotencyKeys.caseId })
            .from(idempotencyKeys)
            .where(and(eq(idempotencyKeys.tenantId, p.tenantId), eq(idempotencyKeys.submitter, submitterOf(p)), eq(idempotencyKeys.key, req.headers['idempotency-key'])));
          if (k === undefined || k.caseId !== req.params.id) throw new UmError('UM_ERR_NOT_FOUND', 'You submitted no request with this Idempotency-Key for this case');
          // Locked: two uploads of the same file at once still make one attachment.
          const row = await loadCase(tx, p, req.params.id, { forUpdate: true });
          const now = ctx.clock.now();
          if (now.getTime() - row.createdAt.getTime() > SUBMISSION_ATTACHMENT_WINDOW_MS) {
            throw new UmError('UM_ERR_CONFLICT', `Case ${row.caseNumber} was submitted more than 24 hours ago; attach further documents on the case`);
          }
          const cols = { id: attachments.id, fileName: attachments.fileName, contentType: attachments.contentType, sizeBytes: attachments.sizeBytes, sha256: attachments.sha256 };
          const [same] = await tx
            .select(cols)
            .from(attachments)
            .where(and(eq(attachments.tenantId, row.tenantId), eq(attachments.caseId, row.id), eq(attachments.sha256, checked.sha256), eq(attachments.uploadedById, actor.id)));
          if (same !== undefined) return { created: false, attachment: same };
          const stored = await insertAttachment(tx, { tenantId: row.tenantId, caseId: row.id }, checked, actor, now);
          await tx.update(cases).set({ updatedAt: now, version: sql`${cases.version} + 1` }).where(and(eq(cases.tenantId, row.tenantId), eq(cases.id, row.id)));
          await appendAudit(tx, { tenantId: p.tenantId, actor, at: now, ip: clientIp(req), requestId: req.id }, {
            action: 'case.attachment',
            recordType: 'attachment',
            recordId: stored.id,
            caseId: row.id,
            details: { contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256, atSubmission: true },
          });
          return { created: true, attachment: stored };
        });
        return reply.status(r.created ? 201 : 200).send(r.attachment);
      },
    );

    app.get('/cases', { schema: { tags: ['cases'], summary: 'List and filter cases', querystring: ListQuery } }, async (req) => {
      const p = principalOf(req);
      if (p.kind === 'client' && !p.scopes.includes('cases.read')) throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', 'This call needs the scope cases.read');
      const f = req.query;
      const status = f.status?.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const bad = status?.filter((s) => !isStatus(s)) ?? [];
      if (bad.length > 0) throw new UmError('UM_ERR_VALIDATION', `Unknown status: ${bad.join(', ')}`, { details: [{ path: 'querystring/status', message: `one of ${CASE_STATUSES.join(', ')}` }] });
      return ctx.db.transaction(async (tx) => {
        const items = await listCases(tx, p, { ...f, status: status?.filter(isStatus), limit: f.limit ?? 50, offset: f.offset ?? 0 });
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
          action: 'case.list',
          recordType: 'case',
          recordId: 'list',
          details: { count: items.length, caseIds: items.map((i) => i.id) },
        });
        return { items };
      });
    });

    app.get('/cases/:id', { schema: { tags: ['cases'], summary: 'Read one case with everything about it', params: Type.Object({ id: Type.String() }) } }, async (req) => {
      const p = principalOf(req);
      if (p.kind === 'client' && !p.scopes.includes('cases.read')) throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', 'This call needs the scope cases.read');
      return ctx.db.transaction(async (tx) => {
        const row = await loadCase(tx, p, req.params.id);
        const view = await caseView(tx, p, row);
        const actions = caseActions(p, { ...view, assignedUserId: row.assignedUserId }, await getReviewerMatrix(tx, p.tenantId));
        await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
          action: 'case.read',
          recordType: 'case',
          recordId: row.id,
          caseId: row.id,
          details: { memberId: row.memberId },
        });
        return { ...view, actions };
      });
    });

    app.get(
      '/cases/:id/attachments/:attachmentId',
      { schema: { tags: ['cases'], summary: 'Download an attachment', params: Type.Object({ id: Type.String(), attachmentId: Type.String({ format: 'uuid' }) }) } },
      async (req, reply) => {
        const p = principalOf(req);
        const file = await ctx.db.transaction(async (tx) => {
          const row = await loadCase(tx, p, req.params.id);
          const [a] = await tx.select().from(attachments).where(and(eq(attachments.tenantId, row.tenantId), eq(attachments.caseId, row.id), eq(attachments.id, req.params.attachmentId)));
          if (a === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such attachment');
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
            action: 'attachment.read',
            recordType: 'attachment',
            recordId: a.id,
            caseId: row.id,
          });
          return a;
        });
        return reply
          .type(file.contentType)
          .header('content-disposition', `inline; filename="${file.fileName.replace(/"/g, '')}"`)
          .header('x-content-type-options', 'nosniff')
          .send(file.content);
      },
    );
  };
}
