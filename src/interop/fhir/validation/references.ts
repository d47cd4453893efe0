/**
 * Reference targets (FHIR R4 §2.3.0 References, §ElementDefinition.type.targetProfile): a
 * reference that resolves inside the enclosing Bundle (by `fullUrl`, or `Type/id`) or to a
 * contained resource must point to an allowed resource type and conform to one of the allowed
 * target profiles we carry. References that do not resolve locally are not followed.
 */
import { report, type Walk } from './context';
import type { ElementDef, StructureDef } from './definitions';
import { hasErrors, type ValidationIssue } from './issues';
import { isRecord, objs, str, type JsonObject } from './json';
import { CORE_PACKAGE, CORE_SD_PREFIX } from './registry';
import { validateAgainst } from './resource';

/** Find the resource a reference points to, inside the current resource or Bundle. */
export function resolveReference(w: Walk, reference: string): JsonObject | undefined {
  if (reference.startsWith('#')) {
    const id = reference.slice(1);
    return objs(w.resource, 'contained').find((c) => str(c, 'id') === id);
  }
  const bundle = w.session.bundles[w.session.bundles.length - 1];
  if (bundle === undefined) return undefined;
  const exact = bundle.byFullUrl.get(reference);
  if (exact !== undefined) return exact;
  if (/^[a-z][a-z0-9+.-]*:/i.test(reference)) return undefined;
  const relative = reference.replace(/\/_history\/.*$/, '');
  const byId = bundle.byTypeAndId.get(relative);
  if (byId !== undefined) return byId;
  for (const [fullUrl, r] of bundle.byFullUrl) if (fullUrl.endsWith(`/${relative}`)) return r;
  return undefined;
}

interface Target {
  readonly profile: string;
  readonly sd: StructureDef | undefined;
  readonly type: string | undefined;
}

const isCoreSd = (sd: StructureDef): boolean => sd.pkg.name === CORE_PACKAGE.name;

export function checkReference(w: Walk, def: ElementDef, value: JsonObject, path: string): void {
  const targetProfiles = def.types.find((t) => t.code === 'Reference')?.targetProfiles ?? [];
  const reference = str(value, 'reference');
  if (targetProfiles.length === 0 || reference === undefined) return;
  const target = resolveReference(w, reference);
  if (target === undefined || !isRecord(target)) return;
  const rt = str(target, 'resourceType');
  if (rt === undefined) return;
  const targets: Target[] = targetProfiles.map((profile) => {
    const sd = w.engine.registry.structure(profile, w.pkg);
    const core = profile.startsWith(CORE_SD_PREFIX) ? profile.slice(CORE_SD_PREFIX.length).split('|')[0] : undefined;
    return { profile, sd, type: sd?.type ?? core };
  });
  const knownTypes = targets.every((t) => t.type !== undefined);
  const types = new Set(targets.map((t) => t.type));
  if (knownTypes && !types.has(rt) && !types.has('Resource')) {
    report(w, 'error', 'invalid', path, `The reference '${reference}' points to a ${rt}; allowed: ${[...types].join(', ')}`);
    return;
  }
  const candidates = targets.filter((t) => t.type === rt || t.type === 'Resource' || t.type === undefined);
  const missing = candidates.filter((t) => t.sd === undefined);
  if (missing.length > 0) {
    report(w, 'information', 'informational', path, `Target profile ${missing.map((t) => t.profile).join(', ')} is not available: the target of '${reference}' is checked against its own declared profiles only`);
    return;
  }
  const profiled = candidates.flatMap((t) => (t.sd === undefined || isCoreSd(t.sd) ? [] : [t.sd]));
  if (profiled.length === 0 || profiled.length < candidates.length) return;
  const results = profiled.map((sd) => validateAgainst(w.session, target, sd, w.pkg));
  if (results.some((r) => !hasErrors(r))) return;
  const first: ValidationIssue | undefined = results[0]?.find((i) => i.severity === 'error');
  const detail = first === undefined ? '' : `: ${first.diagnostics} (at ${first.expression})`;
  report(w, 'error', 'invalid', path, `The resource referenced by '${reference}' does not conform to ${profiled.map((s) => s.url).join(' or ')}${detail}`);
}
