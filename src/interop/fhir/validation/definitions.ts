/**
 * The parts of StructureDefinition, ElementDefinition, ValueSet and CodeSystem the validator
 * reads, parsed from `unknown` JSON with type guards (FHIR R4 §StructureDefinition,
 * §ElementDefinition, §ValueSet, §CodeSystem).
 */
import { isRecord, isStringArray, obj, objs, str, type JsonObject } from './json';

/** Where a definition came from: an IG package (name#version) or the FHIR R4 core. */
export interface PackageRef {
  readonly name: string;
  readonly version: string;
}

export interface TypeRef {
  readonly code: string;
  readonly profiles: readonly string[];
  readonly targetProfiles: readonly string[];
}

export interface Constraint {
  readonly key: string;
  readonly severity: 'error' | 'warning';
  readonly human: string;
  readonly expression: string | undefined;
}

export interface Discriminator {
  readonly type: 'value' | 'pattern' | 'type' | 'profile' | 'exists';
  readonly path: string;
}

export interface Slicing {
  readonly discriminators: readonly Discriminator[];
  readonly rules: 'open' | 'closed' | 'openAtEnd';
  readonly ordered: boolean;
}

export interface ElementDef {
  readonly id: string;
  readonly path: string;
  readonly sliceName: string | undefined;
  readonly min: number;
  /** `"*"` or a number as text. */
  readonly max: string;
  /** The base element's max: decides whether the JSON property is an array. */
  readonly baseMax: string;
  readonly types: readonly TypeRef[];
  readonly contentReference: string | undefined;
  readonly fixed: { readonly key: string; readonly value: unknown } | undefined;
  readonly pattern: { readonly key: string; readonly value: unknown } | undefined;
  readonly binding: { readonly strength: string; readonly valueSet: string | undefined } | undefined;
  readonly constraints: readonly Constraint[];
  readonly slicing: Slicing | undefined;
}

export interface StructureDef {
  readonly url: string;
  readonly version: string;
  readonly name: string;
  readonly kind: string;
  readonly type: string;
  readonly abstract: boolean;
  readonly baseDefinition: string | undefined;
  readonly derivation: string | undefined;
  readonly elements: readonly ElementDef[];
  readonly pkg: PackageRef;
}

const FHIR_TYPE_EXT = 'http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type';

function parseType(t: JsonObject): TypeRef | undefined {
  let code = str(t, 'code');
  if (code === undefined) return undefined;
  if (code.startsWith('http://hl7.org/fhirpath/System.')) {
    // Primitive `value`, `id` and `url` elements: the FHIR type is carried by an extension.
    const ext = objs(t, 'extension').find((e) => str(e, 'url') === FHIR_TYPE_EXT);
    const fhirType = ext === undefined ? undefined : (str(ext, 'valueUrl') ?? str(ext, 'valueUri'));
    code = fhirType ?? `System.${code.slice('http://hl7.org/fhirpath/System.'.length)}`;
  }
  const profiles = t['profile'];
  const targets = t['targetProfile'];
  return {
    code,
    profiles: isStringArray(profiles) ? profiles : [],
    targetProfiles: isStringArray(targets) ? targets : [],
  };
}

function firstKeyed(e: JsonObject, prefix: string): { key: string; value: unknown } | undefined {
  for (const key of Object.keys(e)) {
    if (key.startsWith(prefix) && key.length > prefix.length) return { key, value: e[key] };
  }
  return undefined;
}

function parseConstraint(c: JsonObject): Constraint | undefined {
  const key = str(c, 'key');
  const severity = str(c, 'severity');
  if (key === undefined || (severity !== 'error' && severity !== 'warning')) return undefined;
  return { key, severity, human: str(c, 'human') ?? key, expression: str(c, 'expression') };
}

const DISCRIMINATOR_TYPES = ['value', 'pattern', 'type', 'profile', 'exists'] as const;
const isDiscriminatorType = (v: unknown): v is Discriminator['type'] =>
  DISCRIMINATOR_TYPES.some((t) => t === v);
const SLICING_RULES = ['open', 'closed', 'openAtEnd'] as const;
const isRules = (v: unknown): v is Slicing['rules'] => SLICING_RULES.some((t) => t === v);

function parseSlicing(s: JsonObject | undefined): Slicing | undefined {
  if (s === undefined) return undefined;
  const discriminators: Discriminator[] = [];
  for (const d of objs(s, 'discriminator')) {
    const type = d['type'];
    const path = str(d, 'path');
    if (isDiscriminatorType(type) && path !== undefined) discriminators.push({ type, path });
  }
  const rules = s['rules'];
  return { discriminators, rules: isRules(rules) ? rules : 'open', ordered: s['ordered'] === true };
}

export function parseElement(e: JsonObject): ElementDef | undefined {
  const path = str(e, 'path');
  if (path === undefined) return undefined;
  const min = e['min'];
  const base = obj(e, 'base');
  const binding = obj(e, 'binding');
  const max = str(e, 'max') ?? '*';
  return {
    id: str(e, 'id') ?? path,
    path,
    sliceName: str(e, 'sliceName'),
    min: typeof min === 'number' ? min : 0,
    max,
    baseMax: (base === undefined ? undefined : str(base, 'max')) ?? max,
    types: objs(e, 'type').map(parseType).filter((t): t is TypeRef => t !== undefined),
    contentReference: str(e, 'contentReference'),
    fixed: firstKeyed(e, 'fixed'),
    pattern: firstKeyed(e, 'pattern'),
    binding: binding === undefined ? undefined : { strength: str(binding, 'strength') ?? 'example', valueSet: str(binding, 'valueSet') },
    constraints: objs(e, 'constraint').map(parseConstraint).filter((c): c is Constraint => c !== undefined),
    slicing: parseSlicing(obj(e, 'slicing')),
  };
}

/** Parse a StructureDefinition with a snapshot; `undefined` when it is not one. */
export function parseStructureDefinition(r: unknown, pkg: PackageRef): StructureDef | undefined {
  if (!isRecord(r) || r['resourceType'] !== 'StructureDefinition') return undefined;
  const url = str(r, 'url');
  const snapshot = obj(r, 'snapshot');
  const type = str(r, 'type');
  if (url === undefined || snapshot === undefined || type === undefined) return undefined;
  const elements = objs(snapshot, 'element').map(parseElement).filter((x): x is ElementDef => x !== undefined);
  return {
    url,
    version: str(r, 'version') ?? pkg.version,
    name: str(r, 'name') ?? url,
    kind: str(r, 'kind') ?? 'resource',
    type,
    abstract: r['abstract'] === true,
    baseDefinition: str(r, 'baseDefinition'),
    derivation: str(r, 'derivation'),
    elements,
    pkg,
  };
}

/** A canonical resource (ValueSet, CodeSystem) kept as JSON with its url and version. */
export interface CanonicalJson {
  readonly url: string;
  readonly version: string | undefined;
  readonly json: JsonObject;
  readonly pkg: PackageRef;
}

export function parseCanonical(r: unknown, resourceType: string, pkg: PackageRef): CanonicalJson | undefined {
  if (!isRecord(r) || r['resourceType'] !== resourceType) return undefined;
  const url = str(r, 'url');
  if (url === undefined) return undefined;
  return { url, version: str(r, 'version'), json: r, pkg };
}

/** Split `url|version`. */
export function splitCanonical(canonical: string): { url: string; version: string | undefined } {
  const bar = canonical.indexOf('|');
  return bar < 0 ? { url: canonical, version: undefined } : { url: canonical.slice(0, bar), version: canonical.slice(bar + 1) };
}

