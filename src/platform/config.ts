/**
 * The one typed configuration. Built from the environment once, at start-up, and validated with
 * every problem listed; nothing else in OpenUM reads `process.env`.
 */
import { UmError } from './errors';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** TCP port of the HTTP server. */
  readonly port: number;
  readonly host: string;
  /** The address people and systems reach this server at (links in letters and FHIR answers). */
  readonly publicUrl: string;
  /**
   * Where the data lives: a PostgreSQL server (production), or the embedded PGlite database in a
   * folder (`:memory:` keeps it in memory, for tests). PGlite is not fsync-durable.
   */
  readonly database: { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly dataDir: string };
  /** Seed the demo tenant on an empty database. */
  readonly demo: boolean;
  readonly logLevel: LogLevel;
  /** Lifetime of bearer tokens issued to people and machine clients. */
  readonly tokenTtlMinutes: number;
  /** Largest attachment accepted, in bytes. */
  readonly attachmentMaxBytes: number;
  /** Serve the built web UI from this folder (absent: API only). */
  readonly webDir: string | null;
}

export type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function parseIntIn(env: Env, name: string, dflt: number, min: number, max: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    return dflt;
  }
  return n;
}

function parseBool(env: Env, name: string, dflt: boolean, problems: string[]): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return dflt;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return dflt;
}

/** Reads and validates the configuration; throws one `UM_ERR_CONFIG` listing every problem. */
export function loadConfig(env: Env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const port = parseIntIn(env, 'PORT', 3000, 0, 65535, problems);
  const host = env.HOST ?? '0.0.0.0';
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl !== undefined && databaseUrl !== '' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const logLevelRaw = env.LOG_LEVEL ?? 'info';
  const logLevel = LOG_LEVELS.find((l) => l === logLevelRaw);
  if (logLevel === undefined) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);
  const publicUrl = env.OPENUM_PUBLIC_URL ?? `http://localhost:${port}`;
  try {
    new URL(publicUrl);
  } catch {
    problems.push(`OPENUM_PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }
  const config: Config = {
    port,
    host,
    publicUrl: publicUrl.replace(/\/$/, ''),
    database:
      databaseUrl !== undefined && databaseUrl !== ''
        ? { kind: 'postgres', url: databaseUrl }
        : { kind: 'pglite', dataDir: env.OPENUM_DATA_DIR ?? './data' },
    demo: parseBool(env, 'OPENUM_DEMO', true, problems),
    logLevel: logLevel ?? 'info',
    tokenTtlMinutes: parseIntIn(env, 'OPENUM_TOKEN_TTL_MINUTES', 480, 1, 60 * 24 * 30, problems),
    attachmentMaxBytes: parseIntIn(env, 'OPENUM_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024, problems),
    webDir: env.OPENUM_WEB_DIR ?? null,
    ...overrides,
  };
  if (problems.length > 0) {
    throw new UmError('UM_ERR_CONFIG', `Invalid configuration:\n  - ${problems.join('\n  - ')}`, {
      details: problems.map((message) => ({ message })),
    });
  }
  return config;
}

/** The variables `loadConfig` reads, for the README's configuration table and `openum --help`. */
export const CONFIG_VARIABLES: readonly { name: string; default: string; meaning: string }[] = [
  { name: 'PORT', default: '3000', meaning: 'HTTP port' },
  { name: 'HOST', default: '0.0.0.0', meaning: 'interface to listen on' },
  { name: 'DATABASE_URL', default: '(unset)', meaning: 'PostgreSQL server to use; unset selects the embedded PGlite database' },
  { name: 'OPENUM_DATA_DIR', default: './data', meaning: 'folder of the embedded database; `:memory:` keeps it in memory' },
  { name: 'OPENUM_DEMO', default: 'true', meaning: 'seed the demo tenant, users and cases on an empty database' },
  { name: 'OPENUM_PUBLIC_URL', default: 'http://localhost:$PORT', meaning: 'public address used in links' },
  { name: 'LOG_LEVEL', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  { name: 'OPENUM_TOKEN_TTL_MINUTES', default: '480', meaning: 'lifetime of bearer tokens' },
  { name: 'OPENUM_ATTACHMENT_MAX_BYTES', default: '10485760', meaning: 'largest attachment accepted' },
  { name: 'OPENUM_WEB_DIR', default: 'web/dist', meaning: 'built web UI to serve' },
];
