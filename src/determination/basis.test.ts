import { describe, expect, it } from 'vitest';
import { describeBasis, resolveBasis, type CheckedLine } from './basis';

const lines: CheckedLine[] = [
  { lineId: 'a', lineNo: 1, criteriaSetId: 'cpap', criteriaSetVersion: '2', criteria: [{ id: 'severity', outcome: 'not_met' }, { id: 'adult', outcome: 'met' }] },
  { lineId: 'b', lineNo: 2, criteriaSetId: null, criteriaSetVersion: null, criteria: [] },
];
const rule = { rule: 'Humidifiers are not a covered benefit', reference: 'EOC ch. 4 §2.1' };

describe('resolveBasis', () => {
  it('refuses an adverse line that nothing cited applies to, naming the set it was checked against', () => {
    const r = resolveBasis(undefined, lines, [{ lineId: 'a', adverse: true }]);
    expect(r.problems).toEqual([{ code: 'UM_ERR_BASIS_REQUIRED', detail: expect.objectContaining({ message: expect.stringContaining('cpap@2') }) }]);
  });

  it('does not let a set checked against one line carry another line that was checked against none', () => {
    const r = resolveBasis({ criteria: [{ criteriaSetId: 'cpap', criteriaSetVersion: '2' }] }, lines, [{ lineId: 'a', adverse: true }, { lineId: 'b', adverse: true }]);
    expect(r.problems.map((p) => p.detail.message)).toEqual([expect.stringContaining('line 2 was not checked against criteria')]);
    const withRule = resolveBasis({ criteria: [{ criteriaSetId: 'cpap', criteriaSetVersion: '2' }], coverageRule: rule }, lines, [{ lineId: 'a', adverse: true }, { lineId: 'b', adverse: true }]);
    expect(withRule.problems).toEqual([]);
    expect(withRule.perLine.get('a')).toMatchObject({ kind: 'criteria', criteriaSetId: 'cpap', coverageRule: rule.rule });
    expect(withRule.perLine.get('b')).toMatchObject({ kind: 'coverage_rule', criteriaSetId: null, coverageRule: rule.rule, coverageRuleReference: rule.reference });
  });

  it('refuses sets and criteria that are not the case\'s, and a rule without its reference', () => {
    expect(resolveBasis({ criteria: [{ criteriaSetId: 'cpap', criteriaSetVersion: '1' }], coverageRule: rule }, lines, [{ lineId: 'a', adverse: true }]).problems.map((p) => p.code)).toEqual(['UM_ERR_BASIS_UNKNOWN']);
    expect(resolveBasis({ criteria: [{ criteriaSetId: 'cpap', criteriaSetVersion: '2', criterionIds: ['severity', 'bmi'] }] }, lines, [{ lineId: 'a', adverse: true }]).problems.map((p) => p.detail.path)).toEqual(['basis/criteria/0/criterionIds/1']);
    expect(resolveBasis({ coverageRule: { rule: 'x policy', reference: ' ' } }, lines, [{ lineId: 'b', adverse: true }]).problems.map((p) => p.code)).toContain('UM_ERR_BASIS_REQUIRED');
  });

  it('records the criteria cited on the line and lets an approval rest on judgement', () => {
    const r = resolveBasis({ criteria: [{ criteriaSetId: 'cpap', criteriaSetVersion: '2', criterionIds: ['severity'] }] }, lines, [{ lineId: 'a', adverse: true }, { lineId: 'b', adverse: false }]);
    expect(r.problems).toEqual([]);
    expect(r.perLine.get('a')).toEqual({ kind: 'criteria', criteriaSetId: 'cpap', criteriaSetVersion: '2', criterionId: 'severity', coverageRule: null, coverageRuleReference: null });
    expect(r.perLine.get('b')).toMatchObject({ kind: 'reviewer_judgement' });
  });
});

describe('describeBasis', () => {
  it('names each set (with its title) and each rule (with its reference) once', () => {
    const row = { criteriaSetId: 'cpap', criteriaSetVersion: '2', criterionId: 'severity', coverageRule: null, coverageRuleReference: null };
    const ruleRow = { criteriaSetId: null, criteriaSetVersion: null, criterionId: null, coverageRule: rule.rule, coverageRuleReference: rule.reference };
    expect(describeBasis([row, row, ruleRow], new Map([['cpap@2', 'CPAP for obstructive sleep apnea']]))).toBe(
      'the criteria "CPAP for obstructive sleep apnea" (cpap, version 2), criteria cited: severity; and Humidifiers are not a covered benefit (EOC ch. 4 §2.1)',
    );
    expect(describeBasis([row])).toBe('the criteria set (cpap, version 2), criteria cited: severity');
  });
});
