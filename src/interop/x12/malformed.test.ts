import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readInterchange, type X12ReadResult } from './read';
import { fixture } from './testing/fixtures';

/** The invariants every read must keep, whatever the input. */
function wellFormed(r: X12ReadResult): void {
  for (const ix of r.interchanges) {
    if (!ix.accepted) {
      expect(ix.ta1?.code).toBe('R');
      for (const g of ix.groups) for (const t of g.transactions) expect(t.document).toBeUndefined();
    }
    for (const g of ix.groups) {
      expect(['A', 'E', 'P', 'R']).toContain(g.ack.code);
      expect(g.ack.received).toBe(g.transactions.length);
      for (const t of g.transactions) {
        if (t.ack.code === 'R' || g.ack.code === 'R') expect(t.document).toBeUndefined();
        for (const s of t.ack.segments) expect(s.position).toBeGreaterThan(0);
      }
    }
  }
  if (r.error !== undefined) expect(['not-x12', 'invalid-isa', 'segment-too-long', 'trailing-data']).toContain(r.error.kind);
}

const samples = ['278-dependent.x12', '278-multi-group.x12', '834-members.x12', '270-request.x12', '278-delimiters-pipe.x12'].map(fixture);

describe('malformed input never throws and never yields a document from a rejected set', () => {
  it('random byte strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const r = await readInterchange(bytes);
        wellFormed(r);
        expect(r.interchanges.length > 0 || r.error !== undefined).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('random text after a valid ISA', async () => {
    const isa = fixture('278-dependent.x12').slice(0, 106);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('GS', 'ST', 'SE', 'GE', 'IEA', 'HL', 'NM1', 'BHT', 'UM', 'HI', 'SV1', 'INS', '*', '~', ':', '^', '1', 'X', '20', '22', 'EV', 'SS', '\n'), { maxLength: 300 }).map((xs) => xs.join('')), async (tail) => {
        wellFormed(await readInterchange(isa + tail));
      }),
      { numRuns: 300 },
    );
  });

  it('every truncation of valid files: a cut interchange is rejected (TA1 023) and yields nothing', async () => {
    for (const text of samples) {
      for (let n = 0; n < text.length; n += 7) {
        const cut = text.slice(0, n);
        const r = await readInterchange(cut);
        wellFormed(r);
        const endsClean = /IEA\*[^~]*~\s*$/.test(cut);
        if (!endsClean) for (const ix of r.interchanges) expect(ix.accepted).toBe(false);
      }
    }
  });

  it('single-character mutations of valid files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...samples), fc.nat(), fc.constantFrom('*', '~', ':', '^', 'X', '9', '', '\u0000', '\n', 'É'), async (text, at, ch) => {
        const i = at % text.length;
        wellFormed(await readInterchange(text.slice(0, i) + ch + text.slice(i + 1)));
      }),
      { numRuns: 400 },
    );
  });

  it('oversized input: a segment beyond the limit stops the read with a typed error', async () => {
    const text = fixture('278-dependent.x12').replace('NM1*QC*1*DOE*JIMMY', `NM1*QC*1*DOE*${'J'.repeat(3_000_000)}`);
    const r = await readInterchange(text);
    expect(r.error?.kind).toBe('segment-too-long');
    expect(r.interchanges[0]?.accepted).toBe(false);
    expect(r.interchanges[0]?.ta1?.note).toBe('023');
    wellFormed(r);
  });

  it('empty input: a typed error', async () => {
    expect((await readInterchange('  \r\n')).error).toMatchObject({ kind: 'not-x12', message: 'The input holds no ISA segment' });
  });

  it('not X12 at all: a typed error, no interchange', async () => {
    const r = await readInterchange('{"resourceType":"Bundle"}');
    expect(r).toEqual({ interchanges: [], error: { type: 'stream-error', kind: 'not-x12', message: 'The input does not start with an ISA segment', afterSegment: 0 } });
  });
});
