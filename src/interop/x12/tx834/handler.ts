import type { ReadContext } from '../common/parties';
import { reference } from '../common/parties';
import type { DateEntry } from '../common/types';
import { transactionInfo } from '../envelope/buffered';
import type { SetContext, SetHandler, SetOutcome } from '../envelope/handler';
import { d8, tm } from '../syntax/dates';
import { el, opt, type Segment } from '../syntax/segment';
import { checkCharacters, checkSegment, readDtp } from '../validate/rules';
import { readMember } from './member';
import { BGN_RULES, HEADER_DTP_RULES, N1_RULES, QTY_RULES } from './rules';
import type { EnrollmentHeader, EnrollmentParty } from './types';

/** Most segments one 834 member (or the heading) may hold before the set is rejected. */
export const MAX_MEMBER_SEGMENTS = 10_000;

function readHeader(segs: readonly Segment[], ctx: ReadContext, sctx: SetContext, next: number): EnrollmentHeader | undefined {
  const bgn = segs[0];
  if (bgn?.id !== 'BGN') {
    ctx.issues.missing('BGN', bgn?.position ?? next, undefined, 'the 834 must begin with BGN');
    return undefined;
  }
  checkSegment(bgn, BGN_RULES, ctx.d, ctx.issues, undefined);
  const dates: DateEntry[] = [];
  const totals: { qualifier: string; count: number }[] = [];
  const brokers: EnrollmentParty[] = [];
  let sponsor: EnrollmentParty | undefined;
  let payer: EnrollmentParty | undefined;
  let masterPolicyNumber: string | undefined;
  let loop: string | undefined;
  for (const s of segs.slice(1)) {
    checkCharacters(s, ctx.issues, loop);
    switch (s.id) {
      case 'REF':
        if (el(s, 1) === '38') masterPolicyNumber = reference(s).value;
        break;
      case 'DTP':
        {
          const x = readDtp(s, HEADER_DTP_RULES, ctx.d, ctx.issues, loop);
          if (x !== undefined) dates.push(x);
        }
        break;
      case 'QTY':
        if (checkSegment(s, QTY_RULES, ctx.d, ctx.issues, loop)) totals.push({ qualifier: el(s, 1), count: Number(el(s, 2)) });
        break;
      case 'N1': {
        const code = el(s, 1);
        loop = code === 'P5' ? '1000A' : code === 'IN' ? '1000B' : '1000C';
        if (!checkSegment(s, N1_RULES, ctx.d, ctx.issues, loop)) break;
        const party: EnrollmentParty = { entityCode: code, name: opt(s, 2), id: { qualifier: el(s, 3), value: el(s, 4) } };
        if (code === 'P5') sponsor = party;
        else if (code === 'IN') payer = party;
        else brokers.push(party);
        break;
      }
      default:
        break;
    }
  }
  if (sponsor === undefined) ctx.issues.missing('N1', next, '1000A', 'the sponsor (N1*P5) is required');
  if (payer === undefined) ctx.issues.missing('N1', next, '1000B', 'the payer (N1*IN) is required');
  return {
    transaction: transactionInfo(sctx),
    purpose: el(bgn, 1),
    reference: el(bgn, 2),
    date: d8(el(bgn, 3)) ?? '',
    time: tm(el(bgn, 4)) ?? '',
    originalReference: opt(bgn, 6),
    action: el(bgn, 8),
    masterPolicyNumber,
    dates,
    totals,
    sponsor,
    payer,
    brokers,
  };
}

/**
 * Streams an 834 transaction set: the heading is read at the first INS and emitted as an
 * `enrollment-header` event, then each member (INS up to the next INS or SE) is read and emitted
 * as an `enrollment-member` event with its own errors. Only one member is held at a time.
 * Errors in the heading reject the set (IK501 R); errors in members are reported per member and
 * in the 999 with IK501 E ("accepted, errors noted"): the other members stand.
 */
export function enrollmentHandler(sctx: SetContext): SetHandler {
  const ctx: ReadContext = { d: sctx.delimiters, issues: sctx.issues };
  let header: EnrollmentHeader | undefined;
  let headerRead = false;
  let headerBroken = false;
  let current: Segment[] = [];
  let members = 0;
  let withErrors = 0;
  let overflow: Segment | undefined;
  const flushHeader = (next: number): void => {
    if (headerRead) return;
    headerRead = true;
    const before = sctx.issues.count;
    header = readHeader(current, ctx, sctx, next);
    headerBroken = header === undefined || sctx.issues.count > before;
    current = [];
    if (header !== undefined) sctx.emit({ type: 'enrollment-header', transaction: sctx.header, enrollment: header });
  };
  const flushMember = (): void => {
    if (current.length === 0) return;
    const member = readMember(current, sctx.delimiters, sctx.header.position);
    current = [];
    members++;
    if (member.errors.length > 0) {
      withErrors++;
      sctx.issues.addAll(member.errors);
    }
    sctx.emit({ type: 'enrollment-member', transaction: sctx.header, member });
  };
  return {
    segment(seg: Segment): void {
      if (seg.id === 'INS') {
        if (!headerRead) flushHeader(seg.position);
        else flushMember();
      }
      if (current.length < MAX_MEMBER_SEGMENTS) current.push(seg);
      else overflow ??= seg;
    },
    finish(): SetOutcome {
      if (!headerRead) flushHeader(sctx.header.position + 1);
      else flushMember();
      if (overflow !== undefined) {
        sctx.issues.segment(overflow, undefined, '2', `a member holds more than ${MAX_MEMBER_SEGMENTS} segments`);
        headerBroken = true;
      }
      if (members === 0) sctx.issues.missing('INS', sctx.header.position + 1, '2000', 'an 834 needs at least one member');
      return {
        document: header === undefined ? undefined : { kind: '834', header, members, membersWithErrors: withErrors },
        errorsRejectSet: headerBroken || members === 0,
      };
    },
  };
}
