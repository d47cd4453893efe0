/**
 * Instants, civil dates and time-zone arithmetic for the clock engine.
 *
 * Instants are epoch milliseconds; civil dates are "epoch days" (days since 1970-01-01), which makes
 * business-day walks plain integer loops. Zone offsets come from luxon's `IANAZone` (the IANA tz
 * database through `Intl`); the arithmetic on top of them is ours so the engine stays fast.
 * Conventions (shared/scenarios/clock-scenarios.json, regulations.md §0 C2–C6): hours are elapsed
 * time; calendar days end at 23:59:59 local; extensions of hour clocks keep the wall-clock time.
 */
import { IANAZone } from 'luxon';
import { UmError } from '../../platform/errors';

export const MS_PER_DAY = 86_400_000;
export const MS_PER_HOUR = 3_600_000;

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A governing time zone (an IANA name such as `America/New_York`) with its UTC offset at an instant. */
export interface ClockZone {
  readonly name: string;
  /** Offset from UTC in minutes at the instant (e.g. -240 for EDT). */
  offset(ms: number): number;
}

const HOUR_BUCKET = 3_600_000;
const MAX_CACHED_BUCKETS = 200_000;

/**
 * Offsets come from `Intl` through luxon, which costs microseconds per call; they are memoized per
 * hour. A bucket is cached only when its first and last millisecond share the offset, i.e. no
 * transition falls inside it (no zone has two transitions within one hour).
 */
function cachedZone(zone: IANAZone): ClockZone {
  const buckets = new Map<number, number>();
  return {
    name: zone.name,
    offset(ms: number): number {
      const b = Math.floor(ms / HOUR_BUCKET);
      let v = buckets.get(b);
      if (v === undefined) {
        const first = zone.offset(b * HOUR_BUCKET);
        v = first === zone.offset(b * HOUR_BUCKET + HOUR_BUCKET - 1) ? first : Number.NaN;
        if (buckets.size >= MAX_CACHED_BUCKETS) buckets.clear();
        buckets.set(b, v);
      }
      return Number.isNaN(v) ? zone.offset(ms) : v;
    },
  };
}

const zones = new Map<string, ClockZone>();

/** The zone for an IANA name; an unknown name is a clock input error. */
export function zoneFor(name: string): ClockZone {
  let zone = zones.get(name);
  if (zone === undefined) {
    // IANAZone.create is cached by luxon and validates once; isValidZone would build an Intl formatter per call.
    const iana = IANAZone.create(name);
    if (!iana.isValid) throw new UmError('UM_ERR_CLOCK_INPUT', `Unknown time zone "${name}"`);
    zone = cachedZone(iana);
    zones.set(name, zone);
  }
  return zone;
}

/** Parses an ISO 8601 instant that carries its offset (or Z); anything else is refused. */
export function parseInstant(iso: string, what = 'instant'): number {
  const m = INSTANT_RE.exec(iso);
  const ms = m === null ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(ms)) {
    throw new UmError('UM_ERR_CLOCK_INPUT', `The ${what} "${iso}" is not an ISO 8601 date-time with an offset`);
  }
  return ms;
}

/** Parses an ISO calendar date (YYYY-MM-DD) to its epoch day. */
export function parseDate(iso: string, what = 'date'): number {
  const m = DATE_RE.exec(iso);
  if (m === null) throw new UmError('UM_ERR_CLOCK_INPUT', `The ${what} "${iso}" is not a YYYY-MM-DD date`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = epochDayOf(y, mo, d);
  const back = civilOf(day);
  if (back.month !== mo || back.day !== d) throw new UmError('UM_ERR_CLOCK_INPUT', `The ${what} "${iso}" does not exist`);
  return day;
}

/** Epoch day of a civil date (month 1–12). */
export function epochDayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Civil date of an epoch day. */
export function civilOf(epochDay: number): CivilDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of the week of an epoch day: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** `YYYY-MM-DD` of an epoch day. */
export function formatDate(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Local wall-clock time of an instant, expressed as "milliseconds as if UTC". */
export function wallOf(ms: number, zone: ClockZone): number {
  return ms + zone.offset(ms) * 60_000;
}

/** The local (zone) civil date of an instant, as an epoch day. */
export function localDay(ms: number, zone: ClockZone): number {
  return Math.floor(wallOf(ms, zone) / MS_PER_DAY);
}

/**
 * The instant at which the zone's wall clock shows `wall`. In a spring-forward gap the wall time
 * does not exist and the later side is used (02:30 → 03:30), as luxon does.
 */
export function instantOfWall(wall: number, zone: ClockZone): number {
  const o1 = zone.offset(wall);
  const guess = wall - o1 * 60_000;
  const o2 = zone.offset(guess);
  if (o1 === o2) return guess;
  const second = wall - o2 * 60_000;
  const o3 = zone.offset(second);
  if (o2 === o3) return second;
  return wall - Math.min(o2, o3) * 60_000;
}

/** 23:59:59 local on the given civil date (convention C3). */
export function endOfLocalDay(epochDay: number, zone: ClockZone): number {
  return instantOfWall(epochDay * MS_PER_DAY + MS_PER_DAY - 1000, zone);
}

/** A local wall-clock time (hour, minute) on a civil date. */
export function localTimeOn(epochDay: number, hour: number, minute: number, zone: ClockZone): number {
  return instantOfWall(epochDay * MS_PER_DAY + hour * MS_PER_HOUR + minute * 60_000, zone);
}

/** Adds whole local calendar days, keeping the wall-clock time (convention C6). */
export function plusLocalDays(ms: number, days: number, zone: ClockZone): number {
  return instantOfWall(wallOf(ms, zone) + days * MS_PER_DAY, zone);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** ISO 8601 with the offset in force in the zone at that instant, e.g. `2026-03-23T23:59:59-04:00`. */
export function formatInstant(ms: number, zone: ClockZone): string {
  const offset = zone.offset(ms);
  const wall = new Date(ms + offset * 60_000);
  const millis = wall.getUTCMilliseconds();
  const abs = Math.abs(offset);
  return (
    `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    (millis === 0 ? '' : `.${pad(millis, 3)}`) +
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The UTC offset in minutes written in an ISO 8601 instant (`Z` = 0). */
export function offsetWritten(iso: string): number {
  const m = INSTANT_RE.exec(iso);
  const tz = m?.[8];
  if (tz === undefined) throw new UmError('UM_ERR_CLOCK_INPUT', `"${iso}" has no offset`);
  if (tz === 'Z') return 0;
  const sign = tz.startsWith('-') ? -1 : 1;
  return sign * (Number(tz.slice(1, 3)) * 60 + Number(tz.slice(4, 6)));
}
