/**
 * Invariants (ElementDefinition.constraint, FHIR R4 §ElementDefinition and §FHIRPath): each
 * constraint's FHIRPath `expression` is compiled once with the `fhirpath` package and the R4
 * model, and evaluated on every occurrence of the element. Only a `false` result fails the
 * constraint: an empty result passes. Strict FHIRPath gives an empty result for core invariants
 * on perfectly valid data (ref-1 on a Reference with only an identifier: `reference.startsWith('#')`
 * is empty), which the HL7 reference validator's FHIRPath engine answers with `false`-based
 * short cuts; treating empty as "not violated" reproduces its results.
 *
 * A few base constraints that hold on nearly every element are evaluated natively for speed
 * (ele-1 and ext-1 in the walker; `htmlChecks()` here, which fhirpath.js does not implement);
 * `memberOf()` is answered synchronously from the packages' value sets.
 */
import fhirpath, { type UserInvocationTable } from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { Constraint } from './definitions';
import { isRecord, objs, str, type JsonObject } from './json';
import { nativeInvariant } from './native-invariants';

/** The outcome of one invariant on one node. */
export type InvariantResult = { readonly kind: 'pass' } | { readonly kind: 'fail' } | { readonly kind: 'error'; readonly message: string };

type Evaluator = (node: unknown, env: Record<string, unknown>) => unknown;

/** Answers `memberOf(valueSet)` for a code, Coding or CodeableConcept value. */
export type MemberOf = (value: unknown, valueSet: string) => boolean | undefined;

const PASS: InvariantResult = { kind: 'pass' };
const FAIL: InvariantResult = { kind: 'fail' };

/** Narrative XHTML rules of txt-1 / txt-2 (FHIR R4 §2.23.0 Narrative). */
export function htmlChecks(div: string): boolean {
  if (!/^\s*<div[\s>]/.test(div) || !/xmlns\s*=\s*["']http:\/\/www\.w3\.org\/1999\/xhtml["']/.test(div)) return false;
  if (/<\s*(script|form|input|button|iframe|object|embed|applet|base|link|meta|style)\b/i.test(div)) return false;
  if (/\son[a-z]+\s*=/i.test(div)) return false;
  // txt-2: some non-whitespace content (text after a tag, or an image).
  return /<img\b/i.test(div) || />\s*[^<\s]/.test(div);
}

/** Every string in a JSON value (references, canonicals and uris among them). */
function strings(v: unknown, out: Set<string>): Set<string> {
  if (typeof v === 'string') out.add(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (isRecord(v)) for (const x of Object.values(v)) strings(x, out);
  return out;
}

/**
 * dom-3 (FHIR R4 §DomainResource): each contained resource is referenced from elsewhere in the
 * resource (`#id` as a reference, canonical or uri), or itself refers to its container (`#`).
 */
export function containedAreReferenced(resource: JsonObject): boolean {
  const contained = objs(resource, 'contained');
  const outside = strings({ ...resource, contained: undefined }, new Set());
  const inside = strings(contained, new Set());
  return contained.every((c) => {
    const id = str(c, 'id');
    if (id !== undefined && (outside.has(`#${id}`) || inside.has(`#${id}`))) return true;
    return strings(c, new Set()).has('#');
  });
}

export class InvariantEngine {
  private readonly compiled = new Map<string, Evaluator | Error>();
  private readonly options: { traceFn: () => void; userInvocationTable: UserInvocationTable };

  constructor(memberOf: MemberOf) {
    const fn = (inputs: readonly unknown[], valueSet: string): boolean[] => {
      const out: boolean[] = [];
      for (const v of inputs) {
        const r = memberOf(v, valueSet);
        if (r !== undefined) out.push(r);
      }
      return out;
    };
    this.options = { traceFn: () => undefined, userInvocationTable: { memberOf: { fn, arity: { 1: ['String'] } } } };
  }

  /**
   * Evaluate `constraint` on `node` (whose FHIR model path is `base`). `resource` is the
   * resource that holds the node (`%resource`), `root` the outermost one (`%rootResource`).
   */
  evaluate(constraint: Constraint, base: string, node: unknown, resource: JsonObject, root: JsonObject): InvariantResult {
    const expression = constraint.expression;
    if (expression === undefined) return { kind: 'error', message: 'the constraint has no FHIRPath expression' };
    const native = this.native(constraint, expression, node, resource, root);
    if (native !== undefined) return native;
    const fn = this.compile(base, expression);
    if (fn instanceof Error) return { kind: 'error', message: fn.message };
    try {
      const result = fn(node, { resource, rootResource: root });
      if (!Array.isArray(result)) return { kind: 'error', message: 'the expression did not return a collection' };
      return result.length === 1 && result[0] === false ? FAIL : PASS;
    } catch (e) {
      return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }

  private native(c: Constraint, expression: string, node: unknown, resource: JsonObject, root: JsonObject): InvariantResult | undefined {
    const fast = nativeInvariant(expression);
    const answer = fast === undefined ? undefined : fast(node, resource, root);
    if (answer !== undefined) return answer ? PASS : FAIL;
    if (expression === 'htmlChecks()') {
      const div = typeof node === 'string' ? node : isRecord(node) ? str(node, 'div') : undefined;
      return div !== undefined && htmlChecks(div) ? PASS : FAIL;
    }
    if (!isRecord(node)) return undefined;
    // dom-2..dom-5 and dom-r4b only concern contained resources.
    if (/^dom-(2|3|4|5|r4b)$/.test(c.key) && objs(node, 'contained').length === 0) return PASS;
    // dom-3 uses `descendants().as(canonical)` on a collection, which fhirpath.js 5 rejects.
    if (c.key === 'dom-3') return containedAreReferenced(node) ? PASS : FAIL;
    if (c.key === 'dom-6' && expression === 'text.`div`.exists()') {
      const text = node['text'];
      return isRecord(text) && typeof text['div'] === 'string' ? PASS : FAIL;
    }
    return undefined;
  }

  private compile(base: string, expression: string): Evaluator | Error {
    const key = `${base}\u0000${expression}`;
    let fn = this.compiled.get(key);
    if (fn === undefined) {
      try {
        const compiled = fhirpath.compile({ base, expression }, r4, this.options);
        fn = (node: unknown, env: Record<string, unknown>): unknown => compiled(node, env);
      } catch (e) {
        fn = new Error(`cannot compile: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.compiled.set(key, fn);
    }
    return fn;
  }
}
