import { StringDecoder } from 'node:string_decoder';
import { readDelimiters, type DelimiterProblem } from './delimiters';
import type { Delimiters, Segment } from './segment';

/** A problem that stops the reading of a stream: nothing after it can be split into segments. */
export interface StreamError {
  readonly type: 'stream-error';
  readonly kind: 'not-x12' | 'invalid-isa' | 'segment-too-long' | 'trailing-data';
  readonly detail?: DelimiterProblem;
  readonly message: string;
  /** Number of segments read before the problem. */
  readonly afterSegment: number;
}

export interface TokenizerOptions {
  /** Longest segment accepted, in characters (default 1 MiB): bounds the memory a stream can take. */
  readonly maxSegmentLength?: number;
}

export interface TokenizerSink {
  segment(seg: Segment, delimiters: Delimiters): void;
  error(err: StreamError): void;
}

/**
 * Control characters are outside the X12 basic and extended character sets, except when an
 * interchange uses one as a delimiter (some senders separate elements with 0x1D).
 */
function controlPattern(d: Delimiters): RegExp {
  const hex = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const except = [d.element, d.component, d.repetition, d.segment].filter((c) => c !== '' && c.charCodeAt(0) < 32).map(hex).join('');
  return new RegExp(except === '' ? CONTROL_CLASS : `(?![${except}])${CONTROL_CLASS}`);
}
/** U+0000-U+001F and U+007F, spelled out so that no control character appears in a literal. */
export const CONTROL_CLASS = ['[', '\\u0000-\\u001f', '\\u007f', ']'].join('');
const CR = 13;
const LF = 10;
const isSpace = (c: number): boolean => c === CR || c === LF || c === 32 || c === 9 || c === 0xfeff;

/**
 * Splits a character stream into segments, one chunk at a time, holding no more than one
 * unfinished segment between chunks. Delimiters are read from each ISA (a stream may carry
 * several interchanges); CR/LF after a segment terminator are ignored, and a CR before a
 * newline terminator is dropped.
 */
export class SegmentTokenizer {
  private readonly decoder = new StringDecoder('utf8');
  private readonly maxSegment: number;
  private rest = '';
  private delimiters: Delimiters | undefined;
  private control = new RegExp(CONTROL_CLASS);
  private position = 0;
  private interchanges = 0;
  private stopped = false;

  constructor(private readonly sink: TokenizerSink, options: TokenizerOptions = {}) {
    this.maxSegment = options.maxSegmentLength ?? 1 << 20;
  }

  /** Number of segments emitted so far. */
  get segmentCount(): number {
    return this.position;
  }

  write(chunk: string | Uint8Array): void {
    if (this.stopped) return;
    const s = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    this.scan(this.rest.length === 0 ? s : this.rest + s, false);
  }

  /** Flushes the last segment (a missing final terminator is tolerated). */
  end(): void {
    if (this.stopped) return;
    const tail = this.decoder.end();
    this.scan(this.rest + tail, true);
    if (this.stopped) return;
    let start = 0;
    const text = this.rest;
    while (start < text.length && isSpace(text.charCodeAt(start))) start++;
    let end = text.length;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end > start && this.delimiters !== undefined) this.emit(text.slice(start, end), this.delimiters);
    this.rest = '';
    if (this.interchanges === 0) this.fail('not-x12', 'The input holds no ISA segment');
  }

  private fail(kind: StreamError['kind'], message: string, detail?: DelimiterProblem): void {
    this.stopped = true;
    this.rest = '';
    this.sink.error({ type: 'stream-error', kind, message, afterSegment: this.position, ...(detail === undefined ? {} : { detail }) });
  }

  private emit(body: string, d: Delimiters): string {
    const elements = body.split(d.element);
    this.position++;
    // elements[0] always exists: split never returns an empty array.
    const id = elements[0] ?? '';
    const seg: Segment = this.control.test(body) ? { id, elements, position: this.position, invalidCharacters: true } : { id, elements, position: this.position };
    this.sink.segment(seg, d);
    return id;
  }

  private scan(text: string, final: boolean): void {
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      let d = this.delimiters;
      if (d === undefined) {
        while (pos < n && isSpace(text.charCodeAt(pos))) pos++;
        if (pos >= n) break;
        const r = readDelimiters(text, pos, final);
        if (r === 'need-more') break;
        if (typeof r === 'string') {
          if (r === 'not-isa') {
            if (this.interchanges > 0) this.fail('trailing-data', 'Data after the interchange trailer is not an ISA segment');
            else this.fail('not-x12', 'The input does not start with an ISA segment');
          } else {
            this.fail('invalid-isa', `The ISA segment is not readable (${r})`, r);
          }
          return;
        }
        d = r;
        this.delimiters = r;
        this.control = controlPattern(r);
        this.interchanges++;
      }
      const idx = text.indexOf(d.segment, pos);
      if (idx < 0) break;
      let start = pos;
      let end = idx;
      pos = idx + 1;
      let c = text.charCodeAt(start);
      while (start < end && (c === LF || c === CR)) c = text.charCodeAt(++start);
      if (d.segment === '\n' && end > start && text.charCodeAt(end - 1) === CR) end--;
      if (start === end) continue;
      if (end - start > this.maxSegment) {
        this.fail('segment-too-long', `A segment is longer than ${this.maxSegment} characters`);
        return;
      }
      const id = this.emit(text.slice(start, end), d);
      if (this.stopped) return;
      // After IEA the next interchange may use other delimiters.
      if (id === 'IEA') this.delimiters = undefined;
    }
    this.rest = pos >= n ? '' : text.slice(pos);
    if (this.rest.length > this.maxSegment) this.fail('segment-too-long', `A segment is longer than ${this.maxSegment} characters`);
  }
}
