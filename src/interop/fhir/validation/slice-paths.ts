/**
 * Discriminator paths (FHIR R4 §Profiling 5.1.0.2.1 "Discriminator"): the restricted FHIRPath
 * of `ElementDefinition.slicing.discriminator.path` — names, `$this`, `extension('url')`,
 * `ofType(T)` / `as T`, `resolve()` — parsed once, and followed through a slice's definition to
 * the element whose `fixed[x]`, `pattern[x]`, types, cardinality or profiles identify the slice.
 */
import type { Walk } from './context';
import type { ElementNode } from './element-tree';
import { splitCanonical } from './definitions';

export type Step =
  | { readonly kind: 'this' }
  | { readonly kind: 'child'; readonly name: string }
  | { readonly kind: 'extension'; readonly url: string }
  | { readonly kind: 'ofType'; readonly type: string }
  | { readonly kind: 'resolve' };

/** What a slice's definition says at the end of a discriminator path. */
export interface Expected {
  readonly fixed: unknown;
  readonly pattern: unknown;
  readonly types: readonly string[];
  readonly min: number;
  readonly max: string;
  readonly profiles: readonly string[];
}

const parsed = new Map<string, readonly Step[] | null>();

/** Split on dots outside parentheses and quotes. */
function segments(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (const ch of path) {
    if (quote !== '') {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Parse a discriminator path; `undefined` when it uses something we do not support. */
export function parseDiscriminatorPath(path: string): readonly Step[] | undefined {
  const cached = parsed.get(path);
  if (cached !== undefined) return cached ?? undefined;
  const steps: Step[] = [];
  let ok = true;
  for (const raw of segments(path)) {
    const seg = raw.trim();
    const ext = /^extension\(\s*['"](.+)['"]\s*\)$/.exec(seg);
    const ofType = /^ofType\(\s*([A-Za-z]+)\s*\)$/.exec(seg);
    const asType = /^([A-Za-z]+)\s+as\s+([A-Za-z]+)$/.exec(seg);
    if (seg === '$this') steps.push({ kind: 'this' });
    else if (seg === 'resolve()') steps.push({ kind: 'resolve' });
    else if (ext?.[1] !== undefined) steps.push({ kind: 'extension', url: ext[1] });
    else if (ofType?.[1] !== undefined) steps.push({ kind: 'ofType', type: ofType[1] });
    else if (asType?.[1] !== undefined && asType[2] !== undefined) steps.push({ kind: 'child', name: asType[1] }, { kind: 'ofType', type: asType[2] });
    else if (/^[A-Za-z][A-Za-z0-9]*$/.test(seg)) steps.push({ kind: 'child', name: seg });
    else ok = false;
  }
  parsed.set(path, ok ? steps : null);
  return ok ? steps : undefined;
}

/** Children of an element: expanded in the snapshot, or those of its (profiled) type. */
function childrenOf(w: Walk, node: ElementNode): ReadonlyMap<string, ElementNode> {
  if (node.children.size > 0) return node.children;
  const type = node.def.types[0];
  if (type === undefined) return node.children;
  for (const p of type.profiles) {
    const sd = w.engine.registry.structure(p, w.pkg);
    const root = sd === undefined ? undefined : w.engine.tree(sd)?.root;
    if (root !== undefined) return root.children;
  }
  return w.engine.typeTree(type.code)?.root.children ?? node.children;
}

/** The extension URL a slice of `extension` stands for. */
function sliceUrl(w: Walk, slice: ElementNode): string | undefined {
  const fixed = childrenOf(w, slice).get('url')?.def.fixed?.value;
  if (typeof fixed === 'string') return fixed;
  const profile = slice.def.types[0]?.profiles[0];
  return profile === undefined ? undefined : splitCanonical(profile).url;
}

/**
 * What the slice's definition says at the end of a discriminator path (memoised per slice, path
 * and resolution package); `undefined` when the path cannot be followed.
 */
export function expectedAt(w: Walk, slice: ElementNode, path: string): Expected | undefined {
  const key = `${w.pkg?.name ?? ''}#${w.pkg?.version ?? ''}#${path}`;
  let perSlice = w.engine.sliceExpectations.get(slice);
  if (perSlice === undefined) w.engine.sliceExpectations.set(slice, (perSlice = new Map<string, Expected | null>()));
  const hit = perSlice.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const steps = parseDiscriminatorPath(path);
  const expected = steps === undefined ? undefined : navigate(w, slice, steps);
  perSlice.set(key, expected ?? null);
  return expected;
}

/** Follow `steps` through the slice's definition. */
function navigate(w: Walk, slice: ElementNode, steps: readonly Step[]): Expected | undefined {
  let cur = slice;
  let prev: ElementNode | undefined;
  let restricted: string | undefined;
  for (const step of steps) {
    switch (step.kind) {
      case 'this':
        break;
      case 'child': {
        const children = childrenOf(w, cur);
        const next = children.get(step.name) ?? children.get(`${step.name}[x]`);
        if (next === undefined) return undefined;
        prev = cur;
        cur = next;
        restricted = undefined;
        break;
      }
      case 'extension': {
        const ext = childrenOf(w, cur).get('extension');
        const s = ext?.slices.find((sl) => sliceUrl(w, sl) === step.url);
        if (s === undefined) return undefined;
        prev = cur;
        cur = s;
        break;
      }
      case 'ofType': {
        const s = cur.slices.find((sl) => sl.def.types.length === 1 && sl.def.types[0]?.code === step.type);
        if (s !== undefined) cur = s;
        restricted = step.type;
        break;
      }
      case 'resolve': {
        const tp = cur.def.types.flatMap((t) => t.targetProfiles)[0];
        const sd = tp === undefined ? undefined : w.engine.registry.structure(tp, w.pkg);
        const root = sd === undefined ? undefined : w.engine.tree(sd)?.root;
        if (root === undefined) return undefined;
        cur = root;
        break;
      }
      default: {
        const never: never = step;
        throw new Error(`unknown step ${String(never)}`);
      }
    }
  }
  let fixed = cur.def.fixed?.value;
  const last = steps[steps.length - 1];
  if (fixed === undefined && cur.def.pattern === undefined && last?.kind === 'child' && last.name === 'url' && prev !== undefined) {
    fixed = sliceUrl(w, prev);
  }
  return {
    fixed,
    pattern: cur.def.pattern?.value,
    types: restricted !== undefined ? [restricted] : cur.def.types.map((t) => t.code),
    min: cur.def.min,
    max: cur.def.max,
    profiles: cur.def.types.flatMap((t) => t.profiles),
  };
}
