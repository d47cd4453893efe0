import { TA1_NOTE, type GroupErrorCode, type Ta1NoteCode, type TransactionErrorCode } from '../ack/codes';
import type { GroupAck, Ta1, TransactionAck } from '../ack/types';
import type { DocumentKind } from '../document';
import type { X12Event } from '../events';
import { el, type Delimiters, type Segment } from '../syntax/segment';
import type { StreamError, TokenizerSink } from '../syntax/tokenizer';
import { Issues } from '../validate/issues';
import type { SetHandler, SetHandlerFactory } from './handler';
import { readGs, readIsa } from './headers';
import { routeSet } from './route';
import type { GroupHeader, InterchangeHeader, TransactionHeader } from './types';

export interface WalkerOptions {
  /** Document kinds accepted; others are rejected in the 999 (default: what a payer receives). */
  readonly accept?: readonly DocumentKind[];
  /** Segment errors kept per transaction set (default 1000). */
  readonly maxErrorsPerSet?: number;
}

/** What a UMO / payer receives: requests, inquiries and enrollment files. */
export const INBOUND_KINDS: readonly DocumentKind[] = ['278-request', '278-inquiry', '270', '834'];

interface OpenInterchange {
  readonly header: InterchangeHeader;
  problem: Ta1NoteCode | undefined;
  groups: number;
  /** Broken at the ISA: the content is skipped. */
  readonly skip: boolean;
  readonly groupNumbers: Set<string>;
}
interface OpenGroup {
  readonly header: GroupHeader;
  readonly errors: GroupErrorCode[];
  readonly acks: TransactionAck[];
  readonly setNumbers: Set<string>;
}
interface OpenSet {
  readonly header: TransactionHeader;
  readonly issues: Issues;
  readonly handler: SetHandler | undefined;
  readonly errors: TransactionErrorCode[];
  count: number;
}

/**
 * Follows the envelope structure (ISA/GS/ST … SE/GE/IEA) of a segment stream, checks control
 * numbers and counts (X12.5/X12.6), hands each transaction set to its reader, and emits events
 * with the TA1 and 999 verdicts. Never throws on bad input.
 */
export class InterchangeWalker implements TokenizerSink {
  private isa: OpenInterchange | undefined;
  private gs: OpenGroup | undefined;
  private st: OpenSet | undefined;
  private readonly accept: ReadonlySet<DocumentKind>;
  private readonly maxErrors: number;

  constructor(
    private readonly emit: (e: X12Event) => void,
    private readonly routes: Readonly<Record<string, SetHandlerFactory>>,
    options: WalkerOptions = {},
  ) {
    this.accept = new Set(options.accept ?? INBOUND_KINDS);
    this.maxErrors = options.maxErrorsPerSet ?? 1000;
  }

  error(err: StreamError): void {
    if (this.isa !== undefined && err.kind !== 'trailing-data') this.closeInterchange(undefined, '023');
    this.emit(err);
  }

  /** End of input: whatever is still open was cut short (TA1 023). */
  end(): void {
    if (this.isa !== undefined) this.closeInterchange(undefined, '023');
  }

  private flag(note: Ta1NoteCode): void {
    if (this.isa !== undefined && this.isa.problem === undefined) this.isa.problem = note;
  }

  segment(seg: Segment, d: Delimiters): void {
    const isa = this.isa;
    if (seg.id === 'ISA') {
      if (isa !== undefined) this.closeInterchange(undefined, '023');
      this.openInterchange(seg, d);
      return;
    }
    if (isa === undefined) return;
    if (seg.id === 'IEA') {
      this.closeInterchange(seg, undefined);
      return;
    }
    if (isa.skip) return;
    switch (seg.id) {
      case 'GS':
        if (this.gs !== undefined) this.closeGroup(undefined);
        this.openGroup(seg, isa, d);
        return;
      case 'GE':
        if (this.gs === undefined) this.flag('022');
        else this.closeGroup(seg);
        return;
      case 'ST':
        if (this.gs === undefined) this.flag('022');
        else this.openSet(seg, this.gs, isa, d);
        return;
      case 'SE':
        if (this.st === undefined) this.flag('022');
        else this.closeSet(seg);
        return;
      default:
        if (this.st !== undefined) {
          this.st.count++;
          this.st.handler?.segment(seg);
        } else if (seg.id !== 'TA1') {
          this.flag('022');
        }
    }
  }

  private openInterchange(seg: Segment, d: Delimiters): void {
    const { header, problem } = readIsa(seg, d);
    this.isa = { header, problem, groups: 0, skip: problem !== undefined, groupNumbers: new Set() };
    this.emit({ type: 'interchange-start', header });
  }

  private closeInterchange(iea: Segment | undefined, cutShort: Ta1NoteCode | undefined): void {
    const isa = this.isa;
    if (isa === undefined) return;
    if (this.gs !== undefined) this.closeGroup(undefined);
    if (cutShort !== undefined) this.flag(cutShort);
    if (iea !== undefined && !isa.skip) {
      if (el(iea, 1) !== String(isa.groups)) this.flag('021');
      if (el(iea, 2) !== isa.header.controlNumber) this.flag('001');
    }
    const h = isa.header;
    const ta1 = (code: Ta1['code'], note: Ta1NoteCode): Ta1 => ({ controlNumber: h.controlNumber, date: h.date, time: h.time, code, note, message: TA1_NOTE[note] });
    this.isa = undefined;
    if (isa.problem !== undefined) {
      this.emit({ type: 'interchange-end', header: h, accepted: false, ta1: ta1('R', isa.problem) });
    } else {
      this.emit({ type: 'interchange-end', header: h, accepted: true, ...(h.ackRequested ? { ta1: ta1('A', '000') } : {}) });
    }
  }

  private openGroup(seg: Segment, isa: OpenInterchange, _d: Delimiters): void {
    const { header, broken, badControlNumber } = readGs(seg);
    if (broken) this.flag('024');
    isa.groups++;
    const errors: GroupErrorCode[] = [];
    if (badControlNumber) errors.push('6');
    else if (isa.groupNumbers.has(header.controlNumber)) errors.push('19');
    isa.groupNumbers.add(header.controlNumber);
    if (!SUPPORTED_GROUP_IDS.has(header.functionalId)) errors.push('1');
    else if (!header.version.startsWith('005010')) errors.push('2');
    this.gs = { header, errors, acks: [], setNumbers: new Set() };
    this.emit({ type: 'group-start', header, interchange: isa.header });
  }

  private closeGroup(ge: Segment | undefined): void {
    const gs = this.gs;
    const isa = this.isa;
    if (gs === undefined || isa === undefined) return;
    if (this.st !== undefined) this.closeSet(undefined);
    const errors = [...gs.errors];
    const received = gs.acks.length;
    let included = received;
    if (ge === undefined) errors.push('3');
    else {
      const n = el(ge, 1);
      if (/^\d{1,6}$/.test(n)) included = Number(n);
      if (n !== String(received)) errors.push('5');
      if (el(ge, 2) !== gs.header.controlNumber) errors.push('4');
    }
    const ok = gs.acks.filter((a) => a.code !== 'R');
    const accepted = errors.length > 0 ? 0 : ok.length;
    const code: GroupAck['code'] =
      accepted === 0 ? 'R' : accepted < received ? 'P' : ok.some((a) => a.code === 'E') ? 'E' : 'A';
    const ack: GroupAck = {
      functionalId: gs.header.functionalId,
      controlNumber: gs.header.controlNumber,
      version: gs.header.version,
      code,
      included,
      received,
      accepted,
      errors: errors.slice(0, 5),
      transactions: gs.acks,
    };
    this.gs = undefined;
    this.emit({ type: 'group-end', header: gs.header, interchange: isa.header, ack });
  }

  private openSet(seg: Segment, gs: OpenGroup, isa: OpenInterchange, d: Delimiters): void {
    if (this.st !== undefined) this.closeSet(undefined);
    const issues = new Issues(seg.position, this.maxErrors);
    const r = routeSet(seg, gs.header, gs.setNumbers, issues, this.accept);
    gs.setNumbers.add(r.header.controlNumber);
    const factory = r.route === undefined ? undefined : this.routes[r.route];
    const handler = factory?.({ interchange: isa.header, group: gs.header, header: r.header, delimiters: d, issues, accept: this.accept, emit: this.emit });
    this.st = { header: r.header, issues, handler, errors: [...r.errors], count: 1 };
  }

  private closeSet(se: Segment | undefined): void {
    const st = this.st;
    const gs = this.gs;
    const isa = this.isa;
    if (st === undefined || gs === undefined || isa === undefined) return;
    this.st = undefined;
    const errors = st.errors;
    if (se === undefined) errors.push('2');
    else {
      if (el(se, 1) !== String(st.count + 1)) errors.push('4');
      if (el(se, 2) !== st.header.controlNumber) errors.push('3');
    }
    const outcome = st.handler?.finish();
    const segmentErrors = st.issues.errors;
    if (segmentErrors.length > 0 && !errors.includes('I5')) errors.push('I5');
    const rejected = errors.some((e) => e !== 'I5') || (segmentErrors.length > 0 && outcome?.errorsRejectSet !== false) || outcome?.document === undefined;
    const code: TransactionAck['code'] = rejected ? 'R' : segmentErrors.length > 0 ? 'E' : 'A';
    const ack: TransactionAck = {
      setId: st.header.setId,
      controlNumber: st.header.controlNumber,
      ...(st.header.implementationRef === undefined ? {} : { implementationRef: st.header.implementationRef }),
      code,
      errors: errors.slice(0, 5),
      segments: segmentErrors,
      ...(st.issues.truncated ? { truncated: true } : {}),
    };
    gs.acks.push(ack);
    const document = code === 'R' ? undefined : outcome?.document;
    this.emit({ type: 'transaction', interchange: isa.header, group: gs.header, header: st.header, ack, ...(document === undefined ? {} : { document }) });
  }
}

/** GS01 codes of the groups OpenUM reads: HI (278), HS (270), HB (271), BE (834). */
const SUPPORTED_GROUP_IDS: ReadonlySet<string> = new Set(['HI', 'HS', 'HB', 'BE']);
