/**
 * Canonical resolution for the validator: StructureDefinitions, ValueSets and CodeSystems from
 * the IG packages and the FHIR R4 core, looked up by `url` or `url|version`.
 *
 * Version rules (documented in docs/fhir-validation.md):
 * - a versioned StructureDefinition canonical (`…|2.2.1`) resolves only to that version; a
 *   version we do not carry is "not available" (never silently replaced by another version);
 * - an unversioned canonical resolves first in the package of the profile being validated (so a
 *   PAS 2.0.1 profile sees PAS 2.0.1 extensions), then in load order (PAS 2.2.1 first);
 * - ValueSet and CodeSystem versions are not enforced: the exact version when present, else the
 *   copy we carry.
 */
import { parseCanonical, parseStructureDefinition, splitCanonical, type CanonicalJson, type PackageRef, type StructureDef } from './definitions';

/** The FHIR R4 core, as a package reference. */
export const CORE_PACKAGE: PackageRef = { name: 'hl7.fhir.r4.core', version: '4.0.1' };

export const CORE_SD_PREFIX = 'http://hl7.org/fhir/StructureDefinition/';

/** One source of definitions: the package it belongs to and its raw resources. */
export interface DefinitionSource {
  readonly pkg: PackageRef;
  readonly resources: readonly unknown[];
}

const samePkg = (a: PackageRef, b: PackageRef): boolean => a.name === b.name && a.version === b.version;

function pick<T extends { readonly pkg: PackageRef }>(
  list: readonly T[] | undefined,
  version: string | undefined,
  versionOf: (t: T) => string | undefined,
  context: PackageRef | undefined,
  strictVersion: boolean,
): T | undefined {
  if (list === undefined || list.length === 0) return undefined;
  if (version !== undefined) {
    const exact = list.find((t) => versionOf(t) === version);
    if (exact !== undefined || strictVersion) return exact;
  }
  if (context !== undefined) {
    const inPkg = list.find((t) => samePkg(t.pkg, context));
    if (inPkg !== undefined) return inPkg;
  }
  return list[0];
}

export class Registry {
  readonly packages: readonly PackageRef[];
  private readonly structures = new Map<string, StructureDef[]>();
  private readonly valueSets = new Map<string, CanonicalJson[]>();
  private readonly codeSystems = new Map<string, CanonicalJson[]>();
  private readonly resolved = new Map<string, StructureDef>();
  private readonly types = new Map<string, StructureDef>();

  /** Sources in priority order (IG packages first, the R4 core last). */
  constructor(sources: readonly DefinitionSource[]) {
    this.packages = sources.map((s) => s.pkg);
    for (const s of sources) {
      for (const r of s.resources) {
        const sd = parseStructureDefinition(r, s.pkg);
        if (sd !== undefined) {
          push(this.structures, sd.url, sd);
          continue;
        }
        const vs = parseCanonical(r, 'ValueSet', s.pkg);
        if (vs !== undefined) {
          push(this.valueSets, vs.url, vs);
          continue;
        }
        const cs = parseCanonical(r, 'CodeSystem', s.pkg);
        if (cs !== undefined) push(this.codeSystems, cs.url, cs);
      }
    }
  }

  /** A StructureDefinition by canonical, resolved from the point of view of `context`. */
  structure(canonical: string, context?: PackageRef): StructureDef | undefined {
    const key = context === undefined ? canonical : `${context.name}#${context.version}#${canonical}`;
    const hit = this.resolved.get(key);
    if (hit !== undefined) return hit;
    const { url, version } = splitCanonical(canonical);
    const sd = pick(this.structures.get(url), version, (s) => s.version, context, true);
    // Only hits are cached: misses come from instance data (any URL) and must not grow the cache.
    if (sd !== undefined) this.resolved.set(key, sd);
    return sd;
  }

  /** Every version we carry of a StructureDefinition url. */
  structureVersions(url: string): readonly StructureDef[] {
    return this.structures.get(splitCanonical(url).url) ?? [];
  }

  valueSet(canonical: string, context?: PackageRef): CanonicalJson | undefined {
    const { url, version } = splitCanonical(canonical);
    return pick(this.valueSets.get(url), version, (v) => v.version, context, false);
  }

  codeSystem(canonical: string, context?: PackageRef): CanonicalJson | undefined {
    const { url, version } = splitCanonical(canonical);
    return pick(this.codeSystems.get(url), version, (v) => v.version, context, false);
  }

  /** The core definition of a data type or resource type (`Quantity`, `Claim`, `string`). */
  typeDefinition(code: string): StructureDef | undefined {
    const hit = this.types.get(code);
    if (hit !== undefined) return hit;
    const list = this.structures.get(CORE_SD_PREFIX + code);
    const sd = list?.find((s) => samePkg(s.pkg, CORE_PACKAGE)) ?? list?.[0];
    if (sd !== undefined) this.types.set(code, sd);
    return sd;
  }

  isResourceType(code: string): boolean {
    const sd = this.typeDefinition(code);
    return sd !== undefined && sd.kind === 'resource';
  }

  isPrimitiveType(code: string): boolean {
    const sd = this.typeDefinition(code);
    return sd !== undefined && sd.kind === 'primitive-type';
  }
}

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const list = m.get(k);
  if (list === undefined) m.set(k, [v]);
  else list.push(v);
}
