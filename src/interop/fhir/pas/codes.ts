/**
 * Canonical URLs and code systems of Da Vinci PAS 2.2.1 (hl7.fhir.us.davinci-pas) used by the
 * adapter. X12 code lists are carried as opaque codes of `https://codesystem.x12.org/005010/<element>`
 * (the lists themselves are X12's licensed content).
 */
const SD = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/';

export const PAS_EXT = {
  requestType: `${SD}extension-serviceItemRequestType`,
  certificationType: `${SD}extension-certificationType`,
  itemTraceNumber: `${SD}extension-itemTraceNumber`,
  requestedService: `${SD}extension-requestedService`,
  infoChanged: `${SD}extension-infoChanged`,
  infoCancelled: `${SD}modifierextension-infoCancelled`,
  careTeamClaimScope: `${SD}extension-careTeamClaimScope`,
  levelOfServiceCode: `${SD}extension-levelOfServiceCode`,
  transmissionIdentifiers: `${SD}extension-TransmissionIdentifiers`,
  reviewAction: `${SD}extension-reviewAction`,
  reviewActionCode: `${SD}extension-reviewActionCode`,
  itemPreAuthIssueDate: `${SD}extension-itemPreAuthIssueDate`,
  itemPreAuthPeriod: `${SD}extension-itemPreAuthPeriod`,
  itemRequestedServiceDate: `${SD}extension-itemRequestedServiceDate`,
  administrationReferenceNumber: `${SD}extension-administrationReferenceNumber`,
  authorizationNumber: `${SD}extension-authorizationNumber`,
  errorFollowupAction: `${SD}extension-errorFollowupAction`,
  errorElement: `${SD}extension-errorElement`,
  errorPath: `${SD}extension-errorPath`,
  itemAuthorizedDetail: `${SD}extension-itemAuthorizedDetail`,
} as const;

export const PAS_PROFILE = {
  claimResponse: `${SD}profile-claimresponse`,
  claimInquiryResponse: `${SD}profile-claiminquiryresponse`,
  responseBundle: `${SD}profile-pas-response-bundle`,
  inquiryResponseBundle: `${SD}profile-pas-inquiry-response-bundle`,
  claimUpdate: `${SD}profile-claim-update`,
  claimInquiry: `${SD}profile-claim-inquiry`,
  subscription: `${SD}profile-subscription`,
} as const;

export const X12 = {
  /** HCR01 review action (element 306). */
  reviewAction: 'https://codesystem.x12.org/005010/306',
  /** AAA03 reject reason (element 901). */
  rejectReason: 'https://codesystem.x12.org/005010/901',
  /** AAA04 follow-up action (element 889). */
  followUp: 'https://codesystem.x12.org/005010/889',
  /** HCR03 decision reason (external code list 886). */
  decisionReason: 'https://codesystem.x12.org/external/886',
  /** UM02 certification type `3`: cancel. */
  certificationCancel: '3',
} as const;

export const SYSTEMS = {
  cpt: 'http://www.ama-assn.org/go/cpt',
  /** HCPCS as received; the first is the one the PAS value set X12278RequestedServiceType names (and OpenUM sends). */
  hcpcs: ['http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', 'https://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets'],
  revenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  icd10: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd9: 'http://hl7.org/fhir/sid/icd-9-cm',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  serviceType: 'https://codesystem.x12.org/005010/1365',
} as const;

/**
 * Review actions (HCR01) OpenUM answers with. A1 certified in total, A2 certified partial, A3 not
 * certified, A4 pended, A6 modified (PAS 2.2.1 spec-36: the authorized version in `addItem`); C
 * cancelled and NA no action required are X12 306 codes the PAS IG does not illustrate.
 */
export const REVIEW_ACTIONS = {
  A1: 'Certified in total',
  A2: 'Certified - partial',
  A3: 'Not certified',
  A4: 'Pended',
  A6: 'Modified',
  C: 'Cancelled',
  NA: 'No action required',
} as const;
export type ReviewActionCode = keyof typeof REVIEW_ACTIONS;

/**
 * AAA03 reject reasons (X12 901) and AAA04 follow-up actions (X12 889) OpenUM sends as business
 * errors (`ClaimResponse.error`).
 */
export const REJECT = {
  inputErrors: '33',
  providerNotOnFile: '51',
  patientNotFound: '67',
  subscriberNotFound: '75',
  invalidProcedureCode: 'AG',
  authorizationNotFound: 'AA',
} as const;
export const FOLLOW_UP = { correctAndResubmit: 'C', resubmissionNotAllowed: 'N' } as const;
