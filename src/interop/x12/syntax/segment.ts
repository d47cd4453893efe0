/**
 * One X12 segment as read from an interchange.
 *
 * `elements[0]` is the segment identifier and `elements[n]` is data element n, so that the TR3
 * reference `NM109` is `elements[9]` (ASC X12.6 "Application Control Structure": elements are
 * numbered from 1 after the segment identifier). Missing trailing elements are simply absent.
 */
export interface Segment {
  readonly id: string;
  readonly elements: readonly string[];
  /** 1-based position of the segment in the whole stream (the first ISA is 1). */
  readonly position: number;
  /** Set by the reader when the segment holds control characters (outside the X12 character sets). */
  readonly invalidCharacters?: true;
}

/** The four delimiters of an interchange, read from its ISA segment (X12.5, ISA). */
export interface Delimiters {
  /** The character after "ISA" (ISA position 4). */
  readonly element: string;
  /** ISA11 in version 00501 and later. */
  readonly repetition: string;
  /** ISA16. */
  readonly component: string;
  /** The character after ISA16. */
  readonly segment: string;
}

/** The delimiters most senders use: `*`, `^`, `:` and `~`. */
export const DEFAULT_DELIMITERS: Delimiters = { element: '*', repetition: '^', component: ':', segment: '~' };

/** Element `n` of a segment, or '' when absent. */
export const el = (seg: Segment, n: number): string => seg.elements[n] ?? '';

/** Element `n` when present and not empty. */
export const opt = (seg: Segment, n: number): string | undefined => {
  const v = seg.elements[n];
  return v === undefined || v === '' ? undefined : v;
};

/** The components of a composite element (`HC:99213:25` → ['HC', '99213', '25']). */
export const components = (value: string, d: Delimiters): readonly string[] => (value === '' ? [] : value.split(d.component));

/** The repetitions of a repeating element (`1^33^35` → ['1', '33', '35']). */
export const repetitions = (value: string, d: Delimiters): readonly string[] => (value === '' ? [] : value.split(d.repetition));

/** Component `i` (1-based) of a composite element, or undefined when absent or empty. */
export const comp = (value: string, i: number, d: Delimiters): string | undefined => {
  if (value === '') return undefined;
  const c = value.split(d.component)[i - 1];
  return c === undefined || c === '' ? undefined : c;
};

/** X12 segment identifiers are two or three upper-case letters or digits, starting with a letter. */
export const isSegmentId = (id: string): boolean => /^[A-Z][A-Z0-9]{1,2}$/.test(id);
