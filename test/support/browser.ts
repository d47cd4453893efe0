/**
 * A real server (built web UI, demo data, a fresh database) and Debian's Chromium driven by
 * Playwright, for browser tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp, type App } from '../../src/platform/http/app';
import { testDatabase, type TestDatabase } from './db';

const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function ensureWebBuilt(): Promise<void> {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

export interface BrowserHarness {
  readonly app: App;
  readonly baseUrl: string;
  readonly browser: Browser;
  newPage(): Promise<Page>;
  login(page: Page, username: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

export async function browserHarness(opts: { demo?: boolean } = {}): Promise<BrowserHarness> {
  await ensureWebBuilt();
  const tdb: TestDatabase = await testDatabase();
  const app = await buildApp({ ...tdb.config, demo: opts.demo ?? true, webDir: join(ROOT, 'web', 'dist') }, { database: tdb.database, skipMigrations: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    baseUrl,
    browser,
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: baseUrl });
      return context.newPage();
    },
    async login(page, username, password = 'demo') {
      await page.goto('/login');
      await page.getByLabel('Username').fill(username);
      await page.getByLabel(/^Password/).fill(password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/cases/);
    },
    async close() {
      await browser.close();
      await app.close();
      await tdb.close();
    },
  };
}
