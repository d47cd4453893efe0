/**
 * The checks of one element occurrence: primitive JSON type and format, fixed/pattern, binding,
 * invariants, then its content — the snapshot's expanded children, a `contentReference`, or the
 * definition of its data type (the profile named in `type.profile`, the extension definition
 * named by `url`, else the core type). FHIR R4 §ElementDefinition.type, §Extensibility.
 */
import { branch, report, type Walk } from './context';
import type { ElementDef, StructureDef } from './definitions';
import { checkBinding, checkConstraints, checkFixedPattern } from './element-checks';
import type { ElementNode } from './element-tree';
import { hasErrors } from './issues';
import { isRecord, objs, str, type JsonObject } from './json';
import { checkPrimitive, isKnownPrimitive } from './primitives';
import { checkReference } from './references';
import { CORE_PACKAGE } from './registry';
import { validateNestedResource } from './resource';
import { walkChildren, type Occurrence } from './walker';

const isCore = (sd: StructureDef): boolean => sd.pkg.name === CORE_PACKAGE.name;

/** The walk with unversioned canonicals resolved from `sd`'s package (unless it is the core). */
export const inPackageOf = (w: Walk, sd: StructureDef): Walk => (isCore(sd) || w.pkg === sd.pkg ? w : { ...w, pkg: sd.pkg });

/** FHIR model path of an element for FHIRPath (`Extension.value[x]` → `Extension.valueBoolean`). */
function modelBase(def: ElementDef, typeCode: string | undefined): string {
  if (!def.path.endsWith('[x]') || typeCode === undefined) return def.path;
  return def.path.slice(0, -3) + typeCode.charAt(0).toUpperCase() + typeCode.slice(1);
}

/**
 * The type of a non-choice occurrence: the element's type, or — for a resource element allowing
 * several resource types (`Parameters.parameter:order.resource`) — the one matching `resourceType`.
 */
function occurrenceType(w: Walk, def: ElementDef, value: unknown): string | undefined {
  if (def.types.length > 1 && isRecord(value)) {
    const rt = str(value, 'resourceType');
    if (rt !== undefined && def.types.some((t) => t.code === rt)) return rt;
    if (def.types.every((t) => w.engine.registry.isResourceType(t.code))) return def.types[0]?.code;
  }
  return def.types[0]?.code;
}

/** Profiles listed on the element for the occurrence's type. */
function typeProfiles(def: ElementDef, typeCode: string): readonly string[] {
  return def.types.find((t) => t.code === typeCode)?.profiles ?? [];
}

export function validateOccurrence(w: Walk, node: ElementNode, occ: Occurrence): void {
  const def = node.def;
  const typeCode = occ.typeCode ?? occurrenceType(w, def, occ.value);
  if (typeCode !== undefined && (isKnownPrimitive(typeCode) || w.engine.registry.isPrimitiveType(typeCode))) {
    validatePrimitive(w, def, occ, typeCode);
    return;
  }
  if (typeCode !== undefined && (typeCode === 'Resource' || w.engine.registry.isResourceType(typeCode))) {
    const allowed = def.types.length > 0 && occ.typeCode === undefined ? def.types.map((t) => t.code) : [typeCode];
    validateNestedResource(w, occ.value, allowed, typeProfiles(def, typeCode), occ.path);
    return;
  }
  if (occ.ext !== undefined) report(w, 'error', 'structure', occ.path, `'_' companions are only allowed on primitive elements`);
  const value = occ.value;
  if (!isRecord(value)) {
    report(w, 'error', 'structure', occ.path, `The element must be a JSON object (${typeCode ?? 'complex'}), found ${Array.isArray(value) ? 'array' : typeof value}`);
    return;
  }
  if (!Object.keys(value).some((k) => k !== 'id')) {
    report(w, 'error', 'invariant', occ.path, 'Constraint failed: ele-1: All FHIR elements must have a @value or children');
  }
  if (typeCode === 'Extension' && objs(value, 'extension').length > 0 === Object.keys(value).some((k) => k.startsWith('value'))) {
    report(w, 'error', 'invariant', occ.path, 'Constraint failed: ext-1: Must have either extensions or value[x], not both');
  }
  if (typeCode !== undefined) checkBinding(w, def, value, typeCode, occ.path);
  checkFixedPattern(w, def, value, occ.path);
  checkConstraints(w, def.constraints, value, modelBase(def, typeCode), occ.path);
  validateContent(w, node, value, typeCode, occ.path);
  if (typeCode === 'Reference') checkReference(w, def, value, occ.path);
}

function validatePrimitive(w: Walk, def: ElementDef, occ: Occurrence, typeCode: string): void {
  const value = occ.value;
  if (value !== undefined) {
    const problem = checkPrimitive(typeCode, value);
    if (problem !== undefined) {
      report(w, 'error', problem.kind, occ.path, `Invalid value: ${problem.message}`);
      return;
    }
    checkFixedPattern(w, def, value, occ.path);
    checkBinding(w, def, value, typeCode, occ.path);
    checkConstraints(w, def.constraints, value, modelBase(def, typeCode), occ.path);
  } else if (def.fixed !== undefined || def.pattern !== undefined) {
    report(w, 'error', 'value', occ.path, `A value is required by the fixed or pattern value of ${def.id}`);
  }
  if (occ.ext === undefined) return;
  if (!isRecord(occ.ext)) {
    report(w, 'error', 'structure', occ.path, `The '_' companion must be a JSON object`);
    return;
  }
  if (value === undefined && objs(occ.ext, 'extension').length === 0) {
    report(w, 'error', 'invariant', occ.path, 'Constraint failed: ele-1: All FHIR elements must have a @value or children');
  }
  walkChildren(w, occ.ext, w.engine.primitiveElementChildren(isKnownPrimitive(typeCode) && !typeCode.startsWith('System.') ? typeCode : 'Element'), occ.path);
}

/** Content of a complex occurrence: expanded children, a content reference, or its type. */
function validateContent(w: Walk, node: ElementNode, value: JsonObject, typeCode: string | undefined, path: string): void {
  const def = node.def;
  if (node.children.size > 0) {
    const root = typeCode === undefined ? undefined : typeRoots(w, typeCode, typeProfiles(def, typeCode), value, path, false)[0];
    if (root !== undefined) checkConstraints(inPackageOf(w, root.sd), root.def.constraints, value, root.def.path, path);
    walkChildren(w, value, node.children, path);
    return;
  }
  if (def.contentReference !== undefined) {
    const target = resolveContentReference(w, node, def.contentReference);
    if (target === undefined) {
      report(w, 'warning', 'not-supported', path, `The content reference ${def.contentReference} of ${def.id} cannot be resolved: content not checked`);
      return;
    }
    checkConstraints(w, target.def.constraints, value, target.def.path, path);
    walkChildren(inPackageOf(w, target.sd), value, target.children, path);
    return;
  }
  if (typeCode === undefined) return;
  const roots = typeRoots(w, typeCode, typeProfiles(def, typeCode), value, path, true);
  if (roots.length === 1 && roots[0] !== undefined) {
    applyTypeRoot(w, roots[0], value, path);
    return;
  }
  if (roots.length > 1) chooseProfile(w, roots, value, path);
}

/** Validate `value` against the root of a type or profile definition. */
export function applyTypeRoot(w: Walk, root: ElementNode, value: JsonObject, path: string): void {
  const inner = inPackageOf(w, root.sd);
  checkFixedPattern(inner, root.def, value, path);
  checkConstraints(inner, root.def.constraints, value, root.def.path, path);
  walkChildren(inner, value, root.children, path);
}

/** The value must conform to one of several profiles: report the first that fits, or the closest. */
function chooseProfile(w: Walk, roots: readonly ElementNode[], value: JsonObject, path: string): void {
  const results = roots.map((r) => {
    const b = branch(w);
    applyTypeRoot(b, r, value, path);
    return b.issues;
  });
  const fits = results.find((r) => !hasErrors(r));
  if (fits !== undefined) {
    w.issues.push(...fits);
    return;
  }
  const count = (r: readonly { severity: string }[]): number => r.filter((i) => i.severity === 'error').length;
  const best = results.reduce((a, b) => (count(b) < count(a) ? b : a));
  w.issues.push(...best);
  report(w, 'error', 'structure', path, `The value does not conform to any of the profiles ${roots.map((r) => r.sd.url).join(', ')}`);
}

/**
 * The definitions an occurrence is checked against: the resolvable `type.profile`s; for an
 * extension without one, the definition named by its `url`; else the core type. Profiles we do
 * not carry (e.g. US Core) fall back to the core type with an information issue.
 */
function typeRoots(w: Walk, typeCode: string, profiles: readonly string[], value: JsonObject, path: string, notify: boolean): ElementNode[] {
  const roots: ElementNode[] = [];
  const missing: string[] = [];
  for (const p of profiles) {
    const sd = w.engine.registry.structure(p, w.pkg);
    const root = sd === undefined ? undefined : w.engine.tree(sd)?.root;
    if (root === undefined) missing.push(p);
    else roots.push(root);
  }
  if (roots.length > 0) return roots;
  if (missing.length > 0 && notify) {
    report(w, 'information', 'informational', path, `Profile ${missing.join(', ')} is not available: validated against the base type ${typeCode} only`);
  }
  if (typeCode === 'Extension' && missing.length === 0) {
    const url = str(value, 'url');
    const sd = url === undefined ? undefined : w.engine.registry.structure(url, w.pkg);
    const root = sd === undefined ? undefined : w.engine.tree(sd)?.root;
    if (root !== undefined) return [root];
    // Relative URLs name the sub-extensions of a complex extension we do not carry: say it once, on the parent.
    if (url !== undefined && notify && /^[a-z][a-z0-9+.-]*:/i.test(url)) {
      if (/\.modifierExtension\[\d+\]$/.test(path)) {
        // FHIR R4 §2.4.2: a modifier extension that is not understood SHALL NOT be ignored.
        report(w, 'error', 'not-supported', path, `The modifier extension ${url} is not known: the resource cannot be processed safely`);
      } else {
        report(w, 'information', 'informational', path, `The extension definition ${url} is not available: validated as a generic Extension`);
      }
    }
  }
  const base = w.engine.typeTree(typeCode)?.root;
  if (base === undefined) {
    if (notify) report(w, 'warning', 'not-supported', path, `Unknown data type ${typeCode}: content not checked`);
    return [];
  }
  return [base];
}

function resolveContentReference(w: Walk, node: ElementNode, ref: string): ElementNode | undefined {
  const hash = ref.indexOf('#');
  const url = hash > 0 ? ref.slice(0, hash) : undefined;
  const id = ref.slice(hash + 1);
  const sd = url === undefined ? node.sd : w.engine.registry.structure(url, w.pkg);
  const tree = sd === undefined ? undefined : w.engine.tree(sd);
  return tree?.byId.get(id);
}
