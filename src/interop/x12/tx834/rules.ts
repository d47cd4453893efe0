import type { ElementRule } from '../validate/rules';

/** Element rules of the 834 segments OpenUM interprets (005010X220A1). */

export const BGN_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['00', '15', '22'], ref: 353 },
  { n: 2, required: true, max: 50, ref: 127 },
  { n: 3, required: true, type: 'D8', ref: 373 },
  { n: 4, required: true, type: 'TM', ref: 337 },
  { n: 8, required: true, codes: ['2', '4', 'RX'], ref: 306 },
];

export const N1_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['P5', 'IN', 'BO', 'TV'], ref: 98 },
  { n: 3, required: true, codes: ['24', '94', 'FI', 'XV'], ref: 66 },
  { n: 4, required: true, max: 80, ref: 67 },
];

export const HEADER_DTP_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['007', '090', '091', '303', '382', '388'], ref: 374 },
  { n: 2, required: true, codes: ['D8'], ref: 1250 },
  { n: 3, required: true, ref: 1251 },
];

export const QTY_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['DT', 'ET', 'TO'], ref: 673 },
  { n: 2, required: true, type: 'R', ref: 380 },
];

export const INS_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['N', 'Y'], ref: 1073 },
  {
    n: 2,
    required: true,
    codes: ['01', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '23', '24', '25', '26', '31', '38', '53', '60', 'D2', 'G8', 'G9'],
    ref: 1069,
  },
  { n: 3, required: true, codes: ['001', '021', '024', '025', '030'], ref: 875 },
  { n: 5, required: true, codes: ['A', 'C', 'S', 'T'], ref: 1216 },
  { n: 8, codes: ['AC', 'AO', 'AU', 'FT', 'L1', 'PT', 'RT', 'TE'], ref: 584 },
  { n: 9, codes: ['F', 'N', 'P'], ref: 1220 },
  { n: 10, codes: ['N', 'Y'], ref: 1073 },
  { n: 11, codes: ['D8'], ref: 1250 },
  { n: 12, type: 'D8', ref: 1251 },
];

export const MEMBER_DTP_RULES: readonly ElementRule[] = [
  {
    n: 1,
    required: true,
    codes: ['050', '286', '296', '297', '300', '301', '303', '336', '337', '338', '339', '340', '341', '350', '351', '356', '357', '383', '385', '386', '393', '394', '473', '474'],
    ref: 374,
  },
  { n: 2, required: true, codes: ['D8'], ref: 1250 },
  { n: 3, required: true, ref: 1251 },
];

export const NM1_2100A_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['74', 'IL'], ref: 98 },
  { n: 2, required: true, codes: ['1'], ref: 1065 },
  { n: 3, required: true, max: 60, ref: 1035 },
  { n: 8, codes: ['34', 'ZZ'], ref: 66 },
];

export const DMG_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['D8'], ref: 1250 },
  { n: 2, required: true, type: 'D8', ref: 1251 },
  { n: 3, required: true, codes: ['F', 'M', 'U'], ref: 1068 },
];

export const HD_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['001', '002', '021', '024', '025', '026', '030', '032'], ref: 875 },
  {
    n: 3,
    required: true,
    codes: ['AG', 'AH', 'AJ', 'AK', 'DCP', 'DEN', 'EPO', 'FAC', 'HE', 'HLT', 'HMO', 'LTC', 'LTD', 'MM', 'MOD', 'PDG', 'POS', 'PPO', 'PRA', 'STD', 'UR', 'VIS'],
    ref: 1205,
  },
  { n: 5, codes: ['CHD', 'DEP', 'E1D', 'E2D', 'E3D', 'E5D', 'E6D', 'E7D', 'E8D', 'E9D', 'ECH', 'EMP', 'ESP', 'FAM', 'IND', 'SPC', 'SPO', 'TWO'], ref: 1207 },
  { n: 9, codes: ['N', 'Y'], ref: 1073 },
];

export const COVERAGE_DTP_RULES: readonly ElementRule[] = [
  { n: 1, required: true, codes: ['300', '303', '343', '348', '349', '543', '695'], ref: 374 },
  { n: 2, required: true, codes: ['D8', 'RD8'], ref: 1250 },
  { n: 3, required: true, ref: 1251 },
];

/** NM101 of the member name loops 2100A-2100H. */
export const NAME_LOOPS: Readonly<Record<string, string>> = {
  IL: '2100A', '74': '2100A', '70': '2100B', '31': '2100C', '36': '2100D', M8: '2100E', S3: '2100F',
  '6Y': '2100G', '9K': '2100G', E1: '2100G', EI: '2100G', EXS: '2100G', GB: '2100G', GD: '2100G', J6: '2100G', LR: '2100G', QD: '2100G', S1: '2100G', TZ: '2100G', X4: '2100G',
  '45': '2100H',
};
