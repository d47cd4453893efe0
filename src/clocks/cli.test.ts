import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerClockCommand } from './cli';

const fixture = (name: string): string => fileURLToPath(new URL(`../../test/fixtures/clocks/${name}`, import.meta.url));

interface Run {
  readonly out: string;
  readonly err: string;
  readonly exitCode: number;
}

async function run(args: readonly string[], stdinText = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => (chunks.out += c.toString('utf8')));
  stderr.on('data', (c: Buffer) => (chunks.err += c.toString('utf8')));
  const program = new Command('openum').exitOverride();
  registerClockCommand(program, { stdin: Readable.from([stdinText]), stdout, stderr });
  let exitCode = 0;
  try {
    await program.parseAsync(['node', 'openum', 'clock', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    exitCode = e.exitCode;
  }
  return { ...chunks, exitCode };
}

describe('openum clock', () => {
  it('--check passes every shared scenario', async () => {
    const r = await run(['--check', fixture('clock-scenarios.json')]);
    expect(r.out).toBe('47 passed, 0 failed\n');
    expect(r.exitCode).toBe(0);
  });

  it('--check passes every extra scenario', async () => {
    const r = await run(['--check', fixture('extra-scenarios.json')]);
    expect(r.out).toMatch(/^\d+ passed, 0 failed\n$/);
    expect(r.exitCode).toBe(0);
  });

  it('writes one JSON line per scenario from a file, ignoring expected_due_at', async () => {
    const r = await run([fixture('clock-scenarios.json')]);
    const lines = r.out.trim().split('\n').map((l): unknown => JSON.parse(l));
    expect(lines).toHaveLength(47);
    expect(lines[0]).toEqual({ id: 'MA-001', due_at: '2025-06-24T23:59:59-04:00', rule: '42 CFR 422.568(b)(1)' });
    expect(lines).toContainEqual({ id: 'MA-011', due_at: '2026-11-02T09:00:00-05:00', rule: '42 CFR 422.572(a)' });
  });

  it('reads standard input and reports scenarios it cannot compute', async () => {
    const doc = {
      scenarios: [
        { id: 'OK', line_of_business: 'commercial_erisa', request_type: 'pre_service', priority: 'urgent', received_at: '2026-06-19T09:00:00-04:00', time_zone: 'America/New_York', events: [], expected_due_at: 'ignored' },
        { id: 'BAD-ZONE', line_of_business: 'commercial_erisa', request_type: 'pre_service', priority: 'urgent', received_at: '2026-06-19T09:00:00-04:00', time_zone: 'Mars/Olympus', events: [] },
        { id: 'BAD-EVENT', line_of_business: 'medicaid', request_type: 'pre_service', priority: 'standard', received_at: '2026-06-19T09:00:00-04:00', time_zone: 'America/New_York', events: [{ type: 'teleport', at: 'x' }] },
        { id: 'NO-RULE', line_of_business: 'commercial_erisa', request_type: 'post_stabilization', priority: 'urgent', received_at: '2026-06-19T09:00:00-04:00', time_zone: 'America/New_York', events: [] },
      ],
    };
    const r = await run([], JSON.stringify(doc));
    const lines = r.out.trim().split('\n').map((l): unknown => JSON.parse(l));
    expect(lines).toEqual([
      { id: 'OK', due_at: '2026-06-22T09:00:00-04:00', rule: '29 CFR 2560.503-1(f)(2)(i)' },
      { id: 'BAD-ZONE', error: 'UM_ERR_CLOCK_INPUT: Unknown time zone "Mars/Olympus"' },
      { id: 'BAD-EVENT', error: 'events[0]: unknown event type "teleport"' },
      { id: 'NO-RULE', error: expect.stringMatching(/^UM_ERR_CLOCK_NO_POLICY: No rule in commercial_erisa covers a fast post_stabilization request/) as unknown },
    ]);
    expect(r.exitCode).toBe(0);
  });

  it('--check prints each failure, the totals, and exits non-zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openum-clock-'));
    const file = join(dir, 'wrong.json');
    writeFileSync(file, JSON.stringify({
      scenarios: [
        { id: 'RIGHT', line_of_business: 'qhp_ffe', request_type: 'pre_service', priority: 'urgent', received_at: '2026-03-02T10:00:00-05:00', time_zone: 'America/New_York', events: [], expected_due_at: '2026-03-05T10:00:00-05:00' },
        { id: 'WRONG', line_of_business: 'qhp_ffe', request_type: 'pre_service', priority: 'urgent', received_at: '2026-03-02T10:00:00-05:00', time_zone: 'America/New_York', events: [], expected_due_at: '2026-03-05T11:00:00-05:00' },
        { id: 'SAME-INSTANT-OTHER-OFFSET', line_of_business: 'qhp_ffe', request_type: 'pre_service', priority: 'urgent', received_at: '2026-03-02T10:00:00-05:00', time_zone: 'America/New_York', events: [], expected_due_at: '2026-03-05T15:00:00+00:00' },
      ],
    }));
    const r = await run(['--check', file]);
    expect(r.out).toBe(
      'FAIL WRONG: expected 2026-03-05T11:00:00-05:00, got 2026-03-05T10:00:00-05:00 (45 CFR 147.136(b)(2)(ii); 29 CFR 2560.503-1(f)(2)(i))\n' +
        'FAIL SAME-INSTANT-OTHER-OFFSET: expected 2026-03-05T15:00:00+00:00, got 2026-03-05T10:00:00-05:00 (45 CFR 147.136(b)(2)(ii); 29 CFR 2560.503-1(f)(2)(i))\n' +
        '1 passed, 2 failed\n',
    );
    expect(r.exitCode).toBe(1);
    expect(r.err).toBe('openum clock --check: 2 scenario(s) failed\n');
  });

  it('refuses a document that is not JSON, with exit code 2', async () => {
    const r = await run([], 'not json');
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^openum clock: standard input: not JSON/);
    expect(r.exitCode).toBe(2);
  });

  it('refuses an unreadable file', async () => {
    const r = await run(['--check', '/nonexistent/clock.json']);
    expect(r.err).toMatch(/^openum clock: cannot read \/nonexistent\/clock\.json: /);
    expect(r.exitCode).toBe(2);
  });
});
