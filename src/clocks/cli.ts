/**
 * `openum clock [FILE]` and `openum clock --check FILE`: the decision-clock calculator over
 * documents in the format of shared/scenarios/clock-scenarios.json. The only I/O of the clocks
 * capability lives here; the engine stays pure.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { scenarioOutcome, type ScenarioOutcome } from './scenario';
import { offsetWritten, parseInstant } from './time/zoned';

export interface ClockCommandIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
  return parts.join('');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isUnknownArray = (v: unknown): v is readonly unknown[] => Array.isArray(v);

/** The scenarios of a document, or why there are none. */
export function scenariosOf(text: string, source: string): readonly unknown[] | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return `${source}: not JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  const list: unknown = isRecord(doc) ? doc.scenarios : doc;
  if (isUnknownArray(list)) return list;
  return `${source}: expected an object with a "scenarios" array`;
}

/** Compares an outcome with the scenario's expected_due_at: same instant, same written offset. */
export function checkScenario(raw: unknown, outcome: ScenarioOutcome): string | undefined {
  const expected = isRecord(raw) ? raw.expected_due_at : undefined;
  if (typeof expected !== 'string') return `${outcome.id}: no expected_due_at`;
  if ('error' in outcome) return `${outcome.id}: expected ${expected}, got error: ${outcome.error}`;
  let same: boolean;
  try {
    same = parseInstant(expected) === parseInstant(outcome.due_at) && offsetWritten(expected) === offsetWritten(outcome.due_at);
  } catch {
    return `${outcome.id}: expected_due_at "${expected}" is not an ISO 8601 date-time with an offset`;
  }
  return same ? undefined : `${outcome.id}: expected ${expected}, got ${outcome.due_at} (${outcome.rule})`;
}

/** Adds `clock` to the program. The lead wires it in src/cli.ts. */
export function registerClockCommand(program: Command, io: ClockCommandIo): Command {
  // A reader that goes away (`openum clock | head`) ends the output quietly instead of crashing.
  let closed = false;
  io.stdout.on('error', (e: unknown) => {
    if (isRecord(e) && e.code === 'EPIPE') closed = true;
    else throw e;
  });
  const write = (s: string): void => {
    if (!closed) io.stdout.write(s);
  };
  return program
    .command('clock')
    .description('Compute decision-clock due times for a scenario file (format of shared/scenarios/clock-scenarios.json)')
    .argument('[file]', 'scenario file; standard input when omitted')
    .option('--check', 'compare each result with expected_due_at and end with "N passed, N failed"')
    .configureOutput({ writeOut: write, writeErr: (s) => io.stderr.write(s) })
    .action(async (file: string | undefined, opts: { readonly check?: boolean }, cmd: Command) => {
      const source = file ?? 'standard input';
      let text: string;
      try {
        text = file === undefined ? await readAll(io.stdin) : await readFile(file, 'utf8');
      } catch (e) {
        return cmd.error(`openum clock: cannot read ${source}: ${e instanceof Error ? e.message : String(e)}`, { exitCode: 2, code: 'openum.clock.read' });
      }
      const scenarios = scenariosOf(text, source);
      if (typeof scenarios === 'string') return cmd.error(`openum clock: ${scenarios}`, { exitCode: 2, code: 'openum.clock.input' });
      let passed = 0;
      let failed = 0;
      for (const raw of scenarios) {
        const outcome = scenarioOutcome(raw);
        if (opts.check !== true) {
          write(`${JSON.stringify(outcome)}\n`);
          continue;
        }
        const failure = checkScenario(raw, outcome);
        if (failure === undefined) passed += 1;
        else {
          failed += 1;
          write(`FAIL ${failure}\n`);
        }
      }
      if (opts.check !== true) return;
      write(`${passed} passed, ${failed} failed\n`);
      if (failed > 0) cmd.error(`openum clock --check: ${failed} scenario(s) failed`, { exitCode: 1, code: 'openum.clock.check_failed' });
    });
}
