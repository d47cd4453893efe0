/**
 * The `openum` command line: server start, migrations, imports, audit verification and the
 * decision-clock calculator. Each capability contributes its subcommands.
 */
import { Command } from 'commander';
import { loadConfig, CONFIG_VARIABLES, type Env } from './platform/config';
import { openDatabase } from './platform/db';
import { isUmError } from './platform/errors';
import { registerAuditCommands, runSeal } from './audit/cli';
import { registerImportCommands } from './members/cli';
import { registerCriteriaCommands } from './criteria';
import { registerCoverageCommands } from './coverage';
import { registerClockCommand } from './clocks/cli';
import { registerX12Commands } from './interop/x12/cli';
import { DEMO_CLIENT, DEMO_PASSWORD, DEMO_USERNAMES } from './demo/generate';

export interface Io {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Env;
}

export function buildProgram(io: Io): Command {
  const program = new Command('openum')
    .description('OpenUM: utilization management and prior authorization')
    .addHelpText('after', `\nConfiguration (environment variables):\n${CONFIG_VARIABLES.map((v) => `  ${v.name.padEnd(28)} ${v.meaning} (default ${v.default})`).join('\n')}`)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program
    .command('serve')
    .description('start the server (migrates the database, seeds the demo on an empty database)')
    .action(async () => {
      const config = loadConfig(io.env);
      const { buildApp } = await import('./platform/http/app');
      const app = await buildApp(config);
      await app.listen({ port: config.port, host: config.host });
      const url = `http://localhost:${config.port}`;
      io.stdout.write(
        [
          '',
          `OpenUM is running on ${url}  (API docs: ${url}/docs, database: ${app.ctx.database.kind}${config.database.kind === 'pglite' ? ` in ${config.database.dataDir}` : ''})`,
          config.demo ? `Demo logins (password "${DEMO_PASSWORD}"): ${DEMO_USERNAMES.join(', ')}` : '',
          config.demo ? `Demo machine client: ${DEMO_CLIENT.clientId} / ${DEMO_CLIENT.secret}` : '',
          '',
        ].join('\n'),
      );
      // Seal the audit chain heads every 10 minutes (several nodes sealing is harmless: each seal
      // is taken under a per-tenant advisory lock and chains onto the previous one).
      const sealer = setInterval(() => {
        void runSeal(app.ctx.db, { write: () => true }).catch((e: unknown) => app.log.error({ err: e }, 'audit seal failed'));
      }, 10 * 60_000);
      sealer.unref();
      const stop = () => {
        clearInterval(sealer);
        void app.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('apply the database migrations and exit')
    .action(async () => {
      const config = loadConfig(io.env);
      const database = await openDatabase(config);
      try {
        await database.migrate();
        io.stdout.write(`migrations applied (${database.kind})\n`);
      } finally {
        await database.close();
      }
    });

  program
    .command('prepare')
    .description('create or migrate the database and seed the demo on an empty one, then exit (npm ci runs this)')
    .action(async () => {
      const config = loadConfig(io.env);
      const database = await openDatabase(config);
      try {
        await database.migrate();
        if (config.demo) {
          const { seedDemoIfEmpty } = await import('./demo/seed');
          const { systemClock } = await import('./platform/context');
          const seeded = await seedDemoIfEmpty({ db: database.db, clock: systemClock, log: { info: () => undefined } });
          io.stdout.write(seeded ? 'demo tenant seeded\n' : 'database already holds data\n');
        }
        io.stdout.write(`database ready (${database.kind}${config.database.kind === 'pglite' ? ` in ${config.database.dataDir}` : ''})\n`);
      } finally {
        await database.close();
      }
    });

  registerAuditCommands(program, io);
  registerImportCommands(program, io);
  registerCriteriaCommands(program, io);
  registerCoverageCommands(program, io);
  registerClockCommand(program, io);
  // After registerImportCommands: it adds `import 834` to the `import` command.
  registerX12Commands(program, io);
  return program;
}

export async function main(argv: readonly string[], io: Io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }): Promise<void> {
  try {
    await buildProgram(io).parseAsync([...argv]);
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'exitCode' in e && typeof e.exitCode === 'number' && 'code' in e && typeof e.code === 'string' && e.code.startsWith('commander.')) {
      process.exitCode = e.exitCode;
      return;
    }
    io.stderr.write(`${isUmError(e) ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}
