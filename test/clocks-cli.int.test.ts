/** The real `openum clock` command, as a user runs it (issue 3, done-when). */
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const run = promisify(execFile);

describe('openum clock', () => {
  it('checks the 47 shared scenarios: "47 passed, 0 failed"', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'openum.mjs'), 'clock', '--check', 'test/fixtures/clocks/clock-scenarios.json'], { cwd: ROOT, timeout: 120_000 });
    expect(stdout.trim().split('\n').at(-1)).toBe('47 passed, 0 failed');
  });

  it('writes one JSON line per scenario with the due time and the rule', async () => {
    const { stdout } = await run(process.execPath, [join(ROOT, 'bin', 'openum.mjs'), 'clock', 'test/fixtures/clocks/clock-scenarios.json'], { cwd: ROOT, timeout: 120_000 });
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; due_at?: string; rule?: string });
    expect(lines).toHaveLength(47);
    expect(lines.every((l) => typeof l.due_at === 'string' && typeof l.rule === 'string')).toBe(true);
  });
});
