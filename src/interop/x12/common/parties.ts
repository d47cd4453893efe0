import { d8 } from '../syntax/dates';
import { el, opt, type Delimiters, type Segment } from '../syntax/segment';
import type { Issues } from '../validate/issues';
import { checkCharacters, checkSegment, type ElementRule } from '../validate/rules';
import { NONE, type Address, type Contact, type Identification, type Person, type RawSegment, type Reference } from './types';

/** What a reader of one transaction set carries around. */
export interface ReadContext {
  readonly d: Delimiters;
  readonly issues: Issues;
}

export const raw = (s: Segment): RawSegment => ({ id: s.id, elements: s.elements, position: s.position });

const REF_RULES: readonly ElementRule[] = [
  { n: 1, required: true, max: 3, ref: 128 },
  { n: 2, required: true, max: 50, ref: 127 },
];
const N3_RULES: readonly ElementRule[] = [{ n: 1, required: true, max: 55, ref: 166 }, { n: 2, max: 55, ref: 166 }];
const N4_RULES: readonly ElementRule[] = [{ n: 1, required: true, max: 30, ref: 19 }, { n: 2, min: 2, max: 2, ref: 156 }, { n: 3, min: 3, max: 15, ref: 116 }];
const PER_RULES: readonly ElementRule[] = [{ n: 1, required: true, ref: 366 }, { n: 3, required: true, ref: 365 }, { n: 4, required: true, max: 256, ref: 364 }];
const PRV_RULES: readonly ElementRule[] = [{ n: 1, required: true, ref: 1221 }, { n: 2, required: true, codes: ['PXC'], ref: 128 }, { n: 3, required: true, max: 50, ref: 127 }];
const DMG_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['D8'], ref: 1250 },
  { n: 2, required: true, type: 'D8', ref: 1251 },
  { n: 3, codes: ['F', 'M', 'U'], ref: 1068 },
];

/** Segments that belong to a party (NM1) loop in the HL-structured transactions. */
const PARTY_SEGMENTS = new Set(['REF', 'N3', 'N4', 'PER', 'PRV', 'DMG', 'INS', 'AAA']);

export const reference = (s: Segment): Reference => {
  const description = opt(s, 3);
  return { qualifier: el(s, 1), value: el(s, 2), ...(description === undefined ? {} : { description }) };
};

export function contact(s: Segment): Contact {
  const numbers: Identification[] = [];
  for (let i = 3; i <= 7; i += 2) {
    const q = opt(s, i);
    const v = opt(s, i + 1);
    if (q !== undefined && v !== undefined) numbers.push({ qualifier: q, value: v });
  }
  const name = opt(s, 2);
  return { function: el(s, 1), ...(name === undefined ? {} : { name }), numbers };
}

/**
 * Reads a party loop: the NM1 `nm1` found at `segs[start]`, and the REF, N3, N4, PER, PRV, DMG,
 * INS (and response AAA) segments after it. Returns the index after the loop.
 */
export function readParty(
  nm1: Segment,
  segs: readonly Segment[],
  start: number,
  ctx: ReadContext,
  loop: string,
  nm1Rules: readonly ElementRule[],
): { readonly party: Person; readonly next: number; readonly aaa: readonly Segment[] } {
  checkCharacters(nm1, ctx.issues, loop);
  checkSegment(nm1, nm1Rules, ctx.d, ctx.issues, loop);
  const idq = opt(nm1, 8);
  const idv = opt(nm1, 9);
  let references: Reference[] | undefined;
  let contacts: Contact[] | undefined;
  let aaa: Segment[] | undefined;
  let lines: string[] | undefined;
  let n4: Segment | undefined;
  let birthDate: string | undefined;
  let sex: string | undefined;
  let relationship: string | undefined;
  let provider: Person['provider'];
  let i = start + 1;
  for (; i < segs.length; i++) {
    const s = segs[i];
    if (s === undefined || !PARTY_SEGMENTS.has(s.id)) break;
    checkCharacters(s, ctx.issues, loop);
    switch (s.id) {
      case 'REF':
        if (checkSegment(s, REF_RULES, ctx.d, ctx.issues, loop)) (references ??= []).push(reference(s));
        break;
      case 'N3':
        checkSegment(s, N3_RULES, ctx.d, ctx.issues, loop);
        for (const v of [opt(s, 1), opt(s, 2)]) if (v !== undefined) (lines ??= []).push(v);
        break;
      case 'N4':
        checkSegment(s, N4_RULES, ctx.d, ctx.issues, loop);
        n4 = s;
        break;
      case 'PER':
        if (checkSegment(s, PER_RULES, ctx.d, ctx.issues, loop)) (contacts ??= []).push(contact(s));
        break;
      case 'PRV':
        if (checkSegment(s, PRV_RULES, ctx.d, ctx.issues, loop)) provider = { code: el(s, 1), qualifier: el(s, 2), taxonomy: el(s, 3) };
        break;
      case 'DMG':
        if (checkSegment(s, DMG_RULES, ctx.d, ctx.issues, loop)) {
          birthDate = d8(el(s, 2));
          sex = opt(s, 3);
        }
        break;
      case 'INS':
        relationship = opt(s, 2);
        break;
      default:
        (aaa ??= []).push(s);
    }
  }
  const address: Address | undefined =
    lines === undefined && n4 === undefined
      ? undefined
      : { lines: lines ?? NONE, city: n4 && opt(n4, 1), state: n4 && opt(n4, 2), postalCode: n4 && opt(n4, 3), country: n4 && opt(n4, 4), countrySubdivision: n4 && opt(n4, 7) };
  const party: Person = {
    entityCode: el(nm1, 1),
    entityType: el(nm1, 2) === '2' ? 'organization' : 'person',
    name: { last: el(nm1, 3), first: opt(nm1, 4), middle: opt(nm1, 5), prefix: opt(nm1, 6), suffix: opt(nm1, 7) },
    id: idq !== undefined && idv !== undefined ? { qualifier: idq, value: idv } : undefined,
    npi: idq === 'XX' ? idv : undefined,
    memberId: idq === 'MI' ? idv : undefined,
    references: references ?? NONE,
    address,
    contacts: contacts ?? NONE,
    provider,
    birthDate,
    sex,
    relationship,
    position: nm1.position,
  };
  return { party, next: i, aaa: aaa ?? NONE };
}
