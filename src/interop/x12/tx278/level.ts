import type { HlNode } from '../common/hl';
import { raw, readParty, reference, type ReadContext } from '../common/parties';
import { NONE, type DateEntry, type Party, type RawSegment, type Reference, type TraceNumber } from '../common/types';
import { d8 } from '../syntax/dates';
import { el, opt, type Segment } from '../syntax/segment';
import { checkCharacters, checkSegment, readDtp, type ElementRule } from '../validate/rules';
import { DTP_RULES, HSD_RULES, MSG_RULES, NM1_PROVIDER, PWK_RULES, TRANSPORT_ENTITIES, UM_RULES, trnRules, HCR_RULES, AAA_RULES, DIAGNOSIS_QUALIFIERS } from './rules';
import { readService } from './service';
import type { Attachment, ClinicalSegment, Diagnosis, InstitutionalInformation, RequestedService, ReviewInformation, ReviewLevel, ServiceDelivery } from './types';

/** Everything a 2000E or 2000F level may carry, in the request, the response or the inquiry. */
export interface LevelParts extends ReviewLevel {
  readonly diagnoses: readonly Diagnosis[];
  readonly service?: RequestedService;
  /** Response only: AAA request validation and HCR review outcome. */
  readonly aaa: readonly RawSegment[];
  readonly hcr?: RawSegment;
}

const MAX_USE: Readonly<Record<string, number>> = { UM: 1, HCR: 1, MSG: 1, HSD: 1, CL1: 1, SV1: 1, SV2: 1, SV3: 1, HI: 1 };

const num = (v: string | undefined): number | undefined => (v === undefined || !/^-?(\d+\.?\d*|\.\d+)$/.test(v) ? undefined : Number(v));

const some = (v: string | undefined): string | undefined => (v === '' ? undefined : v);

export function readReview(s: Segment, ctx: ReadContext): ReviewInformation {
  const facility = el(s, 4).split(ctx.d.component);
  const facilityCode = some(facility[0]);
  const facilityQualifier = some(facility[1]);
  const causes = opt(s, 5) === undefined ? [] : el(s, 5).split(ctx.d.component).slice(0, 3).filter((c) => c !== '');
  return {
    requestCategory: el(s, 1),
    certificationType: el(s, 2),
    serviceType: opt(s, 3),
    facility: facilityCode === undefined ? undefined : { code: facilityCode, qualifier: facilityQualifier ?? '' },
    placeOfService: facilityQualifier === 'B' ? facilityCode : undefined,
    relatedCauses: causes.length === 0 ? undefined : causes,
    levelOfService: opt(s, 6),
    currentHealthCondition: opt(s, 7),
    prognosis: opt(s, 8),
    releaseOfInformation: opt(s, 9),
    delayReason: opt(s, 10),
  };
}

export const trace = (s: Segment): TraceNumber => ({ type: el(s, 1), number: el(s, 2), originatorId: el(s, 3), originatorSupplemental: opt(s, 4) });

function diagnoses(s: Segment, ctx: ReadContext, loop: string): Diagnosis[] {
  const out: Diagnosis[] = [];
  for (let i = 1; i < s.elements.length; i++) {
    const v = el(s, i);
    if (v === '') continue;
    const parts = v.split(ctx.d.component);
    const q = parts[0] ?? '';
    const code = some(parts[1]);
    if (!DIAGNOSIS_QUALIFIERS.includes(q)) ctx.issues.bad(s, loop, i, '7', q, 1);
    else if (code === undefined) ctx.issues.bad(s, loop, i, '1', undefined, 2);
    else {
      const fmt = some(parts[2]);
      const dateValue = some(parts[3]);
      const date = fmt === 'D8' && dateValue !== undefined ? d8(dateValue) : undefined;
      if (fmt === 'D8' && date === undefined) ctx.issues.bad(s, loop, i, '8', dateValue, 4);
      const system = q.startsWith('AB') ? 'ICD-10-CM' : /^B[KFJN]$/.test(q) ? 'ICD-9-CM' : 'other';
      out.push({ qualifier: q, codeSystem: system, code, principal: q === 'ABK' || q === 'BK', date });
    }
  }
  return out;
}

const delivery = (s: Segment): ServiceDelivery => ({
  quantityQualifier: opt(s, 1),
  quantity: num(opt(s, 2)),
  unit: opt(s, 3),
  sampleModulus: num(opt(s, 4)),
  periodQualifier: opt(s, 5),
  periodCount: num(opt(s, 6)),
  deliveryPattern: opt(s, 7),
  deliveryTime: opt(s, 8),
});

const institutional = (s: Segment): InstitutionalInformation => ({ admissionType: opt(s, 1), admissionSource: opt(s, 2), patientStatus: opt(s, 3), nursingHomeStatus: opt(s, 4) });
const attachment = (s: Segment): Attachment => ({ reportType: el(s, 1), transmission: el(s, 2), controlNumber: opt(s, 6), description: opt(s, 7) });
const CLINICAL = new Set(['CR1', 'CR2', 'CR5', 'CR6', 'CRC']);
const isClinical = (id: string): id is ClinicalSegment['id'] => CLINICAL.has(id);

/**
 * Reads the body of a 2000E (patient event) or 2000F (service) level. `direction` selects the
 * TRN types allowed (1 in requests and inquiries; 1 and 2 in responses) and whether UM is required.
 */
export function readLevel(node: HlNode, ctx: ReadContext, direction: 'request' | 'response' | 'inquiry'): LevelParts {
  const loop = node.loop;
  const isEvent = node.level === 'EV';
  const trn: readonly ElementRule[] = trnRules(direction === 'response');
  // Lists are made on first use: most levels leave most of them empty.
  let traceNumbers: TraceNumber[] | undefined;
  let references: Reference[] | undefined;
  let dates: DateEntry[] | undefined;
  let found: Diagnosis[] | undefined;
  let clinical: ClinicalSegment[] | undefined;
  let attachments: Attachment[] | undefined;
  let providers: Party[] | undefined;
  let other: RawSegment[] | undefined;
  let aaa: RawSegment[] | undefined;
  const used: Record<string, number> = {};
  let review: ReviewInformation | undefined;
  let hcr: RawSegment | undefined;
  let previousAuthorizationNumber: string | undefined;
  let administrativeReferenceNumber: string | undefined;
  let serviceDelivery: ServiceDelivery | undefined;
  let inst: InstitutionalInformation | undefined;
  let message: string | undefined;
  let service: RequestedService | undefined;
  const body = node.body;
  for (let i = 0; i < body.length; ) {
    const s = body[i];
    if (s === undefined) break;
    if (s.id === 'NM1') {
      const sub = isEvent ? (TRANSPORT_ENTITIES.has(el(s, 1)) ? '2010EC' : '2010EA') : '2010F';
      const r = readParty(s, body, i, ctx, sub, NM1_PROVIDER);
      (providers ??= []).push(r.party);
      for (const a of r.aaa) (aaa ??= []).push(raw(a));
      i = r.next;
      continue;
    }
    i++;
    checkCharacters(s, ctx.issues, loop);
    const max = s.id === 'TRN' ? (direction === 'response' ? 3 : 2) : MAX_USE[s.id];
    const count = max === undefined ? 0 : (used[s.id] = (used[s.id] ?? 0) + 1);
    if (max !== undefined && count > max) {
      ctx.issues.segment(s, loop, '5');
      continue;
    }
    switch (s.id) {
      case 'TRN':
        if (checkSegment(s, trn, ctx.d, ctx.issues, loop)) (traceNumbers ??= []).push(trace(s));
        break;
      case 'UM':
        checkSegment(s, UM_RULES, ctx.d, ctx.issues, loop);
        review = readReview(s, ctx);
        break;
      case 'HCR':
        checkSegment(s, HCR_RULES, ctx.d, ctx.issues, loop);
        hcr = raw(s);
        break;
      case 'AAA':
        checkSegment(s, AAA_RULES, ctx.d, ctx.issues, loop);
        (aaa ??= []).push(raw(s));
        break;
      case 'REF': {
        const r = reference(s);
        if (r.value === '') ctx.issues.bad(s, loop, 2, '1');
        else if (r.qualifier === 'BB') previousAuthorizationNumber = r.value;
        else if (r.qualifier === 'NT') administrativeReferenceNumber = r.value;
        else (references ??= []).push(r);
        break;
      }
      case 'DTP': {
        const x = readDtp(s, DTP_RULES, ctx.d, ctx.issues, loop);
        if (x !== undefined) (dates ??= []).push(x);
        break;
      }
      case 'HI':
        found = (found ?? []).concat(diagnoses(s, ctx, loop));
        break;
      case 'HSD':
        checkSegment(s, HSD_RULES, ctx.d, ctx.issues, loop);
        serviceDelivery = delivery(s);
        break;
      case 'CL1':
        inst = institutional(s);
        break;
      case 'PWK':
        if (checkSegment(s, PWK_RULES, ctx.d, ctx.issues, loop)) (attachments ??= []).push(attachment(s));
        break;
      case 'MSG':
        checkSegment(s, MSG_RULES, ctx.d, ctx.issues, loop);
        message = opt(s, 1);
        break;
      case 'SV1':
      case 'SV2':
      case 'SV3':
        if (isEvent) (other ??= []).push(raw(s));
        else service = readService(s, body, ctx, loop);
        break;
      default:
        if (isClinical(s.id)) (clinical ??= []).push({ id: s.id, elements: s.elements });
        else if (s.id !== 'TOO') (other ??= []).push(raw(s));
    }
  }
  if (review === undefined && direction !== 'inquiry') {
    ctx.issues.missing('UM', body[0]?.position ?? node.hl.position + 1, loop, `the ${isEvent ? 'patient event' : 'service'} level needs a UM segment`);
  }
  return {
    position: node.hl.position,
    traceNumbers: traceNumbers ?? NONE,
    review,
    previousAuthorizationNumber,
    administrativeReferenceNumber,
    references: references ?? NONE,
    dates: dates ?? NONE,
    delivery: serviceDelivery,
    institutional: inst,
    clinical: clinical ?? NONE,
    attachments: attachments ?? NONE,
    message,
    providers: providers ?? NONE,
    other: other ?? NONE,
    diagnoses: found ?? NONE,
    service,
    aaa: aaa ?? NONE,
    hcr,
  };
}
