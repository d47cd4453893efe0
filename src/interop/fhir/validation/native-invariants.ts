/**
 * Native implementations of frequent FHIR R4 core invariants, keyed by their exact FHIRPath text
 * (FHIR R4 §Bundle bdl-1…bdl-12, §Reference ref-1, §Quantity qty-3 / sqty-1, §ContactPoint
 * cpt-2, §Attachment att-1, §Organization org-1 / org-2, §Period per-1). They give the same
 * answer as the expression and run ~100× faster than interpreting it; a profile that changes an
 * expression's text falls back to the FHIRPath engine. `undefined` means "evaluate the FHIRPath".
 */
import { isRecord, objs, str, type JsonObject } from './json';

type Native = (node: unknown, resource: JsonObject, root: JsonObject) => boolean | undefined;

const has = (o: JsonObject, key: string): boolean => {
  const v = o[key];
  return v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);
};

const onObject =
  (f: (o: JsonObject) => boolean | undefined): Native =>
  (node) =>
    isRecord(node) ? f(node) : undefined;

const bundleType = (o: JsonObject): string | undefined => str(o, 'type');

const firstEntryType = (o: JsonObject): string | undefined => {
  const first = objs(o, 'entry')[0];
  const r = first === undefined ? undefined : first['resource'];
  return isRecord(r) ? str(r, 'resourceType') : undefined;
};

const noHistoryInFullUrl = onObject((e) => !(str(e, 'fullUrl') ?? '').includes('/_history/'));

const NATIVES = new Map<string, Native>([
  [
    "reference.startsWith('#').not() or (reference.substring(1).trace('url') in %rootResource.contained.id.trace('ids'))",
    (node, _resource, root) => {
      if (!isRecord(node)) return undefined;
      const ref = str(node, 'reference');
      if (ref === undefined || !ref.startsWith('#')) return true;
      const id = ref.slice(1);
      return objs(root, 'contained').some((c) => str(c, 'id') === id);
    },
  ],
  ["total.empty() or (type = 'searchset') or (type = 'history')", onObject((b) => !has(b, 'total') || bundleType(b) === 'searchset' || bundleType(b) === 'history')],
  ["entry.search.empty() or (type = 'searchset')", onObject((b) => bundleType(b) === 'searchset' || objs(b, 'entry').every((e) => !has(e, 'search')))],
  [
    "entry.all(request.exists() = (%resource.type = 'batch' or %resource.type = 'transaction' or %resource.type = 'history'))",
    onObject((b) => {
      const t = bundleType(b);
      const want = t === 'batch' || t === 'transaction' || t === 'history';
      return objs(b, 'entry').every((e) => has(e, 'request') === want);
    }),
  ],
  [
    "entry.all(response.exists() = (%resource.type = 'batch-response' or %resource.type = 'transaction-response' or %resource.type = 'history'))",
    onObject((b) => {
      const t = bundleType(b);
      const want = t === 'batch-response' || t === 'transaction-response' || t === 'history';
      return objs(b, 'entry').every((e) => has(e, 'response') === want);
    }),
  ],
  [
    "(type = 'history') or entry.where(fullUrl.exists()).select(fullUrl&resource.meta.versionId).isDistinct()",
    onObject((b) => {
      if (bundleType(b) === 'history') return true;
      const keys = objs(b, 'entry').flatMap((e) => {
        const fullUrl = str(e, 'fullUrl');
        if (fullUrl === undefined) return [];
        const r = e['resource'];
        const meta = isRecord(r) && isRecord(r['meta']) ? r['meta'] : undefined;
        return [`${fullUrl}${(meta === undefined ? undefined : str(meta, 'versionId')) ?? ''}`];
      });
      return new Set(keys).size === keys.length;
    }),
  ],
  [
    "type = 'document' implies (identifier.system.exists() and identifier.value.exists())",
    onObject((b) => {
      if (bundleType(b) !== 'document') return true;
      const id = b['identifier'];
      return isRecord(id) && has(id, 'system') && has(id, 'value');
    }),
  ],
  ["type = 'document' implies (timestamp.hasValue())", onObject((b) => bundleType(b) !== 'document' || has(b, 'timestamp'))],
  ["type = 'document' implies entry.first().resource.is(Composition)", onObject((b) => bundleType(b) !== 'document' || firstEntryType(b) === 'Composition')],
  ["type = 'message' implies entry.first().resource.is(MessageHeader)", onObject((b) => bundleType(b) !== 'message' || firstEntryType(b) === 'MessageHeader')],
  ['resource.exists() or request.exists() or response.exists()', onObject((e) => has(e, 'resource') || has(e, 'request') || has(e, 'response'))],
  ["fullUrl.contains('/_history/').not()", noHistoryInFullUrl],
  ["fullUrl.exists() implies fullUrl.contains('/_history/').not()", noHistoryInFullUrl],
  ['comparator.empty()', onObject((q) => !has(q, 'comparator'))],
  ['code.empty() or system.exists()', onObject((q) => !has(q, 'code') || has(q, 'system'))],
  ['value.empty() or system.exists()', onObject((c) => !has(c, 'value') || has(c, 'system'))],
  ['data.empty() or contentType.exists()', onObject((a) => !has(a, 'data') || has(a, 'contentType'))],
  ['(identifier.count() + name.count()) > 0', onObject((o) => has(o, 'identifier') || has(o, 'name'))],
  ["where(use = 'home').empty()", onObject((a) => str(a, 'use') !== 'home')],
  // per-1: only the trivial case natively; comparing two dates of different precision is FHIRPath's job.
  ['start.hasValue().not() or end.hasValue().not() or (start <= end)', onObject((p) => (!has(p, 'start') || !has(p, 'end') ? true : undefined))],
]);

/** US Core us-core-17 (NPI check digit): Luhn over the 80840-prefixed number, i.e. +24. */
const NPI_CHECK =
  '(((select(value.substring(0,1).toInteger()).select(iif($this<5, $this*2, (($this*2)-9))))+(value.substring(1,1).toInteger())+(select(value.substring(2,1).toInteger()).select(iif($this<5, $this*2, (($this*2)-9))))+(value.substring(3,1).toInteger())+(select(value.substring(4,1).toInteger()).select(iif($this<5, $this*2, (($this*2)-9))))+(value.substring(5,1).toInteger())+(select(value.substring(6,1).toInteger()).select(iif($this<5, $this*2, (($this*2)-9))))+(value.substring(7,1).toInteger())+(select(value.substring(8,1).toInteger()).select(iif($this<5, $this*2, (($this*2)-9))))+(value.substring(9,1).toInteger()) + 24)mod 10=0)';

/** The NPI check digit (CMS NPI standard, Luhn with the 80840 prefix). */
export function npiCheckDigitValid(npi: string): boolean {
  let sum = 24;
  for (let i = 0; i < 10; i++) {
    const d = Number(npi[i]);
    sum += i % 2 === 0 ? (d < 5 ? d * 2 : d * 2 - 9) : d;
  }
  return sum % 10 === 0;
}

const IG_NATIVES: readonly (readonly [string, Native])[] = [
  [
    NPI_CHECK,
    onObject((id) => {
      const v = str(id, 'value');
      if (v === undefined) return true;
      return /^[0-9]{10}$/.test(v) ? npiCheckDigitValid(v) : undefined;
    }),
  ],
  ["value.matches('^[0-9]{10}$')", onObject((id) => (str(id, 'value') === undefined ? true : /^[0-9]{10}$/.test(str(id, 'value') ?? '')))],
  // PAS FullDateRule on date / dateTime values: the value is a full date (10 characters).
  ['$this.toString().length() = 10', (node) => (typeof node === 'string' ? node.length === 10 : undefined)],
];

for (const [expression, fn] of IG_NATIVES) NATIVES.set(expression, fn);

/** The native implementation of an expression, if we have one. */
export const nativeInvariant = (expression: string): Native | undefined => NATIVES.get(expression);

/** Every expression with a native implementation (for the equivalence tests). */
export const nativeExpressions = (): readonly string[] => [...NATIVES.keys()];
