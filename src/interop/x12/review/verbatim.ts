/**
 * Each transaction set of an interchange as an interchange of its own: its ISA and GS as sent, the
 * set as sent (line breaks between segments left out), and a GE and IEA counting that one set.
 * What a case keeps as its source payload, and what later responses re-read the request from. Pure.
 */
import { SegmentTokenizer } from '../syntax/tokenizer';
import type { Delimiters, Segment } from '../syntax/segment';

/** Set text by the stream position of its ST. */
export function setTexts(input: string | Uint8Array): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  let isa = '';
  let gs = '';
  let ge = '';
  let iea = '';
  let open: { at: number; text: string } | undefined;
  const text = (s: Segment, d: Delimiters): string => s.elements.join(d.element) + d.segment;
  const t = new SegmentTokenizer({
    segment(s, d) {
      switch (s.id) {
        case 'ISA':
          isa = text(s, d);
          iea = `IEA${d.element}1${d.element}${s.elements[13] ?? ''}${d.segment}`;
          break;
        case 'GS':
          gs = text(s, d);
          ge = `GE${d.element}1${d.element}${s.elements[6] ?? ''}${d.segment}`;
          break;
        case 'ST':
          open = { at: s.position, text: isa + gs + text(s, d) };
          break;
        case 'SE':
          if (open !== undefined) out.set(open.at, open.text + text(s, d) + ge + iea);
          open = undefined;
          break;
        default:
          if (open !== undefined) open.text += text(s, d);
      }
    },
    error() {
      open = undefined;
    },
  });
  t.write(input);
  t.end();
  return out;
}
