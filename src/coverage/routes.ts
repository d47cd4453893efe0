/** Every coverage and criteria route, registered under `/api`. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/context';
import type { CriteriaCatalog } from './criteria-store';
import { paRoutes } from './routes-pa';
import { criteriaRoutes } from './routes-criteria';
import { disclosureRoutes } from './routes-disclosure';
import { codeRoutes } from './routes-codes';

export function coverageRoutes(ctx: AppContext, catalog: CriteriaCatalog): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(paRoutes(ctx, catalog));
    await app.register(criteriaRoutes(ctx, catalog));
    await app.register(disclosureRoutes(ctx, catalog));
    await app.register(codeRoutes(ctx, catalog));
  };
}
