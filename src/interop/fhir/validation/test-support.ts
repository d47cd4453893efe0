/**
 * Test support (used by the `*.test.ts` files only): builds small profiles by editing a copy of a
 * core StructureDefinition snapshot, so each check can be exercised on a hand-made resource.
 */
import { isRecord, objs, str, type JsonObject } from './json';
import { readCoreDefinitions } from './loader';
import { CORE_PACKAGE, type DefinitionSource } from './registry';
import { buildValidator, type FhirValidator } from './validator';

export type ElementJson = Record<string, unknown> & { readonly id: string; readonly path: string };

const toElement = (e: JsonObject): ElementJson | undefined => {
  const id = str(e, 'id');
  const path = str(e, 'path');
  return id === undefined || path === undefined ? undefined : { ...structuredClone(e), id, path };
};

/** The snapshot elements of a core definition (`Patient`, `Identifier`), deep-copied. */
export async function coreElements(type: string): Promise<ElementJson[]> {
  const core = await readCoreDefinitions();
  const sd = core.resources.find((r) => isRecord(r) && r['url'] === `http://hl7.org/fhir/StructureDefinition/${type}`);
  if (!isRecord(sd) || !isRecord(sd['snapshot'])) throw new Error(`no core definition for ${type}`);
  return objs(sd['snapshot'], 'element').flatMap((e) => toElement(e) ?? []);
}

/** A profile under construction: a copy of a core snapshot with edits. */
export class ProfileBuilder {
  private constructor(
    private readonly type: string,
    private readonly url: string,
    private elements: ElementJson[],
    private readonly kind: string,
  ) {}

  static async on(type: string, url: string, kind = 'resource'): Promise<ProfileBuilder> {
    return new ProfileBuilder(type, url, await coreElements(type), kind);
  }

  /** Merge `patch` into the element with this id. */
  set(id: string, patch: Record<string, unknown>): this {
    const i = this.elements.findIndex((e) => e.id === id);
    const e = this.elements[i];
    if (e === undefined) throw new Error(`no element ${id}`);
    this.elements[i] = { ...e, ...patch };
    return this;
  }

  /**
   * Add a slice `sliceName` of element `slicedId` (after its other slices). With `expand`, the
   * slice gets the children of that core type (or, with `'own'`, a copy of the sliced element's
   * own children — for backbone elements), patched by `children` (child name → patch).
   */
  async slice(slicedId: string, sliceName: string, patch: Record<string, unknown>, expand?: string, children: Record<string, Record<string, unknown>> = {}): Promise<this> {
    const base = this.elements.find((e) => e.id === slicedId);
    if (base === undefined) throw new Error(`no element ${slicedId}`);
    const sliceId = `${slicedId}:${sliceName}`;
    const added: ElementJson[] = [{ ...structuredClone(base), id: sliceId, path: base.path, sliceName, slicing: undefined, ...patch }];
    if (expand === 'own') {
      for (const c of this.elements.filter((e) => e.id.startsWith(`${slicedId}.`))) {
        const rest = c.id.slice(slicedId.length + 1);
        added.push({ ...structuredClone(c), id: `${sliceId}.${rest}`, ...(children[rest] ?? {}) });
      }
    } else if (expand !== undefined) {
      for (const c of (await coreElements(expand)).slice(1)) {
        const name = c.path.slice(expand.length + 1);
        added.push({ ...c, id: `${sliceId}.${c.id.slice(expand.length + 1)}`, path: `${base.path}.${name}`, ...(children[name] ?? {}) });
      }
    }
    // Insert after the sliced element's subtree (its children and earlier slices).
    let at = this.elements.findIndex((e) => e.id === slicedId) + 1;
    while (at < this.elements.length && (this.elements[at]?.id ?? '').startsWith(slicedId)) at++;
    this.elements.splice(at, 0, ...added);
    return this;
  }

  build(): JsonObject {
    return {
      resourceType: 'StructureDefinition',
      url: this.url,
      version: '1.0.0',
      name: this.url.split('/').pop(),
      kind: this.kind,
      abstract: false,
      type: this.type,
      derivation: 'constraint',
      baseDefinition: `http://hl7.org/fhir/StructureDefinition/${this.type}`,
      snapshot: { element: this.elements.map((e) => JSON.parse(JSON.stringify(e)) as unknown) },
    };
  }
}

/** A validator over the R4 core plus hand-made definitions (a test package `test#1.0.0`). */
export async function testValidator(resources: readonly unknown[]): Promise<FhirValidator> {
  const core = await readCoreDefinitions();
  const sources: DefinitionSource[] = [
    { pkg: { name: 'test', version: '1.0.0' }, resources },
    { pkg: CORE_PACKAGE, resources: core.resources },
  ];
  return buildValidator(sources);
}
