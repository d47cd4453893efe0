/**
 * The UI's only way to data: the REST API. Errors arrive as problem+json and are thrown as
 * `ApiError` with the stable code, so screens can say what went wrong.
 */
export interface Problem {
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly status: number;
  readonly errors?: readonly { path?: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
}

const SESSION_KEY = 'openum.session';

export interface Session {
  readonly token: string;
  readonly expiresAt: string;
  readonly user: { id: string; username: string; displayName: string; role: string; credential: string | null; licenceState: string | null; providerOrgId: string | null };
  readonly tenant: { id: string; name: string; timeZone: string };
}

export function loadSession(): Session | null {
  const raw = localStorage.getItem(SESSION_KEY);
  if (raw === null) return null;
  try {
    const s = JSON.parse(raw) as Session;
    return new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s === null) localStorage.removeItem(SESSION_KEY);
  else localStorage.setItem(SESSION_KEY, JSON.stringify(s));
}

const isProblem = (v: unknown): v is Problem => typeof v === 'object' && v !== null && 'code' in v && 'status' in v;

export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const session = loadSession();
  const res = await fetch(path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(session === null ? {} : { authorization: `Bearer ${session.token}` }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/auth/login') {
      saveSession(null);
      window.dispatchEvent(new Event('openum:logout'));
    }
    throw new ApiError(isProblem(data) ? data : { code: 'UM_ERR_INTERNAL', title: res.statusText, detail: `HTTP ${res.status}`, status: res.status });
  }
  return data as T;
}
