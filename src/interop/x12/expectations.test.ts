import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readInterchange, type X12ReadResult } from './read';

/**
 * Every fixture, and every sample of ../shared/corpus/x12 when that folder is present, gets the
 * verdict stated in test/fixtures/x12/expectations.json.
 */
const root = new URL('../../../test/fixtures/x12/', import.meta.url);
const corpus = new URL('../../../../shared/corpus/', import.meta.url);

interface Expected {
  readonly interchange: 'accepted' | 'rejected';
  readonly ta1: { readonly code: string; readonly note: string } | null;
  readonly groups: readonly unknown[];
}
interface Entry {
  readonly file: string;
  readonly corpus?: string;
  readonly why: string;
  readonly expect: Expected;
}

const isEntry = (x: unknown): x is Entry => typeof x === 'object' && x !== null && 'file' in x && 'expect' in x && 'why' in x;
const parsed: unknown = JSON.parse(readFileSync(new URL('expectations.json', root), 'utf8'));
const files: readonly unknown[] = typeof parsed === 'object' && parsed !== null && 'files' in parsed && Array.isArray(parsed.files) ? parsed.files : [];
const entries = files.filter(isEntry);

function verdict(r: X12ReadResult): Expected {
  const ix = r.interchanges[0];
  const isaRejected = ix !== undefined && !ix.accepted && ix.groups.length === 0;
  return {
    interchange: ix?.accepted === true ? 'accepted' : 'rejected',
    ta1: ix?.ta1 === undefined ? null : { code: ix.ta1.code, note: ix.ta1.note },
    groups: isaRejected
      ? []
      : (ix?.groups ?? []).map((g) => ({
          ak9: g.ack.code,
          errors: g.ack.errors,
          included: g.ack.included,
          received: g.ack.received,
          accepted: g.ack.accepted,
          transactions: g.transactions.map((t) => ({
            set: t.header.setId,
            ik5: t.ack.code,
            errors: t.ack.errors,
            segments: t.ack.segments.map((s) => [s.segmentId, s.position, s.loop ?? null, s.code, s.elements.map((e) => [e.element, e.component ?? null, e.code])]),
            document: t.document?.kind ?? null,
          })),
        })),
  };
}

describe('expectations.json', () => {
  it('covers every sample of the shared corpus', () => {
    const named = new Set(entries.map((e) => e.corpus).filter((c) => c !== undefined));
    for (const c of ['edifabric/ServicesReview.txt', 'edifabric/GenericRequest.txt', 'interop-tools/edi_278_missing_bht.x12', 'interop-tools/edi_278_request_basic.x12', 'interop-tools/edi_278_request_with_dependent.x12', 'interop-tools/edi_278_response_certified.x12', 'linuxforhealth/subscriber-health-benefit-check.270', 'linuxforhealth/subscriber-health-benefit-check.271']) {
      expect(named.has(`x12/${c}`)).toBe(true);
    }
    expect(entries.length).toBeGreaterThanOrEqual(35);
  });

  it.each(entries.map((e) => [e.file, e] as const))('%s', async (_name, entry) => {
    expect(entry.why.length).toBeGreaterThan(20);
    expect(verdict(await readInterchange(readFileSync(new URL(entry.file, root))))).toEqual(entry.expect);
    // The original corpus sample, when the shared folder is mounted, must get the same verdict.
    const original = entry.corpus === undefined ? undefined : new URL(entry.corpus, corpus);
    if (original !== undefined && existsSync(original)) {
      expect(verdict(await readInterchange(readFileSync(original)))).toEqual(entry.expect);
    }
  });
});
