/**
 * Code systems the IG packages and the FHIR R4 core do not carry (CPT, ICD-10-CM, HCPCS, X12
 * code lists, NUCC, LOINC, SNOMED CT, …). Their content is licensed or too large to ship; for
 * them the validator checks the system URL (against the value set) and the code's lexical format
 * only. Formats are from each code system's published structure (e.g. CPT: five characters,
 * ICD-10-CM: letter, digit, alphanumeric, optional dot and up to four more).
 */

interface ExternalSystem {
  readonly name: string;
  readonly format: RegExp;
}

const HCPCS: ExternalSystem = { name: 'HCPCS', format: /^([A-Z][0-9]{4}|[0-9]{4}[0-9A-Z])$/ };
const ICD9: ExternalSystem = { name: 'ICD-9-CM', format: /^(([0-9]{3}|V[0-9]{2}|E[0-9]{3})(\.?[0-9]{1,2})?|[0-9]{2}\.?[0-9]{1,2})$/ };
const NUBC_REVENUE: ExternalSystem = { name: 'NUBC revenue code', format: /^[0-9]{4}$/ };

const SYSTEMS: ReadonlyMap<string, ExternalSystem> = new Map<string, ExternalSystem>([
  ['http://www.ama-assn.org/go/cpt', { name: 'CPT', format: /^[0-9]{4}[0-9A-Z]$/ }],
  ['http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', HCPCS],
  ['https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', HCPCS],
  ['http://hl7.org/fhir/sid/icd-10-cm', { name: 'ICD-10-CM', format: /^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$/ }],
  ['http://www.cms.gov/Medicare/Coding/ICD10', { name: 'ICD-10-PCS', format: /^[0-9A-HJ-NP-Z]{7}$/ }],
  ['http://terminology.hl7.org/CodeSystem/icd9cm', ICD9],
  ['http://hl7.org/fhir/sid/icd-9-cm', ICD9],
  ['http://hl7.org/fhir/sid/ndc', { name: 'NDC', format: /^([0-9]{4}-[0-9]{4}-[0-9]{2}|[0-9]{5}-[0-9]{3}-[0-9]{2}|[0-9]{5}-[0-9]{4}-[0-9]{1,2}|[0-9]{10,11})$/ }],
  ['http://www.ada.org/cdt', { name: 'CDT', format: /^D[0-9]{4}$/ }],
  ['http://loinc.org', { name: 'LOINC', format: /^(L[AP])?[0-9]{1,8}-[0-9]$/ }],
  ['http://snomed.info/sct', { name: 'SNOMED CT', format: /^[1-9][0-9]{5,17}$/ }],
  ['http://www.nlm.nih.gov/research/umls/rxnorm', { name: 'RxNorm', format: /^[0-9]{1,8}$/ }],
  ['http://nucc.org/provider-taxonomy', { name: 'NUCC provider taxonomy', format: /^[0-9]{3}[0-9A-Z]{6}X$/ }],
  ['http://unitsofmeasure.org', { name: 'UCUM', format: /^[^\s]+$/ }],
  ['https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', { name: 'CMS place of service', format: /^[0-9]{2}$/ }],
  ['https://www.nubc.org/CodeSystem/RevenueCodes', NUBC_REVENUE],
  ['https://www.nubc.org/revenue-code', NUBC_REVENUE],
  ['https://www.nubc.org/CodeSystem/TypeOfBill', { name: 'NUBC type of bill', format: /^[0-9]{3,4}$/ }],
  ['https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software', { name: 'MS-DRG', format: /^[0-9]{3}$/ }],
  ['https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit', { name: 'NUBC priority (type) of admission', format: /^[0-9]$/ }],
  ['https://www.nubc.org/CodeSystem/PointOfOrigin', { name: 'NUBC point of origin', format: /^[0-9A-Z]$/ }],
  ['https://www.nubc.org/CodeSystem/PatDischargeStatus', { name: 'NUBC patient discharge status', format: /^[0-9]{2}$/ }],
  ['https://www.usps.com/', { name: 'USPS state', format: /^[A-Z]{2}$/ }],
  ['urn:ietf:bcp:13', { name: 'MIME type', format: /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/ }],
  ['urn:ietf:bcp:47', { name: 'language tag', format: /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/ }],
  ['urn:iso:std:iso:3166', { name: 'ISO 3166 country', format: /^([A-Z]{2,3}|[0-9]{3})$/ }],
]);

const X12_PREFIX = 'https://codesystem.x12.org/005010/';
const X12_FORMAT: ExternalSystem = { name: 'X12 code', format: /^[A-Z0-9]{1,3}$/ };
const GENERIC: ExternalSystem = { name: 'code', format: /^[^\s]+( [^\s]+)*$/ };

/** The lexical check for a code of an external system (a generic one for systems we do not know). */
export function externalSystem(system: string): ExternalSystem {
  if (system.startsWith(X12_PREFIX)) return X12_FORMAT;
  return SYSTEMS.get(system) ?? GENERIC;
}

/** Every system with a specific format rule (for the documentation and tests). */
export const EXTERNAL_SYSTEMS_WITH_FORMAT: readonly string[] = [...SYSTEMS.keys(), `${X12_PREFIX}*`];

/**
 * X12 data elements whose values come from an external code list rather than an X12 one: CL101,
 * CL102 and CL103 carry NUBC codes (the PAS 2.2.1 Encounter example codes them with the NUBC
 * systems), PRV03 (element 127 in the 2010EA/2010F PRV segments) carries a NUCC provider taxonomy
 * code.
 */
const X12_EXTERNAL_SOURCES: Readonly<Record<string, readonly string[]>> = {
  '1315': ['https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit'],
  '1314': ['https://www.nubc.org/CodeSystem/PointOfOrigin'],
  '1352': ['https://www.nubc.org/CodeSystem/PatDischargeStatus'],
  '127': ['http://nucc.org/provider-taxonomy'],
};

/**
 * Value sets the packages reference but do not contain, which we can still characterise by the
 * code system they draw from: the X12 value sets (`https://valueset.x12.org/x217/005010/…/<element>`
 * draw from `https://codesystem.x12.org/005010/<element>`, or the external list named above) and
 * the LOINC attachment value set.
 */
export function impliedSystemsOfValueSet(url: string): readonly string[] | undefined {
  const x12 = /^https:\/\/valueset\.x12\.org\/x\d+\/005010\/.*\/(\d+)$/.exec(url);
  if (x12?.[1] !== undefined) return [`${X12_PREFIX}${x12[1]}`, ...(X12_EXTERNAL_SOURCES[x12[1]] ?? [])];
  if (url.startsWith('http://loinc.org/vs/')) return ['http://loinc.org'];
  return undefined;
}
