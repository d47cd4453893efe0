/**
 * Reading FHIR JSON without casts: type guards and small accessors for the elements the PAS, CRD and
 * DTR adapters read (codings, extensions, identifiers, references). FHIR R4 §2.6.2.
 */
import { arr, isRecord, isString, obj, objs, str, type JsonObject } from './validation/json';

export { arr, isRecord, isString, obj, objs, str, type JsonObject };

/** A JSON value that can be stored and sent back (what `JSON.parse` gives). */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export const isJson = (v: unknown): v is Json => {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every(isJson);
  return isRecord(v) && Object.values(v).every(isJson);
};

/** A parsed JSON object as a `Json` record (for storing in jsonb and echoing). */
export function jsonObject(v: JsonObject): { readonly [k: string]: Json } {
  const out: Record<string, Json> = {};
  for (const [k, x] of Object.entries(v)) if (isJson(x)) out[k] = x;
  return out;
}

export interface Coding {
  readonly system?: string;
  readonly code?: string;
  readonly display?: string;
}

/** The codings of a CodeableConcept (or of a bare Coding). */
export function codings(cc: unknown): readonly Coding[] {
  if (!isRecord(cc)) return [];
  const list = 'coding' in cc ? objs(cc, 'coding') : [cc];
  return list.map((c) => ({ system: str(c, 'system'), code: str(c, 'code'), display: str(c, 'display') }));
}

/** The first code of a CodeableConcept from a system (any system when none is given). */
export function codeOf(cc: unknown, system?: string | ((s: string) => boolean)): string | undefined {
  for (const c of codings(cc)) {
    if (c.code === undefined) continue;
    if (system === undefined) return c.code;
    if (typeof system === 'string' ? c.system === system : c.system !== undefined && system(c.system)) return c.code;
  }
  return undefined;
}

/** The extensions of an element with the given URL. */
export const extensions = (o: JsonObject, url: string, key: 'extension' | 'modifierExtension' = 'extension'): readonly JsonObject[] =>
  objs(o, key).filter((e) => str(e, 'url') === url);

export const extension = (o: JsonObject, url: string, key: 'extension' | 'modifierExtension' = 'extension'): JsonObject | undefined => extensions(o, url, key)[0];

/** The `value[x]` of an extension, by its type suffix (`valueCodeableConcept` → `CodeableConcept`). */
export function extValue(e: JsonObject | undefined, type: string): unknown {
  return e === undefined ? undefined : e[`value${type}`];
}

export const extString = (o: JsonObject, url: string): string | undefined => {
  const v = extValue(extension(o, url), 'String');
  return isString(v) ? v : undefined;
};

export interface Identifier {
  readonly system?: string;
  readonly value?: string;
  /** `type.coding[].code` (v2-0203: MB, MR, NPI …). */
  readonly typeCodes: readonly string[];
}

export function identifiers(o: JsonObject): readonly Identifier[] {
  return objs(o, 'identifier').map((i) => ({ system: str(i, 'system'), value: str(i, 'value'), typeCodes: codings(i['type']).map((c) => c.code ?? '') }));
}

export const identifierOf = (v: unknown): Identifier | undefined => {
  if (!isRecord(v)) return undefined;
  return { system: str(v, 'system'), value: str(v, 'value'), typeCodes: codings(v['type']).map((c) => c.code ?? '') };
};

/** `system|value`, the key PAS identifiers are matched on. */
export const identifierKey = (i: { readonly system?: string; readonly value?: string } | undefined): string | undefined =>
  i?.value === undefined ? undefined : `${i.system ?? ''}|${i.value}`;

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

/** The NPI among a resource's identifiers. */
export const npiOf = (o: JsonObject | undefined): string | undefined =>
  o === undefined ? undefined : identifiers(o).find((i) => i.system === NPI_SYSTEM || i.typeCodes.includes('NPI'))?.value;

/** The reference string of a Reference (`Type/id`, an absolute URL, `urn:uuid:…`, `#id`). */
export const referenceOf = (v: unknown): string | undefined => (isRecord(v) ? str(v, 'reference') : undefined);

/** A date (YYYY-MM-DD) from a FHIR date or dateTime, or undefined. */
export function dateOf(v: unknown): string | undefined {
  if (!isString(v)) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v);
  return m?.[1];
}

/** A number, when the value is one. */
export const numberOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
