import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTING_SETTINGS, parseRoutingSettings } from './settings';
import { requiredLicenceState, requiredSpecialty, serviceCategoryOf } from './routing';
import { inQueue, queuesFor, routedTo, type CaseRouting, type ReviewerProfile } from './model';

const s = DEFAULT_ROUTING_SETTINGS;
const cov = (lineOfBusiness: string, state: string, funding: string | null = null) => ({ lineOfBusiness, productType: 'HMO', funding, state });

describe('which licence a case needs', () => {
  it('needs the state licence on state-regulated products, any licence on Medicare Advantage and self-funded plans', () => {
    expect(requiredLicenceState(s, cov('commercial', 'CA', 'fully_insured'))).toBe('CA');
    expect(requiredLicenceState(s, cov('medicaid', 'TX'))).toBe('TX');
    expect(requiredLicenceState(s, cov('qhp', 'IL'))).toBe('IL');
    expect(requiredLicenceState(s, cov('commercial', 'CA', 'self_funded'))).toBeNull();
    expect(requiredLicenceState(s, cov('medicare_advantage', 'CA'))).toBeNull();
    expect(requiredLicenceState(s, null)).toBeNull();
  });
});

describe('which specialty a case needs', () => {
  it('sends cardiovascular codes to cardiology, others nowhere in particular', () => {
    expect(requiredSpecialty(s, [{ code: '93458', serviceGroup: 'professional' }])).toBe('Cardiovascular Disease');
    expect(requiredSpecialty(s, [{ code: '33361', serviceGroup: 'outpatient_facility' }])).toBe('Cardiovascular Disease');
    expect(requiredSpecialty(s, [{ code: 'E0601', serviceGroup: 'dme' }])).toBeNull();
    expect(serviceCategoryOf([{ code: 'J9035', serviceGroup: 'part_b_drug' }])).toBe('part_b_drug');
  });

  it('reads rules by service group too, and refuses malformed settings', () => {
    const custom = parseRoutingSettings({ version: 1, licensure: [], specialties: [{ specialty: 'Oncology', serviceGroups: ['part_b_drug'] }] });
    expect(requiredSpecialty(custom, [{ code: 'J9035', serviceGroup: 'part_b_drug' }])).toBe('Oncology');
    expect(() => parseRoutingSettings({ version: 1, licensure: [{ lineOfBusiness: 'medicaid', state: 'Texas' }], specialties: [] })).toThrow(/not valid/);
  });
});

describe('who is handed a case', () => {
  const nurse = (over: Partial<ReviewerProfile> = {}): ReviewerProfile => ({ role: 'nurse', licenceStates: ['TX'], specialties: [], serviceCategories: [], ...over });
  const c = (over: Partial<CaseRouting> = {}): CaseRouting => ({ status: 'nurse_review', kind: 'prior_auth', requiredLicenceState: null, requiredSpecialty: null, serviceCategory: 'dme', ...over });

  it('never hands a Texas nurse a case needing a California licence', () => {
    expect(routedTo('nurse', nurse(), c({ requiredLicenceState: 'CA' }))).toBe(false);
    expect(routedTo('nurse', nurse({ licenceStates: ['TX', 'CA'] }), c({ requiredLicenceState: 'CA' }))).toBe(true);
    expect(routedTo('nurse', nurse(), c())).toBe(true);
  });

  it('routes physician review by specialty, and limits reviewers to their service categories', () => {
    const md = (specialties: string[]): ReviewerProfile => ({ role: 'medical_director', licenceStates: ['TX'], specialties, serviceCategories: [] });
    const cardio = c({ status: 'md_review', requiredSpecialty: 'Cardiovascular Disease' });
    expect(routedTo('medical_director', md(['Internal Medicine']), cardio)).toBe(false);
    expect(routedTo('medical_director', md(['Cardiovascular Disease']), cardio)).toBe(true);
    // Nurses are not routed by specialty.
    expect(routedTo('nurse', nurse(), c({ requiredSpecialty: 'Cardiovascular Disease' }))).toBe(true);
    expect(routedTo('nurse', nurse({ serviceCategories: ['part_b_drug'] }), c())).toBe(false);
    expect(routedTo('nurse', nurse({ serviceCategories: ['part_b_drug'] }), c({ serviceCategory: 'part_b_drug' }))).toBe(true);
  });

  it('puts reconsiderations in the appeals queue and shows each role its queues', () => {
    expect(inQueue('appeals', { status: 'nurse_review', kind: 'reconsideration' })).toBe(true);
    expect(inQueue('nurse', { status: 'nurse_review', kind: 'reconsideration' })).toBe(false);
    expect(inQueue('medical_director', { status: 'md_review', kind: 'reconsideration' })).toBe(true);
    expect(queuesFor('nurse')).toEqual(['nurse']);
    expect(queuesFor('specialist')).toEqual(['medical_director']);
    expect(queuesFor('supervisor')).toEqual(['intake', 'nurse', 'medical_director', 'appeals']);
    expect(queuesFor('provider')).toEqual([]);
  });
});
