import { SegmentTokenizer, type StreamError, type TokenizerOptions } from './tokenizer';
import type { Segment } from './segment';

/**
 * Anything an interchange can be read from: a whole string or buffer, or an (async) iterable of
 * chunks such as a Node `Readable` (`fs.createReadStream(path)`), which is never held whole.
 */
export type X12Source = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

const isAsyncIterable = (s: object): s is AsyncIterable<string | Uint8Array> => Symbol.asyncIterator in s;

/** The chunks of a source, as an async iterable. Whole strings and buffers come in 64 KiB slices. */
export async function* chunksOf(source: X12Source): AsyncGenerator<string | Uint8Array> {
  if (typeof source === 'string' || source instanceof Uint8Array) {
    const step = 1 << 16;
    for (let i = 0; i < source.length; i += step) yield source.slice(i, i + step);
    return;
  }
  if (isAsyncIterable(source)) {
    for await (const c of source) yield c;
    return;
  }
  for (const c of source) yield c;
}

export const isStreamError = (x: Segment | StreamError): x is StreamError => 'type' in x;

/**
 * Yields the segments of a source one at a time, in order, without holding the source.
 * A problem that stops the reading (no ISA, unreadable delimiters, an oversized segment, data
 * after the last IEA) is yielded as a final `StreamError`; nothing is thrown.
 *
 * Written as a plain async iterator rather than an async generator: the segments of a chunk
 * are handed out from a buffer with one resolved promise each, which is several times faster
 * than an async generator's machinery per segment.
 */
export function readSegments(source: X12Source, options: TokenizerOptions = {}): AsyncIterableIterator<Segment | StreamError> {
  const chunks = chunksOf(source);
  let buffer: (Segment | StreamError)[] = [];
  let at = 0;
  let finished = false;
  const tokenizer = new SegmentTokenizer({ segment: (s) => buffer.push(s), error: (e) => buffer.push(e) }, options);
  const refill = async (): Promise<IteratorResult<Segment | StreamError>> => {
    for (;;) {
      const next = buffer[at];
      if (next !== undefined) {
        at++;
        return { value: next, done: false };
      }
      if (finished) return { value: undefined, done: true };
      buffer = [];
      at = 0;
      const r = await chunks.next();
      if (r.done === true) {
        tokenizer.end();
        finished = true;
      } else tokenizer.write(r.value);
    }
  };
  const iterator: AsyncIterableIterator<Segment | StreamError> = {
    next(): Promise<IteratorResult<Segment | StreamError>> {
      const next = buffer[at];
      if (next === undefined) return refill();
      at++;
      return Promise.resolve({ value: next, done: false });
    },
    async return(): Promise<IteratorResult<Segment | StreamError>> {
      finished = true;
      buffer = [];
      await chunks.return(undefined);
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator](): AsyncIterableIterator<Segment | StreamError> {
      return iterator;
    },
  };
  return iterator;
}

/** All segments of a small in-memory interchange (tests, fixtures), with the stream error if any. */
export function segmentsOf(text: string, options: TokenizerOptions = {}): { readonly segments: readonly Segment[]; readonly error?: StreamError } {
  const segments: Segment[] = [];
  let error: StreamError | undefined;
  const t = new SegmentTokenizer({ segment: (s) => segments.push(s), error: (e) => (error = e) }, options);
  t.write(text);
  t.end();
  return error === undefined ? { segments } : { segments, error };
}
