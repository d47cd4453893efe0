/**
 * `openum criteria …` commands that need no database: check a folder of criteria sets, print a
 * set as its public plain text, check a PA-list CSV. Loading sets into the database and
 * importing the PA list for a tenant belong to the platform (`openum criteria load`,
 * `openum import pa-list`), which calls `loadCriteriaSets` and `parsePaListCsv`.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { UmError } from '../platform/errors';
import { loadCriteriaSets } from './loader';
import { parsePaListCsv } from './pa-csv';
import { createCriteriaRegistry } from './registry';
import { renderCriteriaSetText } from './render';

export interface CriteriaCliIo {
  readonly stdout: NodeJS.WritableStream;
}

/** Registers `criteria check`, `criteria show` and `criteria check-pa-list` on the program. */
export function registerCriteriaCommands(program: Command, io: CriteriaCliIo): void {
  const criteria = program.command('criteria').description('medical-necessity criteria sets and the prior-authorization list');

  criteria
    .command('check')
    .argument('[dir]', 'folder of criteria-set files', 'criteria')
    .description('validate every criteria-set file in a folder and list the sets')
    .action(async (dir: string) => {
      const sets = await loadCriteriaSets(dir);
      for (const { set } of sets) {
        io.stdout.write(`${set.id} v${set.version}  ${set.status}  from ${set.effective.from}  ${set.criteria.length} criteria  ${set.clinicallyReviewed.reviewed ? 'clinically reviewed' : 'NOT clinically reviewed'}  ${set.source.citation}\n`);
      }
      io.stdout.write(`${sets.length} criteria set version(s) valid\n`);
    });

  criteria
    .command('show')
    .argument('<id>', 'criteria-set id')
    .option('--dir <dir>', 'folder of criteria-set files', 'criteria')
    .option('--version <version>', 'a given version (default: the highest)')
    .description('print a criteria set as its public plain text')
    .action(async (id: string, opts: { dir: string; version?: string }) => {
      const found = createCriteriaRegistry(await loadCriteriaSets(opts.dir)).get(id, opts.version);
      if (found === undefined) throw new UmError('UM_ERR_CRITERIA_SET_UNKNOWN', `no criteria set ${id}${opts.version ? ` v${opts.version}` : ''} in ${opts.dir}`);
      io.stdout.write(renderCriteriaSetText(found.set));
    });

  criteria
    .command('check-pa-list')
    .argument('<file>', 'PA-list CSV file')
    .description('validate a prior-authorization list CSV and report every bad row')
    .action(async (file: string) => {
      const { rules, errors } = parsePaListCsv(await readFile(file, 'utf8'));
      for (const e of errors) io.stdout.write(`line ${e.line}${e.column ? ` (${e.column})` : ''}: ${e.message}\n`);
      io.stdout.write(`${rules.length} rule(s) valid, ${errors.length} problem(s)\n`);
      if (errors.length > 0) {
        throw new UmError('UM_ERR_PA_LIST_INVALID', `${errors.length} invalid row(s) in ${file}`, {
          details: errors.map((e) => ({ path: `line ${e.line}${e.column ? `, ${e.column}` : ''}`, message: e.message })),
        });
      }
    });
}
