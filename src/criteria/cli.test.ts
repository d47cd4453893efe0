import { Writable } from 'node:stream';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UmError } from '../platform/errors';
import { registerCriteriaCommands } from './cli';
import { SHIPPED_CRITERIA_DIR } from './test-support';

function run(args: string[]): Promise<{ out: string; error?: unknown }> {
  let out = '';
  const stdout = new Writable({ write(chunk: Buffer, _enc, cb) { out += chunk.toString(); cb(); } });
  const program = new Command('openum').exitOverride();
  registerCriteriaCommands(program, { stdout });
  return program.parseAsync(['node', 'openum', ...args]).then(() => ({ out }), (error: unknown) => ({ out, error }));
}

describe('criteria commands', () => {
  it('checks the shipped sets', async () => {
    const r = await run(['criteria', 'check', SHIPPED_CRITERIA_DIR]);
    expect(r.error).toBeUndefined();
    expect(r.out).toMatch(/^ncd-240\.2-home-oxygen v1 {2}active {2}from 2021-09-27 {2}8 criteria {2}NOT clinically reviewed {2}NCD 240\.2 v2 §B/m);
    expect(r.out).toMatch(/10 criteria set version\(s\) valid\n$/);
  });

  it('prints a set as plain text, and fails for an unknown id', async () => {
    const r = await run(['criteria', 'show', 'ncd-240.4-cpap-osa', '--dir', SHIPPED_CRITERIA_DIR]);
    expect(r.out).toContain('CPAP for obstructive sleep apnea\n');
    expect(r.out).toContain('Clinically reviewed: NO.');
    const bad = await run(['criteria', 'show', 'nope', '--dir', SHIPPED_CRITERIA_DIR]);
    expect(bad.error).toBeInstanceOf(UmError);
  });

  it('checks the sample PA list', async () => {
    const r = await run(['criteria', 'check-pa-list', `${SHIPPED_CRITERIA_DIR}/pa-list.sample.csv`]);
    expect(r.error).toBeUndefined();
    expect(r.out).toBe('22 rule(s) valid, 0 problem(s)\n');
  });
});
