/**
 * The structural walk: JSON properties of an object against the child ElementDefinitions of a
 * snapshot (unknown elements, JSON types, arrays, choice types `x[x]`, primitive `_x`
 * companions), cardinality at every level, and dispatch of each occurrence to its checks
 * (FHIR R4 §2.6.2 JSON, §ElementDefinition.min/max, §Profiling "choice types").
 */
import { report, type Walk } from './context';
import type { ElementNode } from './element-tree';
import type { JsonObject } from './json';
import { applySlicing } from './slicing';
import { validateOccurrence } from './occurrence';

/** One occurrence of an element in the instance. */
export interface Occurrence {
  /** The JSON value (`undefined` when only the `_name` companion is present). */
  readonly value: unknown;
  /** The `_name` companion of a primitive (id and extensions). */
  readonly ext: unknown;
  /** The data type of this occurrence (from the property name for choice types). */
  readonly typeCode: string | undefined;
  /** FHIRPath of this occurrence. */
  readonly path: string;
}

/** Guards the recursion against hostile nesting (legitimate resources stay far below). */
const MAX_PATH_LENGTH = 6000;

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** The allowed type of a choice element matching a property suffix (`Quantity`, `DateTime`). */
function choiceType(node: ElementNode, suffix: string): string | undefined {
  return node.def.types.find((t) => upperFirst(t.code) === suffix)?.code;
}

/** The choice child (`value[x]`) a property such as `valueQuantity` belongs to. */
function choiceChild(w: Walk, children: ReadonlyMap<string, ElementNode>, key: string): ElementNode | undefined {
  for (const [name, child] of children) {
    if (!name.endsWith('[x]')) continue;
    const prefix = name.slice(0, -3);
    if (key.length <= prefix.length || !key.startsWith(prefix)) continue;
    const suffix = key.slice(prefix.length);
    if (suffix.charAt(0) !== suffix.charAt(0).toUpperCase()) continue;
    const lower = suffix.charAt(0).toLowerCase() + suffix.slice(1);
    if (choiceType(child, suffix) !== undefined || w.engine.registry.typeDefinition(suffix) !== undefined || w.engine.registry.typeDefinition(lower) !== undefined) {
      return child;
    }
  }
  return undefined;
}

/**
 * Validate the properties of `obj` against `children`. `path` is the FHIRPath of `obj`;
 * `isResource` allows the `resourceType` property.
 */
export function walkChildren(w: Walk, obj: JsonObject, children: ReadonlyMap<string, ElementNode>, path: string, isResource = false): void {
  if (path.length > MAX_PATH_LENGTH) {
    report(w, 'error', 'structure', path.slice(0, 200), `The resource is nested too deeply to be validated (path longer than ${MAX_PATH_LENGTH} characters)`);
    return;
  }
  const keys = Object.keys(obj);
  for (const key of keys) {
    if (isResource && key === 'resourceType') continue;
    const name = key.charCodeAt(0) === 95 /* _ */ ? key.slice(1) : key;
    if (children.has(name) || choiceChild(w, children, name) !== undefined) continue;
    report(w, 'error', 'structure', `${path}.${key}`, `Unrecognized element '${key}' (not defined for ${path})`);
  }
  for (const [name, child] of children) {
    const choice = name.endsWith('[x]');
    let occurrences: readonly Occurrence[];
    if (choice) occurrences = collectChoice(w, obj, keys, child, path);
    else if (obj[name] === undefined && obj[`_${name}`] === undefined) occurrences = NONE;
    else occurrences = collect(w, obj, child, path);
    // Absent and optional, with no slice that could be required: nothing to check.
    if (occurrences.length === 0 && child.def.min === 0 && child.slices.length === 0) continue;
    checkElement(w, child, occurrences, `${path}.${choice ? name.slice(0, -3) : name}`);
  }
}

const NONE: readonly Occurrence[] = [];

function collect(w: Walk, obj: JsonObject, node: ElementNode, path: string): Occurrence[] {
  const name = node.name;
  const v = obj[name];
  const e = obj[`_${name}`];
  if (v === undefined && e === undefined) return [];
  // With several types (a resource element allowing several resource types) the occurrence decides.
  const typeCode = node.def.types.length === 1 ? node.def.types[0]?.code : undefined;
  const isArray = node.def.baseMax !== '1' && node.def.baseMax !== '0';
  if (!isArray) {
    if (Array.isArray(v) || Array.isArray(e)) {
      report(w, 'error', 'structure', `${path}.${name}`, `The element '${name}' has at most one value and must not be a JSON array`);
      return [];
    }
    return [{ value: v ?? undefined, ext: e ?? undefined, typeCode, path: `${path}.${name}` }];
  }
  if ((v !== undefined && !Array.isArray(v)) || (e !== undefined && !Array.isArray(e))) {
    report(w, 'error', 'structure', `${path}.${name}`, `The element '${name}' repeats and must be a JSON array`);
    return [];
  }
  const values: readonly unknown[] = Array.isArray(v) ? v : [];
  const exts: readonly unknown[] = Array.isArray(e) ? e : [];
  if (values.length === 0 && exts.length === 0) {
    // FHIR R4 §2.6.2: "arrays SHALL NOT be empty" — absent, not [].
    report(w, 'error', 'structure', `${path}.${name}`, `The array '${name}' is empty: leave the element out instead`);
    return [];
  }
  const out: Occurrence[] = [];
  const n = Math.max(values.length, exts.length);
  for (let i = 0; i < n; i++) {
    const value = values[i] ?? undefined;
    const ext = exts[i] ?? undefined;
    const p = `${path}.${name}[${i}]`;
    if (value === undefined && ext === undefined) {
      report(w, 'error', 'structure', p, `Array item ${i} of '${name}' is null`);
      continue;
    }
    out.push({ value, ext, typeCode, path: p });
  }
  return out;
}

function collectChoice(w: Walk, obj: JsonObject, keys: readonly string[], node: ElementNode, path: string): Occurrence[] {
  const prefix = node.name.slice(0, -3);
  if (!keys.some((k) => k.startsWith(prefix) || k.startsWith(`_${prefix}`))) return [];
  const found = new Map<string, { value: unknown; ext: unknown }>();
  for (const key of keys) {
    const name = key.startsWith('_') ? key.slice(1) : key;
    if (name.length <= prefix.length || !name.startsWith(prefix)) continue;
    const suffix = name.slice(prefix.length);
    if (suffix.charAt(0) !== suffix.charAt(0).toUpperCase()) continue;
    const entry = found.get(suffix) ?? { value: undefined, ext: undefined };
    found.set(suffix, key.startsWith('_') ? { ...entry, ext: obj[key] } : { ...entry, value: obj[key] });
  }
  if (found.size === 0) return [];
  if (found.size > 1) {
    report(w, 'error', 'structure', `${path}.${prefix}`, `Only one type is allowed for '${node.name}', found ${[...found.keys()].map((s) => prefix + s).join(', ')}`);
  }
  const out: Occurrence[] = [];
  // With several types present the error above says it all: check only the first.
  for (const [suffix, { value, ext }] of [...found].slice(0, 1)) {
    const typeCode = choiceType(node, suffix);
    if (typeCode === undefined) {
      const allowed = node.def.types.map((t) => t.code).join(', ');
      report(w, 'error', 'structure', `${path}.${prefix}${suffix}`, `The type ${suffix} is not allowed for '${node.name}' here (allowed: ${allowed})`);
      continue;
    }
    if (Array.isArray(value)) {
      report(w, 'error', 'structure', `${path}.${prefix}${suffix}`, `The element '${prefix}${suffix}' must not be a JSON array`);
      continue;
    }
    out.push({ value, ext, typeCode, path: `${path}.${prefix}.ofType(${typeCode})` });
  }
  return out;
}

const maxOf = (max: string): number => (max === '*' ? Number.POSITIVE_INFINITY : Number(max));

/** Cardinality, slicing, then the checks of each occurrence. */
export function checkElement(w: Walk, node: ElementNode, occurrences: readonly Occurrence[], path: string): void {
  const def = node.def;
  const max = maxOf(def.max);
  if (max === 0 && occurrences.length > 0) {
    for (const o of occurrences) report(w, 'error', 'structure', o.path, `The element ${def.id} is not allowed here (max = 0)`);
    return;
  }
  if (occurrences.length > max) {
    report(w, 'error', 'structure', path, `${def.id}: maximum allowed = ${def.max}, but found ${occurrences.length}`);
  }
  if (occurrences.length < def.min) {
    report(w, 'error', 'required', path, `${def.id}: minimum required = ${def.min}, but only found ${occurrences.length}`);
  }
  // Slices are checked even with no occurrence: a slice may be required (min ≥ 1).
  const assigned = def.slicing !== undefined && node.slices.length > 0 ? applySlicing(w, node, occurrences, path) : undefined;
  occurrences.forEach((o, i) => validateOccurrence(w, assigned?.[i] ?? node, o));
}

