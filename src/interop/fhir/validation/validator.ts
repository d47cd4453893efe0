/**
 * The FHIR profile validator: `createValidator()` loads the IG packages and the R4 core once;
 * `validate(resource, profileUrl?)` checks a resource (a Bundle with all its entries) and returns
 * its issues. Pure after loading: no I/O, no clock.
 */
import { Engine, Session } from './context';
import type { PackageRef, StructureDef } from './definitions';
import { bySeverity, dedupe, type ValidationIssue } from './issues';
import { isRecord, str } from './json';
import { DEFAULT_PACKAGE_FILES, readCoreDefinitions, readPackage } from './loader';
import { CORE_PACKAGE, Registry, type DefinitionSource } from './registry';
import { validateAgainst, validateResource } from './resource';
import { UmError } from '../../../platform/errors';

export interface ValidatorOptions {
  /** IG package files (`.tgz`), in priority order for unversioned canonicals. Default: `fhir/packages`, PAS 2.2.1 first. */
  readonly packageFiles?: readonly string[];
  /**
   * Validate every Bundle example of the packages once before returning, so that element trees
   * and FHIRPath compilations are ready (the first validation of a profile set otherwise takes
   * ~40 ms instead of ~2 ms). Costs ~1 s at start-up.
   */
  readonly warm?: boolean;
}

export interface ValidateOptions {
  /**
   * The package whose canonicals win for unversioned URLs (`meta.profile`, profiles named by
   * other profiles), e.g. `{ name: 'hl7.fhir.us.davinci-pas', version: '2.0.1' }`. Default: the
   * package of the requested profile, else the first loaded package that carries the URL.
   */
  readonly context?: PackageRef;
}

export interface FhirValidator {
  /**
   * Validate a resource. With `profileUrl` (`url` or `url|version`) the resource is checked
   * against that profile; without it, against every profile in its `meta.profile` that we carry,
   * else its core resource definition. Contained resources and Bundle entries are checked too.
   * Issues come errors first, then warnings, then information.
   * Throws `UM_ERR_FHIR_UNKNOWN_PROFILE` for a profile we do not carry.
   */
  validate(resource: unknown, profileUrl?: string, options?: ValidateOptions): readonly ValidationIssue[];
  /** The StructureDefinition for a canonical, if we carry it. */
  profile(canonical: string): StructureDef | undefined;
  /** The packages loaded, in priority order (the R4 core last). */
  readonly packages: readonly PackageRef[];
}

/** Build a validator from already-loaded definition sources (pure; used by tests and createValidator). */
export function buildValidator(sources: readonly DefinitionSource[]): FhirValidator {
  const registry = new Registry(sources);
  const engine = new Engine(registry);
  return {
    packages: registry.packages,
    profile: (canonical) => registry.structure(canonical),
    validate(resource, profileUrl, options = {}) {
      if (!isRecord(resource)) {
        return [{ severity: 'error', code: 'structure', expression: 'Resource', diagnostics: 'A FHIR resource must be a JSON object' }];
      }
      const rt = str(resource, 'resourceType');
      if (rt === undefined || !registry.isResourceType(rt)) {
        const what = rt === undefined ? 'no resourceType' : `unknown resourceType '${rt}'`;
        return [{ severity: 'error', code: 'structure', expression: rt ?? 'Resource', diagnostics: `Not a FHIR R4 resource: ${what}` }];
      }
      const session = new Session(engine);
      if (profileUrl === undefined) return bySeverity(dedupe(validateResource(session, resource, [], options.context)));
      const sd = registry.structure(profileUrl, options.context);
      if (sd === undefined) throw new UmError('UM_ERR_FHIR_UNKNOWN_PROFILE', `The profile ${profileUrl} is not known`);
      if (sd.type !== rt) {
        return [{ severity: 'error', code: 'invalid', expression: rt, diagnostics: `The profile ${profileUrl} applies to ${sd.type}, not to ${rt}` }];
      }
      return bySeverity(dedupe(validateAgainst(session, resource, sd, options.context ?? sd.pkg)));
    },
  };
}

/** Load the IG packages (default: the four in `fhir/packages`) and the R4 core, and build a validator. */
export async function createValidator(opts: ValidatorOptions = {}): Promise<FhirValidator> {
  const files = opts.packageFiles ?? DEFAULT_PACKAGE_FILES;
  const [core, ...packages] = await Promise.all([readCoreDefinitions(), ...files.map((f) => readPackage(f))]);
  const sources: DefinitionSource[] = packages.map((p) => ({ pkg: { name: p.name, version: p.version }, resources: p.resources }));
  sources.push({ pkg: CORE_PACKAGE, resources: core.resources });
  const validator = buildValidator(sources);
  if (opts.warm === true) {
    for (const p of packages) {
      for (const example of p.examples.values()) {
        if (isRecord(example) && example['resourceType'] === 'Bundle') validator.validate(example, undefined, { context: { name: p.name, version: p.version } });
      }
    }
  }
  return validator;
}
