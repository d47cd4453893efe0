/**
 * The no-automatic-denial invariant, pinned by property: for EVERY shipped criteria set and any
 * answers — missing, wrong-typed, malformed, extreme — the automation approves as requested or
 * refers to a person, nothing else; and it approves only when the set's logic, recomputed here
 * from the individual criterion results, is met.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { evaluateForAutomation, type AutomationResult } from './automation';
import type { CompiledCriteriaSet } from './engine';
import { loadCriteriaSets } from './loader';
import { allOf, anyOf } from './logic';
import { indexItems, isQuestion } from './questionnaire';
import type { LogicNode, QuestionnaireItemDef } from './schema';
import { MET_EXAMPLES } from './shipped/met-examples';
import { contextFor, SHIPPED_CRITERIA_DIR } from './test-support';
import type { CriterionOutcome, EvaluationContext, ServiceLineFacts } from './types';

let sets: CompiledCriteriaSet[] = [];
beforeAll(async () => { sets = await loadCriteriaSets(SHIPPED_CRITERIA_DIR); });

/** A shallow guard, as an API adapter would apply, so that malformed JSON reaches the engine. */
function isQuestionnaireResponse(value: unknown): value is QuestionnaireResponse {
  return typeof value === 'object' && value !== null && 'resourceType' in value && value.resourceType === 'QuestionnaireResponse';
}

const extremeNumber = fc.oneof(
  fc.integer({ min: -10, max: 400 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: false }),
  fc.constantFrom(0, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 55, 56, 88, 89, 15, 35, 36, 72, 100),
);
const anyDate = fc.oneof(
  fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2025-02-30', '2025', '2025-03', 'yesterday', '', '2025-03-03T10:00:00Z'),
);
const junk: fc.Arbitrary<unknown> = fc.oneof(fc.string(), extremeNumber, fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));

/** One answer for an item: well-typed (mostly), of another FHIR type, or malformed JSON. */
function answerArb(item: QuestionnaireItemDef): fc.Arbitrary<unknown> {
  const codes = (item.answerOption ?? []).map((o) => o.valueCoding);
  const valid: fc.Arbitrary<unknown> = (() => {
    switch (item.type) {
      case 'boolean': return fc.boolean().map((v) => ({ valueBoolean: v }));
      case 'decimal': return extremeNumber.map((v) => ({ valueDecimal: v }));
      case 'integer': return extremeNumber.map((v) => ({ valueInteger: v }));
      case 'date': return anyDate.map((v) => ({ valueDate: v }));
      case 'choice':
      case 'open-choice':
        return codes.length > 0
          ? fc.oneof(fc.constantFrom(...codes).map((c) => ({ valueCoding: { ...c } })), fc.string().map((code) => ({ valueCoding: { code } })))
          : fc.string().map((code) => ({ valueCoding: { code } }));
      case 'quantity': return extremeNumber.map((v) => ({ valueQuantity: { value: v } }));
      case 'dateTime':
      case 'time':
      case 'string':
      case 'text':
      case 'url':
      case 'attachment':
      case 'reference':
      case 'group':
      case 'display':
        return fc.string().map((v) => ({ valueString: v }));
    }
  })();
  const otherType: fc.Arbitrary<unknown> = fc.oneof(
    fc.string().map((v) => ({ valueString: v })),
    fc.boolean().map((v) => ({ valueBoolean: v })),
    extremeNumber.map((v) => ({ valueDecimal: v })),
    anyDate.map((v) => ({ valueDate: v })),
    extremeNumber.map((v) => ({ valueQuantity: { value: v, code: 'mm[Hg]' } })),
  );
  const malformed: fc.Arbitrary<unknown> = fc.oneof(
    junk.map((v) => ({ valueDecimal: v })), junk.map((v) => ({ valueBoolean: v })), junk.map((v) => ({ valueCoding: v })), junk,
  );
  return fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: otherType }, { weight: 1, arbitrary: malformed });
}

function responseArb(compiled: CompiledCriteriaSet): fc.Arbitrary<unknown> {
  const questions = [...indexItems(compiled.set.questionnaire).values()].map((e) => e.item).filter(isQuestion);
  const itemArbs = questions.map((item) => fc.option(
    fc.record({ linkId: fc.constant(item.linkId), answer: fc.array(answerArb(item), { minLength: 1, maxLength: item.repeats ? 3 : 1 }) }),
    { freq: 4 },
  ));
  const stray = fc.array(fc.record({ linkId: fc.string(), answer: fc.array(junk, { maxLength: 2 }) }), { maxLength: 2 });
  const q = compiled.set.questionnaire;
  return fc.record({
    items: fc.tuple(...itemArbs),
    stray,
    duplicate: fc.boolean(),
    questionnaire: fc.constantFrom(`${q.url}|${q.version}`, q.url, undefined, 'https://example.org/other'),
  }).map(({ items, stray, duplicate, questionnaire }) => {
    const present = items.filter((i) => i !== null);
    const all = [...present, ...stray, ...(duplicate && present[0] ? [present[0]] : [])];
    return { resourceType: 'QuestionnaireResponse', status: 'completed', ...(questionnaire ? { questionnaire } : {}), item: all };
  });
}

function lineArb(compiled: CompiledCriteriaSet): fc.Arbitrary<ServiceLineFacts> {
  const codes = compiled.set.appliesTo.flatMap((s) => ('code' in s ? [[s.system, s.code] as const] : [[s.system, s.from] as const, [s.system, s.to] as const]));
  return fc.record({
    code: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...codes) }, { weight: 1, arbitrary: fc.constantFrom(['CPT', '99213'] as const, ['HCPCS', 'E0100'] as const, ['REV', '0450'] as const) }),
    units: extremeNumber,
    unitType: fc.constantFrom('units' as const, 'days' as const, 'visits' as const),
    from: anyDate,
    to: fc.option(anyDate, { nil: undefined }),
    pos: fc.option(fc.constantFrom('11', '12', '21', '22', '23', '31'), { nil: undefined }),
  }).map(({ code, units, unitType, from, to, pos }) => ({
    codeSystem: code[0], code: code[1], modifiers: [], units, unitType, from, to, placeOfService: pos,
  }));
}

function contextArb(compiled: CompiledCriteriaSet): fc.Arbitrary<EvaluationContext> {
  return fc.record({
    response: responseArb(compiled),
    line: lineArb(compiled),
    dos: fc.oneof({ weight: 4, arbitrary: fc.constant('2025-03-03') }, { weight: 1, arbitrary: anyDate }),
    birthDate: anyDate,
    waivers: fc.subarray(['snf-3-day-stay', 'other']),
  }).map(({ response, line, dos, birthDate, waivers }) => ({
    member: { birthDate, sex: 'unknown' as const },
    dateOfService: dos,
    diagnoses: ['E11.9', 'bogus'],
    line,
    answers: isQuestionnaireResponse(response) ? response : undefined,
    coverageWaivers: waivers,
  }));
}

/** The set's logic recomputed from the per-criterion results (independent of the engine's tree). */
function recompute(node: LogicNode, outcomes: ReadonlyMap<string, CriterionOutcome>): CriterionOutcome {
  if (typeof node === 'string') return outcomes.get(node) ?? 'unknown';
  if ('allOf' in node) return allOf(node.allOf.map((n) => recompute(n, outcomes)));
  return anyOf(node.anyOf.map((n) => recompute(n, outcomes)));
}

function checkInvariant(compiled: CompiledCriteriaSet, ctx: EvaluationContext, result: AutomationResult): boolean {
  const kind: string = result.kind;
  expect(['approve', 'refer_to_review']).toContain(kind);
  switch (result.kind) {
    case 'refer_to_review':
      expect(Object.keys(result).sort()).toEqual(['evaluation', 'kind', 'reasons']);
      expect(result.reasons.length).toBeGreaterThan(0);
      return false;
    case 'approve': {
      expect(Object.keys(result).sort()).toEqual(['asRequested', 'basis', 'evaluation', 'kind']);
      expect(result.asRequested).toBe(true);
      const outcomes = new Map(result.evaluation.criteria.map((c) => [c.id, c.outcome]));
      expect(recompute(compiled.set.logic, outcomes)).toBe('met');
      expect(result.evaluation.criteria.every((c) => c.error === undefined)).toBe(true);
      expect(result.evaluation.answerProblems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(result.basis.criteria.every((c) => outcomes.get(c.id) === 'met')).toBe(true);
      expect(ctx.dateOfService >= compiled.set.effective.from).toBe(true);
      return true;
    }
  }
}

/** A met request with some answers kept, some dropped and some replaced by arbitrary ones. */
function mutatedMetArb(compiled: CompiledCriteriaSet): fc.Arbitrary<EvaluationContext> {
  const example = MET_EXAMPLES[compiled.set.id];
  if (example === undefined) throw new Error(`no met example for ${compiled.set.id}`);
  const met = contextFor(compiled, example);
  const index = indexItems(compiled.set.questionnaire);
  const linkIds = Object.keys(example.answers ?? {});
  const edits = fc.tuple(...linkIds.map((linkId) => {
    const item = index.get(linkId)?.item;
    if (item === undefined) throw new Error(`${linkId} is not an item of ${compiled.set.id}`);
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant({ kind: 'keep' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'drop' as const }) },
      { weight: 2, arbitrary: answerArb(item).map((answer) => ({ kind: 'replace' as const, answer })) },
    );
  }));
  return fc.record({ edits, units: fc.oneof({ weight: 3, arbitrary: fc.constant(met.line.units) }, { weight: 1, arbitrary: extremeNumber }) })
    .map(({ edits, units }) => {
      const flat: unknown[] = [];
      linkIds.forEach((linkId, i) => {
        const edit = edits[i];
        const original = responseItemsOf(met.answers).find((it) => it.linkId === linkId);
        if (edit === undefined || edit.kind === 'drop' || original === undefined) return;
        flat.push(edit.kind === 'keep' ? original : { linkId, answer: [edit.answer] });
      });
      const response: unknown = { ...met.answers, item: flat };
      return { ...met, line: { ...met.line, units }, answers: isQuestionnaireResponse(response) ? response : undefined };
    });
}

function responseItemsOf(qr: QuestionnaireResponse | undefined): { linkId: string }[] {
  const out: { linkId: string }[] = [];
  const walk = (items: QuestionnaireResponse['item']): void => {
    for (const it of items ?? []) {
      if (it.answer !== undefined) out.push(it);
      walk(it.item);
    }
  };
  walk(qr?.item);
  return out;
}

describe('automation never denies (property, every shipped set)', () => {
  it('approves the met example of every shipped set', () => {
    for (const compiled of sets) {
      const example = MET_EXAMPLES[compiled.set.id];
      expect(example, compiled.set.id).toBeDefined();
      const result = evaluateForAutomation(compiled, contextFor(compiled, example));
      expect(result.kind, compiled.set.id).toBe('approve');
    }
  });

  it('keeps the invariant when a met request is mutated (drops, replacements, wrong types)', () => {
    let approvals = 0;
    for (const compiled of sets) {
      fc.assert(fc.property(mutatedMetArb(compiled), (ctx) => {
        const result = evaluateForAutomation(compiled, ctx);
        if (checkInvariant(compiled, ctx, result)) approvals++;
      }), { numRuns: 200, seed: 99 });
    }
    expect(approvals).toBeGreaterThan(sets.length * 20);
  });

  it('covers at least ten shipped sets', () => {
    expect(sets.length).toBeGreaterThanOrEqual(10);
  });

  it('approves as requested only when every required criterion is met, otherwise refers', () => {
    let approvals = 0;
    let runs = 0;
    for (const compiled of sets) {
      fc.assert(fc.property(contextArb(compiled), (ctx) => {
        runs++;
        const result = evaluateForAutomation(compiled, ctx);
        if (checkInvariant(compiled, ctx, result)) approvals++;
        expect(evaluateForAutomation(compiled, ctx)).toEqual(result);
      }), { numRuns: 250, seed: 4242 });
    }
    expect(runs).toBe(sets.length * 250);
    expect(approvals).toBeGreaterThan(0);
  });

  it('also refers under a policy that requires a clinician sign-off, since no shipped set has one', () => {
    for (const compiled of sets) {
      fc.assert(fc.property(contextArb(compiled), (ctx) => {
        const result = evaluateForAutomation(compiled, ctx, { requireClinicalReview: true });
        expect(result.kind).toBe('refer_to_review');
      }), { numRuns: 30, seed: 7 });
    }
  });
});
