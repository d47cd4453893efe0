/**
 * The HTTP application, built by a factory: `buildApp(config)` opens (or is given) the database,
 * migrates it, seeds the demo on an empty database when asked, and registers every capability's
 * routes. Tests build it with what they need and call `inject()`.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import { TypeBoxValidatorCompiler, registerAjvFormats, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config';
import { openDatabase, ping, type Database } from '../db';
import { cryptoRandom, systemClock, type AppContext, type Clock } from '../context';
import { UmError } from '../errors';
import { handleError } from './errors';
import { createAuthService } from '../auth/service';
import { authRoutes } from '../auth/routes';
import { caseRoutes } from '../../intake/routes';
import { reviewRoutes } from '../../review/routes';
import { decisionRoutes } from '../../determination/routes';
import { auditRoutes } from '../../audit/routes';
import { memberRoutes } from '../../members/routes';
import { tenancyRoutes } from '../../tenancy/routes';
import { adminRoutes } from '../../tenancy/admin-routes';
import { noticeRoutes } from '../../notices/routes';
import { x12CaseEvents, x12Routes } from '../../interop/x12/capability';
import { cdsHooksRoutes, createFhirCaseEventHandler, fhirJobs, fhirRoutes } from '../../interop/fhir';
import { seedDemoIfEmpty } from '../../demo/seed';
import type { CaseEventHandler } from '../../intake/events';
import { createJobRunner, type JobRunnerOptions } from '../jobs';
import { clockCaseEvents } from '../../clocks/on-case';
import { clockRoutes } from '../../clocks/routes';
import { clockJobs } from '../../clocks/jobs';
import { backfillCaseClocks } from '../../clocks/backfill';
import { queueCaseEvents } from '../../queues/on-case';
import { queueRoutes } from '../../queues/routes';
import { coverageJobs, coverageRoutes, createCoverageAutomation, createCriteriaCatalog } from '../../coverage';

export interface BuildOptions {
  /** An already open database (tests); otherwise one is opened from the config and closed with the app. */
  readonly database?: Database;
  readonly clock?: Clock;
  readonly random?: (n: number) => Uint8Array;
  /** Handlers told of every case change (defaults: the capabilities' own). */
  readonly caseEvents?: readonly CaseEventHandler[];
  /** Skip migrations (the caller ran them). */
  readonly skipMigrations?: boolean;
  /**
   * Run the background jobs (clock sweeps, pg-boss). Default: when the app opens its own database
   * (`openum serve`), not when it is given one (tests move a fake clock and sweep by hand).
   */
  readonly jobs?: boolean | JobRunnerOptions;
}

export type App = FastifyInstance & { readonly ctx: AppContext };

const DEFAULT_WEB_DIR = resolve(fileURLToPath(new URL('../../../web/dist', import.meta.url)));

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<App> {
  registerAjvFormats();
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Identifiers only: the path without its query string (which may carry names), never bodies.
      serializers: {
        req: (r: { method: string; url: string; id: string }) => ({ method: r.method, url: r.url.split('?')[0], id: r.id }),
      },
    },
    bodyLimit: Math.ceil(config.attachmentMaxBytes * 1.4) + 64 * 1024,
    genReqId: () => cryptoRandomId(),
    trustProxy: true,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  const database = opts.database ?? (await openDatabase(config, { onIdleError: (err) => app.log.warn({ err }, 'idle database connection closed') }));
  if (opts.skipMigrations !== true) await database.migrate();
  // Criteria-set versions compiled once and shared by intake's automation and the coverage routes.
  const catalog = createCriteriaCatalog();
  const random = opts.random ?? cryptoRandom;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    clock: opts.clock ?? systemClock,
    log: app.log,
    random,
    // Order matters: the automatic decisions run before the clock starts, so the clock sees them.
    caseEvents: opts.caseEvents ?? [createCoverageAutomation({ catalog, random }), clockCaseEvents, queueCaseEvents, createFhirCaseEventHandler(config), x12CaseEvents()],
  };
  app.decorate('ctx', ctx);
  if (opts.database === undefined) app.addHook('onClose', async () => database.close());

  const auth = createAuthService(ctx);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (req) => {
    const h = req.headers.authorization;
    if (h === undefined) return;
    const m = /^Bearer\s+(\S+)$/i.exec(h);
    if (m === null) return;
    req.principal = await auth.resolve(m[1] ?? '');
    if (req.principal === null) throw new UmError('UM_ERR_UNAUTHENTICATED', 'The bearer token is unknown or has expired');
  });
  app.setErrorHandler((err, req, reply) => handleError(err, req, reply));

  await app.register(formbody);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'OpenUM API', version: '0.1.0', description: 'Utilization management and prior authorization. Errors are RFC 9457 problem+json with a stable `code`.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/health', { schema: { hide: true } }, async (_req, reply) => {
    await ping(ctx.db);
    return reply.send({ status: 'ok', database: database.kind });
  });

  await app.register(authRoutes(ctx, auth));
  await app.register(caseRoutes(ctx), { prefix: '/api' });
  await app.register(reviewRoutes(ctx), { prefix: '/api' });
  await app.register(decisionRoutes(ctx), { prefix: '/api' });
  await app.register(auditRoutes(ctx), { prefix: '/api' });
  await app.register(memberRoutes(ctx), { prefix: '/api' });
  await app.register(tenancyRoutes(ctx), { prefix: '/api' });
  await app.register(fhirRoutes(ctx, { catalog }), { prefix: '/fhir' });
  await app.register(cdsHooksRoutes(ctx, { catalog }), { prefix: '/cds-services' });
  await app.register(clockRoutes(ctx), { prefix: '/api' });
  await app.register(queueRoutes(ctx), { prefix: '/api' });
  await app.register(adminRoutes(ctx), { prefix: '/api' });
  await app.register(noticeRoutes(ctx), { prefix: '/api' });
  await app.register(x12Routes(ctx));
  await app.register(coverageRoutes(ctx, catalog), { prefix: '/api' });

  const webDir = config.webDir ?? DEFAULT_WEB_DIR;
  const hasWeb = existsSync(join(webDir, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const isApi = ['/api', '/fhir', '/oauth', '/x12', '/cds-services', '/docs', '/health'].some((p) => path.startsWith(p));
    if (hasWeb && req.method === 'GET' && !isApi) return reply.type('text/html').sendFile('index.html');
    return handleError(new UmError('UM_ERR_NOT_FOUND', `No route ${req.method} ${path}`), req, reply);
  });

  if (config.demo) await seedDemoIfEmpty(ctx);
  // Cases recorded without a clock (seeded, or received before clocks existed) get one now; closed
  // ones too on a demo database (small), so that the timeliness view has history.
  await backfillCaseClocks(ctx, { includeClosed: config.demo });
  const jobs = opts.jobs ?? opts.database === undefined;
  if (jobs !== false) {
    const runner = createJobRunner(ctx, [...clockJobs(ctx), ...coverageJobs(ctx), ...fhirJobs(ctx)], jobs === true ? {} : jobs);
    await runner.start();
    app.addHook('preClose', async () => runner.stop());
  }
  return Object.assign(app, { ctx });
}

function cryptoRandomId(): string {
  return Buffer.from(cryptoRandom(9)).toString('base64url');
}
