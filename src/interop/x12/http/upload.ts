/**
 * `POST /api/admin/enrollment/834`: an administrator uploads an 834 file; the request body is
 * streamed into the importer (never held whole), options come as query parameters, the answer is
 * the import report (JSON). Every batch is audited under the administrator.
 */
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../../../platform/context';
import { UmError } from '../../../platform/errors';
import { actorOf } from '../../../platform/auth/model';
import { requireUser } from '../../../platform/http/auth';
import { LINES_OF_BUSINESS, PRODUCT_TYPES } from '../../../tenancy/model';
import { importEnrollment, type EnrollmentOptions } from '../enrollment/import';

export const UPLOAD_MEDIA_TYPES = ['application/edi-x12', 'text/plain', 'application/octet-stream'];

const str = (q: unknown, k: string): string | undefined => {
  if (typeof q !== 'object' || q === null || !(k in q)) return undefined;
  const v: unknown = Object.entries(q).find(([key]) => key === k)?.[1];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
};

export function enrollmentUploadRoutes(ctx: AppContext): FastifyPluginAsync {
  return async (app) => {
    app.removeContentTypeParser(UPLOAD_MEDIA_TYPES.filter((t) => app.hasContentTypeParser(t)));
    // The body is handed to the route as the request stream itself.
    app.addContentTypeParser(UPLOAD_MEDIA_TYPES, (_req, payload, done) => done(null, payload));

    app.post('/api/admin/enrollment/834', { schema: { hide: true } }, async (req, reply) => {
      const p = requireUser(req, ['admin']);
      const body: unknown = req.body;
      if (!(body instanceof Readable)) throw new UmError('UM_ERR_UNSUPPORTED_MEDIA_TYPE', `Send the 834 file as ${UPLOAD_MEDIA_TYPES.join(' or ')}`);
      const q: unknown = req.query;
      const lob = str(q, 'lineOfBusiness');
      const product = str(q, 'productType');
      const termDate = str(q, 'termDate');
      const problems = [
        ...(lob !== undefined && !LINES_OF_BUSINESS.some((l) => l === lob) ? [{ path: 'lineOfBusiness', message: `one of ${LINES_OF_BUSINESS.join(', ')}` }] : []),
        ...(product !== undefined && !PRODUCT_TYPES.some((t) => t === product) ? [{ path: 'productType', message: `one of ${PRODUCT_TYPES.join(', ')}` }] : []),
        ...(termDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(termDate) ? [{ path: 'termDate', message: 'YYYY-MM-DD' }] : []),
      ];
      if (problems.length > 0) {
        body.resume();
        throw new UmError('UM_ERR_VALIDATION', 'The upload options are not valid', { details: problems });
      }
      const plan = str(q, 'plan');
      const ipa = str(q, 'ipa');
      const o: EnrollmentOptions = {
        db: ctx.db,
        tenantId: p.tenantId,
        actor: actorOf(p),
        clock: ctx.clock,
        ...(plan === undefined ? {} : { plan }),
        ...(ipa === undefined ? {} : { ipa }),
        ...(lob === undefined ? {} : { lineOfBusiness: LINES_OF_BUSINESS.find((l) => l === lob) }),
        ...(product === undefined ? {} : { productType: PRODUCT_TYPES.find((t) => t === product) }),
        termMissing: str(q, 'termMissing') === 'true',
        ...(termDate === undefined ? {} : { termDate }),
      };
      const r = await importEnrollment(body, o);
      return reply.send({
        members: r.members,
        added: r.added,
        updated: r.updated,
        unchanged: r.unchanged,
        termed: r.termed,
        reinstated: r.reinstated,
        termedMissing: r.termedMissing,
        errors: r.errors.slice(0, 1000),
        moreErrors: Math.max(0, r.errors.length - 1000),
        rejected: r.rejected,
        acks: r.acks.map((a) => ({ group: a.controlNumber, code: a.code, sets: a.transactions.map((t) => ({ set: t.controlNumber, code: t.code })) })),
      });
    });
  };
}
