/**
 * `openum import pa-list FILE.csv`: streams the PA-list CSV (columns in docs/criteria.md) into one
 * or several contracts. Each row is checked like any rule (emergency services can never require
 * authorization, 42 CFR 422.113(b)); a bad row is reported with its line number and column and
 * the others are still imported. Unchanged rules write nothing, so re-importing the same file
 * changes nothing; a changed rule gets a new version. With `replace`, rules of the contract the
 * file does not list are retired.
 */
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Db } from '../platform/db';
import type { Actor } from '../platform/auth/model';
import type { Clock } from '../platform/context';
import { isUmError } from '../platform/errors';
import { EMERGENCY_CITATION, PA_LIST_COLUMNS, paRuleFromRow, type PaRule } from '../criteria';
import { currentRules, retirePaRule, savePaRule } from './pa-store';

type Column = (typeof PA_LIST_COLUMNS)[number];
const isColumn = (v: string): v is Column => PA_LIST_COLUMNS.some((c) => c === v);

export interface PaImportReport {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  retired: number;
  errors: { line: number; column?: string; message: string }[];
}

export interface PaImportOptions {
  readonly db: Db;
  readonly tenantId: string;
  readonly contractIds: readonly string[];
  readonly actor: Actor;
  readonly clock: Clock;
  /** Retire the contract's rules the file does not list. */
  readonly replace?: boolean;
  readonly source?: string;
  readonly batchSize?: number;
  readonly onProgress?: (bytes: number) => void;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function importPaList(input: Readable, opts: PaImportOptions): Promise<PaImportReport> {
  const report: PaImportReport = { rows: 0, inserted: 0, updated: 0, unchanged: 0, retired: 0, errors: [] };
  const parser = input.pipe(parse({ columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, relax_column_count: false, bom: true }));
  const seen = new Map<string, number>();
  let batch: { line: number; rule: PaRule }[] = [];
  let headerChecked = false;
  const reason = `imported from ${opts.source ?? 'a PA-list file'}`;

  const write = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    for (const contractId of opts.contractIds) {
      await opts.db.transaction(async (tx) => {
        const c = { tenantId: opts.tenantId, actor: opts.actor, at: opts.clock.now() };
        for (const { rule } of rows) report[await savePaRule(tx, c, contractId, rule, reason)]++;
      });
    }
  };

  try {
    for await (const raw of parser) {
      const item: unknown = raw;
      if (!isRecord(item) || !isRecord(item['record']) || !isRecord(item['info'])) continue;
      const info = item['info'];
      const line = typeof info['lines'] === 'number' ? info['lines'] : report.rows + 2;
      if (typeof info['bytes'] === 'number') opts.onProgress?.(info['bytes']);
      const rec = item['record'];
      if (!headerChecked) {
        headerChecked = true;
        const unknown = Object.keys(rec).filter((k) => !isColumn(k));
        const missing = ['rule_id', 'code_system', 'code_from', 'effective_from', 'requirement', 'subject_to_422_122'].filter((k) => !(k in rec));
        for (const k of unknown) report.errors.push({ line: 1, column: k, message: 'unknown column' });
        for (const k of missing) report.errors.push({ line: 1, column: k, message: 'missing column' });
        if (unknown.length + missing.length > 0) return report;
      }
      report.rows++;
      const row: Partial<Record<Column, string>> = {};
      for (const [k, v] of Object.entries(rec)) if (isColumn(k) && typeof v === 'string') row[k] = v;
      const id = (row.rule_id ?? '').trim();
      const first = seen.get(id);
      if (id !== '' && first !== undefined) {
        report.errors.push({ line, column: 'rule_id', message: `rule_id ${id} is already used on line ${first}` });
        continue;
      }
      if (id !== '') seen.set(id, line);
      try {
        batch.push({ line, rule: paRuleFromRow(row) });
      } catch (e) {
        if (!isUmError(e)) throw e;
        const suffix = e.code === 'UM_ERR_PA_RULE_EMERGENCY' ? `: they never require authorization (${EMERGENCY_CITATION})` : '';
        const details = e.details.length > 0 ? e.details : [{ message: e.message }];
        for (const d of details) report.errors.push({ line, ...(d.path === undefined ? {} : { column: d.path }), message: `${d.message}${suffix}` });
      }
      if (batch.length >= (opts.batchSize ?? 500)) await write();
    }
  } catch (e) {
    // A malformed CSV (unclosed quote, wrong field count): report where, keep what was read.
    const line = isRecord(e) && typeof e['lines'] === 'number' ? e['lines'] : report.rows + 1;
    report.errors.push({ line, message: e instanceof Error ? e.message : String(e) });
  }
  await write();
  if (opts.replace === true) {
    for (const contractId of opts.contractIds) {
      await opts.db.transaction(async (tx) => {
        const c = { tenantId: opts.tenantId, actor: opts.actor, at: opts.clock.now() };
        for (const r of await currentRules(tx, opts.tenantId, contractId)) {
          if (seen.has(r.ruleId)) continue;
          await retirePaRule(tx, c, contractId, r.ruleId, `not in ${opts.source ?? 'the imported list'}`);
          report.retired++;
        }
      });
    }
  }
  report.errors.sort((a, b) => a.line - b.line);
  return report;
}
