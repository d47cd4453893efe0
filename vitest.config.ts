import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Browser tests drive Debian's Chromium with Playwright. They run whenever Chromium is installed,
 * and CI (OPENUM_REQUIRE_BROWSER=1) installs it and refuses to run without it.
 */
const chromium = existsSync('/usr/bin/chromium');
if (!chromium && process.env.OPENUM_REQUIRE_BROWSER === '1') {
  throw new Error('OPENUM_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing: install Debian\'s chromium');
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(chromium ? [] : ['test/browser/**'])],
    pool: 'forks',
    // Vitest defaults to one worker on a 2-core machine; much of a test's time is spent waiting on
    // PostgreSQL, Chromium or the server, so three files at a time keep both cores busy.
    maxWorkers: 3,
    testTimeout: 60_000,
    // expect.poll waits up to 1 s by default: too short for a page load in Chromium while CI runs three
    // test files at once on two cores. A poll still fails as soon as its time is up.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
