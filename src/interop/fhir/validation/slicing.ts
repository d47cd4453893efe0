/**
 * Slicing (FHIR R4 §Profiling 5.1.0.2 "Slicing", §ElementDefinition.slicing): each occurrence of
 * a sliced element is assigned to the first slice whose discriminators all match — `value`,
 * `pattern`, `type`, `exists` and `profile`, on paths such as `url`, `$this`, `resource`,
 * `category`, `type.coding.system` or `extension('…').value.ofType(boolean)`. Then slice
 * cardinalities, closed slicing and ordered slicing are checked.
 */
import { branch, report, type Walk } from './context';
import type { Discriminator } from './definitions';
import type { ElementNode } from './element-tree';
import { hasErrors } from './issues';
import { deepEqual, isRecord, matchesPattern, str } from './json';
import { resolveReference } from './references';
import { validateAgainst } from './resource';
import { expectedAt, parseDiscriminatorPath, type Step } from './slice-paths';
import { applyTypeRoot } from './occurrence';
import type { Occurrence } from './walker';

interface Item {
  readonly value: unknown;
  readonly type: string | undefined;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Evaluate a discriminator path on an instance value. */
function evaluate(w: Walk, start: Item, steps: readonly Step[]): Item[] {
  let items: Item[] = [start];
  for (const step of steps) {
    const next: Item[] = [];
    for (const it of items) {
      const v = it.value;
      switch (step.kind) {
        case 'this':
          next.push(it);
          break;
        case 'child': {
          if (!isRecord(v)) break;
          const direct = v[step.name];
          if (direct !== undefined) {
            for (const x of Array.isArray(direct) ? direct : [direct]) {
              next.push({ value: x, type: isRecord(x) ? str(x, 'resourceType') : undefined });
            }
            break;
          }
          for (const key of Object.keys(v)) {
            const suffix = key.slice(step.name.length);
            if (key.startsWith(step.name) && suffix.length > 0 && suffix.charAt(0) === suffix.charAt(0).toUpperCase()) {
              const primitive = w.engine.registry.isPrimitiveType(lowerFirst(suffix));
              next.push({ value: v[key], type: primitive ? lowerFirst(suffix) : suffix });
            }
          }
          break;
        }
        case 'extension':
          if (isRecord(v) && Array.isArray(v['extension'])) {
            for (const e of v['extension']) if (isRecord(e) && e['url'] === step.url) next.push({ value: e, type: 'Extension' });
          }
          break;
        case 'ofType':
          if (it.type === undefined || it.type === step.type) next.push({ value: v, type: step.type });
          break;
        case 'resolve': {
          const ref = isRecord(v) ? str(v, 'reference') : undefined;
          const target = ref === undefined ? undefined : resolveReference(w, ref);
          if (target !== undefined) next.push({ value: target, type: str(target, 'resourceType') });
          break;
        }
        default: {
          const never: never = step;
          throw new Error(`unknown discriminator step ${String(never)}`);
        }
      }
    }
    items = next;
  }
  return items;
}

function matches(w: Walk, slice: ElementNode, occ: Occurrence, d: Discriminator): boolean {
  const steps = parseDiscriminatorPath(d.path);
  const expected = expectedAt(w, slice, d.path);
  if (steps === undefined || expected === undefined) return false;
  const items = evaluate(w, { value: occ.value, type: occ.typeCode ?? (isRecord(occ.value) ? str(occ.value, 'resourceType') : undefined) }, steps);
  switch (d.type) {
    case 'value':
    case 'pattern': {
      const want = expected.fixed ?? expected.pattern;
      if (want === undefined) return false;
      return items.some((i) => (expected.fixed !== undefined && d.type === 'value' ? deepEqual(i.value, want) : matchesPattern(i.value, want)));
    }
    case 'type':
      return items.some((i) => i.type !== undefined && expected.types.includes(i.type));
    case 'exists':
      return expected.min > 0 ? items.length > 0 : expected.max === '0' ? items.length === 0 : true;
    case 'profile':
      return items.some((i) => conforms(w, i.value, expected.profiles));
    default: {
      const never: never = d.type;
      throw new Error(`unknown discriminator type ${String(never)}`);
    }
  }
}

function conforms(w: Walk, value: unknown, profiles: readonly string[]): boolean {
  if (!isRecord(value)) return false;
  return profiles.some((p) => {
    const sd = w.engine.registry.structure(p, w.pkg);
    if (sd === undefined) return false;
    if (sd.kind === 'resource') return !hasErrors(validateAgainst(w.session, value, sd, w.pkg));
    const root = w.engine.tree(sd)?.root;
    if (root === undefined) return false;
    const b = branch(w);
    applyTypeRoot(b, root, value, 'value');
    return !hasErrors(b.issues);
  });
}

/** Assign occurrences to slices and check the slicing rules; returns each occurrence's slice. */
export function applySlicing(w: Walk, node: ElementNode, occurrences: readonly Occurrence[], path: string): (ElementNode | undefined)[] {
  const slicing = node.def.slicing;
  if (slicing === undefined) return [];
  // A slice whose discriminator cannot be followed in its definition can never match: say so.
  for (const s of node.slices) {
    for (const d of slicing.discriminators) {
      if (expectedAt(w, s, d.path) === undefined) {
        report(w, 'warning', 'not-supported', path, `Slice '${s.def.sliceName ?? s.def.id}' of ${node.def.id}: the discriminator ${d.type}:${d.path} cannot be evaluated; elements are not matched to this slice`);
      }
    }
  }
  const assigned = occurrences.map((occ) =>
    node.slices.find((s) => slicing.discriminators.length > 0 && slicing.discriminators.every((d) => matches(w, s, occ, d))),
  );
  node.slices.forEach((s) => {
    const n = assigned.filter((a) => a === s).length;
    const max = s.def.max === '*' ? Number.POSITIVE_INFINITY : Number(s.def.max);
    if (n < s.def.min) {
      report(w, 'error', 'required', path, `Slice '${s.def.sliceName ?? s.def.id}' of ${node.def.id}: minimum required = ${s.def.min}, but only found ${n}`);
    }
    if (n > max) report(w, 'error', 'structure', path, `Slice '${s.def.sliceName ?? s.def.id}' of ${node.def.id}: maximum allowed = ${s.def.max}, but found ${n}`);
  });
  occurrences.forEach((occ, i) => {
    if (assigned[i] === undefined && slicing.rules === 'closed') {
      report(w, 'error', 'structure', occ.path, `This element does not match any known slice of ${node.def.id}, and the slicing is closed`);
    }
  });
  if (slicing.ordered) {
    let last = -1;
    occurrences.forEach((occ, i) => {
      const s = assigned[i];
      const idx = s === undefined ? (slicing.rules === 'openAtEnd' ? node.slices.length : last) : node.slices.indexOf(s);
      if (idx < last) report(w, 'error', 'structure', occ.path, `The slices of ${node.def.id} are ordered: this element is out of order`);
      last = Math.max(last, idx);
    });
  }
  return assigned;
}
