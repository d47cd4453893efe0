/**
 * Synthetic vocabulary for the demo tenant: invented people's names drawn at random from common
 * first and last names (never real people), a catalogue of services plans commonly authorize,
 * and specialties with their NUCC taxonomy codes.
 */

export const FIRST_NAMES = [
  'Ava', 'Liam', 'Maria', 'Noah', 'Sofia', 'Ethan', 'Grace', 'Lucas', 'Chloe', 'Mateo', 'Ella', 'James', 'Mia', 'Daniel', 'Aria',
  'Henry', 'Layla', 'Owen', 'Zoe', 'Caleb', 'Nora', 'Isaac', 'Hazel', 'Miles', 'Ruby', 'Elijah', 'Leah', 'Samuel', 'Iris', 'Gabriel',
  'Alma', 'Rosa', 'Walter', 'Dolores', 'Arthur', 'Edith', 'Frank', 'Irene', 'Harold', 'Mabel', 'Ramon', 'Lupe', 'Tomas', 'Ines',
  'Kenji', 'Mei', 'Arjun', 'Priya', 'Tariq', 'Amina', 'Kwame', 'Abena', 'Dmitri', 'Olga', 'Pavel', 'Nadia', 'Hugo', 'Clara',
] as const;

export const LAST_NAMES = [
  'Alvarez', 'Brennan', 'Castillo', 'Dawson', 'Ellison', 'Fairbanks', 'Garrison', 'Holloway', 'Iverson', 'Jennings', 'Kowalski',
  'Lindqvist', 'Marlowe', 'Nakamura', 'Okafor', 'Pemberton', 'Quintero', 'Rasmussen', 'Sandoval', 'Thornbury', 'Underhill',
  'Valdivia', 'Whitcombe', 'Yarborough', 'Zamora', 'Ashworth', 'Blackwood', 'Calloway', 'Delacroix', 'Eastman', 'Fenwick',
  'Galloway', 'Hartigan', 'Ingram', 'Juarez', 'Kingsley', 'Lockhart', 'Montoya', 'Northcott', 'Oyelaran', 'Prescott',
  'Ramirez', 'Stanton', 'Trevino', 'Vasquez', 'Winslow', 'Abernathy', 'Bhattacharya', 'Cardenas', 'Dominguez',
] as const;

export const CITIES = [
  ['Austin', 'TX', '78701'],
  ['San Antonio', 'TX', '78205'],
  ['Houston', 'TX', '77002'],
  ['Dallas', 'TX', '75201'],
  ['El Paso', 'TX', '79901'],
  ['Fort Worth', 'TX', '76102'],
] as const;

export const STREETS = ['Oak', 'Pecan', 'Mesquite', 'Bluebonnet', 'Cedar', 'Live Oak', 'Magnolia', 'Juniper', 'Willow', 'Prairie'] as const;

export interface Specialty {
  readonly name: string;
  readonly taxonomy: string;
}

export const PRACTITIONER_SPECIALTIES: readonly Specialty[] = [
  { name: 'Family Medicine', taxonomy: '207Q00000X' },
  { name: 'Internal Medicine', taxonomy: '207R00000X' },
  { name: 'Cardiovascular Disease', taxonomy: '207RC0000X' },
  { name: 'Orthopaedic Surgery', taxonomy: '207X00000X' },
  { name: 'Pulmonary Disease', taxonomy: '207RP1001X' },
  { name: 'Neurology', taxonomy: '2084N0400X' },
  { name: 'Diagnostic Radiology', taxonomy: '2085R0202X' },
  { name: 'General Surgery', taxonomy: '208600000X' },
  { name: 'Medical Oncology', taxonomy: '207RX0202X' },
  { name: 'Physical Therapist', taxonomy: '225100000X' },
  { name: 'Ophthalmology', taxonomy: '207W00000X' },
  { name: 'Sleep Medicine', taxonomy: '207RS0012X' },
];

export const FACILITY_TYPES: readonly (Specialty & { readonly suffix: string })[] = [
  { name: 'General Acute Care Hospital', taxonomy: '282N00000X', suffix: 'Medical Center' },
  { name: 'Skilled Nursing Facility', taxonomy: '314000000X', suffix: 'Skilled Nursing & Rehab' },
  { name: 'Home Health', taxonomy: '251E00000X', suffix: 'Home Health' },
  { name: 'Durable Medical Equipment & Medical Supplies', taxonomy: '332B00000X', suffix: 'Medical Supply' },
  { name: 'Radiology Clinic/Center', taxonomy: '261QR0200X', suffix: 'Imaging Center' },
  { name: 'Ambulatory Surgical Clinic/Center', taxonomy: '261QA1903X', suffix: 'Surgery Center' },
];

export interface CatalogService {
  readonly codeSystem: 'CPT' | 'HCPCS' | 'REV';
  readonly code: string;
  readonly description: string;
  readonly units: number;
  readonly unitType: 'UN' | 'DA' | 'VS';
  readonly placeOfService: string;
  readonly diagnoses: readonly string[];
  readonly partB?: boolean;
  /** Days the service spans from its start. */
  readonly spanDays: number;
}

/** Services plans commonly authorize, with diagnoses that usually go with them. */
export const SERVICES: readonly CatalogService[] = [
  { codeSystem: 'HCPCS', code: 'E0601', description: 'Continuous positive airway pressure (CPAP) device', units: 1, unitType: 'UN', placeOfService: '12', diagnoses: ['G47.33'], spanDays: 90 },
  { codeSystem: 'HCPCS', code: 'E1390', description: 'Oxygen concentrator', units: 1, unitType: 'UN', placeOfService: '12', diagnoses: ['J44.9', 'J96.11'], spanDays: 90 },
  { codeSystem: 'HCPCS', code: 'K0823', description: 'Power wheelchair, group 2 standard, captains chair', units: 1, unitType: 'UN', placeOfService: '12', diagnoses: ['G35', 'I63.9'], spanDays: 30 },
  { codeSystem: 'CPT', code: '43644', description: 'Laparoscopic gastric bypass (Roux-en-Y)', units: 1, unitType: 'UN', placeOfService: '21', diagnoses: ['E66.01', 'E11.9'], spanDays: 1 },
  { codeSystem: 'CPT', code: '93798', description: 'Outpatient cardiac rehabilitation with ECG monitoring', units: 36, unitType: 'VS', placeOfService: '22', diagnoses: ['I21.4', 'I25.10'], spanDays: 84 },
  { codeSystem: 'CPT', code: '99183', description: 'Hyperbaric oxygen therapy, physician attendance', units: 20, unitType: 'VS', placeOfService: '22', diagnoses: ['E11.621', 'L97.523'], spanDays: 40 },
  { codeSystem: 'CPT', code: '33361', description: 'Transcatheter aortic valve replacement, percutaneous femoral', units: 1, unitType: 'UN', placeOfService: '21', diagnoses: ['I35.0'], spanDays: 1 },
  { codeSystem: 'CPT', code: '27447', description: 'Total knee arthroplasty', units: 1, unitType: 'UN', placeOfService: '22', diagnoses: ['M17.11'], spanDays: 1 },
  { codeSystem: 'CPT', code: '70551', description: 'MRI brain without contrast', units: 1, unitType: 'UN', placeOfService: '22', diagnoses: ['R51.9', 'G43.909'], spanDays: 30 },
  { codeSystem: 'CPT', code: '72148', description: 'MRI lumbar spine without contrast', units: 1, unitType: 'UN', placeOfService: '11', diagnoses: ['M54.16'], spanDays: 30 },
  { codeSystem: 'CPT', code: '97110', description: 'Therapeutic exercise, each 15 minutes', units: 24, unitType: 'UN', placeOfService: '11', diagnoses: ['M17.11', 'M54.16'], spanDays: 60 },
  { codeSystem: 'CPT', code: '97161', description: 'Physical therapy evaluation, low complexity', units: 1, unitType: 'UN', placeOfService: '11', diagnoses: ['M54.16'], spanDays: 30 },
  { codeSystem: 'HCPCS', code: 'J9271', description: 'Injection, pembrolizumab, 1 mg', units: 200, unitType: 'UN', placeOfService: '22', diagnoses: ['C34.90'], partB: true, spanDays: 90 },
  { codeSystem: 'HCPCS', code: 'J0178', description: 'Injection, aflibercept, 1 mg', units: 2, unitType: 'UN', placeOfService: '11', diagnoses: ['H35.3211'], partB: true, spanDays: 60 },
  { codeSystem: 'HCPCS', code: 'G0151', description: 'Home health physical therapy, each 15 minutes', units: 16, unitType: 'UN', placeOfService: '12', diagnoses: ['S72.001D', 'I63.9'], spanDays: 30 },
  { codeSystem: 'REV', code: '0120', description: 'Inpatient room and board, semi-private', units: 3, unitType: 'DA', placeOfService: '21', diagnoses: ['S72.001A', 'I21.4'], spanDays: 3 },
  { codeSystem: 'REV', code: '0022', description: 'Skilled nursing facility stay (PPS)', units: 14, unitType: 'DA', placeOfService: '31', diagnoses: ['S72.001D', 'I63.9'], spanDays: 14 },
  { codeSystem: 'CPT', code: '29881', description: 'Knee arthroscopy with meniscectomy', units: 1, unitType: 'UN', placeOfService: '24', diagnoses: ['M23.221'], spanDays: 1 },
  { codeSystem: 'CPT', code: '63030', description: 'Lumbar laminotomy with discectomy, one interspace', units: 1, unitType: 'UN', placeOfService: '22', diagnoses: ['M51.16'], spanDays: 1 },
  { codeSystem: 'CPT', code: '78815', description: 'PET/CT imaging, skull base to mid-thigh', units: 1, unitType: 'UN', placeOfService: '22', diagnoses: ['C34.90'], spanDays: 30 },
  { codeSystem: 'CPT', code: '95810', description: 'Polysomnography, attended, 4 or more parameters', units: 1, unitType: 'UN', placeOfService: '22', diagnoses: ['G47.33'], spanDays: 30 },
  { codeSystem: 'HCPCS', code: 'A0426', description: 'Ambulance, advanced life support, non-emergency', units: 2, unitType: 'UN', placeOfService: '41', diagnoses: ['I63.9'], spanDays: 7 },
];

/** Plain-language denial reasons a medical director writes, with the (synthetic) policy each rests on. */
export const DENIAL_REASONS = [
  {
    category: 'medical_necessity',
    reasonCode: 'MN-CRIT',
    reason: 'The records sent do not show that the qualifying test results required by the coverage criteria were met; the request does not meet the criteria in force.',
    rule: 'Plan medical policy: medical-necessity criteria for the requested service',
    reference: 'Demo medical policy MP-101, section 3 (synthetic)',
  },
  {
    category: 'insufficient_information',
    reasonCode: 'INFO-NR',
    reason: 'We asked for the most recent office notes and test results and did not receive them before the decision was due.',
    rule: 'UM procedure: decisions made on the information received by the due date',
    reference: 'Demo UM procedure UM-204, section 2 (synthetic)',
  },
  { category: 'benefit', reasonCode: 'BEN-EXCL', reason: 'This service is excluded from the member\'s benefit package for the plan year.', rule: 'Evidence of Coverage: services not covered', reference: 'Demo Evidence of Coverage, chapter 4, section 3 (synthetic)' },
  { category: 'network', reasonCode: 'NET-AVAIL', reason: 'The service is available from an in-network provider; no justification for an out-of-network provider was given.', rule: 'Network policy: out-of-network services need a justification', reference: 'Demo network policy NW-002 (synthetic)' },
] as const;

export const PEND_MESSAGES = [
  'Please send the last two office visit notes and the most recent test results that support this request.',
  'Please send the sleep study report (AHI/RDI) and the face-to-face evaluation note.',
  'Please send documentation of conservative treatment tried over the last 6 weeks.',
] as const;
