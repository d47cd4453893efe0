import { describe, expect, it } from 'vitest';
import { clockRequestTypeFor, type CaseKind, type ClockRequestKind, type DomainLineOfBusiness } from './case-kind';

const MA = { lineOfBusiness: 'medicare_advantage' } as const;

describe('case kind → clock table', () => {
  it.each<[CaseKind, string | undefined, DomainLineOfBusiness, ClockRequestKind]>([
    ['prior_auth', 'professional', 'medicare_advantage', { requestType: 'pre_service', subjectToPriorAuthorization: true }],
    ['prior_auth', 'part_b_drug', 'medicare_advantage', { requestType: 'part_b_drug' }],
    ['prior_auth', 'part_b_drug', 'medicaid', { requestType: 'pre_service', subjectToPriorAuthorization: true }],
    ['prior_auth', 'outpatient_drug', 'medicaid', { requestType: 'outpatient_drug' }],
    ['referral', 'radiology', 'commercial', { requestType: 'pre_service', subjectToPriorAuthorization: true }],
    ['referral', 'part_b_drug', 'medicare_advantage', { requestType: 'part_b_drug' }],
    ['admission_notification', 'inpatient_facility', 'medicare_advantage', { requestType: 'concurrent', subjectToPriorAuthorization: true }],
    ['concurrent_review', 'inpatient_facility', 'commercial', { requestType: 'concurrent', subjectToPriorAuthorization: true }],
    ['snf_admission', 'snf', 'medicare_advantage', { requestType: 'concurrent', subjectToPriorAuthorization: true }],
    ['post_stabilization', 'inpatient_facility', 'medicare_advantage', { requestType: 'post_stabilization' }],
    ['retrospective', 'professional', 'medicare_advantage', { requestType: 'post_service' }],
    ['retrospective', 'part_b_drug', 'medicare_advantage', { requestType: 'post_service' }],
    ['reconsideration', 'professional', 'medicare_advantage', { requestType: 'reconsideration', reconsiderationSubject: 'pre_service' }],
    ['reconsideration', 'part_b_drug', 'medicare_advantage', { requestType: 'reconsideration', reconsiderationSubject: 'part_b_drug' }],
  ])('%s with a %s line on %s', (kind, serviceGroup, lineOfBusiness, expected) => {
    expect(clockRequestTypeFor(kind, serviceGroup === undefined ? {} : { serviceGroup }, { lineOfBusiness })).toEqual(expected);
  });

  it('uses the line flag for the MA 7-day rule, defaulting to "subject" for prior-authorization requests', () => {
    expect(clockRequestTypeFor('prior_auth', { subjectToPriorAuthorization: false }, MA)).toEqual({ requestType: 'pre_service', subjectToPriorAuthorization: false });
    expect(clockRequestTypeFor('prior_auth', {}, MA)).toEqual({ requestType: 'pre_service', subjectToPriorAuthorization: true });
  });

  it('gives reconsiderations their subject from the appealed case, or as stated', () => {
    expect(clockRequestTypeFor('reconsideration', {}, { ...MA, appealOf: 'retrospective' })).toEqual({ requestType: 'reconsideration', reconsiderationSubject: 'post_service' });
    expect(clockRequestTypeFor('reconsideration', {}, { ...MA, appealOf: 'prior_auth' })).toEqual({ requestType: 'reconsideration', reconsiderationSubject: 'pre_service' });
    expect(clockRequestTypeFor('reconsideration', { serviceGroup: 'part_b_drug' }, { ...MA, appealOf: 'retrospective' })).toEqual({ requestType: 'reconsideration', reconsiderationSubject: 'part_b_drug' });
    expect(clockRequestTypeFor('reconsideration', {}, { ...MA, reconsiderationSubject: 'payment' })).toEqual({ requestType: 'reconsideration', reconsiderationSubject: 'payment' });
  });
});
