import type { ElementErrorCode } from '../ack/codes';
import type { DateEntry } from '../common/types';
import { period, d8, tm } from '../syntax/dates';
import { el, type Delimiters, type Segment } from '../syntax/segment';
import type { Issues } from './issues';
import { CONTROL_CLASS } from '../syntax/tokenizer';

/**
 * A check on one data element (or one component of a composite) of a segment, as the TR3 states
 * it: usage, code values, length, and type (X12.6 data element types).
 */
export interface ElementRule {
  /** Element position (1-based). */
  readonly n: number;
  /** Component position inside a composite (1-based). */
  readonly c?: number;
  readonly required?: boolean;
  /** Code values this implementation uses. */
  readonly codes?: readonly string[];
  /** Values that are X12 codes of the element but not used by this implementation (IK403 I6). */
  readonly notUsed?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  /** D8 date, TM time, N0 integer, R decimal, DTP period (format in element `n - 1`). */
  readonly type?: 'D8' | 'TM' | 'N0' | 'R' | 'DTP';
  /** X12 data element reference number, written to IK402. */
  readonly ref?: number;
}

const INVALID_CHAR = new RegExp(CONTROL_CLASS);

/** Value of an element or of a component of it. */
export function valueAt(seg: Segment, n: number, c: number | undefined, d: Delimiters): string {
  const v = el(seg, n);
  if (c === undefined) return v;
  return v === '' ? '' : (v.split(d.component)[c - 1] ?? '');
}

/** The IK403 code for one value under one rule, or undefined when the value is fine. */
function problem(seg: Segment, r: ElementRule, v: string): ElementErrorCode | undefined {
  if (v === '') return r.required === true ? '1' : undefined;
  if (r.notUsed !== undefined && r.notUsed.includes(v)) return 'I6';
  if (r.codes !== undefined && !r.codes.includes(v)) return '7';
  if (r.min !== undefined && v.length < r.min) return '4';
  if (r.max !== undefined && v.length > r.max) return '5';
  switch (r.type) {
    case undefined:
      return undefined;
    case 'D8':
      return d8(v) === undefined ? '8' : undefined;
    case 'TM':
      return tm(v) === undefined ? '9' : undefined;
    case 'N0':
      return INTEGER.test(v) ? undefined : '7';
    case 'R':
      return DECIMAL.test(v) ? undefined : '7';
    case 'DTP':
      return period(el(seg, r.n - 1), v) === undefined ? '8' : undefined;
  }
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)$/;

/**
 * Checks a segment against its rules and records IK4 errors; returns true when none was found.
 * (Written without closures: it runs for every segment of a 200 MB file.)
 */
export function checkSegment(seg: Segment, rules: readonly ElementRule[], d: Delimiters, issues: Issues, loop: string | undefined): boolean {
  let ok = true;
  let splitOf = -1;
  let parts: readonly string[] = [];
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r === undefined) continue;
    let v: string;
    if (r.c === undefined) v = seg.elements[r.n] ?? '';
    else {
      if (splitOf !== r.n) {
        const whole = seg.elements[r.n] ?? '';
        parts = whole === '' ? [] : whole.split(d.component);
        splitOf = r.n;
      }
      v = parts[r.c - 1] ?? '';
    }
    const code = problem(seg, r, v);
    if (code === undefined) continue;
    ok = false;
    issues.element(seg, loop, { element: r.n, code, component: r.c, reference: r.ref, value: v === '' ? undefined : v });
  }
  return ok;
}

/** Reports control characters (flagged by the tokenizer) element by element (IK403 6). */
export function checkCharacters(seg: Segment, issues: Issues, loop: string | undefined): void {
  if (seg.invalidCharacters !== true) return;
  for (let i = 1; i < seg.elements.length; i++) {
    const v = seg.elements[i] ?? '';
    if (INVALID_CHAR.test(v)) issues.bad(seg, loop, i, '6', v);
  }
}

/**
 * Reads a DTP segment (DTP01 qualifier, DTP02 format, DTP03 value) under its rules, reporting
 * an invalid date on DTP03 (IK403 8) once. The rules must not type DTP03 themselves.
 */
export function readDtp(seg: Segment, rules: readonly ElementRule[], d: Delimiters, issues: Issues, loop: string | undefined): DateEntry | undefined {
  if (!checkSegment(seg, rules, d, issues, loop)) return undefined;
  const p = period(el(seg, 2), el(seg, 3));
  if (p === undefined) {
    issues.element(seg, loop, { element: 3, reference: 1251, code: '8', value: el(seg, 3) });
    return undefined;
  }
  return { qualifier: el(seg, 1), format: p.format, start: p.start, end: p.end, startTime: p.startTime, endTime: p.endTime };
}
