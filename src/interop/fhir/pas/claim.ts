/**
 * Reading a PAS Claim (Da Vinci PAS 2.2.1 / 2.0.1 PASClaim, PASClaimUpdate, PASClaimInquiry) and the
 * resources it references into plain values. Pure; the request was validated against its profile
 * before, so this reads what is there and does not judge it again.
 */
import { type BundleEntry, type BundleIndex } from '../bundle';
import {
  codeOf, codings, dateOf, extension, extString, extValue, identifierOf, numberOf, obj, objs, str, type Identifier, type JsonObject,
} from '../json';
import { PAS_EXT, X12 } from './codes';

export interface PasItem {
  /** Position in `Claim.item`, for FHIRPath expressions. */
  readonly index: number;
  readonly sequence: number;
  /** UM01 request category (X12 1525: AR, HS, SC …). */
  readonly requestType?: string;
  /** UM02 certification type (X12 1322: I initial, 3 cancel, 4 extension …). */
  readonly certificationType?: string;
  /** UM03 service type (X12 1365). */
  readonly serviceType?: string;
  readonly placeOfService?: string;
  /** The first `productOrService` coding. */
  readonly product?: { readonly system?: string; readonly code?: string; readonly display?: string };
  readonly modifiers: readonly string[];
  readonly quantity?: number;
  readonly quantityUnit?: string;
  readonly from?: string;
  readonly to?: string;
  readonly traceNumber?: Identifier;
  /** REF-BB authorization number and REF-NT administrative reference number (inquiries search by them). */
  readonly authorizationNumber?: string;
  readonly administrationReferenceNumber?: string;
  readonly careTeamSequence: readonly number[];
  readonly diagnosisSequence: readonly number[];
  readonly infoChanged?: 'added' | 'changed';
  /** `modifierExtension-infoCancelled` = true. */
  readonly cancelled: boolean;
  /** `extension-requestedService` target (ServiceRequest, DeviceRequest, MedicationRequest …). */
  readonly requestedService?: BundleEntry;
}

export interface PasSupportingInfo {
  readonly sequence: number;
  readonly category?: string;
  readonly value?: BundleEntry;
  readonly cancelled: boolean;
}

export interface PasCareTeamMember {
  readonly sequence: number;
  readonly provider?: BundleEntry;
  readonly claimScope: boolean;
}

export interface PasClaim {
  readonly entry: BundleEntry;
  readonly claim: JsonObject;
  readonly id?: string;
  readonly identifier?: Identifier;
  readonly claimType?: string;
  readonly priority?: string;
  readonly levelOfService?: string;
  /** Claim-level certification type (a whole-request cancel is `3`). */
  readonly certificationType?: string;
  readonly patient?: BundleEntry;
  readonly insurer?: BundleEntry;
  readonly provider?: BundleEntry;
  readonly coverage?: BundleEntry;
  readonly careTeam: readonly PasCareTeamMember[];
  readonly diagnoses: readonly { readonly index: number; readonly sequence: number; readonly system?: string; readonly code: string }[];
  readonly supportingInfo: readonly PasSupportingInfo[];
  readonly items: readonly PasItem[];
  /** `Claim.related.claim` (the Claim an update refers to). */
  readonly related?: { readonly reference?: string; readonly entry?: BundleEntry; readonly identifier?: Identifier };
  /** ISA06-style sender ids from `extension-TransmissionIdentifiers` (subscription filters). */
  readonly senderIds: readonly string[];
}

const posInt = (v: unknown): number | undefined => {
  const n = numberOf(v);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
};

const nums = (o: JsonObject, key: string): number[] => (Array.isArray(o[key]) ? o[key].flatMap((x: unknown) => posInt(x) ?? []) : []);

function readItem(b: BundleIndex, item: JsonObject, index: number): PasItem {
  const ext = (url: string) => extension(item, url);
  const changed = str(ext(PAS_EXT.infoChanged) ?? {}, 'valueCode');
  const quantity = obj(item, 'quantity');
  const period = obj(item, 'servicedPeriod');
  const date = dateOf(item['servicedDate']);
  const product = codings(item['productOrService'])[0];
  const requested = b.resolve(extValue(ext(PAS_EXT.requestedService), 'Reference'));
  return {
    index,
    sequence: posInt(item['sequence']) ?? index + 1,
    requestType: codeOf(extValue(ext(PAS_EXT.requestType), 'CodeableConcept')),
    certificationType: codeOf(extValue(ext(PAS_EXT.certificationType), 'CodeableConcept')),
    serviceType: codeOf(item['category']),
    placeOfService: codeOf(item['locationCodeableConcept']),
    ...(product === undefined ? {} : { product }),
    modifiers: objs(item, 'modifier').flatMap((m) => codeOf(m) ?? []),
    ...(quantity === undefined ? {} : { quantity: numberOf(quantity['value']), quantityUnit: str(quantity, 'code') ?? str(quantity, 'unit') }),
    ...(date !== undefined ? { from: date, to: date } : period !== undefined ? { from: dateOf(period['start']), to: dateOf(period['end']) } : {}),
    traceNumber: identifierOf(extValue(ext(PAS_EXT.itemTraceNumber), 'Identifier')),
    authorizationNumber: extString(item, PAS_EXT.authorizationNumber),
    administrationReferenceNumber: extString(item, PAS_EXT.administrationReferenceNumber),
    careTeamSequence: nums(item, 'careTeamSequence'),
    diagnosisSequence: nums(item, 'diagnosisSequence'),
    ...(changed === 'added' || changed === 'changed' ? { infoChanged: changed } : {}),
    cancelled: extValue(extension(item, PAS_EXT.infoCancelled, 'modifierExtension'), 'Boolean') === true,
    ...(requested === undefined ? {} : { requestedService: requested }),
  };
}

/** Reads the Claim in `entry` and the resources it references from the Bundle. */
export function readPasClaim(b: BundleIndex, entry: BundleEntry): PasClaim {
  const claim = entry.resource;
  const insurance = objs(claim, 'insurance');
  const focal = insurance.find((i) => i['focal'] === true) ?? insurance[0];
  const related = objs(claim, 'related')[0];
  const relatedClaim = related === undefined ? undefined : obj(related, 'claim');
  const relatedEntry = relatedClaim === undefined ? undefined : b.resolve(relatedClaim);
  const transmission = extension(claim, PAS_EXT.transmissionIdentifiers);
  const senderIds = transmission === undefined ? [] : objs(transmission, 'extension').filter((e) => str(e, 'url') === 'interchangeSenderID' || str(e, 'url') === 'applicationSenderCode').flatMap((e) => str(e, 'valueString') ?? []);
  return {
    entry,
    claim,
    id: str(claim, 'id'),
    identifier: identifierOf(objs(claim, 'identifier')[0]),
    claimType: codeOf(claim['type']),
    priority: codeOf(claim['priority']),
    levelOfService: codeOf(extValue(extension(claim, PAS_EXT.levelOfServiceCode), 'CodeableConcept')),
    certificationType: codeOf(extValue(extension(claim, PAS_EXT.certificationType), 'CodeableConcept')),
    patient: b.resolve(claim['patient']),
    insurer: b.resolve(claim['insurer']),
    provider: b.resolve(claim['provider']),
    coverage: focal === undefined ? undefined : b.resolve(focal['coverage']),
    careTeam: objs(claim, 'careTeam').map((c, i) => ({
      sequence: posInt(c['sequence']) ?? i + 1,
      provider: b.resolve(c['provider']),
      claimScope: extValue(extension(c, PAS_EXT.careTeamClaimScope), 'Boolean') === true,
    })),
    diagnoses: objs(claim, 'diagnosis').flatMap((d, i) => {
      const c = codings(d['diagnosisCodeableConcept']).find((x) => x.code !== undefined);
      return c?.code === undefined ? [] : [{ index: i, sequence: posInt(d['sequence']) ?? i + 1, system: c.system, code: c.code }];
    }),
    supportingInfo: objs(claim, 'supportingInfo').map((s, i) => ({
      sequence: posInt(s['sequence']) ?? i + 1,
      category: codeOf(s['category']),
      value: b.resolve(s['valueReference']),
      cancelled: extValue(extension(s, PAS_EXT.infoCancelled, 'modifierExtension'), 'Boolean') === true,
    })),
    items: objs(claim, 'item').map((it, i) => readItem(b, it, i)),
    ...(related === undefined
      ? {}
      : { related: { reference: relatedClaim === undefined ? undefined : str(relatedClaim, 'reference'), entry: relatedEntry, identifier: relatedClaim === undefined ? undefined : identifierOf(relatedClaim['identifier']) } }),
    senderIds,
  };
}

/** X12 element 1338 level-of-service codes and FHIR priorities that ask for expedited handling. */
export function isExpedited(c: PasClaim): boolean {
  return c.priority === 'stat' || c.levelOfService === 'U' || c.levelOfService === '03';
}

/** An item or the whole request cancelled (X12 1322 certification type `3`). */
export const isCancel = (certificationType: string | undefined): boolean => certificationType === X12.certificationCancel;

/** The member identifier candidates, most specific first: Coverage MB, Patient MB, subscriber id, other Patient ids. */
export function memberIdCandidates(c: PasClaim): readonly string[] {
  const out: string[] = [];
  const push = (v: string | undefined) => {
    if (v !== undefined && v.trim() !== '' && !out.includes(v.trim())) out.push(v.trim());
  };
  const cov = c.coverage?.resource;
  const pat = c.patient?.resource;
  const ids = (o: JsonObject | undefined) => (o === undefined ? [] : objs(o, 'identifier').map((i) => ({ value: str(i, 'value'), mb: codings(i['type']).some((t) => t.code === 'MB') })));
  for (const i of ids(cov)) if (i.mb) push(i.value);
  for (const i of ids(pat)) if (i.mb) push(i.value);
  const self = cov === undefined || codings(cov['relationship']).some((r) => r.code === 'self' || r.code === '18');
  if (cov !== undefined && self) push(str(cov, 'subscriberId'));
  for (const i of ids(pat)) push(i.value);
  if (cov !== undefined) push(str(cov, 'subscriberId'));
  return out;
}

/** `Bundle.entry[n].resource` of the claim. */
export const claimPath = (b: BundleIndex, c: PasClaim): string => b.path(c.entry);
