/**
 * `/cds-services` (CDS Hooks 2.0): discovery without authentication, and one POST per service. A
 * call needs a SMART backend-services bearer token with a scope covering `system/Questionnaire.read`
 * (CRD and DTR both disclose the plan's documentation requirements). Every call is audited.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context';
import { scopeAllows } from '../../../platform/auth/smart';
import { principalOf } from '../../../platform/http/auth';
import { UmError } from '../../../platform/errors';
import { auditCalls, fhirJsonScope } from '../http/plugin';
import type { AuditNote } from '../http/operations';
import { answerHook, type CrdDeps } from './service';
import { HOOKS, discovery, serviceId } from './services';

export function cdsHooksRoutesFrom(ctx: AppContext, deps: CrdDeps): FastifyPluginAsync {
  return async (app) => {
    const raw = new WeakMap<FastifyRequest, string>();
    const notes = new WeakMap<FastifyRequest, AuditNote>();
    fhirJsonScope(app, raw);
    auditCalls(app, ctx, notes, '/cds-services');
    const hide = { schema: { hide: true } };
    app.get('/', hide, async () => discovery());
    app.post<{ Params: { id: string } }>('/:id', hide, async (req) => {
      const hook = HOOKS.find((h) => serviceId(h) === req.params.id);
      if (hook === undefined) throw new UmError('UM_ERR_NOT_FOUND', `No CDS service ${req.params.id}; see GET /cds-services`);
      const p = principalOf(req);
      if (p.kind !== 'client' || !p.scopes.some((s) => scopeAllows(s, 'Questionnaire', 'read'))) {
        throw new UmError(p.kind === 'client' ? 'UM_ERR_INSUFFICIENT_SCOPE' : 'UM_ERR_FORBIDDEN', 'CRD services need a machine client token with system/Questionnaire.read');
      }
      const a = await answerHook(deps, p, hook, req.body);
      notes.set(req, { action: 'crd.hook', recordType: 'cds-service', recordId: serviceId(hook), details: { hook, orders: a.orders, cards: a.body.cards.length, ...(a.memberId === null ? {} : { memberId: a.memberId }) } });
      return a.body;
    });
  };
}
