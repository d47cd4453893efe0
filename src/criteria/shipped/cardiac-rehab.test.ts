import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateCriteria, type CompiledCriteriaSet } from '../engine';
import { contextFor, shippedSet, type ContextOverrides } from '../test-support';

let set: CompiledCriteriaSet;
beforeAll(async () => { set = await shippedSet('cfr-410.49-cardiac-rehab'); });

const run = (o: ContextOverrides) => evaluateCriteria(set, contextFor(set, { dateOfService: '2025-03-03', ...o }));
const plan = { treatment_plan: true };
const hf = { conditions: ['heart-failure'], lvef: 35, nyha_class: 'II', optimal_therapy_weeks: 6, recent_cv_event: false, planned_cv_event: false, ...plan };

describe('42 CFR 410.49 cardiac rehabilitation', () => {
  it('(b)(1)(i): a myocardial infarction within the preceding 12 months', () => {
    expect(run({ answers: { conditions: ['acute-mi'], mi_date: '2024-03-03', ...plan } }).outcome).toBe('met');
    expect(run({ answers: { conditions: ['acute-mi'], mi_date: '2024-03-02', ...plan } }).outcome).toBe('not_met');
    expect(run({ answers: { conditions: ['acute-mi'], ...plan } }).outcome).toBe('unknown');
  });

  it('(b)(1)(ii)-(vi): bypass, stable angina, valve, PCI or transplant qualify', () => {
    for (const c of ['cabg', 'stable-angina', 'valve', 'pci', 'transplant']) {
      expect(run({ answers: { conditions: [c], ...plan } }).outcome).toBe('met');
    }
    expect(run({ answers: { conditions: ['none'], ...plan } }).outcome).toBe('not_met');
  });

  it('NCD 20.10.1: stable heart failure needs LVEF ≤ 35 %, NYHA II-IV, 6 weeks of therapy, no recent or planned event', () => {
    expect(run({ answers: hf }).outcome).toBe('met');
    expect(run({ answers: { ...hf, lvef: 36 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...hf, nyha_class: 'I' } }).outcome).toBe('not_met');
    expect(run({ answers: { ...hf, optimal_therapy_weeks: 5 } }).outcome).toBe('not_met');
    expect(run({ answers: { ...hf, recent_cv_event: true } }).outcome).toBe('not_met');
    expect(run({ answers: { ...hf, planned_cv_event: undefined } }).outcome).toBe('unknown');
  });

  it('(f): up to 36 sessions of CR and 72 of intensive CR; more goes to a reviewer', () => {
    const answers = { conditions: ['cabg'], ...plan };
    expect(run({ answers, line: { units: 36 } }).outcome).toBe('met');
    expect(run({ answers, line: { units: 37 } }).outcome).toBe('not_met');
    expect(run({ answers, line: { codeSystem: 'HCPCS', code: 'G0422', units: 72 } }).outcome).toBe('met');
    expect(run({ answers, line: { codeSystem: 'HCPCS', code: 'G0422', units: 73 } }).outcome).toBe('not_met');
  });

  it('needs the physician-signed individualized treatment plan', () => {
    expect(run({ answers: { conditions: ['pci'], treatment_plan: false } }).outcome).toBe('not_met');
    expect(run({ answers: { conditions: ['pci'] } }).outcome).toBe('unknown');
  });
});
