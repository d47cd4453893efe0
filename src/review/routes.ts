import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context';
import { clientIp, principalOf } from '../platform/http/auth';
import { NOTE_KINDS } from '../intake/model';
import { caseView, loadCase } from '../intake/queries';
import { createReviewService } from './service';

const Id = Type.Object({ id: Type.String() });
const Reason = Type.String({ minLength: 1, maxLength: 4000 });
const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export function reviewRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const review = createReviewService(ctx);
  const meta = (req: FastifyRequest) => ({ ip: clientIp(req), requestId: req.id });
  /** Answers with the case as it now is, so the UI needs no second call. */
  const fresh = async (req: FastifyRequest, id: string) => {
    const p = principalOf(req);
    return ctx.db.transaction(async (tx) => caseView(tx, p, await loadCase(tx, p, id)));
  };

  return async (app) => {
    app.post(
      '/cases/:id/notes',
      {
        schema: {
          tags: ['review'],
          summary: 'Add a note (staff: internal or visible to the provider; provider: an answer)',
          params: Id,
          body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 20000 }), kind: Type.Optional(lit(NOTE_KINDS)), visibility: Type.Optional(lit(['internal', 'provider'] as const)) }),
        },
      },
      async (req, reply) => {
        const r = await review.addNote(principalOf(req), req.params.id, req.body, meta(req));
        return reply.status(201).send(r);
      },
    );

    app.post(
      '/cases/:id/attachments',
      {
        schema: {
          tags: ['review'],
          summary: 'Attach a document (PDF, PNG, JPEG, TIFF or plain text; base64)',
          params: Id,
          body: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }), contentType: Type.String({ maxLength: 100 }), contentBase64: Type.String() }),
        },
      },
      async (req, reply) => {
        const r = await review.addAttachment(principalOf(req), req.params.id, req.body, meta(req));
        return reply.status(201).send(r);
      },
    );

    app.post(
      '/cases/:id/assign',
      { schema: { tags: ['review'], summary: 'Assign the case (supervisors), take it yourself, or unassign (null)', params: Id, body: Type.Object({ userId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }) } },
      async (req) => {
        await review.assign(principalOf(req), req.params.id, req.body.userId, meta(req));
        return fresh(req, req.params.id);
      },
    );

    app.post(
      '/cases/:id/pend',
      { schema: { tags: ['review'], summary: 'Pend for information; the message is shown to the provider', params: Id, body: Type.Object({ message: Reason }) } },
      async (req) => {
        await review.pend(principalOf(req), req.params.id, req.body.message, meta(req));
        return fresh(req, req.params.id);
      },
    );

    app.post(
      '/cases/:id/refer',
      { schema: { tags: ['review'], summary: 'Refer to a physician reviewer', params: Id, body: Type.Object({ note: Type.Optional(Type.String({ maxLength: 20000 })) }) } },
      async (req) => {
        await review.refer(principalOf(req), req.params.id, req.body.note, meta(req));
        return fresh(req, req.params.id);
      },
    );

    app.post(
      '/cases/:id/opinion-request',
      {
        schema: {
          tags: ['review'],
          summary: 'Ask a specialist reviewer for an opinion (the specialist answers with a specialist_opinion note)',
          params: Id,
          body: Type.Object({ specialistUserId: Type.String({ format: 'uuid' }), question: Reason }),
        },
      },
      async (req, reply) => reply.status(201).send(await review.requestOpinion(principalOf(req), req.params.id, req.body.specialistUserId, req.body.question, meta(req))),
    );

    app.get('/opinion-requests', { schema: { tags: ['review'], summary: 'Open opinion requests addressed to the calling specialist' } }, async (req) => ({
      items: (await review.openOpinionRequests(principalOf(req), meta(req))).map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString() })),
    }));

    app.post('/cases/:id/send-to-review', { schema: { tags: ['review'], summary: 'Send a case from the intake queue to clinical review', params: Id } }, async (req) => {
      await review.sendToReview(principalOf(req), req.params.id, meta(req));
      return fresh(req, req.params.id);
    });

    app.post('/cases/:id/withdraw', { schema: { tags: ['review'], summary: 'Withdraw the request (its pending lines), with a reason', params: Id, body: Type.Object({ reason: Reason }) } }, async (req) => {
      await review.withdraw(principalOf(req), req.params.id, req.body.reason, meta(req));
      return fresh(req, req.params.id);
    });

    app.post('/cases/:id/cancel', { schema: { tags: ['review'], summary: 'Cancel the case, with a reason', params: Id, body: Type.Object({ reason: Reason }) } }, async (req) => {
      await review.cancel(principalOf(req), req.params.id, req.body.reason, meta(req));
      return fresh(req, req.params.id);
    });

    app.post(
      '/cases/:id/receipt-time',
      {
        schema: {
          tags: ['review'],
          summary: 'Correct the receipt time (supervisors only, with a reason)',
          params: Id,
          body: Type.Object({ receivedAt: Type.String({ format: 'date-time' }), reason: Reason }),
        },
      },
      async (req) => {
        await review.correctReceipt(principalOf(req), req.params.id, req.body.receivedAt, req.body.reason, meta(req));
        return fresh(req, req.params.id);
      },
    );
  };
}
