import { describe, expect, it } from 'vitest';
import { UmError } from '../platform/errors';
import { createPaRule, matchRequirement, matchRequirements, type PaRule } from './pa-rules';

const rule = (over: Partial<PaRule> & Pick<PaRule, 'id'>): PaRule => createPaRule({
  codes: { system: 'HCPCS', from: 'E0424', to: 'E0444' },
  placesOfService: [],
  effectiveFrom: '2025-01-01',
  requirement: 'required',
  subjectTo422122: true,
  criteriaSetId: 'ncd-240.2-home-oxygen',
  documents: ['oximetry report'],
  validity: { kind: 'window', days: 90 },
  serviceGroup: 'home-oxygen',
  ...over,
});

function thrown(run: () => unknown): UmError {
  try {
    run();
  } catch (e) {
    if (e instanceof UmError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

const q = { codeSystem: 'HCPCS' as const, code: 'e0431', dateOfService: '2025-06-01' };

describe('prior-authorization rules', () => {
  it('answers with the rule that decided, normalizing the code', () => {
    const r = matchRequirement([rule({ id: 'o2' })], q);
    expect(r).toEqual({
      query: { ...q, code: 'E0431' }, requirement: 'required', subjectTo422122: true, criteriaSetId: 'ncd-240.2-home-oxygen',
      documents: ['oximetry report'], validity: { kind: 'window', days: 90 }, serviceGroup: 'home-oxygen',
      decidedBy: { kind: 'rule', rule: expect.objectContaining({ id: 'o2' }), otherMatches: 0 },
    });
  });

  it('answers not required when no rule matches (code, dates, product, place, network)', () => {
    const rules = [rule({ id: 'p', product: 'MA-HMO', placesOfService: ['12'], networkStatus: 'in_network', effectiveTo: '2025-12-31' })];
    expect(matchRequirement(rules, { ...q, product: 'MA-HMO', placeOfService: '12', networkStatus: 'in_network' }).requirement).toBe('required');
    for (const other of [{ product: 'MA-PPO' }, { placeOfService: '11' }, { networkStatus: 'out_of_network' as const }, { dateOfService: '2026-01-01' }, { code: 'E0601' }, {}]) {
      const r = matchRequirement(rules, { ...q, product: 'MA-HMO', placeOfService: '12', networkStatus: 'in_network', ...other, ...(Object.keys(other).length === 0 ? { product: undefined } : {}) });
      expect(r.requirement).toBe('not_required');
      expect(r.decidedBy).toEqual({ kind: 'no_rule' });
    }
  });

  it('lets the most specific rule win: narrower code, then more dimensions, then newer, then stricter', () => {
    const broad = rule({ id: 'broad', requirement: 'required' });
    const single = rule({ id: 'single', codes: { system: 'HCPCS', code: 'E0431' }, requirement: 'not_required' });
    expect(matchRequirement([broad, single], q).decidedBy).toMatchObject({ kind: 'rule', rule: { id: 'single' }, otherMatches: 1 });
    const ppo = rule({ id: 'ppo', product: 'MA-PPO', requirement: 'notification_only' });
    expect(matchRequirement([broad, ppo], { ...q, product: 'MA-PPO' }).requirement).toBe('notification_only');
    const newer = rule({ id: 'newer', effectiveFrom: '2025-05-01', requirement: 'not_required' });
    expect(matchRequirement([broad, newer], q).decidedBy).toMatchObject({ rule: { id: 'newer' } });
    const twin = rule({ id: 'a-twin', requirement: 'notification_only' });
    expect(matchRequirement([twin, broad], q).decidedBy).toMatchObject({ rule: { id: 'broad' } });
    expect(matchRequirement([broad, twin], q).decidedBy).toMatchObject({ rule: { id: 'broad' } });
  });

  it('never requires authorization for emergency or urgently needed services (42 CFR 422.113(b))', () => {
    const rules = [rule({ id: 'all-e', codes: { system: 'HCPCS', from: 'E0100', to: 'E9999' } })];
    const emergency = { kind: 'emergency', citation: '42 CFR 422.113(b)(2)' };
    expect(matchRequirement(rules, { ...q, placeOfService: '23' }).decidedBy).toEqual({ ...emergency, reason: 'emergency_place_of_service' });
    expect(matchRequirement(rules, { ...q, placeOfService: '20' }).decidedBy).toEqual({ ...emergency, reason: 'emergency_place_of_service' });
    expect(matchRequirement(rules, { ...q, emergency: true }).decidedBy).toEqual({ ...emergency, reason: 'emergency_flag' });
    expect(matchRequirement(rules, { ...q, urgentlyNeeded: true }).decidedBy).toEqual({ ...emergency, reason: 'urgently_needed_flag' });
    expect(matchRequirement(rules, { codeSystem: 'CPT', code: '99284', dateOfService: '2025-06-01' }).decidedBy).toEqual({ ...emergency, reason: 'emergency_code' });
    expect(matchRequirement(rules, { codeSystem: 'REV', code: '450', dateOfService: '2025-06-01' }).requirement).toBe('not_required');
  });

  it('rejects a rule that would require authorization for emergency services', () => {
    const pos = thrown(() => rule({ id: 'er', placesOfService: ['22', '23'] }));
    expect(pos.code).toBe('UM_ERR_PA_RULE_EMERGENCY');
    expect(pos.details).toEqual([{ path: 'placesOfService', message: 'place of service 23 is emergency or urgent care' }]);
    const codes = thrown(() => rule({ id: 'em', codes: { system: 'CPT', from: '99201', to: '99499' }, requirement: 'notification_only' }));
    expect(codes.code).toBe('UM_ERR_PA_RULE_EMERGENCY');
    expect(codes.details).toEqual([{ path: 'codes', message: 'CPT 99201–99499 includes CPT 99281–99285, emergency or urgently needed services' }]);
    expect(rule({ id: 'ok', placesOfService: ['23'], requirement: 'not_required' }).id).toBe('ok');
  });

  it('rejects malformed rules with every problem', () => {
    const e = thrown(() => rule({ id: ' ', codes: { system: 'HCPCS', from: 'E0444', to: 'E0424' }, effectiveFrom: '2025-13-01', placesOfService: ['2'], validity: { kind: 'window', days: 0 }, serviceGroup: '' }));
    expect(e.code).toBe('UM_ERR_PA_RULE_INVALID');
    expect(e.details.map((d) => d.path)).toEqual(['id', 'codes', 'effectiveFrom', 'placesOfService/0', 'validity', 'serviceGroup']);
  });

  it('answers several codes at once and refuses a malformed code', () => {
    const rules = [rule({ id: 'o2' })];
    expect(matchRequirements(rules, [q, { ...q, code: 'E0601' }]).map((r) => r.requirement)).toEqual(['required', 'not_required']);
    expect(thrown(() => matchRequirement(rules, { ...q, code: '12' })).code).toBe('UM_ERR_CRITERIA_INPUT');
    expect(thrown(() => matchRequirement(rules, { ...q, dateOfService: 'soon' })).code).toBe('UM_ERR_CRITERIA_INPUT');
  });
});
