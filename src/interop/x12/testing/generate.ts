import { DEFAULT_DELIMITERS, type Delimiters } from '../syntax/segment';
import { stamp } from '../write/envelope';
import { serializeSegment, type SegmentSpec } from '../write/serialize';

/**
 * Generators of valid synthetic X12 files of any size, for tests and benchmarks: 834 enrollment
 * files and batches of 278 requests. Deterministic for a seed; every name and id is invented.
 */

export interface GenerateOptions {
  readonly seed?: number;
  readonly delimiters?: Delimiters;
  /** A line feed after every segment terminator. */
  readonly lineBreaks?: boolean;
  readonly at?: Date;
  /** ISA13 (default 1). */
  readonly controlNumber?: number;
}

/** A small deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LAST: readonly [string, ...string[]] = ['SMITH', 'JOHNSON', 'GARCIA', 'NGUYEN', 'OKAFOR', 'MULLER', 'ROSSI', 'TANAKA', 'SILVA', 'COHEN', 'HANSEN', 'DUBOIS'];
const FIRST: readonly [string, ...string[]] = ['ANA', 'JOE', 'MARIA', 'WEI', 'AMARA', 'LENA', 'MARCO', 'YUKI', 'PEDRO', 'NOA', 'ERIK', 'CLAIRE'];
const CITIES: readonly [readonly [string, string, string], ...(readonly [string, string, string])[]] = [['SPRINGFIELD', 'IL', '62701'], ['BALTIMORE', 'MD', '21201'], ['AUSTIN', 'TX', '73301'], ['SALEM', 'OR', '97301']];
const CPT: readonly [string, ...string[]] = ['99213', '99214', '73721', '70553', '97110', '27447', 'E0601', 'J1745', 'G0151', '0075T'];
const ICD10: readonly [string, ...string[]] = ['M1711', 'E119', 'I10', 'J449', 'G4733', 'M545', 'Z0000', 'C50911'];

const pick = <T>(r: () => number, xs: readonly [T, ...T[]]): T => xs[Math.floor(r() * xs.length)] ?? xs[0];
const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const day = (r: () => number, fromYear: number, years: number): string => `${fromYear + Math.floor(r() * years)}${pad(1 + Math.floor(r() * 12), 2)}${pad(1 + Math.floor(r() * 28), 2)}`;

function isa(o: GenerateOptions, d: Delimiters, sender: string, receiver: string): { isa: string; control: string; gs: (functional: string, control: number, version: string) => SegmentSpec } {
  const s = stamp(o.at ?? new Date(Date.UTC(2026, 0, 15, 12, 0)), 'UTC');
  const control = pad(o.controlNumber ?? 1, 9);
  const isaText = ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), 'ZZ', sender.padEnd(15), 'ZZ', receiver.padEnd(15), s.shortDate, s.time, d.repetition, '00501', control, '0', 'T', d.component].join(d.element);
  return { isa: isaText, control, gs: (functional, n, version) => ['GS', functional, sender, receiver, s.date, s.time, String(n), 'X', version] };
}

/** One synthetic member family (subscriber and 0-2 dependents) as 834 INS loops. */
export function memberFamily(i: number, r: () => number): SegmentSpec[][] {
  const sub = `SUB${pad(i, 9)}`;
  const last = pick(r, LAST);
  const [city, state, zip] = pick(r, CITIES);
  const kind = r();
  const ins03 = kind < 0.7 ? '021' : kind < 0.85 ? '001' : kind < 0.93 ? '024' : kind < 0.97 ? '025' : '030';
  const begin = day(r, 2024, 2);
  const plan = `PLAN${pad(1 + Math.floor(r() * 20), 2)}`;
  const coverage = (level: string): SegmentSpec[] => {
    const out: SegmentSpec[] = [['HD', ins03 === '024' ? '024' : ins03, undefined, pick(r, ['HLT', 'HMO', 'PPO']), plan, level], ['DTP', '348', 'D8', begin]];
    if (ins03 === '024') out.push(['DTP', '349', 'D8', `${begin.slice(0, 4)}1231`]);
    out.push(['REF', '1L', `GRP${pad(i % 500, 5)}`]);
    if (r() < 0.3) out.push(['LX', '1'], ['NM1', 'P3', '1', pick(r, LAST), pick(r, FIRST), undefined, undefined, undefined, 'XX', `1${pad(Math.floor(r() * 1e9), 9)}`, '25']);
    return out;
  };
  const person = (subscriber: boolean, rel: string, first: string, dob: string, sex: string): SegmentSpec[] => [
    ['INS', subscriber ? 'Y' : 'N', rel, ins03, ins03 === '021' ? '28' : ins03 === '024' ? '07' : 'AI', 'A', undefined, undefined, subscriber ? 'FT' : undefined],
    ['REF', '0F', sub],
    ['REF', '1L', `GRP${pad(i % 500, 5)}`],
    ['DTP', '356', 'D8', begin],
    ['NM1', 'IL', '1', last, first, undefined, undefined, undefined, '34', pad(100000000 + i * 3 + (subscriber ? 0 : rel === '01' ? 1 : 2), 9)],
    ...(subscriber ? [['PER', 'IP', undefined, 'HP', `555${pad(Math.floor(r() * 1e7), 7)}`] satisfies SegmentSpec] : []),
    ['N3', `${1 + Math.floor(r() * 9999)} MAIN ST`],
    ['N4', city, state, zip],
    ['DMG', 'D8', dob, sex],
    ...coverage(subscriber ? 'FAM' : 'DEP'),
  ];
  const family: SegmentSpec[][] = [person(true, '18', pick(r, FIRST), day(r, 1950, 50), r() < 0.5 ? 'F' : 'M')];
  const deps = Math.floor(r() * 3);
  for (let k = 0; k < deps; k++) family.push(person(false, k === 0 ? '01' : '19', pick(r, FIRST), day(r, k === 0 ? 1955 : 2005, k === 0 ? 45 : 15), r() < 0.5 ? 'F' : 'M'));
  return family;
}

/**
 * Yields an 834 file (one interchange, one group, one transaction set) chunk by chunk until
 * it holds at least `targetBytes` characters, or `members` families when given.
 */
export function* generate834(target: { readonly targetBytes?: number; readonly families?: number }, o: GenerateOptions = {}): Generator<string> {
  const d = o.delimiters ?? DEFAULT_DELIMITERS;
  const end = d.segment + (o.lineBreaks === true ? '\n' : '');
  const r = random(o.seed ?? 834);
  const env = isa(o, d, 'SPONSOR01', 'OPENUM');
  const line = (s: SegmentSpec): string => serializeSegment(s, d) + end;
  let bytes = 0;
  let count = 0;
  const head = [env.isa + end, line(env.gs('BE', 1, '005010X220A1')), line(['ST', '834', '0001', '005010X220A1'])];
  const heading: SegmentSpec[] = [
    ['BGN', '00', `REF${pad(o.seed ?? 834, 6)}`, '20260115', '1200', undefined, undefined, undefined, '2'],
    ['REF', '38', 'MASTERPOLICY01'],
    ['DTP', '007', 'D8', '20260101'],
    ['N1', 'P5', 'ACME EMPLOYER', 'FI', '123456789'],
    ['N1', 'IN', 'OPENUM HEALTH PLAN', 'FI', '987654321'],
  ];
  let chunk = head.join('') + heading.map(line).join('');
  count += 1 + heading.length;
  const limit = target.targetBytes ?? Number.POSITIVE_INFINITY;
  const families = target.families ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= families && bytes + chunk.length < limit; i++) {
    for (const member of memberFamily(i, r)) {
      for (const s of member) {
        chunk += line(s);
        count++;
      }
    }
    if (chunk.length > 1 << 16) {
      bytes += chunk.length;
      yield chunk;
      chunk = '';
    }
  }
  count++;
  chunk += line(['SE', String(count), '0001']) + line(['GE', '1', '1']) + line(['IEA', '1', env.control]);
  yield chunk;
}

/** The segments (between ST and SE) of a synthetic 278 request number `i`. */
export function request278(i: number, r: () => number, withDependent = r() < 0.3): SegmentSpec[] {
  const kind = pick(r, ['SV1', 'SV1', 'SV2', 'SV3']);
  const services = 1 + Math.floor(r() * 3);
  const out: SegmentSpec[] = [
    ['BHT', '0007', '13', `REQ${pad(i, 9)}`, '20260115', '1200'],
    ['HL', '1', undefined, '20', '1'],
    ['NM1', 'X3', '2', 'OPENUM HEALTH PLAN', undefined, undefined, undefined, undefined, 'PI', 'PAYER01'],
    ['HL', '2', '1', '21', '1'],
    ['NM1', '1P', '1', pick(r, LAST), pick(r, FIRST), undefined, undefined, undefined, 'XX', `1${pad(Math.floor(r() * 1e9), 9)}`],
    ['HL', '3', '2', '22', '1'],
    ['NM1', 'IL', '1', pick(r, LAST), pick(r, FIRST), undefined, undefined, undefined, 'MI', `MEM${pad(i, 9)}`],
    ['DMG', 'D8', day(r, 1950, 50), r() < 0.5 ? 'F' : 'M'],
  ];
  let hl = 3;
  let parent = 3;
  if (withDependent) {
    out.push(['HL', '4', '3', '23', '1'], ['NM1', 'QC', '1', pick(r, LAST), pick(r, FIRST)], ['DMG', 'D8', day(r, 2005, 15), 'M']);
    hl = 4;
    parent = 4;
  }
  const ev = ++hl;
  out.push(
    ['HL', String(ev), String(parent), 'EV', '1'],
    ['TRN', '1', `TRACE${pad(i, 9)}`, '1234567890'],
    ['UM', 'HS', 'I', '1', ['11', 'B'], undefined, r() < 0.2 ? 'U' : 'E'],
    ['DTP', 'AAH', 'RD8', '20260201-20260301'],
    ['HI', ['ABK', pick(r, ICD10)], ['ABF', pick(r, ICD10)]],
    ['NM1', 'SJ', '1', pick(r, LAST), pick(r, FIRST), undefined, undefined, undefined, 'XX', `1${pad(Math.floor(r() * 1e9), 9)}`],
  );
  for (let k = 1; k <= services; k++) {
    out.push(['HL', String(++hl), String(ev), 'SS', '0'], ['TRN', '1', `ITEM${pad(i, 9)}${k}`, '1234567890'], ['UM', 'HS', 'I', undefined, undefined, undefined, undefined], ['DTP', '472', 'RD8', '20260201-20260301']);
    if (kind === 'SV1') out.push(['SV1', ['HC', pick(r, CPT), r() < 0.3 ? 'RT' : undefined], '150', 'UN', String(1 + Math.floor(r() * 10))]);
    else if (kind === 'SV2') out.push(['SV2', '0120', ['HC', '99223'], '1200', 'DA', String(1 + Math.floor(r() * 5))]);
    else out.push(['SV3', ['AD', 'D2740'], '900', undefined, undefined, undefined, '1'], ['TOO', 'JP', String(1 + Math.floor(r() * 32))]);
    out.push(['HSD', 'VS', '1']);
  }
  return out;
}

/** Yields a batch of 278 requests: `perGroup` sets per functional group, several groups in one interchange. */
export function* generate278Batch(target: { readonly targetBytes?: number; readonly requests?: number; readonly perGroup?: number }, o: GenerateOptions = {}): Generator<string> {
  const d = o.delimiters ?? DEFAULT_DELIMITERS;
  const end = d.segment + (o.lineBreaks === true ? '\n' : '');
  const r = random(o.seed ?? 278);
  const env = isa(o, d, 'CLEARINGHOUSE', 'OPENUM');
  const line = (s: SegmentSpec): string => serializeSegment(s, d) + end;
  const perGroup = target.perGroup ?? 1000;
  const limit = target.targetBytes ?? Number.POSITIVE_INFINITY;
  const requests = target.requests ?? Number.POSITIVE_INFINITY;
  let chunk = env.isa + end;
  let bytes = 0;
  let groups = 0;
  let inGroup = 0;
  const closeGroup = (): void => {
    chunk += line(['GE', String(inGroup), String(groups)]);
    inGroup = 0;
  };
  for (let i = 1; i <= requests && bytes + chunk.length < limit; i++) {
    if (inGroup === 0) {
      groups++;
      chunk += line(env.gs('HI', groups, '005010X217'));
    }
    const segs = request278(i, r);
    const st = pad(inGroup + 1, 4);
    chunk += line(['ST', '278', st, '005010X217']) + segs.map(line).join('') + line(['SE', String(segs.length + 2), st]);
    inGroup++;
    if (inGroup === perGroup) closeGroup();
    if (chunk.length > 1 << 16) {
      bytes += chunk.length;
      yield chunk;
      chunk = '';
    }
  }
  if (inGroup > 0) closeGroup();
  yield chunk + line(['IEA', String(groups), env.control]);
}
