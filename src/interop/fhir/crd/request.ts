/**
 * A CDS Hooks request (CDS Hooks 2.0 §"Calling a CDS Service"; Da Vinci CRD 2.0.1 §"Hooks"), read
 * leniently: the hook, the context, the prefetched resources, and — when prefetch lacks what the
 * service needs — queries to the EHR's FHIR server with the `fhirAuthorization` token (CRD found-5).
 */
import { UmError } from '../../../platform/errors';
import { isRecord, isString, objs, str, type JsonObject } from '../json';

export interface HookRequest {
  readonly hook: string;
  readonly hookInstance?: string;
  readonly fhirServer?: string;
  readonly token?: string;
  readonly context: JsonObject;
  /** Every resource found in prefetch (Bundles flattened). */
  readonly prefetched: readonly JsonObject[];
  /** Whether prefetch was sent at all. */
  readonly hasPrefetch: boolean;
}

/** The resources of a value: a resource, or the entries of a Bundle (nested Bundles flattened). */
export function resourcesIn(v: unknown): JsonObject[] {
  if (!isRecord(v) || !isString(v['resourceType'])) return [];
  if (v['resourceType'] !== 'Bundle') return [v];
  return objs(v, 'entry').flatMap((e) => resourcesIn(e['resource']));
}

export function readHookRequest(body: unknown, serviceHook: string): HookRequest {
  if (!isRecord(body)) throw new UmError('UM_ERR_FHIR_CDS_REQUEST', 'A CDS Hooks request is a JSON object', { details: [{ path: 'request', message: 'not an object' }] });
  const hook = str(body, 'hook');
  if (hook === undefined || hook !== serviceHook) {
    throw new UmError('UM_ERR_FHIR_CDS_REQUEST', `This service answers the ${serviceHook} hook${hook === undefined ? '' : `, not ${hook}`}`, { details: [{ path: 'hook', message: hook === undefined ? 'missing' : `not ${serviceHook}` }] });
  }
  const context = body['context'];
  if (!isRecord(context)) throw new UmError('UM_ERR_FHIR_CDS_REQUEST', 'The request has no context', { details: [{ path: 'context', message: 'missing' }] });
  const auth = body['fhirAuthorization'];
  const prefetch = body['prefetch'];
  const server = str(body, 'fhirServer');
  return {
    hook,
    ...(str(body, 'hookInstance') === undefined ? {} : { hookInstance: str(body, 'hookInstance') }),
    ...(server !== undefined && /^https?:\/\//.test(server) ? { fhirServer: server.replace(/\/+$/, '') } : {}),
    ...(isRecord(auth) && isString(auth['access_token']) ? { token: auth['access_token'] } : {}),
    context,
    prefetched: isRecord(prefetch) ? Object.values(prefetch).flatMap(resourcesIn) : [],
    hasPrefetch: isRecord(prefetch) && Object.values(prefetch).some((v) => v !== null),
  };
}

export type Fetcher = (url: string, token: string | undefined) => Promise<{ status: number; body: unknown }>;

export const httpFetcher: Fetcher = async (url, token) => {
  const r = await fetch(url, { headers: { accept: 'application/fhir+json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }, signal: AbortSignal.timeout(5000) });
  const text = await r.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: r.status, body };
};

/**
 * Reads a resource or a search from the EHR. `undefined` when there is no server to ask; a failed
 * query (network, 4xx/5xx) is reported so that the caller can answer 412 as CDS Hooks says.
 */
export async function query(req: HookRequest, fetcher: Fetcher, path: string): Promise<{ ok: true; resources: JsonObject[] } | { ok: false; reason: string } | undefined> {
  if (req.fhirServer === undefined) return undefined;
  try {
    const r = await fetcher(`${req.fhirServer}/${path}`, req.token);
    if (r.status < 200 || r.status > 299) return { ok: false, reason: `GET ${path} answered ${r.status}` };
    return { ok: true, resources: resourcesIn(r.body) };
  } catch (e) {
    return { ok: false, reason: `GET ${path} failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A `Type/id` reference (or a bare id with its type) found among the prefetched resources. */
export function findPrefetched(req: HookRequest, ref: string): JsonObject | undefined {
  const m = /([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(ref);
  if (m === null) return undefined;
  return req.prefetched.find((r) => r['resourceType'] === m[1] && r['id'] === m[2]);
}
