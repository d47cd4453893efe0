/**
 * The prior-authorization list as CSV (`openum import pa-list FILE.csv`). One rule per row; a
 * header row names the columns (any order). Each bad row is reported with its line number and
 * column; good rows still parse, so an import can show every problem at once.
 *
 * | column              | required | value                                                               |
 * | ------------------- | -------- | ------------------------------------------------------------------- |
 * | rule_id             | yes      | unique within the file                                              |
 * | code_system         | yes      | CPT, HCPCS or REV                                                   |
 * | code_from           | yes      | the code, or the first code of a range                              |
 * | code_to             |          | the last code of a range                                            |
 * | product             |          | plan product; empty = every product                                 |
 * | place_of_service    |          | two-digit POS codes separated by `|`; empty = every place           |
 * | network_status      |          | in_network or out_of_network; empty = either                        |
 * | effective_from      | yes      | YYYY-MM-DD                                                          |
 * | effective_to        |          | YYYY-MM-DD (inclusive)                                              |
 * | requirement         | yes      | required, notification_only or not_required                         |
 * | subject_to_422_122  | yes      | yes or no (the 7-day clock of 42 CFR 422.568(b)(1)(ii))             |
 * | criteria_set        |          | criteria-set id                                                     |
 * | documents           |          | expected clinical documents separated by `|`                        |
 * | validity            |          | window (default) or course_of_treatment                             |
 * | validity_days       |          | days of a window, default 90                                        |
 * | service_group       |          | for gold carding and reports; default the criteria set or the code  |
 */
import { parse } from 'csv-parse/sync';
import { UmError, isUmError } from '../platform/errors';
import { isServiceCodeSystem } from './codes';
import { createPaRule, DEFAULT_WINDOW_DAYS, EMERGENCY_CITATION, type ApprovalValidity, type NetworkStatus, type PaRule, type Requirement } from './pa-rules';

export const PA_LIST_COLUMNS = [
  'rule_id', 'code_system', 'code_from', 'code_to', 'product', 'place_of_service', 'network_status', 'effective_from',
  'effective_to', 'requirement', 'subject_to_422_122', 'criteria_set', 'documents', 'validity', 'validity_days', 'service_group',
] as const;
type Column = (typeof PA_LIST_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['rule_id', 'code_system', 'code_from', 'effective_from', 'requirement', 'subject_to_422_122'];

export interface PaListRowError {
  readonly line: number;
  readonly column?: string;
  readonly message: string;
}

export interface PaListParseResult {
  readonly rules: PaRule[];
  readonly errors: PaListRowError[];
}

const isColumn = (v: string): v is Column => PA_LIST_COLUMNS.some((c) => c === v);
const list = (v: string): string[] => v.split('|').map((s) => s.trim()).filter((s) => s !== '');

function requirementOf(v: string): Requirement | undefined {
  return v === 'required' || v === 'notification_only' || v === 'not_required' ? v : undefined;
}
function networkOf(v: string): NetworkStatus | undefined {
  return v === 'in_network' || v === 'out_of_network' ? v : undefined;
}

/** One row (by column name) to a rule. Throws `UmError` whose details name the columns at fault. */
export function paRuleFromRow(row: Readonly<Partial<Record<Column, string>>>): PaRule {
  const get = (c: Column): string => (row[c] ?? '').trim();
  const problems: { path: string; message: string }[] = [];
  for (const c of REQUIRED) if (get(c) === '') problems.push({ path: c, message: 'required' });
  const system = get('code_system').toUpperCase();
  if (system !== '' && !isServiceCodeSystem(system)) problems.push({ path: 'code_system', message: `"${system}" is not CPT, HCPCS or REV` });
  const requirement = requirementOf(get('requirement'));
  if (get('requirement') !== '' && requirement === undefined) problems.push({ path: 'requirement', message: 'must be required, notification_only or not_required' });
  const flag = get('subject_to_422_122').toLowerCase();
  if (flag !== '' && !['yes', 'no', 'true', 'false'].includes(flag)) problems.push({ path: 'subject_to_422_122', message: 'must be yes or no' });
  const network = networkOf(get('network_status'));
  if (get('network_status') !== '' && network === undefined) problems.push({ path: 'network_status', message: 'must be in_network or out_of_network' });
  const validityKind = get('validity') || 'window';
  const days = get('validity_days') === '' ? DEFAULT_WINDOW_DAYS : Number(get('validity_days'));
  let validity: ApprovalValidity = { kind: 'window', days };
  if (validityKind === 'course_of_treatment') validity = { kind: 'course_of_treatment' };
  else if (validityKind !== 'window') problems.push({ path: 'validity', message: 'must be window or course_of_treatment' });
  if (problems.length > 0 || !isServiceCodeSystem(system) || requirement === undefined) {
    throw new UmError('UM_ERR_PA_RULE_INVALID', 'invalid row', { details: problems });
  }
  const from = get('code_from');
  const to = get('code_to');
  const criteriaSetId = get('criteria_set');
  return createPaRule({
    id: get('rule_id'),
    codes: to === '' || to === from ? { system, code: from } : { system, from, to },
    ...(get('product') !== '' ? { product: get('product') } : {}),
    placesOfService: list(get('place_of_service')),
    ...(network !== undefined ? { networkStatus: network } : {}),
    effectiveFrom: get('effective_from'),
    ...(get('effective_to') !== '' ? { effectiveTo: get('effective_to') } : {}),
    requirement,
    subjectTo422122: flag === 'yes' || flag === 'true',
    ...(criteriaSetId !== '' ? { criteriaSetId } : {}),
    documents: list(get('documents')),
    validity,
    serviceGroup: get('service_group') || criteriaSetId || `${system} ${from}${to !== '' && to !== from ? `-${to}` : ''}`,
  });
}

function readRecords(text: string): { records: { line: number; fields: string[] }[] } | { error: PaListRowError } {
  try {
    const raw: unknown = parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, bom: true });
    const records: { line: number; fields: string[] }[] = [];
    const all: readonly unknown[] = Array.isArray(raw) ? raw : [];
    for (const r of all) {
      if (typeof r !== 'object' || r === null || !('record' in r) || !('info' in r)) continue;
      const fields: unknown = r.record;
      const info: unknown = r.info;
      const line = typeof info === 'object' && info !== null && 'lines' in info && typeof info.lines === 'number' ? info.lines : 0;
      if (Array.isArray(fields)) records.push({ line, fields: fields.map((f) => (typeof f === 'string' ? f : '')) });
    }
    return { records };
  } catch (e) {
    const line = typeof e === 'object' && e !== null && 'lines' in e && typeof e.lines === 'number' ? e.lines : 0;
    return { error: { line, message: e instanceof Error ? e.message : String(e) } };
  }
}

/** Parses a PA-list CSV into rules and row errors (line numbers are the file's, header = line 1). */
export function parsePaListCsv(text: string): PaListParseResult {
  const read = readRecords(text);
  if ('error' in read) return { rules: [], errors: [read.error] };
  const [header, ...rows] = read.records;
  if (header === undefined) return { rules: [], errors: [{ line: 1, message: 'the file is empty' }] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const errors: PaListRowError[] = [];
  names.forEach((n) => { if (!isColumn(n)) errors.push({ line: header.line, column: n, message: 'unknown column' }); });
  for (const c of REQUIRED) if (!names.includes(c)) errors.push({ line: header.line, column: c, message: 'missing column' });
  if (errors.length > 0) return { rules: [], errors };

  const rules: PaRule[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length !== names.length) {
      errors.push({ line, message: `expected ${names.length} fields, found ${fields.length}` });
      continue;
    }
    const row: Partial<Record<Column, string>> = {};
    names.forEach((n, i) => { if (isColumn(n)) row[n] = fields[i] ?? ''; });
    try {
      const rule = paRuleFromRow(row);
      const first = seen.get(rule.id);
      if (first !== undefined) {
        errors.push({ line, column: 'rule_id', message: `rule_id ${rule.id} is already used on line ${first}` });
        continue;
      }
      seen.set(rule.id, line);
      rules.push(rule);
    } catch (e) {
      if (!isUmError(e)) throw e;
      const details = e.details.length > 0 ? e.details : [{ message: e.message }];
      const suffix = e.code === 'UM_ERR_PA_RULE_EMERGENCY' ? `: they never require authorization (${EMERGENCY_CITATION})` : '';
      for (const d of details) errors.push({ line, ...(d.path !== undefined ? { column: d.path } : {}), message: `${d.message}${suffix}` });
    }
  }
  return { rules, errors };
}

/** Like `parsePaListCsv`, but any row error fails the import with `UM_ERR_PA_LIST_INVALID`. */
export function parsePaListCsvStrict(text: string): PaRule[] {
  const { rules, errors } = parsePaListCsv(text);
  if (errors.length > 0) {
    throw new UmError('UM_ERR_PA_LIST_INVALID', `${errors.length} invalid row(s) in the prior-authorization list`, {
      details: errors.map((e) => ({ path: `line ${e.line}${e.column ? `, ${e.column}` : ''}`, message: e.message })),
    });
  }
  return rules;
}
