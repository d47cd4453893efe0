import type { ElementRule } from '../validate/rules';

/**
 * Element rules of the 278 segments OpenUM interprets (005010X217 request/response and
 * 005010X215 inquiry). Code lists are limited to the values the TR3 uses in these positions;
 * X12 code lists are copyrighted, so only the codes needed to read the transaction are listed.
 */

export const LOOPS_278: Readonly<Record<string, string>> = { '20': '2000A', '21': '2000B', '22': '2000C', '23': '2000D', EV: '2000E', SS: '2000F' };
export const PARENTS_278: Readonly<Record<string, readonly string[]>> = { '20': [''], '21': ['20'], '22': ['21'], '23': ['22'], EV: ['22', '23'], SS: ['EV'] };

const bhtCache = new WeakMap<readonly string[], Map<string, readonly ElementRule[]>>();
/** BHT rules for the purposes a reader accepts (cached by the purposes list: they are asked for every set). */
export function bhtRules(purposes: readonly string[], notUsed: readonly string[], structure: string): readonly ElementRule[] {
  let byStructure = bhtCache.get(purposes);
  if (byStructure === undefined) {
    byStructure = new Map();
    bhtCache.set(purposes, byStructure);
  }
  const key = `${structure}|${notUsed.join(',')}`;
  let rules = byStructure.get(key);
  if (rules === undefined) {
    rules = makeBhtRules(purposes, notUsed, structure);
    byStructure.set(key, rules);
  }
  return rules;
}

const makeBhtRules = (purposes: readonly string[], notUsed: readonly string[], structure: string): readonly ElementRule[] => [
  { n: 1, required: true, codes: [structure], ref: 1005 },
  { n: 2, required: true, codes: purposes, notUsed, ref: 353 },
  { n: 3, required: true, max: 50, ref: 127 },
  { n: 4, required: true, type: 'D8', ref: 373 },
  { n: 5, required: true, type: 'TM', ref: 337 },
];

const nm1 = (entities: readonly string[], qualifiers: readonly string[], idRequired: boolean, nameRequired = true): readonly ElementRule[] => [
  { n: 1, required: true, codes: entities, ref: 98 },
  { n: 2, required: true, codes: ['1', '2'], ref: 1065 },
  { n: 3, required: nameRequired, max: 60, ref: 1035 },
  { n: 4, max: 35, ref: 1036 },
  { n: 8, required: idRequired, codes: qualifiers, ref: 66 },
  { n: 9, required: idRequired, min: 2, max: 80, ref: 67 },
];

export const NM1_2010A = nm1(['X3'], ['24', '34', '46', 'PI', 'XV', 'XX'], true);
export const NM1_2010B = nm1(['1P', 'FA', '2B', 'ABG', 'PR', 'X3'], ['24', '34', '46', 'PI', 'XV', 'XX'], true);
export const NM1_2010C = nm1(['IL'], ['MI'], true);
export const NM1_2010D = nm1(['QC'], ['MI'], false);
export const NM1_PROVIDER = nm1(
  ['71', '72', '73', '77', 'AAJ', 'DD', 'DK', 'DN', 'FA', 'G3', 'P3', 'QB', 'QV', 'SJ', '1T', '2B', 'IL', '45', 'FS', 'ND', 'PW', 'R3'],
  ['24', '34', '46', 'PI', 'XV', 'XX', 'ZZ'],
  false,
  false,
);
/** 2010EC patient event transport locations; every other event-level NM1 is a 2010EA provider. */
export const TRANSPORT_ENTITIES = new Set(['45', 'FS', 'ND', 'PW', 'R3']);

const makeTrnRules = (types: readonly string[]): readonly ElementRule[] => [
  { n: 1, required: true, codes: types, ref: 481 },
  { n: 2, required: true, max: 50, ref: 127 },
  { n: 3, required: true, min: 10, max: 10, ref: 509 },
  { n: 4, max: 50, ref: 127 },
];
const TRN_REQUEST = makeTrnRules(['1']);
const TRN_RESPONSE = makeTrnRules(['1', '2']);
/** TRN rules: TRN01 = 1 in requests and inquiries, 1 or 2 in responses. */
export const trnRules = (response: boolean): readonly ElementRule[] => (response ? TRN_RESPONSE : TRN_REQUEST);

export const UM_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['AR', 'HS', 'SC'], ref: 1525 },
  { n: 2, required: true, codes: ['1', '2', '3', '4', 'I', 'R', 'S'], ref: 1322 },
  { n: 3, max: 2, ref: 1365 },
  { n: 4, c: 1, max: 2, ref: 1331 },
  { n: 4, c: 2, codes: ['A', 'B'], ref: 1332 },
  { n: 5, c: 1, codes: ['AA', 'AP', 'EM', 'OA'], ref: 1362 },
  { n: 6, codes: ['03', 'E', 'U'], ref: 1338 },
  { n: 9, codes: ['A', 'I', 'M', 'O', 'Y'], ref: 1363 },
];

export const HCR_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['A1', 'A2', 'A3', 'A4', 'A6', 'C', 'CT', 'D', 'IP', 'NA'], ref: 306 },
  { n: 2, max: 50, ref: 127 },
  { n: 3, max: 30, ref: 1271 },
  { n: 4, codes: ['N', 'Y'], ref: 1073 },
];

export const AAA_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['N', 'Y'], ref: 1073 },
  { n: 3, required: true, min: 2, max: 2, ref: 901 },
  { n: 4, required: true, codes: ['C', 'N', 'P', 'R', 'S', 'W', 'X', 'Y'], ref: 889 },
];

export const DTP_RULES: readonly ElementRule[] = [
  { n: 1, required: true, min: 3, max: 3, ref: 374 },
  { n: 2, required: true, codes: ['D8', 'RD8', 'DT', 'RDT'], ref: 1250 },
  { n: 3, required: true, ref: 1251 },
];

/** HI qualifiers (X12 1270) read as diagnoses: AB* are ICD-10-CM, B* ICD-9-CM. */
export const DIAGNOSIS_QUALIFIERS = ['ABK', 'ABF', 'ABJ', 'ABN', 'APR', 'BK', 'BF', 'BJ', 'BN', 'PR', 'DR', 'LOI'];

export const HSD_RULES: readonly ElementRule[] = [
  { n: 1, codes: ['DY', 'FL', 'HS', 'MN', 'VS'], ref: 673 },
  { n: 2, type: 'R', ref: 380 },
  { n: 4, type: 'R', ref: 1167 },
  { n: 6, type: 'N0', ref: 616 },
];

export const PWK_RULES: readonly ElementRule[] = [
  { n: 1, required: true, min: 2, max: 2, ref: 755 },
  { n: 2, required: true, codes: ['AA', 'BM', 'EL', 'EM', 'FT', 'FX', 'VO'], ref: 756 },
  { n: 5, codes: ['AC'], ref: 66 },
  { n: 6, min: 2, max: 80, ref: 67 },
];

export const MSG_RULES: readonly ElementRule[] = [{ n: 1, required: true, max: 264, ref: 933 }];

export const SV1_RULES: readonly ElementRule[] = [
  { n: 1, c: 1, required: true, codes: ['HC', 'IV', 'N4', 'WK', 'ZZ'], ref: 235 },
  { n: 1, c: 2, required: true, max: 48, ref: 234 },
  { n: 2, type: 'R', ref: 782 },
  { n: 3, codes: ['MJ', 'UN'], ref: 355 },
  { n: 4, type: 'R', ref: 380 },
];
export const SV2_RULES: readonly ElementRule[] = [
  { n: 1, max: 48, ref: 234 },
  { n: 2, c: 1, codes: ['HC', 'HP', 'IV', 'N4', 'WK', 'ZZ'], ref: 235 },
  { n: 3, type: 'R', ref: 782 },
  { n: 4, codes: ['DA', 'UN'], ref: 355 },
  { n: 5, type: 'R', ref: 380 },
  { n: 6, type: 'R', ref: 1371 },
];
export const SV3_RULES: readonly ElementRule[] = [
  { n: 1, c: 1, required: true, codes: ['AD'], ref: 235 },
  { n: 1, c: 2, required: true, max: 48, ref: 234 },
  { n: 2, type: 'R', ref: 782 },
  { n: 6, type: 'N0', ref: 380 },
];
