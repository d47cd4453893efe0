import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../platform/context';
import { clientIp, principalOf } from '../platform/http/auth';
import { caseView, loadCase } from '../intake/queries';
import { createDeterminationService } from './service';
import { DECISION_OUTCOMES, DENIAL_CATEGORIES } from './model';

const lit = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const DateStr = Type.String({ format: 'date' });

export const DecisionBody = Type.Object(
  {
    lines: Type.Optional(
      Type.Array(
        Type.Object(
          {
            lineId: Type.String({ format: 'uuid' }),
            outcome: lit(DECISION_OUTCOMES),
            approvedUnits: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
            approvedFrom: Type.Optional(DateStr),
            approvedTo: Type.Optional(DateStr),
            approvedCode: Type.Optional(Type.String({ maxLength: 20 })),
            approvedPlaceOfService: Type.Optional(Type.String({ pattern: '^\\d{2}$' })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 50 },
      ),
    ),
    outcome: Type.Optional(lit(DECISION_OUTCOMES)),
    category: Type.Optional(lit(DENIAL_CATEGORIES)),
    reasonCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 8000 })),
    /**
     * What the decision rests on. An adverse outcome needs, for each adverse line, the criteria set
     * that line was checked against (as frozen onto the case) or a coverage rule / plan policy.
     */
    basis: Type.Optional(
      Type.Object(
        {
          criteria: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  criteriaSetId: Type.String({ minLength: 1, maxLength: 200 }),
                  criteriaSetVersion: Type.String({ minLength: 1, maxLength: 50 }),
                  criterionIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })),
                },
                { additionalProperties: false },
              ),
              { maxItems: 50 },
            ),
          ),
          coverageRule: Type.Optional(
            Type.Object(
              {
                rule: Type.String({ minLength: 1, maxLength: 1000, description: 'The coverage rule or plan policy, named' }),
                reference: Type.String({ minLength: 1, maxLength: 300, description: 'Where it is written: EOC section, policy number, NCD/LCD' }),
              },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export function decisionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const service = createDeterminationService(ctx);
  return async (app) => {
    app.post(
      '/cases/:id/decision',
      {
        schema: {
          tags: ['determination'],
          summary: 'Record a determination per line (or one outcome for every pending line); returns the case with its derived disposition',
          params: Type.Object({ id: Type.String() }),
          body: DecisionBody,
        },
      },
      async (req) => {
        const p = principalOf(req);
        await service.decide(p, req.params.id, req.body, { ip: clientIp(req), requestId: req.id });
        return ctx.db.transaction(async (tx) => caseView(tx, p, await loadCase(tx, p, req.params.id)));
      },
    );
  };
}
