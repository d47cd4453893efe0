import { buildHlTree, type HlNode } from '../common/hl';
import { raw, readParty, reference, type ReadContext } from '../common/parties';
import type { DateEntry, Party, Person, RawSegment, Reference, TraceNumber } from '../common/types';
import { buffered, transactionInfo } from '../envelope/buffered';
import type { SetContext, SetHandler } from '../envelope/handler';
import { comp, el, opt, repetitions, type Segment } from '../syntax/segment';
import { checkCharacters, checkSegment, readDtp, type ElementRule } from '../validate/rules';
import { rejections } from '../tx278/response-read';
import { readBeginning, REQUEST, RESPONSE } from '../tx278/request';

/** BHT02 of a 270: 13 request, 01 cancellation. */
const INQUIRY_PURPOSES: readonly string[] = ['01', '13'];
import { trace } from '../tx278/level';
import { AAA_RULES, DTP_RULES, MSG_RULES, trnRules } from '../tx278/rules';
import type { ResponseParty } from '../tx278/response-types';
import type { BenefitInquiry, EligibilityBenefit, EligibilityInquiry, EligibilityMember, EligibilityMemberResponse, EligibilityResponse, EligibilitySubscriber, EligibilitySubscriberResponse, InformationReceiver, InformationSource } from './types';

const LOOPS: Readonly<Record<string, string>> = { '20': '2000A', '21': '2000B', '22': '2000C', '23': '2000D' };
const PARENTS: Readonly<Record<string, readonly string[]>> = { '20': [''], '21': ['20'], '22': ['21'], '23': ['22'] };
const NAME: Readonly<Record<string, string>> = { '2000A': '2100A', '2000B': '2100B', '2000C': '2100C', '2000D': '2100D' };

const nm1 = (entities: readonly string[], qualifiers: readonly string[], idRequired: boolean): readonly ElementRule[] => [
  { n: 1, required: true, codes: entities, ref: 98 },
  { n: 2, required: true, codes: ['1', '2'], ref: 1065 },
  { n: 8, required: idRequired, codes: qualifiers, ref: 66 },
  { n: 9, required: idRequired, min: 2, max: 80, ref: 67 },
];
const NM1_RULES: Readonly<Record<string, readonly ElementRule[]>> = {
  '2100A': nm1(['2B', '36', 'GP', 'P5', 'PR'], ['24', '46', 'FI', 'NI', 'PI', 'XV', 'XX'], true),
  '2100B': nm1(['1P', '2B', '36', '80', 'FA', 'GP', 'P5', 'PR'], ['24', '34', 'FI', 'PI', 'PP', 'SV', 'XV', 'XX'], true),
  '2100C': nm1(['IL'], ['II', 'MI'], false),
  '2100D': nm1(['03'], [], false),
};
const EQ_RULES: readonly ElementRule[] = [{ n: 2, c: 1, codes: ['AD', 'CJ', 'HC', 'ID', 'IV', 'N4', 'ZZ'], ref: 235 }];
const EB_RULES: readonly ElementRule[] = [
  { n: 1, required: true, max: 2, ref: 1390 },
  { n: 11, codes: ['N', 'U', 'Y'], ref: 1073 },
  { n: 12, codes: ['N', 'U', 'W', 'Y'], ref: 1073 },
];

interface MemberParts {
  readonly traceNumbers: TraceNumber[];
  readonly party?: Person;
  readonly aaa: RawSegment[];
  readonly dates: DateEntry[];
  readonly inquiries: BenefitInquiry[];
  readonly benefits: EligibilityBenefit[];
}

function dtp(s: Segment, ctx: ReadContext, loop: string, into: DateEntry[]): void {
  const x = readDtp(s, DTP_RULES, ctx.d, ctx.issues, loop);
  if (x !== undefined) into.push(x);
}

/** Reads one 270/271 level body: TRN, the NM1 loop, member dates, and the EQ (270) or EB (271) loops. */
function readMember(node: HlNode, ctx: ReadContext, response: boolean): MemberParts {
  const loop = node.loop;
  const nameLoop = NAME[loop] ?? loop;
  const parts: MemberParts = { traceNumbers: [], aaa: [], dates: [], inquiries: [], benefits: [] };
  let party: Person | undefined;
  let eq: { serviceTypes: string[]; procedure?: BenefitInquiry['procedure']; coverageLevel?: string; dates: DateEntry[]; references: Reference[] } | undefined;
  let eb: { benefit: EligibilityBenefit; dates: DateEntry[]; messages: string[] } | undefined;
  const flush = (): void => {
    if (eq !== undefined) parts.inquiries.push(eq);
    if (eb !== undefined) parts.benefits.push({ ...eb.benefit, dates: eb.dates, messages: eb.messages });
    eq = undefined;
    eb = undefined;
  };
  const body = node.body;
  for (let i = 0; i < body.length; ) {
    const s = body[i];
    if (s === undefined) break;
    if (s.id === 'NM1' && party === undefined) {
      const r = readParty(s, body, i, ctx, nameLoop, NM1_RULES[nameLoop] ?? []);
      party = r.party;
      parts.aaa.push(...r.aaa.map(raw));
      i = r.next;
      continue;
    }
    i++;
    checkCharacters(s, ctx.issues, loop);
    const inner = eq !== undefined || eb !== undefined ? nameLoop.replace('2100', '2110') : nameLoop;
    switch (s.id) {
      case 'TRN':
        if (checkSegment(s, trnRules(response), ctx.d, ctx.issues, loop)) parts.traceNumbers.push(trace(s));
        break;
      case 'DTP':
        dtp(s, ctx, inner, eq?.dates ?? eb?.dates ?? parts.dates);
        break;
      case 'EQ': {
        flush();
        checkSegment(s, EQ_RULES, ctx.d, ctx.issues, inner);
        const p = el(s, 2);
        const types = [...repetitions(el(s, 1), ctx.d)];
        if (types.length === 0 && p === '') ctx.issues.bad(s, inner, 1, '2', undefined, undefined, 'EQ needs a service type (EQ01) or a procedure (EQ02)');
        const modifiers = [3, 4, 5, 6].map((k) => comp(p, k, ctx.d)).filter((m): m is string => m !== undefined);
        eq = { serviceTypes: types, procedure: p === '' ? undefined : { qualifier: comp(p, 1, ctx.d) ?? '', code: comp(p, 2, ctx.d) ?? '', modifiers }, coverageLevel: opt(s, 3), dates: [], references: [] };
        break;
      }
      case 'EB': {
        flush();
        checkSegment(s, EB_RULES, ctx.d, ctx.issues, inner);
        const auth = opt(s, 11);
        const net = opt(s, 12);
        eb = {
          benefit: {
            code: el(s, 1),
            coverageLevel: opt(s, 2),
            serviceTypes: opt(s, 3) === undefined ? undefined : [...repetitions(el(s, 3), ctx.d)],
            insuranceType: opt(s, 4),
            planName: opt(s, 5),
            authorizationRequired: auth === 'Y' || auth === 'N' || auth === 'U' ? auth : undefined,
            inNetwork: net === 'Y' || net === 'N' || net === 'U' || net === 'W' ? net : undefined,
          },
          dates: [],
          messages: [],
        };
        break;
      }
      case 'MSG':
        if (eb !== undefined && checkSegment(s, MSG_RULES, ctx.d, ctx.issues, inner)) eb.messages.push(el(s, 1));
        break;
      case 'AAA':
        checkSegment(s, AAA_RULES, ctx.d, ctx.issues, inner);
        if (eb === undefined && eq === undefined) parts.aaa.push(raw(s));
        break;
      case 'REF':
        if (eq !== undefined) eq.references.push(reference(s));
        break;
      default:
        break;
    }
  }
  flush();
  if (party === undefined) ctx.issues.missing('NM1', body[0]?.position ?? node.hl.position + 1, nameLoop, `loop ${nameLoop} is required`);
  return { ...parts, party };
}

const child = (n: HlNode, level: string): HlNode[] => n.children.filter((c) => c.level === level);

function tree(segments: readonly Segment[], ctx: ReadContext, end: number): readonly HlNode[] {
  const { roots, lead } = buildHlTree(segments, LOOPS, PARENTS, ctx.issues);
  for (const s of lead) ctx.issues.segment(s, undefined, '2', `${s.id} before the first HL`);
  const sources = roots.filter((r) => r.level === '20');
  if (sources.length === 0) ctx.issues.missing('HL', segments[0]?.position ?? end, '2000A', 'the information source level is required');
  return sources;
}

/** Reads a 270 (BHT02 13 request or 01 cancellation). */
export function readInquiry270(segments: readonly Segment[], ctx: ReadContext, sctx: SetContext, end: number): EligibilityInquiry | undefined {
  const beginning = readBeginning(segments, ctx, INQUIRY_PURPOSES, RESPONSE, end, '0022');
  const roots = tree(beginning === undefined ? segments : segments.slice(1), ctx, end);
  const member = (n: HlNode): EligibilityMember | undefined => {
    const p = readMember(n, ctx, false);
    return p.party === undefined ? undefined : { position: n.hl.position, traceNumbers: p.traceNumbers, member: p.party, dates: p.dates, inquiries: p.inquiries };
  };
  const sources: InformationSource[] = [];
  for (const a of roots) {
    const pa = readMember(a, ctx, false).party;
    const receivers: InformationReceiver[] = [];
    for (const b of child(a, '21')) {
      const pb = readMember(b, ctx, false).party;
      const subscribers: EligibilitySubscriber[] = [];
      for (const c of child(b, '22')) {
        const sub = member(c);
        const dependents = child(c, '23').map(member).filter((x) => x !== undefined);
        if (sub !== undefined) subscribers.push({ ...sub, dependents });
      }
      if (subscribers.length === 0) ctx.issues.missing('HL', end, '2000C', 'a subscriber level is required');
      if (pb !== undefined) receivers.push({ party: pb, subscribers });
    }
    if (receivers.length === 0) ctx.issues.missing('HL', end, '2000B', 'an information receiver level is required');
    if (pa !== undefined) sources.push({ party: pa, receivers });
  }
  if (beginning === undefined || sources.length === 0) return undefined;
  return { kind: '270', transaction: transactionInfo(sctx), beginning, sources };
}

const responseParty = (p: Party, aaa: readonly RawSegment[]): ResponseParty => {
  const person: Partial<Person> = p;
  return { entityCode: p.entityCode, entityType: p.entityType, name: p.name, id: p.id, birthDate: person.birthDate, sex: person.sex, contacts: p.contacts.length === 0 ? undefined : p.contacts, rejections: rejections(aaa) };
};

/** Reads a 271 (BHT02 11) into the structure OpenUM writes. */
export function readResponse271(segments: readonly Segment[], ctx: ReadContext, sctx: SetContext, end: number): EligibilityResponse | undefined {
  const beginning = readBeginning(segments, ctx, RESPONSE, REQUEST, end, '0022');
  const roots = tree(beginning === undefined ? segments : segments.slice(1), ctx, end);
  const member = (n: HlNode): EligibilityMemberResponse | undefined => {
    const p = readMember(n, ctx, true);
    if (p.party === undefined) return undefined;
    const own = p.traceNumbers.find((t) => t.type === '1');
    return {
      traceNumbers: p.traceNumbers.filter((t) => t.type === '2'),
      responderTrace: own === undefined ? undefined : { number: own.number, originatorId: own.originatorId, originatorSupplemental: own.originatorSupplemental },
      member: responseParty(p.party, p.aaa),
      dates: p.dates,
      benefits: p.benefits,
    };
  };
  const sources = roots.flatMap((a) => {
    const pa = readMember(a, ctx, true);
    if (pa.party === undefined) return [];
    const receivers = child(a, '21').flatMap((b) => {
      const pb = readMember(b, ctx, true);
      if (pb.party === undefined) return [];
      const subscribers: EligibilitySubscriberResponse[] = child(b, '22').flatMap((c) => {
        const m = member(c);
        return m === undefined ? [] : [{ ...m, dependents: child(c, '23').map(member).filter((x) => x !== undefined) }];
      });
      return [{ party: responseParty(pb.party, pb.aaa), subscribers }];
    });
    return [{ party: responseParty(pa.party, pa.aaa), receivers }];
  });
  if (beginning === undefined || sources.length === 0) return undefined;
  return { kind: '271', reference: beginning.reference, date: beginning.date, time: beginning.time, sources, transaction: transactionInfo(sctx) };
}

export function eligibilityInquiryHandler(sctx: SetContext): SetHandler {
  const ctx: ReadContext = { d: sctx.delimiters, issues: sctx.issues };
  return buffered(sctx, (segments, end) => readInquiry270(segments, ctx, sctx, end));
}

export function eligibilityResponseHandler(sctx: SetContext): SetHandler {
  const ctx: ReadContext = { d: sctx.delimiters, issues: sctx.issues };
  return buffered(sctx, (segments, end) => readResponse271(segments, ctx, sctx, end));
}
