/** The app under test, on a fresh database, with a fake clock and helpers to call the API. */
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../src/platform/http/app';
import { FakeClock } from '../../src/platform/context';
import { testDatabase, type TestDatabase } from './db';
import { TEST_PASSWORD } from './builders';

export interface TestApp {
  readonly app: App;
  readonly clock: FakeClock;
  readonly tdb: TestDatabase;
  login(username: string, password?: string): Promise<string>;
  call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, token: string | null, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function testApp(opts: { now?: string; demo?: boolean } = {}): Promise<TestApp> {
  const tdb = await testDatabase();
  const clock = new FakeClock(opts.now ?? '2026-11-20T15:00:00Z');
  const app = await buildApp({ ...tdb.config, demo: opts.demo ?? false }, { database: tdb.database, clock, skipMigrations: true });
  const call: TestApp['call'] = (method, url, token, payload, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers },
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...headers } }),
    });
  return {
    app,
    clock,
    tdb,
    async login(username, password = TEST_PASSWORD) {
      const r = await call('POST', '/api/auth/login', null, { username, password });
      if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
      const body: unknown = r.json();
      if (typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string') throw new Error('no token');
      return body.token;
    },
    call,
    async close() {
      await app.close();
      await tdb.close();
    },
  };
}
