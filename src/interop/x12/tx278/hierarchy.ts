import { buildHlTree, type HlNode } from '../common/hl';
import { raw, readParty, type ReadContext } from '../common/parties';
import type { Person, RawSegment } from '../common/types';
import type { Segment } from '../syntax/segment';
import type { ElementRule } from '../validate/rules';
import { LOOPS_278, NM1_2010A, NM1_2010B, NM1_2010C, NM1_2010D, PARENTS_278 } from './rules';

/** A party level (2000A-2000D) read: its NM1 loop, the AAA segments of the level, and what else it held. */
export interface PartyLevel {
  readonly node: HlNode;
  readonly party: Person;
  /** AAA of the HL level, before the NM1 (2000A in responses). */
  readonly levelAaa: readonly RawSegment[];
  /** AAA of the NM1 loop (2010A-2010D in responses). */
  readonly aaa: readonly RawSegment[];
  readonly other: readonly RawSegment[];
}

/** The HL skeleton of a 278: one UMO, one requester, one subscriber, an optional dependent, one patient event and its services. */
export interface Hierarchy278 {
  readonly umo?: PartyLevel;
  readonly requester?: PartyLevel;
  readonly subscriber?: PartyLevel;
  readonly dependent?: PartyLevel;
  readonly event?: HlNode;
  readonly services: readonly HlNode[];
}

const only = (nodes: readonly HlNode[], level: string, ctx: ReadContext): HlNode | undefined => {
  const found = nodes.filter((n) => n.level === level);
  for (const extra of found.slice(1)) ctx.issues.segment(extra.hl, extra.loop, '4', `loop ${extra.loop} occurs more than once`);
  return found[0];
};

function partyLevel(node: HlNode, ctx: ReadContext, sub: string, rules: readonly ElementRule[], what: string): PartyLevel | undefined {
  const aaa: RawSegment[] = [];
  const levelAaa: RawSegment[] = [];
  const other: RawSegment[] = [];
  let party: Person | undefined;
  for (let i = 0; i < node.body.length; ) {
    const s = node.body[i];
    if (s === undefined) break;
    if (s.id === 'NM1' && party === undefined) {
      const r = readParty(s, node.body, i, ctx, sub, rules);
      party = r.party;
      for (const a of r.aaa) aaa.push(raw(a));
      i = r.next;
      continue;
    }
    if (s.id === 'AAA') (party === undefined ? levelAaa : aaa).push(raw(s));
    else other.push(raw(s));
    i++;
  }
  if (party === undefined) {
    ctx.issues.missing('NM1', node.body[0]?.position ?? node.hl.position + 1, sub, `the ${what} name (loop ${sub}) is required`);
    return undefined;
  }
  return { node, party, levelAaa, aaa, other };
}

function need(ctx: ReadContext, node: HlNode | undefined, loop: string, what: string, before: number): node is HlNode {
  if (node === undefined) ctx.issues.missing('HL', before, loop, `the ${what} level (loop ${loop}) is required`);
  return node !== undefined;
}

/**
 * Reads the HL structure of a 278 (request, response or inquiry) from the segments after BHT.
 * Missing required levels are reported as missing HL segments of their loop (IK304 3), at the
 * position `end` (the SE) when nothing follows.
 */
export function walk278(segments: readonly Segment[], ctx: ReadContext, end: number): Hierarchy278 {
  const { roots, lead } = buildHlTree(segments, LOOPS_278, PARENTS_278, ctx.issues);
  for (const s of lead) ctx.issues.segment(s, undefined, '2', `${s.id} before the first HL`);
  const a = only(roots, '20', ctx);
  if (!need(ctx, a, '2000A', 'UMO', segments[0]?.position ?? end)) return { services: [] };
  const umo = partyLevel(a, ctx, '2010A', NM1_2010A, 'UMO');
  const b = only(a.children, '21', ctx);
  if (!need(ctx, b, '2000B', 'requester', end)) return { umo, services: [] };
  const requester = partyLevel(b, ctx, '2010B', NM1_2010B, 'requester');
  const c = only(b.children, '22', ctx);
  if (!need(ctx, c, '2000C', 'subscriber', end)) return { umo, requester, services: [] };
  const subscriber = partyLevel(c, ctx, '2010C', NM1_2010C, 'subscriber');
  const d = only(c.children, '23', ctx);
  const dependent = d === undefined ? undefined : partyLevel(d, ctx, '2010D', NM1_2010D, 'dependent');
  const e = only((d ?? c).children, 'EV', ctx);
  if (!need(ctx, e, '2000E', 'patient event', end)) return { umo, requester, subscriber, dependent, services: [] };
  return { umo, requester, subscriber, dependent, event: e, services: e.children.filter((n) => n.level === 'SS') };
}
