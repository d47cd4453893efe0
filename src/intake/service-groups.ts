/**
 * Service groups: the categories a DOFR assigns to the IPA or the plan and a reviewer matrix grants
 * adverse authority for. Classified from the line's code (pure). The defaults follow common HMO
 * DOFR grids (professional / institutional / DME / drugs / transplant …); the PA list may override
 * a code's group.
 */
import type { CodeSystem } from './model';

export const SERVICE_GROUPS = [
  'professional',
  'inpatient_facility',
  'outpatient_facility',
  'snf',
  'home_health',
  'hospice',
  'dme',
  'part_b_drug',
  'outpatient_drug',
  'behavioral_health',
  'radiology',
  'laboratory',
  'therapy',
  'dialysis',
  'transplant',
  'ambulance',
  'other',
] as const;
export type ServiceGroup = (typeof SERVICE_GROUPS)[number];

export interface ClassifiableLine {
  readonly codeSystem: CodeSystem;
  readonly code: string;
  readonly placeOfService?: string | null;
  readonly partB?: boolean;
}

type Range = readonly [string, string, ServiceGroup];

/** CPT ranges (AMA CPT sections) with the groups a DOFR treats apart. Order matters: first match wins. */
const CPT_RANGES: readonly Range[] = [
  ['32851', '32854', 'transplant'],
  ['33927', '33945', 'transplant'],
  ['38240', '38243', 'transplant'],
  ['47135', '47135', 'transplant'],
  ['48554', '48554', 'transplant'],
  ['50360', '50365', 'transplant'],
  ['70010', '79999', 'radiology'],
  ['80047', '89398', 'laboratory'],
  ['90785', '90899', 'behavioral_health'],
  ['90935', '90999', 'dialysis'],
  ['97010', '97799', 'therapy'],
  ['99500', '99602', 'home_health'],
];

/** HCPCS level II by first letter and ranges. */
const HCPCS_RANGES: readonly Range[] = [
  ['A0021', 'A0999', 'ambulance'],
  ['A4206', 'A9999', 'dme'],
  ['B4000', 'B9999', 'dme'],
  ['E0100', 'E9999', 'dme'],
  ['K0000', 'K9999', 'dme'],
  ['L0000', 'L9999', 'dme'],
  ['G0151', 'G0162', 'home_health'],
  ['G0299', 'G0300', 'home_health'],
  ['G0493', 'G0496', 'home_health'],
  ['Q5001', 'Q5010', 'hospice'],
  ['T1000', 'T1005', 'home_health'],
  ['H0001', 'H2037', 'behavioral_health'],
  ['J0000', 'J9999', 'part_b_drug'],
  ['Q0138', 'Q0181', 'part_b_drug'],
  ['Q5101', 'Q5199', 'part_b_drug'],
];

/** Revenue codes (NUBC UB-04 FL 42). */
const REV_RANGES: readonly Range[] = [
  ['0022', '0022', 'snf'],
  ['0550', '0599', 'home_health'],
  ['0650', '0659', 'hospice'],
  ['0820', '0889', 'dialysis'],
  ['0420', '0449', 'therapy'],
  ['0900', '0919', 'behavioral_health'],
  ['0114', '0114', 'behavioral_health'],
  ['0124', '0124', 'behavioral_health'],
  ['0100', '0219', 'inpatient_facility'],
  ['0810', '0819', 'transplant'],
];

const inRange = (code: string, ranges: readonly Range[]): ServiceGroup | null => {
  for (const [lo, hi, group] of ranges) if (code.length === lo.length && code >= lo && code <= hi) return group;
  return null;
};

/** Places of service (CMS POS code set) that make a facility line institutional. */
const INPATIENT_POS = new Set(['21', '51', '61']);
const SNF_POS = new Set(['31', '32']);

export function classifyServiceGroup(line: ClassifiableLine): ServiceGroup {
  const code = line.code.trim().toUpperCase();
  switch (line.codeSystem) {
    case 'NDC':
      return line.partB === true ? 'part_b_drug' : 'outpatient_drug';
    case 'HCPCS': {
      const g = inRange(code, HCPCS_RANGES);
      if (g === 'part_b_drug' && line.partB === false) return 'outpatient_drug';
      return g ?? (line.partB === true ? 'part_b_drug' : 'professional');
    }
    case 'CPT':
      return inRange(code, CPT_RANGES) ?? 'professional';
    case 'REV': {
      const padded = code.padStart(4, '0');
      const g = inRange(padded, REV_RANGES);
      if (g !== null) return g;
      const pos = line.placeOfService ?? '';
      if (SNF_POS.has(pos)) return 'snf';
      return INPATIENT_POS.has(pos) ? 'inpatient_facility' : 'outpatient_facility';
    }
  }
}

export const isServiceGroup = (s: string): s is ServiceGroup => (SERVICE_GROUPS as readonly string[]).includes(s);
