/**
 * What a CRD hook is about, read leniently (Da Vinci CRD 2.0.1 §"Hooks"; CDS Hooks 2.0): the draft,
 * selected or dispatched orders, the appointments, or the encounter — and, for each, the billing
 * codes the PA list is keyed on (CPT, HCPCS, revenue), taken from the order's code and from the
 * `ext-billing-options` codings, and its date of service. Requests in the wild are often not strictly
 * valid (no Bundle.type, a missing intent, STU3 shapes): unknown elements are ignored (found-33).
 */
import type { ServiceCodeSystem } from '../../../criteria';
import { codings, dateOf, isRecord, objs, str, type Coding, type JsonObject } from '../json';
import { SYSTEMS } from '../pas/codes';
import { isCptShape } from '../pas/products';

export const CRD_EXT = {
  coverageInformation: 'http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-coverage-information',
  billingOptions: 'http://hl7.org/fhir/us/davinci-crd/StructureDefinition/ext-billing-options',
} as const;

/** HCPCS is written under several system URLs in the wild (CMS, CMS Blue Button). */
const HCPCS_SYSTEMS: readonly string[] = [...SYSTEMS.hcpcs, 'https://bluebutton.cms.gov/resources/codesystem/hcpcs', 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets/'];

export interface BillingCode {
  readonly codeSystem: ServiceCodeSystem;
  readonly code: string;
  readonly coding: Coding;
}

export function billingCodeOf(c: Coding): BillingCode | undefined {
  const code = c.code?.trim().toUpperCase();
  if (code === undefined || code === '' || c.system === undefined) return undefined;
  if (c.system === SYSTEMS.cpt) return { codeSystem: 'CPT', code, coding: c };
  if (HCPCS_SYSTEMS.includes(c.system)) return { codeSystem: isCptShape(code) ? 'CPT' : 'HCPCS', code, coding: c };
  if (c.system === SYSTEMS.revenue) return { codeSystem: 'REV', code, coding: c };
  return undefined;
}

/** The coded elements that say what an order or booking is, by resource type. */
function conceptsOf(r: JsonObject): unknown[] {
  switch (str(r, 'resourceType') ?? '') {
    case 'ServiceRequest':
      return [r['code']];
    case 'DeviceRequest':
      return [r['codeCodeableConcept']];
    case 'MedicationRequest':
      return [r['medicationCodeableConcept']];
    case 'NutritionOrder': {
      const oral = isRecord(r['oralDiet']) ? objs(r['oralDiet'], 'type') : [];
      const enteral = isRecord(r['enteralFormula']) ? [r['enteralFormula']['baseFormulaType']] : [];
      return [...oral, ...objs(r, 'supplement').map((s) => s['type']), ...enteral];
    }
    case 'Appointment':
      return [...objs(r, 'serviceType'), r['appointmentType']];
    case 'Encounter':
      return [...objs(r, 'type'), r['serviceType']];
    case 'CommunicationRequest':
      return [...objs(r, 'category')];
    default:
      return [r['code']];
  }
}

/** Every coding of the order and the billing codes among them (the billing options first). */
export function orderCodes(r: JsonObject): { readonly all: readonly Coding[]; readonly billing: readonly BillingCode[] } {
  const all: Coding[] = [];
  const options: Coding[] = [];
  for (const concept of conceptsOf(r)) {
    all.push(...codings(concept));
    if (isRecord(concept)) for (const e of objs(concept, 'extension')) if (str(e, 'url') === CRD_EXT.billingOptions) options.push(...codings(e['valueCodeableConcept']));
  }
  const billing: BillingCode[] = [];
  for (const c of [...options, ...all]) {
    const b = billingCodeOf(c);
    if (b !== undefined && !billing.some((x) => x.codeSystem === b.codeSystem && x.code === b.code)) billing.push(b);
  }
  return { all, billing };
}

/** The date the service is expected (occurrence, appointment start, period start), else undefined. */
export function serviceDateOf(r: JsonObject): string | undefined {
  const occ = r['occurrenceDateTime'] ?? r['start'];
  const fromPeriod = (v: unknown) => (isRecord(v) ? dateOf(v['start']) : undefined);
  return dateOf(occ) ?? fromPeriod(r['occurrencePeriod']) ?? fromPeriod(r['period']) ?? fromPeriod(r['requestedPeriod']);
}

/**
 * The CMS place of service an order implies, when it says so plainly: a location coded with CMS
 * place-of-service codes, or an inpatient encounter (v3 ActCode IMP / ACUTE / NONAC → 21, inpatient
 * hospital). Otherwise undefined (rules keyed to a place then do not match, as on other channels).
 */
export function placeOfServiceOf(r: JsonObject): string | undefined {
  const POS = 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set';
  for (const loc of objs(r, 'locationCode')) {
    const c = codings(loc).find((x) => x.system === POS);
    if (c?.code !== undefined) return c.code;
  }
  if (str(r, 'resourceType') === 'Encounter' && isRecord(r['class'])) {
    const cls = str(r['class'], 'code');
    if (cls === 'IMP' || cls === 'ACUTE' || cls === 'NONAC') return '21';
  }
  return undefined;
}

/** A readable label of an order for cards. */
export function orderLabel(r: JsonObject): string {
  const c = orderCodes(r).all.find((x) => x.display !== undefined) ?? orderCodes(r).all[0];
  const what = c === undefined ? str(r, 'resourceType') ?? 'order' : c.display ?? `${c.code ?? ''}`;
  return what.length > 80 ? `${what.slice(0, 77)}…` : what;
}
