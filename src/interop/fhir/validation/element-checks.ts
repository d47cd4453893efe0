/**
 * Checks on one occurrence of an element against its ElementDefinition: `fixed[x]` and
 * `pattern[x]` (FHIR R4 §ElementDefinition.fixed[x] / pattern[x]), required bindings
 * (§ElementDefinition.binding, strength `required`) and invariants (§ElementDefinition.constraint).
 */
import { report, type Walk } from './context';
import type { Constraint, ElementDef } from './definitions';
import type { InvariantResult } from './invariants';
import { brief, deepEqual, isRecord, matchesPattern, objs, str } from './json';

/** `fixed[x]` must match exactly; `pattern[x]` must be contained in the value. */
export function checkFixedPattern(w: Walk, def: ElementDef, value: unknown, path: string): void {
  if (def.fixed !== undefined && !deepEqual(value, def.fixed.value)) {
    report(w, 'error', 'value', path, `Value ${brief(value)} does not equal the fixed value ${brief(def.fixed.value)} (${def.fixed.key}) required by ${def.id}`);
  }
  if (def.pattern !== undefined && !matchesPattern(value, def.pattern.value)) {
    report(w, 'error', 'value', path, `Value ${brief(value)} does not match the pattern ${brief(def.pattern.value)} (${def.pattern.key}) required by ${def.id}`);
  }
}

/** Required bindings only; other strengths are not enforced (FHIR R4 §4.9.4.1). */
export function checkBinding(w: Walk, def: ElementDef, value: unknown, typeCode: string, path: string): void {
  const b = def.binding;
  if (b === undefined || b.strength !== 'required' || b.valueSet === undefined) return;
  const codings = codingsOf(value, typeCode);
  if (codings === undefined) return;
  const exp = w.engine.terminology.expand(b.valueSet, w.pkg);
  if (exp === undefined) {
    report(w, 'information', 'informational', path, `The value set ${b.valueSet} is not available: the required binding of ${def.id} was not checked`);
    return;
  }
  const coded = codings.filter((c) => c.code !== undefined);
  if (coded.length === 0) {
    report(w, 'error', 'code-invalid', path, `No code provided, and a code from the value set ${b.valueSet} is required (${def.id})`);
    return;
  }
  let firstProblem: string | undefined;
  for (const c of coded) {
    if (c.code === undefined) continue;
    if ((typeCode === 'Coding' || typeCode === 'CodeableConcept') && c.system === undefined) {
      firstProblem ??= `the coding '${c.code}' has no system`;
      continue;
    }
    const r = w.engine.terminology.check(exp, c.system, c.code);
    if (r.ok) return;
    firstProblem ??= r.message;
  }
  report(w, 'error', 'code-invalid', path, `${capitalise(firstProblem ?? 'no valid code')} (required binding of ${def.id})`);
}

interface CodingLike {
  readonly system: string | undefined;
  readonly code: string | undefined;
}

function codingsOf(value: unknown, typeCode: string): readonly CodingLike[] | undefined {
  switch (typeCode) {
    case 'code':
    case 'string':
    case 'uri':
      return typeof value === 'string' ? [{ system: undefined, code: value }] : undefined;
    case 'Coding':
    case 'Quantity':
      return isRecord(value) ? [{ system: str(value, 'system'), code: str(value, 'code') }] : undefined;
    case 'CodeableConcept':
      return isRecord(value) ? objs(value, 'coding').map((c) => ({ system: str(c, 'system'), code: str(c, 'code') })) : undefined;
    default:
      return undefined;
  }
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Keys evaluated natively by the walker (ele-1: value or children; ext-1: value xor extensions). */
const NATIVE = new Set(['ele-1', 'ext-1']);

/** Evaluate the invariants of an element on one occurrence (`base` is its FHIR model path). */
export function checkConstraints(w: Walk, constraints: readonly Constraint[], value: unknown, base: string, path: string): void {
  for (const c of constraints) {
    if (NATIVE.has(c.key) && (c.expression?.startsWith('hasValue()') === true || c.key === 'ext-1')) continue;
    const r = evaluateCached(w, c, base, value);
    switch (r.kind) {
      case 'pass':
        break;
      case 'fail':
        report(w, c.severity, 'invariant', path, `Constraint failed: ${c.key}: ${c.human} (${c.expression ?? ''})`);
        break;
      case 'error':
        report(w, 'warning', 'not-supported', path, `Invariant ${c.key} could not be evaluated (${r.message}); expression: ${c.expression ?? ''}`);
        break;
      default: {
        const never: never = r;
        throw new Error(`unexpected invariant result ${String(never)}`);
      }
    }
  }
}

function evaluateCached(w: Walk, c: Constraint, base: string, value: unknown): InvariantResult {
  if (!isRecord(value)) return w.engine.invariants.evaluate(c, base, value, w.resource, w.root);
  const key = `${base}\u0000${c.expression ?? ''}`;
  const hit = w.session.invariantCache(value).get(key);
  if (hit !== undefined) return hit;
  const r = w.engine.invariants.evaluate(c, base, value, w.resource, w.root);
  w.session.invariantCache(value).set(key, r);
  return r;
}
