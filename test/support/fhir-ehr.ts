/**
 * A tiny EHR FHIR server for the CRD tests (a Fastify app): serves the resources it is given by
 * `Type/id`, answers `Coverage?patient=<id>` with a searchset Bundle, and records the bearer tokens it
 * was called with.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export interface TinyEhr {
  readonly url: string;
  readonly calls: { readonly path: string; readonly authorization: string | undefined }[];
  close(): Promise<void>;
}

type J = Record<string, unknown>;

export async function startTinyEhr(resources: readonly J[]): Promise<TinyEhr> {
  const app: FastifyInstance = Fastify({ logger: false });
  const calls: { path: string; authorization: string | undefined }[] = [];
  app.addHook('onRequest', async (req) => {
    calls.push({ path: req.url, authorization: req.headers.authorization });
  });
  app.get<{ Querystring: { patient?: string } }>('/Coverage', async (req, reply) => {
    const patient = req.query.patient ?? '';
    const hits = resources.filter((r) => r['resourceType'] === 'Coverage' && JSON.stringify(r['beneficiary'] ?? {}).includes(`Patient/${patient}"`));
    return reply.type('application/fhir+json').send({ resourceType: 'Bundle', type: 'searchset', total: hits.length, entry: hits.map((resource) => ({ fullUrl: `Coverage/${String(resource['id'])}`, resource, search: { mode: 'match' } })) });
  });
  app.get<{ Params: { type: string; id: string } }>('/:type/:id', async (req, reply) => {
    const r = resources.find((x) => x['resourceType'] === req.params.type && x['id'] === req.params.id);
    if (r === undefined) return reply.status(404).type('application/fhir+json').send({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    return reply.type('application/fhir+json').send(r);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  const port = a !== null && typeof a !== 'string' ? a.port : 0;
  return { url: `http://127.0.0.1:${port}`, calls, close: () => app.close() };
}
