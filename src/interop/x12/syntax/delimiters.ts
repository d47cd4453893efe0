import type { Delimiters } from './segment';

/** Why the delimiters of an ISA segment could not be read. */
export type DelimiterProblem =
  | 'not-isa'
  | 'element-separator'
  | 'component-separator'
  | 'repetition-separator'
  | 'segment-terminator'
  | 'isa-too-long';

/** The longest ISA we search before giving up (the fixed-length ISA is 106 characters). */
const MAX_ISA_SCAN = 200;

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const badDelimiter = (c: string | undefined): boolean => c === undefined || c.length !== 1 || isAlnum(c) || c === ' ';

/**
 * Reads the delimiters from an ISA segment starting at `start` (X12.5 interchange control
 * structure): the element separator is the character right after "ISA", ISA11 is the repetition
 * separator (version 00501), ISA16 the component separator, and the character following ISA16
 * ends the segment. The ISA is fixed-length (106 characters) but senders that trim the padding
 * are still read here; the envelope check reports the wrong field lengths (TA1 005-008).
 *
 * Returns 'need-more' when the text ends before the segment terminator.
 */
export function readDelimiters(text: string, start: number, final: boolean): Delimiters | 'need-more' | DelimiterProblem {
  if (text.length - start < 4) return final ? 'not-isa' : 'need-more';
  if (!text.startsWith('ISA', start)) return 'not-isa';
  const element = text.charAt(start + 3);
  if (badDelimiter(element)) return 'element-separator';
  const limit = Math.min(text.length, start + MAX_ISA_SCAN);
  let count = 0;
  let i = start + 3;
  let sep11 = -1;
  let sep10 = -1;
  for (; i < limit; i++) {
    if (text.charAt(i) !== element) continue;
    count++;
    if (count === 11) sep10 = i;
    if (count === 12) sep11 = i;
    if (count === 16) break;
  }
  if (count < 16) return text.length - start >= MAX_ISA_SCAN || final ? 'isa-too-long' : 'need-more';
  if (i + 2 >= text.length) return final ? 'segment-terminator' : 'need-more';
  const component = text.charAt(i + 1);
  const segment = text.charAt(i + 2);
  const isa11 = text.slice(sep10 + 1, sep11);
  if (badDelimiter(component) || component === element) return 'component-separator';
  if (segment === element || segment === component || isAlnum(segment) || segment === ' ') return 'segment-terminator';
  // Version 00401 carries the standards identifier "U" in ISA11: no repetition separator then.
  const repetition = isa11.length === 1 && !isAlnum(isa11) ? isa11 : '';
  if (repetition !== '' && (repetition === element || repetition === component || repetition === segment)) {
    return 'repetition-separator';
  }
  return { element, repetition, component, segment };
}
