/**
 * The no-automatic-denial property, end to end: random answers (right and wrong types, missing,
 * out of range, unknown questions) submitted through the intake API for two shipped sets. Whatever
 * arrives, the automation stores no adverse determination; it approves only when the set's logic,
 * recomputed here from the same answers, is met; everything else waits for a person.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { seedCoverage } from '../src/demo/criteria-seed';
import { determinations } from '../src/determination/schema';
import { shippedSet } from '../src/criteria/test-support';
import { evaluateCriteria, type CompiledCriteriaSet, type QuestionnaireItemDef } from '../src/criteria';
import { evaluationContext } from '../src/coverage/line-facts';

let h: TestApp;
let t: TestTenant;
let provider: string;
let year = 2100;

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  await seedCoverage(h.app.ctx.db, t.tenantId, h.clock, { contractIds: [t.contracts.ma] });
  provider = await h.login(t.usernames.provider);
});
afterAll(async () => h.close());

function questions(items: readonly QuestionnaireItemDef[], out: QuestionnaireItemDef[] = []): QuestionnaireItemDef[] {
  for (const i of items) {
    if (i.type !== 'group' && i.type !== 'display') out.push(i);
    questions(i.item ?? [], out);
  }
  return out;
}

/** An answer for an item: usually of its type and near the thresholds, sometimes of another type. */
function answerArb(item: QuestionnaireItemDef): fc.Arbitrary<QuestionnaireResponseItemAnswer> {
  const codes = (item.answerOption ?? []).map((o) => o.valueCoding.code);
  const right: fc.Arbitrary<QuestionnaireResponseItemAnswer> =
    item.type === 'boolean' ? fc.boolean().map((v) => ({ valueBoolean: v }))
      : item.type === 'decimal' ? fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double({ min: -10, max: 200, noNaN: true })).map((v) => ({ valueDecimal: v }))
        : item.type === 'integer' ? fc.integer({ min: -5, max: 400 }).map((v) => ({ valueInteger: v }))
          : item.type === 'date' ? fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => ({ valueDate: d.toISOString().slice(0, 10) }))
            : codes.length > 0 ? fc.constantFrom(...codes, 'not-an-option').map((code) => ({ valueCoding: { code } }))
              : fc.string({ maxLength: 10 }).map((v) => ({ valueString: v }));
  const wrong = fc.oneof(fc.boolean().map((v) => ({ valueBoolean: v })), fc.integer().map((v) => ({ valueInteger: v })), fc.string({ maxLength: 8 }).map((v) => ({ valueString: v })));
  return fc.oneof({ weight: 6, arbitrary: right }, { weight: 1, arbitrary: wrong });
}

function responseArb(set: CompiledCriteriaSet): fc.Arbitrary<QuestionnaireResponse> {
  const q = set.set.questionnaire;
  const items = questions(q.item).map((item) => fc.option(fc.array(answerArb(item), { minLength: 1, maxLength: item.repeats === true ? 3 : 1 }).map((answer): QuestionnaireResponseItem => ({ linkId: item.linkId, answer })), { freq: 4 }));
  const unknownItem: QuestionnaireResponseItem = { linkId: 'no-such-question', answer: [{ valueBoolean: true }] };
  const extra = fc.option(fc.constant(unknownItem), { freq: 5 });
  return fc.tuple(fc.tuple(...items), extra).map(([given, x]): QuestionnaireResponse => ({
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: `${q.url}|${q.version}`,
    item: [...given.filter((i): i is QuestionnaireResponseItem => i !== null), ...(x === null ? [] : [x])],
  }));
}

const ADVERSE = ['denied', 'approved_modified'];

describe.each([['ncd-240.4-cpap-osa', 'E0601'], ['ncd-240.2-home-oxygen', 'E1390']])('no automatic denial through intake: %s', (setId, code) => {
  it('stores only approvals whose logic is met, or nothing, for any answers', async () => {
    const set = await shippedSet(setId);
    let approvals = 0;
    let referrals = 0;
    await fc.assert(
      fc.asyncProperty(responseArb(set), async (answers) => {
        const y = year++;
        const line = { codeSystem: 'HCPCS' as const, code, units: 1, fromDate: `${y}-02-01`, toDate: `${y}-02-20`, placeOfService: '12' };
        const r = await h.call('POST', '/api/cases', provider, paRequest(t, { lines: [{ ...line, answers }] }));
        expect(r.statusCode).toBe(201);
        const c = r.json();
        const dets = await h.app.ctx.db.select().from(determinations).where(and(eq(determinations.tenantId, t.tenantId), eq(determinations.caseId, c.id)));
        expect(dets.filter((d) => ADVERSE.includes(d.outcome))).toEqual([]);
        const expected = evaluateCriteria(set, evaluationContext({ member: { birthDate: '1950-04-12', sex: 'F' }, line: { ...line, modifiers: [], unitType: 'UN' }, dateOfService: line.fromDate, diagnoses: ['G47.33'], answers, coverageWaivers: [] }));
        if (c.disposition === 'approved') {
          approvals++;
          expect(expected.outcome).toBe('met');
          expect(dets).toEqual([expect.objectContaining({ outcome: 'approved', decidedById: 'automation', basisKind: 'criteria', criteriaSetId: setId })]);
        } else {
          referrals++;
          expect(c).toMatchObject({ status: 'nurse_review', disposition: 'pending' });
          expect(dets).toEqual([]);
        }
      }),
      { numRuns: 30, seed: 20261120 },
    );
    expect(referrals).toBeGreaterThan(0);
    expect(approvals + referrals).toBe(30);
  }, 900_000);
});

it('the automation never stored an adverse determination in this tenant', async () => {
  const rows = await h.app.ctx.db.select().from(determinations).where(and(eq(determinations.tenantId, t.tenantId), inArray(determinations.outcome, ADVERSE)));
  expect(rows).toEqual([]);
});
