/**
 * The `/fhir` endpoint (FHIR R4 4.0.1, JSON): routes registered from the declared operations and
 * interactions, `application/fhir+json` in and out, SMART scopes checked per declaration, one
 * OperationOutcome for every refusal, and an audit event for every authenticated call.
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context';
import { actorOf } from '../../../platform/auth/model';
import { scopeAllows } from '../../../platform/auth/smart';
import { clientIp, principalOf } from '../../../platform/http/auth';
import { UmError } from '../../../platform/errors';
import { appendAudit } from '../../../audit/store';
import { capabilityStatement, smartConfiguration } from './capability';
import { FHIR_JSON, contentError, fhirErrorHandler } from './outcome';
import { parseOperationInput, type AuditNote, type CallContext, type FhirAnswer, type FhirInteraction, type FhirOperation } from './operations';

export interface FhirScopeOptions {
  /** Scopes shown in `.well-known/smart-configuration`. */
  readonly scopes: readonly string[];
}

/** JSON bodies (`application/fhir+json` and `application/json`) with their raw text kept, and the FHIR error handler. */
export function fhirJsonScope(app: FastifyInstance, raw: WeakMap<FastifyRequest, string>): void {
  // Only JSON: any other media type is answered 415 (FHIR R4 §3.1.0.1.6).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', FHIR_JSON], { parseAs: 'string' }, (req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    raw.set(req, text);
    try {
      done(null, text.trim() === '' ? undefined : JSON.parse(text));
    } catch (e) {
      done(contentError('UM_ERR_FHIR_INVALID', 'structure', 'Resource', `The body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`), undefined);
    }
  });
  app.setErrorHandler(fhirErrorHandler);
}

/** Audits the call once answered: what the handler noted, else the route and status. */
export function auditCalls(app: FastifyInstance, ctx: AppContext, notes: WeakMap<FastifyRequest, AuditNote>, prefix: string): void {
  // onSend, not onResponse: the audit event is written before the answer leaves, so a client that has
  // its answer can rely on the event being there (and a failed write is logged before replying).
  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const p = req.principal;
    if (p === null) return payload;
    const note = notes.get(req);
    // The route as registered: Fastify's routeOptions.url already carries the plugin's prefix.
    const route = req.routeOptions.url ?? prefix;
    try {
      await appendAudit(ctx.db, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, {
        action: note?.action ?? `fhir.${req.method.toLowerCase()}`,
        recordType: note?.recordType ?? 'fhir-endpoint',
        recordId: note?.recordId ?? route,
        caseId: note?.caseId ?? null,
        details: { ...(note?.details ?? {}), method: req.method, route, status: reply.statusCode },
      });
    } catch (err) {
      req.log.error({ err, reqId: req.id }, 'FHIR call audit failed');
    }
    return payload;
  });
}

function clientOf(req: FastifyRequest, scope: { readonly resource: string; readonly access: FhirOperation['scope']['access'] }): CallContext['principal'] {
  const p = principalOf(req);
  if (p.kind !== 'client') throw new UmError('UM_ERR_FORBIDDEN', 'The FHIR API is for machine clients (SMART backend services): get a token at POST /oauth/token');
  if (!p.scopes.some((s) => scopeAllows(s, scope.resource, scope.access))) {
    throw new UmError('UM_ERR_INSUFFICIENT_SCOPE', `This call needs the scope system/${scope.resource}.${scope.access} (or a SMART scope that covers it)`);
  }
  return p;
}

export function fhirRoutesFrom(ctx: AppContext, defs: readonly (FhirOperation | FhirInteraction)[], opts: FhirScopeOptions): FastifyPluginAsync {
  return async (app) => {
    const raw = new WeakMap<FastifyRequest, string>();
    const notes = new WeakMap<FastifyRequest, AuditNote>();
    fhirJsonScope(app, raw);
    auditCalls(app, ctx, notes, '/fhir');
    const baseUrl = `${ctx.config.publicUrl}/fhir`;
    const send = (req: FastifyRequest, reply: FastifyReply, a: FhirAnswer) => {
      notes.set(req, a.audit);
      for (const [k, v] of Object.entries(a.headers ?? {})) reply.header(k, v);
      return reply.status(a.status).type(FHIR_JSON).send(a.body);
    };
    const call = (req: FastifyRequest, principal: CallContext['principal'], id?: string): CallContext => ({ principal, ip: clientIp(req), requestId: req.id, rawBody: raw.get(req), ...(id === undefined ? {} : { id }) });
    const hide = { schema: { hide: true } };

    app.get('/metadata', hide, async (_req, reply) => reply.type(FHIR_JSON).send(capabilityStatement(baseUrl, defs, ctx.clock.now().toISOString())));
    app.get('/.well-known/smart-configuration', hide, async (_req, reply) => reply.type('application/json').send(smartConfiguration(ctx.config.publicUrl, opts.scopes)));

    for (const d of defs) {
      if (d.kind === 'operation') {
        const url = d.level === 'instance' ? `/${d.resource}/:id/$${d.code}` : `/${d.resource}/$${d.code}`;
        const handle = async (req: FastifyRequest<{ Params: { id?: string } }>, reply: FastifyReply) => {
          const principal = clientOf(req, d.scope);
          const input = d.method === 'GET' ? new Map<string, readonly unknown[]>() : parseOperationInput(d, req.body);
          return send(req, reply, await d.handler(call(req, principal, req.params.id), input));
        };
        if (d.method === 'GET') app.get(url, hide, handle);
        else app.post(url, hide, handle);
        continue;
      }
      const handle = async (req: FastifyRequest<{ Params: { id?: string } }>, reply: FastifyReply) => {
        const principal = clientOf(req, d.scope);
        return send(req, reply, await d.handler(call(req, principal, req.params.id), req.params.id, req.body));
      };
      switch (d.code) {
        case 'read':
          app.get(`/${d.resource}/:id`, hide, handle);
          break;
        case 'create':
          app.post(`/${d.resource}`, hide, handle);
          break;
        case 'update':
          app.put(`/${d.resource}/:id`, hide, handle);
          break;
        case 'delete':
          app.delete(`/${d.resource}/:id`, hide, handle);
          break;
      }
    }
  };
}
