/**
 * Resolving references inside a Bundle (FHIR R4 §2.36.4 "Resolving references in Bundles"): an
 * absolute URL or `urn:uuid:` matches an entry's `fullUrl`; a relative `Type/id` matches the entry
 * whose `fullUrl` ends with it (same base), else the entry whose resource has that type and id.
 */
import { isRecord, objs, referenceOf, str, type JsonObject } from './json';

export interface BundleEntry {
  readonly index: number;
  readonly fullUrl: string | undefined;
  readonly resource: JsonObject;
  readonly type: string;
  readonly id: string | undefined;
}

export interface BundleIndex {
  readonly entries: readonly BundleEntry[];
  /** The entry a Reference (or reference string) points to, if it is in the Bundle. */
  resolve(ref: unknown): BundleEntry | undefined;
  /** The FHIRPath of an entry's resource (`Bundle.entry[3].resource`). */
  path(e: BundleEntry): string;
}

export function indexBundle(bundle: JsonObject): BundleIndex {
  const entries: BundleEntry[] = [];
  objs(bundle, 'entry').forEach((e, index) => {
    const resource = e['resource'];
    if (!isRecord(resource)) return;
    const type = str(resource, 'resourceType') ?? '';
    entries.push({ index, fullUrl: str(e, 'fullUrl'), resource, type, id: str(resource, 'id') });
  });
  const byFullUrl = new Map<string, BundleEntry>(entries.flatMap((e) => (e.fullUrl === undefined ? [] : [[e.fullUrl, e] as const])));
  const byTypeId = new Map<string, BundleEntry>(entries.flatMap((e) => (e.id === undefined ? [] : [[`${e.type}/${e.id}`, e] as const])));
  return {
    entries,
    resolve(ref) {
      const r = typeof ref === 'string' ? ref : referenceOf(ref);
      if (r === undefined || r === '') return undefined;
      const exact = byFullUrl.get(r);
      if (exact !== undefined) return exact;
      const m = /([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(\/_history\/[^/]+)?$/.exec(r);
      if (m === null) return undefined;
      const key = `${m[1] ?? ''}/${m[2] ?? ''}`;
      const suffix = `/${key}`;
      for (const e of entries) if (e.fullUrl?.endsWith(suffix) === true) return e;
      return byTypeId.get(key);
    },
    path: (e) => `Bundle.entry[${e.index}].resource`,
  };
}

/** The first entry of a type. */
export const firstOfType = (b: BundleIndex, type: string): BundleEntry | undefined => b.entries.find((e) => e.type === type);
