/**
 * Resource-level validation: which profiles a resource is checked against, and the memo that
 * makes each resource × profile pair run once per `validate()` call.
 *
 * A resource must conform to every profile in its `meta.profile` that we carry, and to one of the
 * profiles its containing element allows (e.g. a PAS Request Bundle's Claim entry: PAS Claim or
 * PAS Claim Update). With no known profile, the core resource definition is used (every profile's
 * snapshot already contains the core rules, so the core is not checked twice).
 * FHIR R4 §Resource.meta.profile, §Profiling, §Bundle.
 */
import { indexBundle, report, type Session, type Walk } from './context';
import type { PackageRef, StructureDef } from './definitions';
import { checkConstraints } from './element-checks';
import { dedupe, hasErrors, rebase, type ValidationIssue } from './issues';
import { arr, isRecord, isString, obj, str, type JsonObject } from './json';
import { inPackageOf } from './occurrence';
import { walkChildren } from './walker';

/** Validate a resource found inside another (Bundle entry, contained, Parameters) at `path`. */
export function validateNestedResource(w: Walk, value: unknown, allowedTypes: readonly string[], profiles: readonly string[], path: string): void {
  if (!isRecord(value)) {
    report(w, 'error', 'structure', path, `A resource must be a JSON object`);
    return;
  }
  const rt = str(value, 'resourceType');
  if (rt === undefined || !w.engine.registry.isResourceType(rt)) {
    report(w, 'error', 'structure', path, `Unknown or missing resourceType ${rt === undefined ? '' : `'${rt}'`}`.trim());
    return;
  }
  const anyType = allowedTypes.some((t) => t === 'Resource' || t === 'DomainResource');
  if (!anyType && !allowedTypes.includes(rt)) {
    report(w, 'error', 'structure', path, `A resource of type ${allowedTypes.join(' | ')} is expected here, found a ${rt}`);
    return;
  }
  // FHIR R4 §2.15.0 (FHIRPath %rootResource): a contained resource's root is its container's root.
  const root = /\.contained\[\d+\]$/.test(path) ? w.root : value;
  for (const issue of validateResource(w.session, value, profiles, w.pkg, root)) w.issues.push(rebase(issue, rt, path));
}

/**
 * All issues of one resource (expressions rooted at its resource type). `oneOf` are the profiles
 * the containing element allows; `pkg` resolves unversioned canonicals.
 */
export function validateResource(
  session: Session,
  res: JsonObject,
  oneOf: readonly string[],
  pkg: PackageRef | undefined,
  root: JsonObject = res,
): readonly ValidationIssue[] {
  const registry = session.engine.registry;
  const rt = str(res, 'resourceType') ?? 'Resource';
  const out: ValidationIssue[] = [];
  const note = (diagnostics: string): void => {
    out.push({ severity: 'information', code: 'informational', expression: rt, diagnostics });
  };
  let checked = 0;
  const meta = obj(res, 'meta');
  const declaredProfiles = meta === undefined ? [] : arr(meta, 'profile').filter(isString);
  for (const p of declaredProfiles) {
    const sd = registry.structure(p, pkg);
    if (sd === undefined) {
      note(`The profile ${p} (meta.profile) is not available: not checked`);
      continue;
    }
    if (sd.type !== rt) {
      out.push({ severity: 'error', code: 'invalid', expression: rt, diagnostics: `meta.profile ${p} is a profile on ${sd.type}, not on ${rt}` });
      continue;
    }
    checked++;
    out.push(...validateAgainst(session, res, sd, pkg, root));
  }
  if (oneOf.length > 0) {
    const sds: StructureDef[] = [];
    for (const p of oneOf) {
      const sd = registry.structure(p, pkg);
      if (sd === undefined) note(`The profile ${p} is not available: not checked`);
      else sds.push(sd);
    }
    if (sds.length > 0) {
      checked++;
      // Try the profiles the resource claims first: usually the first try fits and ends the search.
      const declared = new Set(declaredProfiles.map((p) => p.split('|')[0]));
      sds.sort((a, b) => Number(declared.has(b.url)) - Number(declared.has(a.url)));
      const results: (readonly ValidationIssue[])[] = [];
      let fits: readonly ValidationIssue[] | undefined;
      for (const sd of sds) {
        const r = validateAgainst(session, res, sd, pkg, root);
        results.push(r);
        if (!hasErrors(r)) {
          fits = r;
          break;
        }
      }
      if (fits !== undefined) out.push(...fits);
      else {
        const errors = (r: readonly ValidationIssue[]): number => r.filter((i) => i.severity === 'error').length;
        out.push(...results.reduce((a, b) => (errors(b) < errors(a) ? b : a)));
        if (sds.length > 1) {
          out.push({ severity: 'error', code: 'invalid', expression: rt, diagnostics: `The ${rt} does not conform to any of the allowed profiles ${sds.map((s) => `${s.url}|${s.version}`).join(', ')}` });
        }
      }
    }
  }
  if (checked === 0) {
    const base = registry.typeDefinition(rt);
    if (base !== undefined) out.push(...validateAgainst(session, res, base, pkg, root));
  }
  return dedupe(out);
}

/** Validate a resource against one StructureDefinition (memoised per session). */
export function validateAgainst(
  session: Session,
  res: JsonObject,
  sd: StructureDef,
  pkg: PackageRef | undefined,
  root: JsonObject = res,
): readonly ValidationIssue[] {
  const key = `${sd.url}|${sd.version}`;
  const hit = session.memoGet(res, key);
  if (hit !== undefined) return hit.issues;
  const entry = { state: 'running' as const, issues: [] };
  session.memoSet(res, key, entry);
  const rt = str(res, 'resourceType') ?? sd.type;
  const walk: Walk = inPackageOf({ session, engine: session.engine, resource: res, root, pkg, issues: [] }, sd);
  const tree = session.engine.tree(sd);
  if (tree === undefined) {
    report(walk, 'warning', 'not-supported', rt, `The definition ${sd.url} has no snapshot: not checked`);
  } else {
    const isBundle = rt === 'Bundle';
    if (isBundle) session.bundles.push(indexBundle(res));
    try {
      checkConstraints(walk, tree.root.def.constraints, res, tree.root.def.path, rt);
      walkChildren(walk, res, tree.root.children, rt, true);
    } finally {
      if (isBundle) session.bundles.pop();
    }
  }
  const issues = dedupe(walk.issues);
  session.memoSet(res, key, { state: 'done', issues });
  return issues;
}
