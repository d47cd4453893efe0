/**
 * Value-set membership for required bindings (FHIR R4 §4.9.4 "required" binding strength).
 *
 * Value sets are expanded from the packages and the R4 core: `compose.include` with `concept`
 * lists, whole code systems we carry, `valueSet` imports, and the hierarchy filters `is-a`,
 * `descendent-of`, `is-not-a` and `regex`; `compose.exclude` concept lists are removed. Codes of
 * systems we do not carry are checked for system and format only (see external-systems.ts).
 */
import type { PackageRef } from './definitions';
import { externalSystem, impliedSystemsOfValueSet } from './external-systems';
import { arr, isRecord, objs, str, type JsonObject } from './json';
import type { Registry } from './registry';

export interface Expansion {
  readonly url: string;
  /** Codes by system (explicit concepts and whole carried code systems). */
  readonly codes: ReadonlyMap<string, ReadonlySet<string>>;
  /** Systems included without a usable code list: checked by format only. */
  readonly external: ReadonlySet<string>;
}

export type CodeCheck =
  | { readonly ok: true; readonly formatOnly: boolean }
  | { readonly ok: false; readonly message: string };

interface CodeSystemIndex {
  readonly codes: ReadonlySet<string>;
  readonly children: ReadonlyMap<string, readonly string[]>;
}

export class Terminology {
  private readonly expansions = new Map<string, Expansion | null>();
  private readonly systems = new Map<string, CodeSystemIndex | null>();

  constructor(private readonly registry: Registry) {}

  /** The expansion of a value set, or `undefined` when we neither carry nor can characterise it. */
  expand(canonical: string, context?: PackageRef): Expansion | undefined {
    const key = `${context?.name ?? ''}#${context?.version ?? ''}#${canonical}`;
    const cached = this.expansions.get(key);
    if (cached !== undefined) return cached ?? undefined;
    this.expansions.set(key, null); // cycle guard
    const result = this.compute(canonical, context, new Set());
    this.expansions.set(key, result ?? null);
    return result;
  }

  /** Check one code (with its system, when the element type has one) against a value set. */
  check(exp: Expansion, system: string | undefined, code: string): CodeCheck {
    if (system === undefined) {
      for (const set of exp.codes.values()) if (set.has(code)) return { ok: true, formatOnly: false };
      for (const s of exp.external) if (externalSystem(s).format.test(code)) return { ok: true, formatOnly: true };
      return { ok: false, message: `the code '${code}' is not in the value set ${exp.url}` };
    }
    const set = exp.codes.get(system);
    if (set?.has(code) === true) return { ok: true, formatOnly: false };
    if (exp.external.has(system)) {
      const ext = externalSystem(system);
      return ext.format.test(code)
        ? { ok: true, formatOnly: true }
        : { ok: false, message: `'${code}' is not a valid ${ext.name} code (system ${system})` };
    }
    if (set !== undefined) return { ok: false, message: `the code '${code}' (system ${system}) is not in the value set ${exp.url}` };
    return { ok: false, message: `the code system ${system} is not allowed by the value set ${exp.url}` };
  }

  private compute(canonical: string, context: PackageRef | undefined, seen: Set<string>): Expansion | undefined {
    const vs = this.registry.valueSet(canonical, context);
    if (vs === undefined) {
      const implied = impliedSystemsOfValueSet(canonical.split('|')[0] ?? canonical);
      return implied === undefined ? undefined : { url: canonical, codes: new Map(), external: new Set(implied) };
    }
    if (seen.has(vs.url)) return { url: canonical, codes: new Map(), external: new Set() };
    seen.add(vs.url);
    const codes = new Map<string, Set<string>>();
    const external = new Set<string>();
    const add = (system: string, code: string): void => {
      let set = codes.get(system);
      if (set === undefined) codes.set(system, (set = new Set()));
      set.add(code);
    };
    const compose = isRecord(vs.json['compose']) ? vs.json['compose'] : undefined;
    if (compose === undefined) {
      // Only an expansion: take its codes.
      const expansion = isRecord(vs.json['expansion']) ? vs.json['expansion'] : undefined;
      const walk = (items: readonly JsonObject[]): void => {
        for (const c of items) {
          const s = str(c, 'system');
          const code = str(c, 'code');
          if (s !== undefined && code !== undefined) add(s, code);
          walk(objs(c, 'contains'));
        }
      };
      if (expansion !== undefined) walk(objs(expansion, 'contains'));
      return { url: vs.url, codes, external };
    }
    for (const inc of objs(compose, 'include')) {
      for (const imported of arr(inc, 'valueSet')) {
        if (typeof imported !== 'string') continue;
        const sub = this.compute(imported, vs.pkg, seen);
        if (sub === undefined) continue;
        for (const [s, set] of sub.codes) for (const c of set) add(s, c);
        for (const s of sub.external) external.add(s);
      }
      const system = str(inc, 'system');
      if (system === undefined) continue;
      const concepts = objs(inc, 'concept');
      if (concepts.length > 0) {
        for (const c of concepts) {
          const code = str(c, 'code');
          if (code !== undefined) add(system, code);
        }
        continue;
      }
      const cs = this.codeSystem(system, vs.pkg);
      if (cs === undefined) {
        external.add(system);
        continue;
      }
      for (const code of filterCodes(cs, objs(inc, 'filter'))) add(system, code);
    }
    for (const exc of objs(compose, 'exclude')) {
      const system = str(exc, 'system');
      if (system === undefined) continue;
      for (const c of objs(exc, 'concept')) {
        const code = str(c, 'code');
        if (code !== undefined) codes.get(system)?.delete(code);
      }
    }
    return { url: vs.url, codes, external };
  }

  /** The codes of a code system we carry completely, or `undefined` (treat as external). */
  private codeSystem(system: string, context: PackageRef): CodeSystemIndex | undefined {
    const key = `${context.name}#${context.version}#${system}`;
    const cached = this.systems.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const cs = this.registry.codeSystem(system, context);
    let index: CodeSystemIndex | undefined;
    if (cs !== undefined && (str(cs.json, 'content') ?? 'complete') === 'complete') {
      const codes = new Set<string>();
      const children = new Map<string, string[]>();
      const walk = (items: readonly JsonObject[], parent: string | undefined): void => {
        for (const c of items) {
          const code = str(c, 'code');
          if (code === undefined) continue;
          codes.add(code);
          if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), code]);
          walk(objs(c, 'concept'), code);
        }
      };
      walk(objs(cs.json, 'concept'), undefined);
      index = codes.size > 0 ? { codes, children } : undefined;
    }
    this.systems.set(key, index ?? null);
    return index;
  }
}

function descendants(cs: CodeSystemIndex, code: string): Set<string> {
  const out = new Set<string>();
  const stack = [...(cs.children.get(code) ?? [])];
  while (stack.length > 0) {
    const c = stack.pop();
    if (c === undefined || out.has(c)) continue;
    out.add(c);
    stack.push(...(cs.children.get(c) ?? []));
  }
  return out;
}

/** Apply `compose.include.filter` to a carried code system; unsupported filters keep every code. */
function filterCodes(cs: CodeSystemIndex, filters: readonly JsonObject[]): ReadonlySet<string> {
  let result: ReadonlySet<string> = cs.codes;
  for (const f of filters) {
    const op = str(f, 'op');
    const value = str(f, 'value') ?? '';
    const property = str(f, 'property');
    let next: ReadonlySet<string>;
    if ((op === 'is-a' || op === 'descendent-of') && property === 'concept') {
      const d = descendants(cs, value);
      if (op === 'is-a' && cs.codes.has(value)) d.add(value);
      next = d;
    } else if (op === 'is-not-a' && property === 'concept') {
      const d = descendants(cs, value);
      next = new Set([...cs.codes].filter((c) => c !== value && !d.has(c)));
    } else if (op === 'regex' && property === 'code') {
      const re = new RegExp(`^(${value})$`);
      next = new Set([...cs.codes].filter((c) => re.test(c)));
    } else {
      next = cs.codes;
    }
    result = new Set([...result].filter((c) => next.has(c)));
  }
  return result;
}
