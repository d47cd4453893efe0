import { describe, expect, it } from 'vitest';
import { checkDecisionAuthority, type DeciderProfile, type LineForAuthority, type MatrixEntry } from './authority';
import { ROLES, type Role } from '../platform/auth/model';
import { DECISION_OUTCOMES, type DecisionOutcome } from './model';

const CREDENTIAL: Record<Role, string | null> = {
  intake: null,
  nurse: 'RN',
  medical_director: 'MD',
  specialist: 'MD',
  supervisor: 'RN',
  appeals: 'RN',
  provider: null,
  admin: null,
  auditor: null,
};

const requiredLine: LineForAuthority = { requirement: 'required', serviceGroup: 'dme', responsibility: 'ipa', criteriaMet: false };

/** Expected verdict for every role × outcome on a line that requires authorization. */
const EXPECTED: Record<Role, Record<DecisionOutcome, string>> = {
  intake: { approved: 'UM_ERR_ROLE_CANNOT_DECIDE', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'UM_ERR_ROLE_CANNOT_DECIDE' },
  nurse: { approved: 'ok', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'ok' },
  medical_director: { approved: 'ok', approved_modified: 'ok', denied: 'ok', no_auth_required: 'ok' },
  specialist: { approved: 'UM_ERR_ROLE_CANNOT_DECIDE', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'UM_ERR_ROLE_CANNOT_DECIDE' },
  supervisor: { approved: 'UM_ERR_ROLE_CANNOT_DECIDE', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'UM_ERR_ROLE_CANNOT_DECIDE' },
  appeals: { approved: 'ok', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'ok' },
  provider: { approved: 'UM_ERR_ROLE_CANNOT_DECIDE', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'UM_ERR_ROLE_CANNOT_DECIDE' },
  admin: { approved: 'UM_ERR_ROLE_CANNOT_DECIDE', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'UM_ERR_ROLE_CANNOT_DECIDE' },
  auditor: { approved: 'UM_ERR_ROLE_CANNOT_DECIDE', approved_modified: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', denied: 'UM_ERR_ADVERSE_REQUIRES_PHYSICIAN', no_auth_required: 'UM_ERR_ROLE_CANNOT_DECIDE' },
};

const verdict = (who: DeciderProfile, outcome: DecisionOutcome, line: LineForAuthority, matrix: readonly MatrixEntry[] = []) => {
  const r = checkDecisionAuthority(who, outcome, line, 'medicare_advantage', matrix);
  return r.ok ? 'ok' : r.code;
};

describe('decision authority: every role × outcome', () => {
  for (const role of ROLES) {
    for (const outcome of DECISION_OUTCOMES) {
      it(`${role} → ${outcome}: ${EXPECTED[role][outcome]}`, () => {
        expect(verdict({ role, credential: CREDENTIAL[role] }, outcome, requiredLine)).toBe(EXPECTED[role][outcome]);
      });
    }
  }
});

describe('decision authority: the rules behind the table', () => {
  it('lets intake approve a notification-only line and a line whose criteria are met, never deny it', () => {
    const intake = { role: 'intake', credential: null } as const;
    expect(verdict(intake, 'approved', { ...requiredLine, requirement: 'notification_only' })).toBe('ok');
    expect(verdict(intake, 'approved', { ...requiredLine, criteriaMet: true })).toBe('ok');
    expect(verdict(intake, 'no_auth_required', { ...requiredLine, requirement: 'not_required' })).toBe('ok');
    expect(verdict(intake, 'denied', { ...requiredLine, requirement: 'notification_only' })).toBe('UM_ERR_ADVERSE_REQUIRES_PHYSICIAN');
  });

  it('lets a pharmacist deny drugs only where the plan\'s matrix names pharmacists for drugs', () => {
    const pharmacist = { role: 'nurse', credential: 'PharmD' } as const;
    const drug = { ...requiredLine, serviceGroup: 'part_b_drug' };
    const matrix = [{ serviceCategory: 'part_b_drug', lineOfBusiness: 'medicare_advantage', credential: 'PharmD' }];
    expect(verdict(pharmacist, 'denied', drug, matrix)).toBe('ok');
    expect(verdict(pharmacist, 'denied', drug, [])).toBe('UM_ERR_ADVERSE_REQUIRES_PHYSICIAN');
    expect(verdict(pharmacist, 'denied', requiredLine, matrix)).toBe('UM_ERR_ADVERSE_REQUIRES_PHYSICIAN');
    expect(verdict(pharmacist, 'denied', drug, [{ ...matrix[0]!, lineOfBusiness: 'medicaid' }])).toBe('UM_ERR_ADVERSE_REQUIRES_PHYSICIAN');
  });

  it('never lets a matrix give a nurse adverse authority', () => {
    const matrix = [{ serviceCategory: '*', lineOfBusiness: '*', credential: 'RN' }];
    expect(verdict({ role: 'nurse', credential: 'RN' }, 'denied', requiredLine, matrix)).toBe('UM_ERR_ADVERSE_REQUIRES_PHYSICIAN');
  });

  it('refuses a medical director without a physician credential', () => {
    expect(verdict({ role: 'medical_director', credential: 'RN' }, 'denied', requiredLine)).toBe('UM_ERR_ADVERSE_REQUIRES_PHYSICIAN');
  });

  it('refuses any adverse decision on a line at the plan\'s risk', () => {
    expect(verdict({ role: 'medical_director', credential: 'MD' }, 'denied', { ...requiredLine, responsibility: 'plan' })).toBe('UM_ERR_PLAN_RISK_NOT_DENIABLE');
    expect(verdict({ role: 'medical_director', credential: 'MD' }, 'denied', { ...requiredLine, responsibility: 'shared' })).toBe('ok');
  });
});
