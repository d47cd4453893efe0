import { describe, expect, it } from 'vitest';
import { computeExemptions, evaluateGoldCard, findExemption, TEXAS_GOLD_CARD_POLICY, type PaHistoryEntry } from './gold-card';

const entry = (npi: string, outcome: PaHistoryEntry['outcome'], decidedOn = '2025-03-01', serviceGroup = 'home-oxygen'): PaHistoryEntry => ({ npi, tin: `TIN-${npi}`, serviceGroup, decidedOn, outcome });
const many = (npi: string, approved: number, adverse: number): PaHistoryEntry[] => [
  ...Array.from({ length: approved }, () => entry(npi, 'approved')),
  ...Array.from({ length: adverse }, () => entry(npi, 'adverse')),
];

describe('gold carding (Texas defaults)', () => {
  it('grants at 90 % with at least 5 requests in the 12 months before the evaluation date', () => {
    const history = [...many('111', 9, 1), ...many('222', 8, 1), ...many('333', 4, 0), ...many('444', 5, 0)];
    const ex = computeExemptions(history, TEXAS_GOLD_CARD_POLICY, '2025-07-01');
    expect(ex.map((e) => [e.provider.value, e.approvalPercent])).toEqual([['111', 90], ['444', 100]]);
    expect(ex[0]).toEqual({
      provider: { kind: 'npi', value: '111' }, serviceGroup: 'home-oxygen', start: '2025-07-01', end: '2026-06-30',
      approved: 9, counted: 10, approvalPercent: 90, evaluationPeriod: { from: '2024-07-01', to: '2025-06-30' },
      citation: 'Tex. Ins. Code 4201.653 (as amended by HB 3812, 2025); 28 TAC 19.1731',
    });
  });

  it('counts only the evaluation period, decided requests, and the service group', () => {
    const history = [
      ...many('111', 5, 0),
      entry('111', 'adverse', '2024-06-30'), entry('111', 'adverse', '2025-07-01'),
      entry('111', 'withdrawn'), entry('111', 'dismissed'),
      entry('111', 'adverse', '2025-03-01', 'cpap'),
    ];
    const evals = evaluateGoldCard(history, TEXAS_GOLD_CARD_POLICY, '2025-07-01');
    expect(evals.map((e) => [e.serviceGroup, e.approved, e.counted, e.granted])).toEqual([['cpap', 0, 1, false], ['home-oxygen', 5, 5, true]]);
  });

  it('is configurable: tax ID, other thresholds and periods', () => {
    const policy = { ...TEXAS_GOLD_CARD_POLICY, providerKey: 'tin' as const, minApprovalPercent: 80, minRequests: 3, evaluationPeriodMonths: 6, exemptionMonths: 6, citation: 'plan policy GC-1' };
    const ex = computeExemptions([...many('222', 8, 2), entry('222', 'adverse', '2024-12-31')], policy, '2025-07-01');
    expect(ex).toMatchObject([{ provider: { kind: 'tin', value: 'TIN-222' }, start: '2025-07-01', end: '2025-12-31', counted: 10, citation: 'plan policy GC-1' }]);
  });

  it('finds the exemption for a provider, group and date', () => {
    const ex = computeExemptions(many('111', 5, 0), TEXAS_GOLD_CARD_POLICY, '2025-07-01');
    expect(findExemption(ex, { npi: '111' }, 'home-oxygen', '2026-06-30')).toBeDefined();
    expect(findExemption(ex, { npi: '111' }, 'home-oxygen', '2026-07-01')).toBeUndefined();
    expect(findExemption(ex, { npi: '111' }, 'cpap', '2025-08-01')).toBeUndefined();
    expect(findExemption(ex, { tin: 'TIN-111' }, 'home-oxygen', '2025-08-01')).toBeUndefined();
  });

  it('refuses a nonsensical policy', () => {
    expect(() => evaluateGoldCard([], { ...TEXAS_GOLD_CARD_POLICY, minRequests: 0 }, '2025-07-01')).toThrow(/minRequests|whole number/);
  });
});
