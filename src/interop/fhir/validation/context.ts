/**
 * Shared state of the validator. `Engine` is built once from the definitions (registry,
 * terminology, compiled invariants, element trees); a `Session` lives for one `validate()` call
 * (memo of resource × profile results, the stack of enclosing Bundles for reference resolution);
 * a `Walk` is the position inside one resource being validated against one profile.
 */
import type { PackageRef, StructureDef } from './definitions';
import { buildTree, type ElementNode, type ElementTree } from './element-tree';
import { InvariantEngine, type InvariantResult } from './invariants';
import type { IssueCode, IssueSeverity, ValidationIssue } from './issues';
import type { Expected } from './slice-paths';
import { isRecord, isString, objs, str, type JsonObject } from './json';
import type { Registry } from './registry';
import { Terminology } from './terminology';

export class Engine {
  readonly terminology: Terminology;
  readonly invariants: InvariantEngine;
  private readonly trees = new Map<StructureDef, ElementTree | null>();
  private readonly primitiveChildren = new Map<string, ReadonlyMap<string, ElementNode>>();
  /** Discriminator expectations per slice (see slice-paths.ts). */
  readonly sliceExpectations = new WeakMap<ElementNode, Map<string, Expected | null>>();

  constructor(readonly registry: Registry) {
    this.terminology = new Terminology(registry);
    this.invariants = new InvariantEngine((value, vs) => this.memberOf(value, vs));
  }

  tree(sd: StructureDef): ElementTree | undefined {
    let t = this.trees.get(sd);
    if (t === undefined) {
      t = buildTree(sd) ?? null;
      this.trees.set(sd, t);
    }
    return t ?? undefined;
  }

  /** The tree of the core definition of a type (`Quantity`, `Extension`, `Claim`). */
  typeTree(code: string): ElementTree | undefined {
    const sd = this.registry.typeDefinition(code);
    return sd === undefined ? undefined : this.tree(sd);
  }

  /** Children allowed in a primitive's `_x` companion: those of its type without `value`. */
  primitiveElementChildren(code: string): ReadonlyMap<string, ElementNode> {
    let m = this.primitiveChildren.get(code);
    if (m === undefined) {
      const root = this.typeTree(code)?.root;
      m = new Map([...(root?.children ?? [])].filter(([name]) => name !== 'value'));
      this.primitiveChildren.set(code, m);
    }
    return m;
  }

  /** `memberOf()` for invariants: true / false, or undefined when the value set is unknown. */
  private memberOf(value: unknown, valueSet: string): boolean | undefined {
    const exp = this.terminology.expand(valueSet);
    if (exp === undefined) return undefined;
    if (isString(value)) return this.terminology.check(exp, undefined, value).ok;
    if (!isRecord(value)) return false;
    const codings = 'coding' in value ? objs(value, 'coding') : [value];
    return codings.some((c) => {
      const code = str(c, 'code');
      return code !== undefined && this.terminology.check(exp, str(c, 'system'), code).ok;
    });
  }
}

/** A resource already validated (or being validated) against one profile in this session. */
interface MemoEntry {
  state: 'running' | 'done';
  issues: readonly ValidationIssue[];
}

/** Entries of a Bundle, for resolving references inside it (FHIR R4 §3.3.1 "Resolving references in Bundles"). */
export interface BundleIndex {
  readonly byFullUrl: ReadonlyMap<string, JsonObject>;
  readonly byTypeAndId: ReadonlyMap<string, JsonObject>;
}

export class Session {
  private readonly memo = new Map<JsonObject, Map<string, MemoEntry>>();
  private readonly invariants = new WeakMap<JsonObject, Map<string, InvariantResult>>();
  readonly bundles: BundleIndex[] = [];

  constructor(readonly engine: Engine) {}

  /** Invariant results already computed on a node (a node checked through two profiles). */
  invariantCache(node: JsonObject): Map<string, InvariantResult> {
    let m = this.invariants.get(node);
    if (m === undefined) this.invariants.set(node, (m = new Map<string, InvariantResult>()));
    return m;
  }

  memoGet(resource: JsonObject, key: string): MemoEntry | undefined {
    return this.memo.get(resource)?.get(key);
  }

  memoSet(resource: JsonObject, key: string, entry: MemoEntry): void {
    let m = this.memo.get(resource);
    if (m === undefined) this.memo.set(resource, (m = new Map<string, MemoEntry>()));
    m.set(key, entry);
  }
}

/** Build the index of a Bundle's entries. */
export function indexBundle(bundle: JsonObject): BundleIndex {
  const byFullUrl = new Map<string, JsonObject>();
  const byTypeAndId = new Map<string, JsonObject>();
  for (const e of objs(bundle, 'entry')) {
    const r = e['resource'];
    if (!isRecord(r)) continue;
    const fullUrl = str(e, 'fullUrl');
    if (fullUrl !== undefined && !byFullUrl.has(fullUrl)) byFullUrl.set(fullUrl, r);
    const rt = str(r, 'resourceType');
    const id = str(r, 'id');
    if (rt !== undefined && id !== undefined && !byTypeAndId.has(`${rt}/${id}`)) byTypeAndId.set(`${rt}/${id}`, r);
  }
  return { byFullUrl, byTypeAndId };
}

/** The position of the walk: one resource, validated against one profile. */
export interface Walk {
  readonly session: Session;
  readonly engine: Engine;
  /** `%resource`: the resource that contains the element. */
  readonly resource: JsonObject;
  /** `%rootResource`: the container of a contained resource, else the resource itself. */
  readonly root: JsonObject;
  /** Package whose canonicals win for unversioned references (the profile's own package). */
  readonly pkg: PackageRef | undefined;
  readonly issues: ValidationIssue[];
}

export function report(w: Walk, severity: IssueSeverity, code: IssueCode, expression: string, diagnostics: string): void {
  w.issues.push({ severity, code, expression, diagnostics });
}

/** A walk that collects into a fresh buffer (to try a candidate profile without reporting yet). */
export const branch = (w: Walk): Walk => ({ ...w, issues: [] });
