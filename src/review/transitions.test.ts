import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, CLOSED_STATUSES, type CaseStatus } from '../intake/model';
import { CASE_ACTIONS, mayStart, requireTransition, TRANSITIONS, type CaseAction } from './transitions';
import { caseActions } from './permissions';
import type { Principal, Role } from '../platform/auth/model';

/** The rule, written out: which action may start from which status. */
const ALLOWED: Record<CaseAction, readonly CaseStatus[]> = {
  send_to_review: ['intake'],
  pend: ['intake', 'nurse_review', 'md_review'],
  resume: ['pended_info'],
  refer: ['intake', 'nurse_review', 'pended_info'],
  decide: ['intake', 'nurse_review', 'md_review', 'pended_info'],
  withdraw: ['intake', 'nurse_review', 'md_review', 'pended_info'],
  cancel: ['intake', 'nurse_review', 'md_review', 'pended_info'],
};

describe('the case status machine', () => {
  for (const action of CASE_ACTIONS) {
    for (const status of CASE_STATUSES) {
      const ok = ALLOWED[action].includes(status);
      it(`${action} from ${status}: ${ok ? 'allowed' : 'refused'}`, () => {
        expect(mayStart(action, status)).toBe(ok);
        const attempt = () => requireTransition(action, status, 'UM-1');
        if (ok) expect(attempt).not.toThrow();
        else expect(attempt).toThrow(expect.objectContaining({ code: CLOSED_STATUSES.includes(status) ? 'UM_ERR_CASE_CLOSED' : 'UM_ERR_CASE_STATE' }));
      });
    }
  }

  it('never starts anything from a closed status, and closes only by deciding, withdrawing or cancelling', () => {
    for (const action of CASE_ACTIONS) {
      expect(TRANSITIONS[action].from.filter((s) => CLOSED_STATUSES.includes(s))).toEqual([]);
      const closing = TRANSITIONS[action].to.filter((s) => CLOSED_STATUSES.includes(s));
      if (closing.length > 0) expect(['decide', 'withdraw', 'cancel']).toContain(action);
    }
  });

  it('lets a reviewer decide a case pended for information (the answer may come by phone)', () => {
    expect(mayStart('decide', 'pended_info')).toBe(true);
  });
});

describe('what the UI offers follows the table', () => {
  const who = (role: Role, credential: string | null): Principal => ({
    kind: 'user', tenantId: 't', userId: 'u', username: role, displayName: role, role, credential, licenceState: null, organisationIds: [], providerOrgId: null,
  });
  const line = { id: 'l1', outcome: null, requirement: 'required', serviceGroup: 'dme', responsibility: 'ipa', criteriaMet: false };
  for (const status of CASE_STATUSES) {
    it(`in ${status}`, () => {
      const nurse = caseActions(who('nurse', 'RN'), { status, lineOfBusiness: 'medicare_advantage', assignedUserId: null, lines: [line] }, []);
      const intake = caseActions(who('intake', null), { status, lineOfBusiness: 'medicare_advantage', assignedUserId: null, lines: [line] }, []);
      expect(nurse.outcomes.includes('approved')).toBe(mayStart('decide', status));
      expect(nurse.pend).toBe(mayStart('pend', status));
      expect(nurse.refer).toBe(mayStart('refer', status));
      expect(intake.sendToReview).toBe(mayStart('send_to_review', status));
      expect(nurse.withdraw).toBe(mayStart('withdraw', status));
      expect(nurse.cancel).toBe(mayStart('cancel', status));
    });
  }
});
