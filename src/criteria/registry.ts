/**
 * The loaded criteria sets, looked up by id, version, date of service and code. The version in
 * force on the date of service is the one frozen onto a case and cited by its determination.
 */
import { UmError } from '../platform/errors';
import { codeInSpec, normalizeCode } from './codes';
import { withinDates } from './dates';
import { compileCriteriaSet, type CompiledCriteriaSet } from './engine';
import type { CriteriaSet } from './schema';
import type { IsoDate, ServiceCodeSystem } from './types';

/** Compares dotted numeric versions (`1.10` > `1.9`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export interface CriteriaRegistry {
  readonly sets: readonly CompiledCriteriaSet[];
  /** A given version, or the highest version of the set when `version` is omitted. */
  get(id: string, version?: string): CompiledCriteriaSet | undefined;
  /** The highest active version of `id` whose effective dates hold `date`. */
  inForce(id: string, date: IsoDate): CompiledCriteriaSet | undefined;
  /** Like `inForce`, but throws `UM_ERR_CRITERIA_SET_UNKNOWN` when there is none. */
  requireInForce(id: string, date: IsoDate): CompiledCriteriaSet;
  /** Sets in force on `date` that apply to the code. */
  forCode(system: ServiceCodeSystem, code: string, date: IsoDate): CompiledCriteriaSet[];
}

const isInForce = (c: CompiledCriteriaSet, date: IsoDate): boolean =>
  c.set.status === 'active' && withinDates(date, c.set.effective.from, c.set.effective.to);

export function createCriteriaRegistry(sets: readonly CompiledCriteriaSet[]): CriteriaRegistry {
  const sorted = [...sets].sort((a, b) => compareVersions(b.set.version, a.set.version));
  const inForce = (id: string, date: IsoDate): CompiledCriteriaSet | undefined =>
    sorted.find((c) => c.set.id === id && isInForce(c, date));
  return {
    sets,
    get: (id, version) => sorted.find((c) => c.set.id === id && (version === undefined || c.set.version === version)),
    inForce,
    requireInForce: (id, date) => {
      const found = inForce(id, date);
      if (found === undefined) throw new UmError('UM_ERR_CRITERIA_SET_UNKNOWN', `no version of criteria set ${id} is in force on ${date}`);
      return found;
    },
    forCode: (system, code, date) => {
      const c = normalizeCode(system, code);
      if (c === undefined) return [];
      const ids = new Set(sorted.filter((s) => s.set.appliesTo.some((spec) => codeInSpec(spec, system, c))).map((s) => s.set.id));
      return [...ids].map((id) => inForce(id, date)).filter((s): s is CompiledCriteriaSet => s !== undefined);
    },
  };
}

/** Compiled sets kept by id and version, for callers that read set documents from storage on each request. */
export interface CompiledSetCache {
  /** The compiled set, compiled once per id, version and content. */
  compile(set: CriteriaSet): CompiledCriteriaSet;
  readonly size: number;
}

/**
 * A cache of compiled sets. A version must not change once used, but if a stored document does
 * differ from the cached one (same id and version), it is compiled afresh, never served stale.
 */
export function createCompiledSetCache(): CompiledSetCache {
  const entries = new Map<string, { json: string; compiled: CompiledCriteriaSet }>();
  return {
    compile(set) {
      const key = `${set.id}@${set.version}`;
      const json = JSON.stringify(set);
      const hit = entries.get(key);
      if (hit !== undefined && hit.json === json) return hit.compiled;
      const compiled = compileCriteriaSet(set);
      entries.set(key, { json, compiled });
      return compiled;
    },
    get size() { return entries.size; },
  };
}
