/**
 * X12 over HTTP: `POST /x12` (an interchange in `application/edi-x12` or `text/plain`, answered
 * with an interchange), `GET /x12/outbox` (278 responses to collect) and
 * `DELETE /x12/outbox/{ISA13}` (acknowledge a delivery), and the administrators' 834 upload
 * (`POST /api/admin/enrollment/834`, see `upload.ts`). X12 callers are machine clients holding the
 * scope `x12`: the token decides the tenant and the submitter. Errors before an interchange can
 * be read (authentication, media type, size, input that is not X12) are problem+json; everything
 * else is answered in X12 (TA1, 999, AAA) with HTTP 200.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context';
import { UmError } from '../../../platform/errors';
import { actorOf, type Principal } from '../../../platform/auth/model';
import { clientIp, principalOf } from '../../../platform/http/auth';
import { appendAudit } from '../../../audit/store';
import { submitterOf } from '../../../intake/service';
import { getTenant } from '../../../tenancy/store';
import { processInterchange } from '../process';
import { drawControlNumbers } from '../control-numbers';
import { acknowledge, markDelivered, waiting } from '../review/outbox';
import { outboxText } from './outbox-text';
import { enrollmentUploadRoutes } from './upload';

/** Media types of an interchange (RFC 1767 names application/EDI-X12). */
export const X12_MEDIA_TYPES = ['application/edi-x12', 'text/plain'];
/** Largest interchange `POST /x12` takes (a batch of about 10,000 requests); larger: 413. */
export const X12_BODY_LIMIT = 10 * 1024 * 1024;
export const X12_SCOPE = 'x12';

/** A machine client holding the scope `x12`. */
export function requireX12Client(req: FastifyRequest): Extract<Principal, { kind: 'client' }> {
  const p = principalOf(req);
  if (p.kind !== 'client') throw new UmError('UM_ERR_FORBIDDEN', 'X12 is for machine clients: get a token at POST /oauth/token with the scope x12');
  if (!p.scopes.includes(X12_SCOPE)) throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', 'This call needs the scope x12');
  return p;
}

export function x12Routes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    // The 834 upload streams its body: a context of its own, with its own content-type parsers.
    await app.register(enrollmentUploadRoutes(ctx));
    app.removeContentTypeParser(['text/plain']);
    app.addContentTypeParser(X12_MEDIA_TYPES, { parseAs: 'buffer', bodyLimit: X12_BODY_LIMIT }, (_req, body, done) => done(null, body));
    const hide = { schema: { hide: true } };

    app.post('/x12', { ...hide, bodyLimit: X12_BODY_LIMIT }, async (req, reply) => {
      const p = requireX12Client(req);
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) throw new UmError('UM_ERR_UNSUPPORTED_MEDIA_TYPE', `Send the interchange as ${X12_MEDIA_TYPES.join(' or ')}`);
      const query: unknown = req.query;
      const ackAll = typeof query === 'object' && query !== null && 'ack' in query && query.ack === 'all';
      const r = await processInterchange(ctx, { principal: p, ip: clientIp(req), requestId: req.id }, body, { ackAll });
      req.log.info({ reqId: req.id, sets: r.summary.sets, rejectedSets: r.summary.rejectedSets, interchanges: r.summary.interchanges }, 'x12 interchange answered');
      return reply.status(200).type('application/edi-x12').send(r.text);
    });

    app.get('/x12/outbox', hide, async (req, reply) => {
      const p = requireX12Client(req);
      const query: unknown = req.query;
      const collect = typeof query === 'object' && query !== null && 'collect' in query && query.collect === 'true';
      const submitter = submitterOf(p);
      const batches = await waiting(ctx.db, p.tenantId, submitter);
      if (batches.length === 0) return reply.status(204).send();
      const tenant = await getTenant(ctx.db, p.tenantId);
      const now = ctx.clock.now();
      const texts: string[] = [];
      const controls: string[] = [];
      for (const b of batches) {
        const isa = await drawControlNumbers(ctx.db, p.tenantId, 'isa');
        const gs = await drawControlNumbers(ctx.db, p.tenantId, 'gs');
        const isa13 = String(isa).padStart(9, '0');
        texts.push(outboxText(b, { controlNumber: isa, groupNumber: gs, at: now, timeZone: tenant.timeZone }));
        controls.push(isa13);
        await ctx.db.transaction(async (tx) => {
          await markDelivered(tx, p.tenantId, b.items.map((i) => i.id), isa13, now, collect);
          for (const caseId of new Set(b.items.map((i) => i.caseId))) {
            await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: clientIp(req), requestId: req.id }, { action: 'x12.outbox.deliver', recordType: 'case', recordId: caseId, caseId, details: { isa13, collected: collect } });
          }
        });
      }
      return reply.status(200).type('application/edi-x12').header('x-openum-interchanges', controls.join(',')).send(texts.join(''));
    });

    app.delete('/x12/outbox/:controlNumber', hide, async (req, reply) => {
      const p = requireX12Client(req);
      const params: unknown = req.params;
      const raw = typeof params === 'object' && params !== null && 'controlNumber' in params && typeof params.controlNumber === 'string' ? params.controlNumber : '';
      if (!/^\d{1,9}$/.test(raw)) throw new UmError('UM_ERR_VALIDATION', 'Give the ISA13 of the interchange to acknowledge', { details: [{ path: 'controlNumber', message: 'one to nine digits' }] });
      const collected = await acknowledge(ctx.db, p.tenantId, submitterOf(p), raw.padStart(9, '0'), ctx.clock.now());
      return reply.send({ controlNumber: raw.padStart(9, '0'), collected });
    });
  };
}
