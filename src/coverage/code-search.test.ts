import { describe, expect, it } from 'vitest';
import { searchCodes, type CodeSource } from './code-search';

const CPAP = { id: 'ncd-240.4-cpap-osa', title: 'CPAP therapy for obstructive sleep apnea' };
const O2 = { id: 'ncd-240.2-home-oxygen', title: 'Home oxygen therapy' };
const SOURCES: CodeSource[] = [
  { spec: { system: 'HCPCS', code: 'E0601' }, words: CPAP.title, criteriaSet: CPAP, onPaList: false, serviceGroup: null },
  { spec: { system: 'HCPCS', code: 'E0601' }, words: 'dme', criteriaSet: null, onPaList: true, serviceGroup: 'dme' },
  { spec: { system: 'HCPCS', from: 'E1390', to: 'E1392' }, words: O2.title, criteriaSet: O2, onPaList: true, serviceGroup: 'dme' },
  { spec: { system: 'CPT', from: '70010', to: '76499' }, words: 'radiology', criteriaSet: null, onPaList: true, serviceGroup: 'radiology' },
  { spec: { system: 'CPT', code: '97110' }, words: 'therapy', criteriaSet: null, onPaList: true, serviceGroup: 'therapy' },
  { spec: { system: 'REV', code: '0120' }, words: 'inpatient facility', criteriaSet: null, onPaList: true, serviceGroup: 'inpatient_facility' },
];

describe('searchCodes', () => {
  it('finds a code by itself, merging what the PA list and the criteria sets say of it', () => {
    expect(searchCodes(SOURCES, 'e0601', 10)).toEqual([{ codeSystem: 'HCPCS', code: 'E0601', codeTo: null, display: CPAP.title, onPaList: true, criteriaSets: [CPAP], inRange: null }]);
    expect(searchCodes(SOURCES, 'HCPCS:E0601', 10).map((h) => h.code)).toEqual(['E0601']);
  });

  it('finds codes by their start, and a whole code inside a listed range', () => {
    expect(searchCodes(SOURCES, 'E0', 10).map((h) => h.code)).toEqual(['E0601']);
    // The start of codes a listed range holds: the range, to finish by hand.
    expect(searchCodes(SOURCES, 'E1', 10)).toEqual([expect.objectContaining({ code: 'E1390', codeTo: 'E1392', display: O2.title })]);
    expect(searchCodes(SOURCES, '706', 10)).toEqual([expect.objectContaining({ codeSystem: 'CPT', code: '70010', codeTo: '76499' })]);
    expect(searchCodes(SOURCES, '77', 10)).toEqual([]);
    expect(searchCodes(SOURCES, '97', 10).map((h) => h.code)).toEqual(['97110']);
    expect(searchCodes(SOURCES, '70551', 10)).toEqual([{ codeSystem: 'CPT', code: '70551', codeTo: null, display: 'radiology', onPaList: true, criteriaSets: [], inRange: '70010–76499' }]);
    expect(searchCodes(SOURCES, 'E1391', 10)).toEqual([expect.objectContaining({ code: 'E1391', display: O2.title, criteriaSets: [O2], inRange: 'E1390–E1392' })]);
    expect(searchCodes(SOURCES, '120', 10).map((h) => `${h.codeSystem}:${h.code}`)).toEqual(['REV:0120']);
    expect(searchCodes(SOURCES, '80000', 10)).toEqual([]);
  });

  it('finds codes and ranges by words: every word must match, criteria sets first', () => {
    expect(searchCodes(SOURCES, 'sleep apnea', 10).map((h) => h.code)).toEqual(['E0601']);
    expect(searchCodes(SOURCES, 'CPAP', 10).map((h) => h.code)).toEqual(['E0601']);
    expect(searchCodes(SOURCES, 'therapy', 10).map((h) => h.code)).toEqual(['E0601', 'E1390', '97110']);
    expect(searchCodes(SOURCES, 'oxygen', 10)).toEqual([expect.objectContaining({ codeSystem: 'HCPCS', code: 'E1390', codeTo: 'E1392', onPaList: true })]);
    expect(searchCodes(SOURCES, 'radiology', 10).map((h) => `${h.code}–${h.codeTo ?? ''}`)).toEqual(['70010–76499']);
    expect(searchCodes(SOURCES, 'durable equipment', 10).map((h) => h.code)).toEqual(['E1390', 'E0601']);
    expect(searchCodes(SOURCES, 'sleep knee', 10)).toEqual([]);
  });

  it('keeps to the limit and answers nothing for nothing', () => {
    expect(searchCodes(SOURCES, 'therapy', 1)).toHaveLength(1);
    expect(searchCodes(SOURCES, '   ', 10)).toEqual([]);
  });
});
