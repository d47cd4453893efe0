/**
 * Code search for the portal (pure): the CPT / HCPCS / revenue codes the plan's PA lists and the
 * criteria sets in force know, found by a code (or its start) or by words of what they are. The
 * words are those the plan already keeps — a criteria set's title and the PA rule's service group —
 * since OpenUM ships no code descriptor file (CPT descriptors are licensed by the AMA). A range the
 * plan lists is offered as a range (the caller still gives the exact code) unless the exact code
 * was typed.
 */
import { codeInSpec, normalizeCode, type CodeSpec, type ServiceCodeSystem } from '../criteria';

/** One code, or a range, as a PA rule or a criteria set lists it. */
export interface CodeSource {
  readonly spec: CodeSpec;
  /** Words for it: the criteria set's title, else the service group. */
  readonly words: string;
  readonly criteriaSet: { readonly id: string; readonly title: string } | null;
  readonly onPaList: boolean;
  readonly serviceGroup: string | null;
}

export interface CodeHit {
  readonly codeSystem: ServiceCodeSystem;
  /** The code, or the first code of a listed range (`codeTo` then the last). */
  readonly code: string;
  /** Set when the hit is a range the plan lists: the caller still has to give the exact code. */
  readonly codeTo: string | null;
  /** What it is, in the plan's words. */
  readonly display: string;
  readonly onPaList: boolean;
  readonly criteriaSets: readonly { readonly id: string; readonly title: string }[];
  /** The PA-list range the code was found in, when it is listed as a range (`70010–76499`). */
  readonly inRange: string | null;
}

const SYSTEMS: readonly ServiceCodeSystem[] = ['CPT', 'HCPCS', 'REV'];
const GROUP_WORDS: Record<string, string> = { dme: 'durable medical equipment (DME)', part_b_drug: 'Part B drug', snf: 'skilled nursing facility (SNF)' };

const groupWords = (g: string | null): string => (g === null ? '' : (GROUP_WORDS[g] ?? g.replace(/_/g, ' ')));

/** Searches the sources: `q` a code, the start of one, or words (every word must match). */
export function searchCodes(sources: readonly CodeSource[], q: string, limit: number): CodeHit[] {
  const term = q.trim();
  if (term === '') return [];
  interface Acc { system: ServiceCodeSystem; code: string; codeTo: string | null; rank: number; onPaList: boolean; sets: { id: string; title: string }[]; groups: string[]; inRange: string | null }
  const hits = new Map<string, Acc>();
  const add = (system: ServiceCodeSystem, code: string, s: CodeSource, rank: number, inRange: string | null, codeTo: string | null = null) => {
    const key = `${system}:${code}-${codeTo ?? ''}`;
    const a = hits.get(key) ?? { system, code, codeTo, rank, onPaList: false, sets: [], groups: [], inRange: null };
    a.rank = Math.min(a.rank, rank);
    a.onPaList ||= s.onPaList;
    a.inRange ??= inRange;
    if (s.criteriaSet !== null && !a.sets.some((x) => x.id === s.criteriaSet?.id)) a.sets.push({ ...s.criteriaSet });
    const g = groupWords(s.serviceGroup) || s.words;
    if (g !== '' && !a.groups.includes(g)) a.groups.push(g);
    hits.set(key, a);
  };
  const upper = term.toUpperCase().replace(/^(CPT|HCPCS|REV):/, '');
  const codeLike = /^[A-Z]?\d{1,4}[0-9A-Z]?$/.test(upper) && /\d/.test(upper);
  if (codeLike) {
    for (const s of sources) {
      const spec = s.spec;
      if ('code' in spec) {
        const code = normalizeCode(spec.system, spec.code);
        const full = normalizeCode(spec.system, upper); // `120` is revenue code 0120
        if (code !== undefined && (code === full || code.startsWith(upper))) add(spec.system, code, s, code === full ? 0 : 1, null);
      } else {
        // A whole code inside a listed range: that code, found in the range.
        for (const system of SYSTEMS) {
          const code = normalizeCode(system, upper);
          if (code !== undefined && codeInSpec(spec, system, code)) add(system, code, s, 0, `${spec.from}–${spec.to}`);
        }
        // The start of a code that a listed range holds codes of: the range itself.
        const from = normalizeCode(spec.system, spec.from);
        const to = normalizeCode(spec.system, spec.to);
        if (from !== undefined && to !== undefined && upper.length < from.length && from.slice(0, upper.length) <= upper && upper <= to.slice(0, upper.length)) add(spec.system, from, s, 2, null, to);
      }
    }
  } else {
    const words = term.toLowerCase().split(/\s+/).filter((w) => w.length > 0);
    for (const s of sources) {
      const text = `${s.words} ${s.criteriaSet?.title ?? ''} ${s.criteriaSet?.id ?? ''} ${groupWords(s.serviceGroup)}`.toLowerCase();
      if (!words.every((w) => text.includes(w))) continue;
      const rank = s.criteriaSet === null ? 4 : 3;
      if ('code' in s.spec) {
        const code = normalizeCode(s.spec.system, s.spec.code);
        if (code !== undefined) add(s.spec.system, code, s, rank, null);
      } else {
        const from = normalizeCode(s.spec.system, s.spec.from);
        const to = normalizeCode(s.spec.system, s.spec.to);
        if (from !== undefined && to !== undefined) add(s.spec.system, from, s, rank, null, to);
      }
    }
  }
  return [...hits.values()]
    .sort((a, b) => a.rank - b.rank || a.system.localeCompare(b.system) || a.code.localeCompare(b.code) || (a.codeTo ?? '').localeCompare(b.codeTo ?? ''))
    .slice(0, limit)
    .map((a) => ({ codeSystem: a.system, code: a.code, codeTo: a.codeTo, display: a.sets[0]?.title ?? a.groups[0] ?? '', onPaList: a.onPaList, criteriaSets: a.sets, inRange: a.inRange }));
}
