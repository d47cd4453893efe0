import { UmError } from '../../../platform/errors';
import { DEFAULT_DELIMITERS, type Delimiters } from '../syntax/segment';

/**
 * A data element to write: a simple value, a composite (components in order), free text
 * (delimiter characters replaced by spaces), or repetitions. `undefined` leaves it empty.
 */
export type ElementValue =
  | string
  | undefined
  | readonly (string | undefined)[]
  | { readonly text: string }
  | { readonly repeat: readonly string[] };

/** A segment to write: its id and its elements from element 1. */
export type SegmentSpec = readonly [string, ...ElementValue[]];

const trimEnd = <T>(xs: readonly (T | undefined | '')[]): (T | '')[] => {
  let n = xs.length;
  while (n > 0 && (xs[n - 1] === undefined || xs[n - 1] === '')) n--;
  return xs.slice(0, n).map((x) => x ?? '');
};

function checked(v: string, d: Delimiters, what: string): string {
  for (const c of [d.element, d.component, d.repetition, d.segment]) {
    if (c !== '' && v.includes(c)) throw new UmError('UM_ERR_X12_VALUE', `${what} contains the delimiter "${c}"`, { details: [{ path: what, message: 'delimiter in value' }] });
  }
  return v;
}

function element(v: ElementValue, d: Delimiters, what: string): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return checked(v, d, what);
  if ('text' in v) {
    let t = v.text;
    for (const c of [d.element, d.component, d.repetition, d.segment]) if (c !== '') t = t.split(c).join(' ');
    return t;
  }
  if ('repeat' in v) return v.repeat.map((r) => checked(r, d, what)).join(d.repetition);
  return trimEnd(v).map((c, i) => checked(c, d, `${what}-${i + 1}`)).join(d.component);
}

/** One segment as text, without its terminator; trailing empty elements are dropped (X12.6). */
export function serializeSegment(spec: SegmentSpec, d: Delimiters = DEFAULT_DELIMITERS): string {
  const [id, ...els] = spec;
  const parts = trimEnd(els.map((v, i) => element(v, d, `${id}${String(i + 1).padStart(2, '0')}`)));
  return parts.length === 0 ? id : `${id}${d.element}${parts.join(d.element)}`;
}

/** Fails on a required value that is missing, so that a writer never emits an incomplete segment. */
export function required(v: string | undefined, what: string): string {
  if (v === undefined || v === '') throw new UmError('UM_ERR_X12_VALUE', `${what} is required`, { details: [{ path: what, message: 'required' }] });
  return v;
}
