/**
 * Choosing the PAS profile for a `$submit` / `$inquire` request bundle or a response bundle, in
 * PAS 2.2.1 (the target) or 2.0.1 (still accepted): Da Vinci PAS STU 2.2.1 §"Claim/$submit",
 * §"Claim/$inquire" (OperationDefinition-Claim-submit / Claim-inquiry: `resource` is a PAS
 * Request / Inquiry Request Bundle; `return` a PAS Response / Inquiry Response Bundle).
 *
 * Version rule (docs/fhir-validation.md): a `meta.profile` canonical with `|2.2.1` or `|2.0.1`
 * selects that version; another version (`|1.1.0`) is refused. An unversioned or absent profile
 * — the test-kit `*_v110*` bundles, most EHR traffic — is validated against 2.2.1 first; if that
 * fails and the bundle is valid PAS 2.0.1, it is accepted as 2.0.1; otherwise the 2.2.1 issues
 * are reported.
 */
import { hasErrors, type ValidationIssue } from './issues';
import { arr, isRecord, isString, obj, objs, str, type JsonObject } from './json';
import type { FhirValidator } from './validator';

export type PasBundleKind = 'request' | 'inquiry' | 'response' | 'inquiry-response';
export type PasVersion = '2.2.1' | '2.0.1';

/** Supported versions, preferred first. */
export const PAS_VERSIONS: readonly PasVersion[] = ['2.2.1', '2.0.1'];

export const PAS_PACKAGE = 'hl7.fhir.us.davinci-pas';
const SD = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';

const BUNDLE_PROFILES: Readonly<Record<PasBundleKind, string>> = {
  request: `${SD}profile-pas-request-bundle`,
  inquiry: `${SD}profile-pas-inquiry-request-bundle`,
  response: `${SD}profile-pas-response-bundle`,
  'inquiry-response': `${SD}profile-pas-inquiry-response-bundle`,
};

/** The unversioned canonical of a PAS bundle profile. */
export const pasBundleProfile = (kind: PasBundleKind): string => BUNDLE_PROFILES[kind];

const isPasVersion = (v: string): v is PasVersion => PAS_VERSIONS.some((p) => p === v);

export interface PasProfileChoice {
  readonly kind: PasBundleKind;
  /** The unversioned profile canonical. */
  readonly profile: string;
  /** The version the bundle names in `meta.profile`, if any. */
  readonly declaredVersion: string | undefined;
  /** The versions to try, in order. */
  readonly candidates: readonly PasVersion[];
}

function kindFromProfiles(profiles: readonly string[]): { kind: PasBundleKind; version: string | undefined } | undefined {
  for (const p of profiles) {
    const [url, version] = p.split('|');
    for (const [kind, profile] of Object.entries(BUNDLE_PROFILES)) {
      if (url === profile && isKind(kind)) return { kind, version };
    }
  }
  return undefined;
}

const isKind = (k: string): k is PasBundleKind => k in BUNDLE_PROFILES;

function profilesOf(resource: unknown): readonly string[] {
  if (!isRecord(resource)) return [];
  const meta = obj(resource, 'meta');
  return meta === undefined ? [] : arr(meta, 'profile').filter(isString);
}

/** The kind from the first entry: a Claim is a request (an inquiry when it says so), a ClaimResponse a response. */
function kindFromFirstEntry(bundle: JsonObject): PasBundleKind | undefined {
  const first = objs(bundle, 'entry')[0];
  const res = first === undefined ? undefined : first['resource'];
  if (!isRecord(res)) return undefined;
  const inquiry = profilesOf(res).some((p) => p.includes('profile-claim-inquiry') || p.includes('profile-claiminquiryresponse'));
  const rt = str(res, 'resourceType');
  if (rt === 'Claim') return inquiry ? 'inquiry' : 'request';
  if (rt === 'ClaimResponse') return inquiry ? 'inquiry-response' : 'response';
  return undefined;
}

/**
 * Pick the PAS bundle profile and the versions to try. `expected` is the kind the operation
 * takes (`request` for `$submit`, `inquiry` for `$inquire`); without it the kind comes from
 * `meta.profile`, else from the first entry. Returns an issue when no PAS profile applies.
 */
export function pickPasProfile(bundle: unknown, expected?: PasBundleKind): PasProfileChoice | ValidationIssue {
  if (!isRecord(bundle) || bundle['resourceType'] !== 'Bundle') {
    return { severity: 'error', code: 'structure', expression: 'Bundle', diagnostics: 'A PAS operation takes a Bundle' };
  }
  const declared = kindFromProfiles(profilesOf(bundle));
  const kind = expected ?? declared?.kind ?? kindFromFirstEntry(bundle);
  if (kind === undefined) {
    return { severity: 'error', code: 'invalid', expression: 'Bundle', diagnostics: 'Cannot tell which PAS bundle this is: no PAS bundle profile in meta.profile and the first entry is neither a Claim nor a ClaimResponse' };
  }
  const version = declared !== undefined && declared.kind === kind ? declared.version : undefined;
  if (version !== undefined && !isPasVersion(version)) {
    return { severity: 'error', code: 'not-supported', expression: 'Bundle.meta.profile', diagnostics: `PAS version ${version} is not supported; this server accepts PAS ${PAS_VERSIONS.join(' and ')}` };
  }
  return { kind, profile: BUNDLE_PROFILES[kind], declaredVersion: version, candidates: version === undefined ? PAS_VERSIONS : [version] };
}

export interface PasValidation {
  readonly kind: PasBundleKind | undefined;
  /** The version the bundle was accepted (or, failing, judged) against. */
  readonly version: PasVersion | undefined;
  /** The versioned profile canonical used for the reported issues. */
  readonly profile: string | undefined;
  readonly issues: readonly ValidationIssue[];
  /** Each version tried and how many errors it gave. */
  readonly tried: readonly { readonly version: PasVersion; readonly errors: number }[];
}

/** Validate a PAS bundle against the right profile and version (see the module comment). */
export function validatePasBundle(validator: FhirValidator, bundle: unknown, expected?: PasBundleKind): PasValidation {
  const choice = pickPasProfile(bundle, expected);
  if (!('candidates' in choice)) return { kind: undefined, version: undefined, profile: undefined, issues: [choice], tried: [] };
  const tried: { version: PasVersion; errors: number }[] = [];
  let first: { version: PasVersion; issues: readonly ValidationIssue[] } | undefined;
  for (const version of choice.candidates) {
    const issues = validator.validate(bundle, `${choice.profile}|${version}`, { context: { name: PAS_PACKAGE, version } });
    tried.push({ version, errors: issues.filter((i) => i.severity === 'error').length });
    if (!hasErrors(issues)) return { kind: choice.kind, version, profile: `${choice.profile}|${version}`, issues, tried };
    first ??= { version, issues };
  }
  if (first === undefined) return { kind: choice.kind, version: undefined, profile: undefined, issues: [], tried };
  const note: ValidationIssue[] =
    tried.length > 1
      ? [{ severity: 'information', code: 'informational', expression: 'Bundle', diagnostics: `Not valid PAS ${tried.map((t) => `${t.version} (${t.errors} errors)`).join(' nor ')}; the issues shown are those of PAS ${first.version}` }]
      : [];
  return { kind: choice.kind, version: first.version, profile: `${choice.profile}|${first.version}`, issues: [...first.issues, ...note], tried };
}
