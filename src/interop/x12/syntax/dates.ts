/**
 * X12 date and time formats (X12.6 data element types DT and TM; DTP02 format qualifiers D8,
 * RD8, DT, RDT) checked as real calendar values and turned into ISO 8601 strings.
 */

const daysIn = (y: number, m: number): number => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** The digits at `from`..`to` (exclusive) of `v` as a number, or -1 when one is not a digit. */
function digits(v: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** `CCYYMMDD` → `YYYY-MM-DD`, or undefined when it is not a calendar date. */
export function d8(v: string): string | undefined {
  if (v.length !== 8) return undefined;
  const y = digits(v, 0, 4);
  const m = digits(v, 4, 6);
  const d = digits(v, 6, 8);
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return undefined;
  return `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
}

/** `YYMMDD` (ISA09) → `YYYY-MM-DD`, reading the century as 20xx. */
export function d6(v: string): string | undefined {
  return /^\d{6}$/.test(v) ? d8(`20${v}`) : undefined;
}

/** `HHMM`, `HHMMSS`, `HHMMSSD` or `HHMMSSDD` → `HH:MM[:SS]`, or undefined. */
export function tm(v: string): string | undefined {
  if (!/^\d{4}(\d{2}(\d{1,2})?)?$/.test(v)) return undefined;
  const h = Number(v.slice(0, 2));
  const mi = Number(v.slice(2, 4));
  const s = v.length >= 6 ? Number(v.slice(4, 6)) : 0;
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return v.length >= 6 ? `${v.slice(0, 2)}:${v.slice(2, 4)}:${v.slice(4, 6)}` : `${v.slice(0, 2)}:${v.slice(2, 4)}`;
}

/** A date or a period read from a DTP segment (or a composite with a format qualifier). */
export interface DatePeriod {
  /** DTP02: D8 (a date), RD8 (a range of dates), DT (date and time) or RDT (a range of those). */
  readonly format: 'D8' | 'RD8' | 'DT' | 'RDT';
  /** ISO date of the start (the date itself for D8 and DT). */
  readonly start: string;
  /** ISO date of the end (equal to start for D8 and DT). */
  readonly end: string;
  readonly startTime?: string;
  readonly endTime?: string;
}

const dt = (v: string): { date: string; time: string } | undefined => {
  if (v.length !== 12) return undefined;
  const date = d8(v.slice(0, 8));
  const time = tm(v.slice(8));
  return date === undefined || time === undefined ? undefined : { date, time };
};

/** Reads a value under a DTP02-style format qualifier; undefined when invalid or when the end precedes the start. */
export function period(format: string, value: string): DatePeriod | undefined {
  switch (format) {
    case 'D8': {
      const d = d8(value);
      return d === undefined ? undefined : { format, start: d, end: d };
    }
    case 'RD8': {
      const [a, b, ...more] = value.split('-');
      const s = d8(a ?? '');
      const e = d8(b ?? '');
      return s === undefined || e === undefined || more.length > 0 || e < s ? undefined : { format, start: s, end: e };
    }
    case 'DT': {
      const x = dt(value);
      return x === undefined ? undefined : { format, start: x.date, end: x.date, startTime: x.time };
    }
    case 'RDT': {
      const [a, b, ...more] = value.split('-');
      const s = dt(a ?? '');
      const e = dt(b ?? '');
      if (s === undefined || e === undefined || more.length > 0) return undefined;
      if (`${e.date}T${e.time}` < `${s.date}T${s.time}`) return undefined;
      return { format, start: s.date, end: e.date, startTime: s.time, endTime: e.time };
    }
    default:
      return undefined;
  }
}

/** `YYYY-MM-DD` → `CCYYMMDD`. */
export const toD8 = (iso: string): string => iso.slice(0, 10).replaceAll('-', '');

/** A period written back as DTP02/DTP03: D8 for one day, RD8 for a range. */
export function toPeriod(start: string, end: string = start): { readonly format: 'D8' | 'RD8'; readonly value: string } {
  return start === end ? { format: 'D8', value: toD8(start) } : { format: 'RD8', value: `${toD8(start)}-${toD8(end)}` };
}
