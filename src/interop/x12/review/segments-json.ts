/**
 * Segments to write, kept as JSON (the original answer to a 278, the outbox): `undefined`
 * elements become `null` in JSON and come back as `undefined`; anything else is refused.
 */
import type { ElementValue, SegmentSpec } from '../write/serialize';

const isStrings = (v: unknown): v is readonly unknown[] => Array.isArray(v);

function element(v: unknown): ElementValue | null {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (isStrings(v)) {
    const out: (string | undefined)[] = [];
    for (const c of v) {
      if (c === null) out.push(undefined);
      else if (typeof c === 'string') out.push(c);
      else return null;
    }
    return out;
  }
  if (typeof v === 'object' && 'text' in v && typeof v.text === 'string') return { text: v.text };
  if (typeof v === 'object' && 'repeat' in v && isStrings(v.repeat) && v.repeat.every((r) => typeof r === 'string')) return { repeat: v.repeat.filter((r): r is string => typeof r === 'string') };
  return null;
}

/** Segments read back from JSON, or null when the value is not a list of segments. */
export function segmentsFromJson(v: unknown): SegmentSpec[] | null {
  if (!Array.isArray(v)) return null;
  const out: SegmentSpec[] = [];
  for (const seg of v) {
    if (!Array.isArray(seg) || typeof seg[0] !== 'string') return null;
    const els: ElementValue[] = [];
    for (const e of seg.slice(1)) {
      const x = element(e);
      if (x === null) return null;
      els.push(x);
    }
    out.push([seg[0], ...els]);
  }
  return out;
}
