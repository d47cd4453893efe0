import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSegments, segmentsOf, isStreamError } from './read';
import { SegmentTokenizer, type StreamError } from './tokenizer';
import type { Delimiters, Segment } from './segment';

const fixture = (name: string): string => readFileSync(new URL(`../../../../test/fixtures/x12/${name}`, import.meta.url), 'utf8');

const ids = (segs: readonly Segment[]): string[] => segs.map((s) => s.id);

describe('SegmentTokenizer', () => {
  it('reads the delimiters from the ISA: element at position 3, ISA11 repetition, ISA16 component, terminator after it', () => {
    const seen: Delimiters[] = [];
    const t = new SegmentTokenizer({ segment: (_s, d) => seen.push(d), error: () => undefined });
    t.write(fixture('278-delimiters-pipe.x12'));
    t.end();
    expect(seen[0]).toEqual({ element: '|', repetition: '!', component: '^', segment: '~' });
  });

  it.each([
    ['278-dependent.x12', { element: '*', repetition: '^', component: ':', segment: '~' }],
    ['278-delimiters-newline.x12', { element: '*', repetition: '^', component: ':', segment: '\n' }],
    ['278-delimiters-crlf.x12', { element: '*', repetition: '^', component: ':', segment: '~' }],
    ['278-delimiters-ctrl.x12', { element: '\u001d', repetition: '\u001f', component: '\u001e', segment: '\u001c' }],
  ])('splits %s into the same segments whatever the delimiters', (name, delimiters) => {
    const d: Delimiters[] = [];
    const segments: Segment[] = [];
    const t = new SegmentTokenizer({ segment: (s, x) => (segments.push(s), d.push(x)), error: () => undefined });
    t.write(fixture(name));
    t.end();
    expect(d[0]).toEqual(delimiters);
    const reference = segmentsOf(fixture('278-dependent.x12')).segments;
    const norm = (segs: readonly Segment[], component: string): string[] => segs.slice(1).map((s) => s.elements.map((e) => e.split(component).join(':')).join('|'));
    expect(ids(segments)).toEqual(ids(reference));
    expect(norm(segments, delimiters.component)).toEqual(norm(reference, ':'));
    expect(segments.every((s) => s.invalidCharacters === undefined)).toBe(true);
  });

  it('gives each segment its 1-based position in the stream, ISA = 1', () => {
    const { segments } = segmentsOf(fixture('278-multi-group.x12'));
    expect(segments.map((s) => s.position)).toEqual(segments.map((_s, i) => i + 1));
    expect(segments[0]?.id).toBe('ISA');
    expect(segments.at(-1)?.id).toBe('IEA');
  });

  it('gives the same segments whatever the chunk boundaries (one character at a time, as bytes)', () => {
    const text = fixture('278-delimiters-crlf.x12');
    const whole = segmentsOf(text).segments;
    const out: Segment[] = [];
    const t = new SegmentTokenizer({ segment: (s) => out.push(s), error: () => undefined });
    for (const b of Buffer.from(text)) t.write(Buffer.from([b]));
    t.end();
    expect(out).toEqual(whole);
  });

  it('decodes UTF-8 split across chunks', () => {
    const text = fixture('278-dependent.x12').replace('DOE*JIMMY', 'DOÉ*JIMÉNEZ');
    const bytes = Buffer.from(text);
    const out: Segment[] = [];
    const t = new SegmentTokenizer({ segment: (s) => out.push(s), error: () => undefined });
    for (let i = 0; i < bytes.length; i += 3) t.write(bytes.subarray(i, i + 3));
    t.end();
    expect(out.find((s) => s.id === 'NM1' && s.elements[1] === 'QC')?.elements.slice(3, 5)).toEqual(['DOÉ', 'JIMÉNEZ']);
  });

  it('reads several interchanges with different delimiters in one stream', () => {
    const { segments, error } = segmentsOf(fixture('278-dependent.x12') + fixture('278-delimiters-pipe.x12'));
    expect(error).toBeUndefined();
    expect(segments.filter((s) => s.id === 'ISA')).toHaveLength(2);
    expect(segments.filter((s) => s.id === 'NM1' && s.elements[1] === 'QC')).toHaveLength(2);
  });

  it('tolerates a missing final terminator', () => {
    const text = fixture('278-dependent.x12').trimEnd().replace(/~$/, '');
    const { segments, error } = segmentsOf(text);
    expect(error).toBeUndefined();
    expect(segments.at(-1)?.elements).toEqual(['IEA', '1', '000000001']);
  });

  it('flags segments holding control characters', () => {
    const { segments } = segmentsOf(fixture('278-dependent.x12').replace('DOE*JIMMY', 'DOE*JI\u0007MMY'));
    expect(segments.filter((s) => s.invalidCharacters === true).map((s) => s.id)).toEqual(['NM1']);
  });

  it.each([
    ['not-x12', 'hello world, this is not an interchange'],
    ['invalid-isa', `ISA*00*${'x'.repeat(300)}`],
    ['invalid-isa', 'ISA1'.padEnd(120, '1')],
  ])('reports %s as a typed stream error', (kind, text) => {
    const r = segmentsOf(text);
    expect(r.error?.kind).toBe(kind);
    expect(r.segments).toEqual([]);
  });

  it('stops at a segment longer than the limit instead of buffering it', () => {
    const errors: StreamError[] = [];
    const t = new SegmentTokenizer({ segment: () => undefined, error: (e) => errors.push(e) }, { maxSegmentLength: 1000 });
    t.write(fixture('278-dependent.x12').slice(0, 200));
    for (let i = 0; i < 10; i++) t.write('X'.repeat(500));
    t.end();
    expect(errors.map((e) => e.kind)).toEqual(['segment-too-long']);
  });

  it('reports data after the last IEA that is not an ISA', () => {
    const r = segmentsOf(`${fixture('278-dependent.x12')}GARBAGE~`);
    expect(r.error?.kind).toBe('trailing-data');
    expect(r.segments.at(-1)?.id).toBe('IEA');
  });

  it('yields one segment at a time from an async iterable of chunks', async () => {
    async function* chunks(): AsyncGenerator<Uint8Array> {
      const b = Buffer.from(fixture('278-multi-group.x12'));
      for (let i = 0; i < b.length; i += 7) yield b.subarray(i, i + 7);
    }
    const out: string[] = [];
    for await (const s of readSegments(chunks())) {
      if (isStreamError(s)) throw new Error(s.message);
      out.push(s.id);
    }
    expect(out).toEqual(ids(segmentsOf(fixture('278-multi-group.x12')).segments));
  });
});
