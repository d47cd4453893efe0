/**
 * The PAS Response Bundle (Da Vinci PAS 2.2.1 §"Prior Authorization Response", spec-30..37): the
 * ClaimResponse first, then every resource it references, echoed with the request's `fullUrl` and
 * ids. `outcome` is the processing status (complete / partial / error), never the decision; each item
 * carries its review action (HCR01) with the authorization number, period and reasons. Pure.
 */
import { DateTime } from 'luxon';
import type { BundleEntry, BundleIndex } from '../bundle';
import { objs, referenceOf, type JsonObject } from '../json';
import type { PasClaim } from './claim';
import { PAS_EXT, PAS_PROFILE, REVIEW_ACTIONS, SYSTEMS, X12, type ReviewActionCode } from './codes';
import { itemAction, type BusinessError, type CaseState, type ItemState, type LineState } from './model';
import { productCoding } from './products';

type J = Record<string, unknown>;

export interface ResponseInput {
  readonly bundle: BundleIndex;
  readonly requestBundle: JsonObject;
  readonly claim: PasClaim;
  readonly items: readonly ItemState[];
  readonly errors: readonly BusinessError[];
  /** The ClaimResponse id (stable per request: notifications and inquiries repeat it). */
  readonly claimResponseId: string;
  /** `<public URL>/fhir`. */
  readonly baseUrl: string;
  readonly now: Date;
  readonly timeZone: string;
  readonly kind: 'response' | 'inquiry-response';
  /** The PAS version the request was accepted as: the answer follows it (error extensions differ). */
  readonly version: '2.2.1' | '2.0.1';
  /** The plan's map from its denial reason codes to X12 HCR03 codes (code list 886). */
  readonly decisionReasonCodes?: Readonly<Record<string, string>>;
}

const coding = (system: string, code: string, display?: string): J => ({ coding: [{ system, code, ...(display === undefined ? {} : { display }) }] });
const localDate = (d: Date, zone: string): string => DateTime.fromJSDate(d, { zone }).toISODate() ?? d.toISOString().slice(0, 10);

function reviewAction(code: ReviewActionCode, number: string | null, reason: string | undefined): J {
  return {
    url: PAS_EXT.reviewAction,
    extension: [
      ...(number === null ? [] : [{ url: 'number', valueString: number }]),
      ...(reason === undefined ? [] : [{ url: 'reasonCode', valueCodeableConcept: coding(X12.decisionReason, reason) }]),
      { url: PAS_EXT.reviewActionCode, valueCodeableConcept: coding(X12.reviewAction, code, REVIEW_ACTIONS[code]) },
    ],
  };
}

const adjudication = (action: J): J[] => [{ extension: [action], category: coding(SYSTEMS.adjudication, 'submitted') }];

function period(from: string | null, to: string | null): J | undefined {
  if (from === null && to === null) return undefined;
  return { ...(from === null ? {} : { start: from }), ...(to === null ? {} : { end: to }) };
}

interface Built {
  readonly item?: J;
  readonly addItem?: J;
  readonly notes: readonly string[];
}

function lineItem(seq: number, line: LineState, c: CaseState, input: ResponseInput): Built {
  const code = itemAction(line, c);
  const caseNumber = c.caseNumber;
  const pend = c.status === 'pended_info' ? c.pendMessage : null;
  const planName = c.planName;
  const d = line.determination;
  const approved = code === 'A1' || code === 'A2' || code === 'A6';
  const validity = approved ? period(line.approvedFrom, line.approvedTo) : undefined;
  const requested = period(line.fromDate, line.toDate);
  const mapped = d?.reasonCode == null ? undefined : input.decisionReasonCodes?.[d.reasonCode];
  const ext: J[] = [
    ...(requested === undefined ? [] : [{ url: PAS_EXT.itemRequestedServiceDate, valuePeriod: requested }]),
    ...(approved && line.decidedAt !== null ? [{ url: PAS_EXT.itemPreAuthIssueDate, valueDate: localDate(line.decidedAt, input.timeZone) }] : []),
    ...(validity === undefined ? [] : [{ url: PAS_EXT.itemPreAuthPeriod, valuePeriod: validity }]),
    ...(code === 'A2' && line.approvedUnits !== null ? [{ url: PAS_EXT.itemAuthorizedDetail, extension: [{ url: 'quantity', valueQuantity: { value: line.approvedUnits } }] }] : []),
    { url: PAS_EXT.administrationReferenceNumber, valueString: caseNumber },
  ];
  const number = approved ? line.authorizationNumber : null;
  const item: J = { extension: ext, itemSequence: seq, adjudication: adjudication(reviewAction(code, number, code === 'A3' || code === 'A2' || code === 'A6' ? mapped : undefined)) };
  const notes: string[] = [];
  switch (code) {
    case 'A4':
      notes.push(
        line.outcome === 'forwarded'
          ? `Item ${seq}: forwarded to ${planName ?? 'the health plan'}, which decides it (reference ${caseNumber}).`
          : pend === null
            ? `Item ${seq}: pended for review (reference ${caseNumber}); the decision will be sent by subscription notification.`
            : `Item ${seq}: pended; the reviewer asks for more information: ${pend}`,
      );
      break;
    case 'A2':
    case 'A3':
    case 'A6':
      notes.push(`Item ${seq}: ${REVIEW_ACTIONS[code].toLowerCase()}${d?.reason == null ? '' : ` — ${d.reason}`}${d?.category == null ? '' : ` (${d.category.replace(/_/g, ' ')}${d.reasonCode === null ? '' : `, ${d.reasonCode}`})`}`);
      break;
    case 'NA':
      notes.push(`Item ${seq}: no authorization is required.`);
      break;
    case 'C':
      notes.push(c.status === 'cancelled' && line.outcome === null ? `Item ${seq}: the request was cancelled by the plan.` : `Item ${seq}: withdrawn.`);
      break;
    case 'A1':
      break;
  }
  if (code !== 'A6' || d === null) return { item, notes };
  const product = productCoding(line.codeSystem, d.approvedCode ?? line.code);
  const addItem: J = {
    itemSequence: [seq],
    productOrService: product,
    ...(d.approvedUnits === null ? {} : { quantity: { value: d.approvedUnits } }),
    ...(validity === undefined ? {} : { servicedPeriod: validity }),
    ...(d.approvedPlaceOfService === null ? {} : { locationCodeableConcept: coding('https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set', d.approvedPlaceOfService) }),
    adjudication: adjudication(reviewAction('A1', line.authorizationNumber, undefined)),
  };
  return { item, addItem, notes };
}

function itemOf(s: ItemState, input: ResponseInput): Built {
  switch (s.kind) {
    case 'line':
      return lineItem(s.sequence, s.line, s.case, input);
    case 'cancelled':
      return { item: { itemSequence: s.sequence, adjudication: adjudication(reviewAction('C', null, undefined)) }, notes: [`Item ${s.sequence}: cancelled by the requester.`] };
    case 'rejected':
      return { notes: [] };
  }
}

function errorOf(e: BusinessError, version: ResponseInput['version']): J {
  const element = version === '2.0.1' ? { url: PAS_EXT.errorElement, valueString: e.element } : { url: PAS_EXT.errorElement, extension: [{ url: 'error', valueString: e.element }] };
  return {
    extension: [
      ...(e.element === undefined ? [] : [element]),
      ...(e.path === undefined ? [] : [{ url: PAS_EXT.errorPath, valueString: e.path }]),
      { url: PAS_EXT.errorFollowupAction, valueCodeableConcept: coding(X12.followUp, e.followUp) },
    ],
    ...(e.itemSequence === undefined ? {} : { itemSequence: e.itemSequence }),
    code: { coding: [{ system: X12.rejectReason, code: e.reason }], text: e.message },
  };
}

/** The entries the ClaimResponse references, echoed from the request (same fullUrl, same resource). */
function echoed(input: ResponseInput, claimResponse: J): J[] {
  const c = input.claim;
  const picked: BundleEntry[] = [];
  const add = (e: BundleEntry | undefined) => {
    if (e !== undefined && !picked.includes(e)) picked.push(e);
  };
  add(c.patient);
  add(c.insurer);
  add(c.provider);
  if (c.provider?.type === 'PractitionerRole') {
    add(input.bundle.resolve(c.provider.resource['practitioner']));
    add(input.bundle.resolve(c.provider.resource['organization']));
  }
  if (input.kind === 'inquiry-response') {
    add(c.coverage);
    // The Claim itself (PAS spec-45), unless it is a Claim Update: ClaimResponse.request targets PAS Claim.
    const claimEntry = input.bundle.resolve(referenceOf(claimResponse['request']));
    if (claimEntry !== undefined && !Array.isArray(claimEntry.resource['related'])) add(claimEntry);
  }
  return picked.map((e) => ({ fullUrl: e.fullUrl ?? `${input.baseUrl}/${e.type}/${e.id ?? ''}`, resource: e.resource }));
}

const refTo = (e: BundleEntry | undefined, fallback: unknown): J | undefined => {
  if (e !== undefined && e.id !== undefined) return { reference: `${e.type}/${e.id}` };
  const r = referenceOf(fallback);
  return r === undefined ? undefined : { reference: r };
};

/** Builds the response (or inquiry response) Bundle. */
export function buildPasResponse(input: ResponseInput): J {
  const c = input.claim;
  const built = input.items.map((s) => itemOf(s, input));
  const authorised = input.items.flatMap((s) => {
    if (s.kind !== 'line') return [];
    const a = itemAction(s.line, s.case);
    return a === 'A1' || a === 'A2' || a === 'A6' ? [s.line] : [];
  });
  const numbers = [...new Set(authorised.flatMap((l) => l.authorizationNumber ?? []))];
  const starts = authorised.flatMap((l) => l.approvedFrom ?? []).sort();
  const ends = authorised.flatMap((l) => l.approvedTo ?? []).sort();
  const processed = input.items.some((s) => s.kind !== 'rejected');
  const outcome = input.errors.length === 0 ? 'complete' : processed ? 'partial' : 'error';
  const notes = built.flatMap((b) => b.notes);
  const claimResponse: J = {
    resourceType: 'ClaimResponse',
    id: input.claimResponseId,
    meta: { profile: [`${input.kind === 'response' ? PAS_PROFILE.claimResponse : PAS_PROFILE.claimInquiryResponse}|${input.version}`] },
    ...(c.identifier === undefined ? {} : { identifier: [objs(c.claim, 'identifier')[0]] }),
    status: 'active',
    type: c.claim['type'] ?? coding(SYSTEMS.claimType, 'professional'),
    use: 'preauthorization',
    patient: refTo(c.patient, c.claim['patient']),
    created: input.now.toISOString(),
    insurer: refTo(c.insurer, c.claim['insurer']),
    ...(c.provider === undefined ? {} : { requestor: refTo(c.provider, c.claim['provider']) }),
    request: c.id === undefined ? { identifier: objs(c.claim, 'identifier')[0] } : { reference: `Claim/${c.id}` },
    outcome,
    ...(numbers.length === 1 ? { preAuthRef: numbers[0] } : {}),
    ...(starts[0] !== undefined && ends.at(-1) !== undefined ? { preAuthPeriod: { start: starts[0], end: ends.at(-1) } } : {}),
    ...(built.some((b) => b.item !== undefined) ? { item: built.flatMap((b) => b.item ?? []) } : {}),
    ...(built.some((b) => b.addItem !== undefined) ? { addItem: built.flatMap((b) => b.addItem ?? []) } : {}),
    ...(notes.length === 0 ? {} : { processNote: notes.map((text, i) => ({ number: i + 1, type: 'display', text })) }),
    ...(input.kind === 'inquiry-response' && c.coverage !== undefined ? { insurance: [{ sequence: 1, focal: true, coverage: refTo(c.coverage, undefined) }] } : {}),
    ...(input.errors.length === 0 ? {} : { error: input.errors.map((e) => errorOf(e, input.version)) }),
  };
  const identifier = input.requestBundle['identifier'];
  return {
    resourceType: 'Bundle',
    meta: { profile: [`${input.kind === 'response' ? PAS_PROFILE.responseBundle : PAS_PROFILE.inquiryResponseBundle}|${input.version}`] },
    ...(identifier === undefined ? {} : { identifier }),
    type: 'collection',
    timestamp: input.now.toISOString(),
    entry: [{ fullUrl: `${input.baseUrl}/ClaimResponse/${input.claimResponseId}`, resource: claimResponse }, ...echoed(input, claimResponse)],
  };
}

/** The review actions in a response Bundle's ClaimResponse (tests and the synchronous-answer guard). */
export function reviewActionsIn(bundle: J): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o: Record<string, unknown> = Object.fromEntries(Object.entries(v));
      if (o['system'] === X12.reviewAction && typeof o['code'] === 'string') out.push(o['code']);
      Object.values(o).forEach(walk);
    }
  };
  const entries: unknown = bundle['entry'];
  const first: unknown = Array.isArray(entries) ? entries[0] : undefined;
  const resource: unknown = typeof first === 'object' && first !== null && 'resource' in first ? first.resource : undefined;
  walk(typeof resource === 'object' && resource !== null && 'item' in resource ? resource.item : []);
  return out;
}

export const claimResponseFullUrl = (baseUrl: string, id: string): string => `${baseUrl}/ClaimResponse/${id}`;
