import { el, type Segment } from '../syntax/segment';
import type { Issues } from '../validate/issues';

/** One hierarchical level (HL) with the segments that follow it up to the next HL. */
export interface HlNode {
  readonly hl: Segment;
  readonly id: string;
  /** HL03 hierarchical level code (20, 21, 22, 23, EV, SS). */
  readonly level: string;
  /** TR3 loop id (2000A…). */
  readonly loop: string;
  readonly body: Segment[];
  readonly children: HlNode[];
}

/**
 * Builds the HL tree of a transaction set from the segments after its heading (X12.6 "HL
 * structure"). Checks that HL01 numbers are unique, that HL02 names an earlier level, and that
 * each level sits under the level the TR3 puts above it (`parents`: level → allowed parent
 * levels, '' for the top). Segments before the first HL are returned as `lead`.
 */
export function buildHlTree(
  segments: readonly Segment[],
  loops: Readonly<Record<string, string>>,
  parents: Readonly<Record<string, readonly string[]>>,
  issues: Issues,
): { readonly roots: readonly HlNode[]; readonly lead: readonly Segment[] } {
  const roots: HlNode[] = [];
  const lead: Segment[] = [];
  const byId = new Map<string, HlNode>();
  let current: HlNode | undefined;
  for (const seg of segments) {
    if (seg.id !== 'HL') {
      if (current === undefined) lead.push(seg);
      else current.body.push(seg);
      continue;
    }
    const id = el(seg, 1);
    const parentId = el(seg, 2);
    const level = el(seg, 3);
    const loop = loops[level];
    if (id === '') issues.bad(seg, loop, 1, '1');
    else if (byId.has(id)) issues.bad(seg, loop, 1, '7', id, undefined, `HL01 ${id} is used twice`);
    if (level === '') issues.bad(seg, loop, 3, '1');
    else if (loop === undefined) issues.bad(seg, undefined, 3, '7', level);
    const child = el(seg, 4);
    if (child !== '' && child !== '0' && child !== '1') issues.bad(seg, loop, 4, '7', child);
    const node: HlNode = { hl: seg, id, level, loop: loop ?? 'HL', body: [], children: [] };
    current = node;
    if (id !== '' && !byId.has(id)) byId.set(id, node);
    const allowed = parents[level] ?? [];
    if (parentId === '') {
      if (loop !== undefined && !allowed.includes('')) issues.bad(seg, loop, 2, '1', undefined, undefined, `HL02 missing: level ${level} needs a parent`);
      roots.push(node);
      continue;
    }
    const parent = byId.get(parentId);
    if (parent === undefined || parent === node) {
      issues.bad(seg, loop, 2, '7', parentId, undefined, `HL02 ${parentId} does not name an earlier level`);
      roots.push(node);
    } else {
      if (loop !== undefined && !allowed.includes(parent.level)) issues.segment(seg, loop, '2', `HL level ${level} cannot sit under level ${parent.level}`);
      parent.children.push(node);
    }
  }
  return { roots, lead };
}
