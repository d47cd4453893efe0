import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/context';
import { clientIp, requireUser } from '../platform/http/auth';
import { actorOf } from '../platform/auth/model';
import { loadCase } from '../intake/queries';
import { appendAudit, listCaseAudit } from './store';

export function auditRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/cases/:id/audit',
      { schema: { tags: ['audit'], summary: "A case's audit trail (auditors and reviewers)", params: Type.Object({ id: Type.String() }) } },
      async (req) => {
        const p = requireUser(req, ['auditor', 'admin', 'supervisor', 'intake', 'nurse', 'medical_director', 'specialist', 'appeals']);
        return ctx.db.transaction(async (tx) => {
          const row = await loadCase(tx, p, req.params.id);
          const events = await listCaseAudit(tx, p.tenantId, row.id);
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
            action: 'audit.read',
            recordType: 'case',
            recordId: row.id,
            caseId: row.id,
          });
          return {
            items: events.map((e) => ({
              id: e.id,
              seq: e.seq,
              at: e.at.toISOString(),
              actor: { type: e.actorType, id: e.actorId, role: e.actorRole },
              action: e.action,
              recordType: e.recordType,
              recordId: e.recordId,
              ip: e.ip,
              requestId: e.requestId,
              details: e.details,
              hash: e.hash,
              prevHash: e.prevHash,
            })),
          };
        });
      },
    );
  };
}
