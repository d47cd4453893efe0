/**
 * Plain-JSON helpers for the FHIR validator: type guards (the validator takes `unknown` input and
 * never casts it), deep equality for `fixed[x]` and the containment test for `pattern[x]`.
 *
 * FHIR R4 §2.6.2 (JSON representation) and §ElementDefinition.fixed[x] / pattern[x].
 */

/** A JSON object as parsed by `JSON.parse`. */
export type JsonObject = { readonly [key: string]: unknown };

export const isRecord = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isString = (v: unknown): v is string => typeof v === 'string';

export const isStringArray = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every(isString);

/** The string property `key` of `o`, or `undefined`. */
export const str = (o: JsonObject, key: string): string | undefined => {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
};

/** The array property `key` of `o` (empty when absent or not an array). */
export const arr = (o: JsonObject, key: string): readonly unknown[] => {
  const v = o[key];
  return Array.isArray(v) ? v : [];
};

/** The object elements of the array property `key` of `o`. */
export const objs = (o: JsonObject, key: string): readonly JsonObject[] => arr(o, key).filter(isRecord);

/** The object property `key` of `o`, or `undefined`. */
export const obj = (o: JsonObject, key: string): JsonObject | undefined => {
  const v = o[key];
  return isRecord(v) ? v : undefined;
};

/** Structural equality of two JSON values (`fixed[x]`: exact match; numbers compare by value). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isRecord(a)) {
    if (!isRecord(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * Does `value` contain `pattern`? Objects: every property of the pattern is present and matches;
 * arrays: every element of the pattern matches some element of the value; primitives: equal
 * (FHIR R4 ElementDefinition.pattern[x]).
 */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    if (!Array.isArray(value)) return false;
    return pattern.every((p) => value.some((v) => matchesPattern(v, p)));
  }
  if (isRecord(pattern)) {
    if (!isRecord(value)) return false;
    return Object.keys(pattern).every((k) => matchesPattern(value[k], pattern[k]));
  }
  return value === pattern;
}

/** Short JSON rendering for diagnostics. */
export function brief(v: unknown, max = 120): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
