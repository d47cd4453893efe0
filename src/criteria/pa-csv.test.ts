import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { UmError } from '../platform/errors';
import { codeInSpec } from './codes';
import type { CompiledCriteriaSet } from './engine';
import { loadCriteriaSets } from './loader';
import { parsePaListCsv, parsePaListCsvStrict } from './pa-csv';
import { matchRequirement } from './pa-rules';
import { SHIPPED_CRITERIA_DIR } from './test-support';

const HEADER = 'rule_id,code_system,code_from,code_to,product,place_of_service,network_status,effective_from,effective_to,requirement,subject_to_422_122,criteria_set,documents,validity,validity_days,service_group';
const sample = readFileSync(fileURLToPath(new URL('../../criteria/pa-list.sample.csv', import.meta.url)), 'utf8');

let sets: CompiledCriteriaSet[] = [];
beforeAll(async () => { sets = await loadCriteriaSets(SHIPPED_CRITERIA_DIR); });

describe('PA-list CSV', () => {
  it('parses rows into rules', () => {
    const { rules, errors } = parsePaListCsv(`${HEADER}\ncpap,HCPCS,E0601,,,12|11,in_network,2025-01-01,2025-12-31,required,yes,ncd-240.4-cpap-osa,sleep study|note,window,84,\n`);
    expect(errors).toEqual([]);
    expect(rules).toEqual([{
      id: 'cpap', codes: { system: 'HCPCS', code: 'E0601' }, placesOfService: ['12', '11'], networkStatus: 'in_network',
      effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31', requirement: 'required', subjectTo422122: true,
      criteriaSetId: 'ncd-240.4-cpap-osa', documents: ['sleep study', 'note'], validity: { kind: 'window', days: 84 }, serviceGroup: 'ncd-240.4-cpap-osa',
    }]);
  });

  it('reports each bad row with its line and column and keeps the good ones', () => {
    const text = [
      HEADER,
      'ok,CPT,43644,43645,,,,2025-01-01,,required,no,,,,,',
      'bad-system,XYZ,43644,,,,,2025-01-01,,required,no,,,,,',
      'bad-req,CPT,43644,,,,,2025-01-01,,maybe,perhaps,,,,,',
      'er,CPT,99281,99285,,,,2025-01-01,,required,yes,,,,,',
      'short,CPT',
      'ok,CPT,43770,,,,,2025-01-01,,required,no,,,,,',
      '"multi',
      'line",CPT,43770,,,23,,2025-01-01,,notification_only,no,,,,,',
    ].join('\n');
    const { rules, errors } = parsePaListCsv(text);
    expect(rules.map((r) => r.id)).toEqual(['ok']);
    expect(errors).toEqual([
      { line: 3, column: 'code_system', message: '"XYZ" is not CPT, HCPCS or REV' },
      { line: 4, column: 'requirement', message: 'must be required, notification_only or not_required' },
      { line: 4, column: 'subject_to_422_122', message: 'must be yes or no' },
      { line: 5, column: 'codes', message: 'CPT 99281–99285 includes CPT 99281–99285, emergency or urgently needed services: they never require authorization (42 CFR 422.113(b)(2))' },
      { line: 6, message: 'expected 16 fields, found 2' },
      { line: 7, column: 'rule_id', message: 'rule_id ok is already used on line 2' },
      { line: 9, column: 'placesOfService', message: 'place of service 23 is emergency or urgent care: they never require authorization (42 CFR 422.113(b)(2))' },
    ]);
    expect(() => parsePaListCsvStrict(text)).toThrow(UmError);
  });

  it('reports unknown and missing columns, and unparseable files', () => {
    expect(parsePaListCsv('rule_id,code,requirement\n').errors).toEqual([
      { line: 1, column: 'code', message: 'unknown column' },
      { line: 1, column: 'code_system', message: 'missing column' },
      { line: 1, column: 'code_from', message: 'missing column' },
      { line: 1, column: 'effective_from', message: 'missing column' },
      { line: 1, column: 'subject_to_422_122', message: 'missing column' },
    ]);
    expect(parsePaListCsv(`${HEADER}\n"unclosed,CPT`).errors[0]?.message).toMatch(/Quote Not Closed/);
    expect(parsePaListCsv('').errors).toEqual([{ line: 1, message: 'the file is empty' }]);
  });

  it('the shipped sample parses, names only shipped sets, and lists every code of every shipped set', () => {
    const rules = parsePaListCsvStrict(sample);
    const ids = new Set(sets.map((s) => s.set.id));
    for (const r of rules) if (r.criteriaSetId !== undefined) expect(ids, r.id).toContain(r.criteriaSetId);
    for (const { set } of sets) {
      for (const spec of set.appliesTo) {
        const code = 'code' in spec ? spec.code : spec.from;
        const decision = matchRequirement(rules, { codeSystem: spec.system, code, dateOfService: '2025-06-01', placeOfService: set.id.includes('power-mobility') ? '12' : set.id.includes('snf') ? '31' : '21' });
        expect(decision.criteriaSetId, `${set.id} ${code}`).toBe(set.id);
        expect(rules.some((r) => codeInSpec(r.codes, spec.system, 'code' in spec ? spec.code : spec.to)), `${set.id} ${code}`).toBe(true);
      }
    }
    expect(matchRequirement(rules, { codeSystem: 'CPT', code: '97112', dateOfService: '2025-06-01', product: 'MA-PPO', networkStatus: 'in_network' }).requirement).toBe('notification_only');
  });
});
