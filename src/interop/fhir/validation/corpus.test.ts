import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PACKAGE_FILES, readPackage, type LoadedPackage } from './loader';
import type { ValidationIssue } from './issues';
import { validatePasBundle, type PasValidation } from './pas';
import { createValidator, type FhirValidator } from './validator';

/**
 * The shared corpus (test/fixtures/fhir, see NOTICE.md) and the official IG examples carried in
 * the packages. Every expectation is the exact list of errors (issue code + FHIRPath expression);
 * warnings and information are not asserted here (dom-6 "should have narrative" warnings abound).
 */
const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/fhir/', import.meta.url));
const load = (file: string): unknown => JSON.parse(readFileSync(FIXTURES + file, 'utf8'));

type Err = readonly [string, string];
const errors = (issues: readonly ValidationIssue[]): Err[] => issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.expression] as const);

let v: FhirValidator;
let packages: LoadedPackage[];
beforeAll(async () => {
  v = await createValidator();
  packages = await Promise.all(DEFAULT_PACKAGE_FILES.map((f) => readPackage(f)));
});

const pkg = (name: string, version: string): LoadedPackage => {
  const p = packages.find((x) => x.name === name && x.version === version);
  if (p === undefined) throw new Error(`${name}#${version} not loaded`);
  return p;
};

describe('official IG examples validate against their declared profiles with no errors', () => {
  it.each([
    ['hl7.fhir.us.davinci-pas', '2.2.1', 47],
    ['hl7.fhir.us.davinci-crd', '2.0.1', 16],
    ['hl7.fhir.us.davinci-dtr', '2.0.1', 16],
    ['hl7.fhir.us.davinci-pas', '2.0.1', 39],
  ])('%s#%s (%i examples)', (name, version, count) => {
    const p = pkg(name, version);
    expect(p.examples.size).toBe(count);
    const canonical = name.replace('hl7.fhir.us.', 'http://hl7.org/fhir/us/');
    const failures: string[] = [];
    for (const [file, example] of p.examples) {
      const issues = v.validate(example, undefined, { context: { name, version } });
      for (const i of issues) {
        // An error, or a profile of this very package that could not be found, is a failure.
        if (i.severity === 'error' || (i.diagnostics.includes('is not available') && i.diagnostics.includes(canonical))) {
          failures.push(`${file}: ${i.severity} ${i.code} ${i.expression}: ${i.diagnostics}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});


/** PAS bundles of the corpus through `validatePasBundle` (version chosen as documented in pas.ts). */
const PAS_BUNDLES: readonly (readonly [string, Partial<PasValidation>, readonly Err[]])[] = [
  ['pas-ig-2.2.1/Bundle-ErrorResponseBundleExample.json', { kind: 'response', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-HomecareAuthorizationBundleExample.json', { kind: 'request', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-HomecareAuthorizationUpdateBundleExample.json', { kind: 'request', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json', { kind: 'request', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-PASClaimInquiryBundleExample.json', { kind: 'inquiry', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-PASClaimInquiryResponseBundleExample.json', { kind: 'inquiry-response', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-ReferralAuthorizationBundleExample.json', { kind: 'request', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-ReferralAuthorizationResponseBundleExample.json', { kind: 'response', version: '2.2.1' }, []],
  ['pas-ig-2.2.1/Bundle-ReferralPendingAuthorizationResponseBundleExample.json', { kind: 'response', version: '2.2.1' }, []],
  // PAS test kit. `*_v110*` carry unversioned profile URLs: valid in neither 2.2.1 nor 2.0.1 (X12 code
  // systems written http://codesystem.x12.org, not https://; PAS 2.2.1 rules on careTeam, Coverage, NPIs).
  ['pas-testkit/conformant_pas_bundle_v110.json', { kind: 'request', version: '2.2.1', tried: [{ version: '2.2.1', errors: 22 }, { version: '2.0.1', errors: 9 }] }, [
    ['code-invalid', 'Bundle.entry[0].resource.extension[0].value.ofType(CodeableConcept)'],
    ['invalid', 'Bundle.entry[0].resource.insurer'],
    ['invalid', 'Bundle.entry[0].resource.careTeam[0].provider'],
    ['invalid', 'Bundle.entry[0].resource.insurance[0].coverage'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[3].value.ofType(CodeableConcept)'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[4].value.ofType(CodeableConcept)'],
    ['invalid', 'Bundle.entry[0].resource.item[0].extension[5].value.ofType(Reference)'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[7].value.ofType(CodeableConcept)'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[8].value.ofType(CodeableConcept)'],
    ['required', 'Bundle.entry[0].resource.item[0].category'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].productOrService'],
    ['invalid', 'Bundle.entry[0].resource'],
    ['invariant', 'Bundle.entry[2].resource.identifier[0]'],
    ['invariant', 'Bundle.entry[3].resource'],
    ['invariant', 'Bundle.entry[3].resource'],
    ['required', 'Bundle.entry[3].resource.identifier'],
    ['required', 'Bundle.entry[3].resource.identifier'],
    ['required', 'Bundle.entry[3].resource.relationship'],
    ['invalid', 'Bundle.entry[3].resource.payor[0]'],
    ['code-invalid', 'Bundle.entry[5].resource.code'],
    ['code-invalid', 'Bundle.entry[5].resource.quantity.ofType(Quantity).code'],
    ['invariant', 'Bundle.entry[6].resource.identifier[0]'],
  ]],
  ['pas-testkit/conformant_pas_inquire_bundle_v110.json', { kind: 'inquiry', version: '2.2.1', tried: [{ version: '2.2.1', errors: 19 }, { version: '2.0.1', errors: 7 }] }, [
    ['code-invalid', 'Bundle.entry[0].resource.extension[0].value.ofType(CodeableConcept)'],
    ['invalid', 'Bundle.entry[0].resource.insurer'],
    ['invalid', 'Bundle.entry[0].resource.careTeam[0].provider'],
    ['invalid', 'Bundle.entry[0].resource.insurance[0].coverage'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[3].value.ofType(CodeableConcept)'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[4].value.ofType(CodeableConcept)'],
    ['invalid', 'Bundle.entry[0].resource.item[0].extension[5].value.ofType(Reference)'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].extension[8].value.ofType(CodeableConcept)'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].productOrService'],
    ['invariant', 'Bundle.entry[2].resource.identifier[0]'],
    ['invariant', 'Bundle.entry[3].resource'],
    ['invariant', 'Bundle.entry[3].resource'],
    ['required', 'Bundle.entry[3].resource.identifier'],
    ['required', 'Bundle.entry[3].resource.identifier'],
    ['required', 'Bundle.entry[3].resource.relationship'],
    ['invalid', 'Bundle.entry[3].resource.payor[0]'],
    ['code-invalid', 'Bundle.entry[5].resource.code'],
    ['code-invalid', 'Bundle.entry[5].resource.quantity.ofType(Quantity).code'],
    ['invariant', 'Bundle.entry[6].resource.identifier[0]'],
  ]],
  ['pas-testkit/nonconformant_pas_bundle_v110.json', { kind: 'request', version: '2.2.1', tried: [{ version: '2.2.1', errors: 3 }, { version: '2.0.1', errors: 3 }] }, [
    ['structure', 'Bundle.entry'],
    ['required', 'Bundle.entry'],
    ['required', 'Bundle.entry'],
  ]],
  // Valid PAS 2.0.1 (not 2.2.1: no Bundle.identifier, no ClaimResponse.request, NPIs): accepted as 2.0.1.
  ['pas-testkit/valid_pa_response_bundle.json', { kind: 'response', version: '2.0.1', tried: [{ version: '2.2.1', errors: 6 }, { version: '2.0.1', errors: 0 }] }, []],
  // Da Vinci reference implementation (PAS 1.x era): rejected with these reasons (among them the
  // PAS 1.x modifier extension `extension-itemCancelled`, since renamed `modifierextension-infoCancelled`).
  ['pas-ri-prior-auth/GrantedResponse.json', { kind: 'response', version: '2.2.1', tried: [{ version: '2.2.1', errors: 6 }, { version: '2.0.1', errors: 5 }] }, [
    ['invariant', 'Bundle'],
    ['required', 'Bundle.identifier'],
    ['required', 'Bundle.timestamp'],
    ['structure', 'Bundle.entry[0].resource.extension[0].value.ofType(string)'],
    ['not-supported', 'Bundle.entry[1].resource.item[0].modifierExtension[0]'],
    ['not-supported', 'Bundle.entry[1].resource.item[1].modifierExtension[0]'],
  ]],
  ['pas-ri-prior-auth/PendedClaimResponse.json', { kind: 'response', version: '2.2.1', tried: [{ version: '2.2.1', errors: 6 }, { version: '2.0.1', errors: 4 }] }, [
    ['required', 'Bundle.identifier'],
    ['required', 'Bundle.timestamp'],
    ['structure', 'Bundle.entry[0].resource.extension[0].value.ofType(string)'],
    ['code-invalid', 'Bundle.entry[0].resource.outcome'],
    ['not-supported', 'Bundle.entry[1].resource.item[0].modifierExtension[0]'],
    ['not-supported', 'Bundle.entry[1].resource.item[1].modifierExtension[0]'],
  ]],
  ['pas-ri-prior-auth/bundle-items.json', { kind: 'request', version: '2.2.1', tried: [{ version: '2.2.1', errors: 27 }, { version: '2.0.1', errors: 17 }] }, [
    ['required', 'Bundle.identifier'],
    ['required', 'Bundle.timestamp'],
    ['required', 'Bundle.entry[0].resource.identifier'],
    ['required', 'Bundle.entry[0].resource.insurer'],
    ['invalid', 'Bundle.entry[0].resource.provider'],
    ['structure', 'Bundle.entry[0].resource.diagnosis[0].diagnosisReference'],
    ['required', 'Bundle.entry[0].resource.diagnosis[0].diagnosis'],
    ['structure', 'Bundle.entry[0].resource.diagnosis[1].diagnosisReference'],
    ['required', 'Bundle.entry[0].resource.diagnosis[1].diagnosis'],
    ['structure', 'Bundle.entry[0].resource.diagnosis[2].diagnosisReference'],
    ['required', 'Bundle.entry[0].resource.diagnosis[2].diagnosis'],
    ['invalid', 'Bundle.entry[0].resource.insurance[0].coverage'],
    ['required', 'Bundle.entry[0].resource.item[0].extension'],
    ['required', 'Bundle.entry[0].resource.item[0].extension'],
    ['required', 'Bundle.entry[0].resource.item[0].extension'],
    ['not-supported', 'Bundle.entry[0].resource.item[0].modifierExtension[0]'],
    ['required', 'Bundle.entry[0].resource.item[0].category'],
    ['code-invalid', 'Bundle.entry[0].resource.item[0].productOrService'],
    ['required', 'Bundle.entry[0].resource.item[0].location'],
    ['required', 'Bundle.entry[0].resource.item[1].extension'],
    ['required', 'Bundle.entry[0].resource.item[1].extension'],
    ['required', 'Bundle.entry[0].resource.item[1].extension'],
    ['not-supported', 'Bundle.entry[0].resource.item[1].modifierExtension[0]'],
    ['required', 'Bundle.entry[0].resource.item[1].category'],
    ['code-invalid', 'Bundle.entry[0].resource.item[1].productOrService'],
    ['required', 'Bundle.entry[0].resource.item[1].location'],
    ['invalid', 'Bundle.entry[0].resource'],
  ]],
  ['pas-ri-prior-auth/bundle-prior-auth.json', { kind: 'request', version: '2.2.1', tried: [{ version: '2.2.1', errors: 26 }, { version: '2.0.1', errors: 25 }] }, [
    ['required', 'Bundle.identifier'],
    ['required', 'Bundle.timestamp'],
    ['required', 'Bundle.entry[0].resource.identifier'],
    ['value', 'Bundle.entry[0].resource.status'],
    ['invalid', 'Bundle.entry[0].resource.patient'],
    ['required', 'Bundle.entry[0].resource.insurer'],
    ['invalid', 'Bundle.entry[0].resource.provider'],
    ['structure', 'Bundle.entry[0].resource.diagnosis[0].diagnosisReference'],
    ['required', 'Bundle.entry[0].resource.diagnosis[0].diagnosis'],
    ['structure', 'Bundle.entry[0].resource.diagnosis[1].diagnosisReference'],
    ['required', 'Bundle.entry[0].resource.diagnosis[1].diagnosis'],
    ['invalid', 'Bundle.entry[0].resource.insurance[0].coverage'],
    ['required', 'Bundle.entry[0].resource.item'],
    ['invalid', 'Bundle.entry[0].resource'],
    ['structure', 'Bundle.entry[1].resource.insurance'],
    ['structure', 'Bundle.entry[2].resource.item[3].item[1].answer[0].integer'],
    ['structure', 'Bundle.entry[2].resource.item[3].item[2].item[0].answer[0].integer'],
    ['structure', 'Bundle.entry[2].resource.item[3].item[2].item[1].answer[0].integer'],
    ['structure', 'Bundle.entry[2].resource.item[3].item[3].item[0].answer[0].integer'],
    ['structure', 'Bundle.entry[2].resource.item[3].item[3].item[1].answer[0].integer'],
    ['structure', 'Bundle.entry[7].resource.clinicalStatus'],
    ['structure', 'Bundle.entry[7].resource.verificationStatus'],
    ['structure', 'Bundle.entry[8].resource.clinicalStatus'],
    ['structure', 'Bundle.entry[8].resource.verificationStatus'],
    ['structure', 'Bundle.entry[9].resource.clinicalStatus'],
    ['structure', 'Bundle.entry[9].resource.verificationStatus'],
  ]],
  ['pas-ri-prior-auth/bundle-response.json', { kind: 'response', version: '2.2.1', tried: [{ version: '2.2.1', errors: 6 }, { version: '2.0.1', errors: 3 }] }, [
    ['required', 'Bundle.identifier'],
    ['structure', 'Bundle.entry[0].resource.extension[0].value.ofType(code)'],
    ['invalid', 'Bundle.entry[0].resource.patient'],
    ['invalid', 'Bundle.entry[0].resource.insurer'],
    ['invalid', 'Bundle.entry[0].resource.requestor'],
    ['required', 'Bundle.entry[0].resource.request'],
  ]],
  ['pas-ri-prior-auth/claimresponse-pended.json', { kind: 'response', version: '2.2.1', tried: [{ version: '2.2.1', errors: 4 }, { version: '2.0.1', errors: 1 }] }, [
    ['required', 'Bundle.identifier'],
    ['value', 'Bundle.entry[0].resource.status'],
    ['required', 'Bundle.entry[0].resource.request'],
    ['code-invalid', 'Bundle.entry[0].resource.outcome'],
  ]],
];

describe('PAS bundles of the corpus', () => {
  it.each(PAS_BUNDLES)('%s', (file, expected, errs) => {
    const result = validatePasBundle(v, load(file));
    expect(result).toMatchObject(expected);
    expect(errors(result.issues)).toEqual(errs);
  });

  it('every PAS bundle of the corpus is covered', () => {
    const listed = new Set(PAS_BUNDLES.map(([f]) => f));
    const bundles = ['pas-ig-2.2.1', 'pas-testkit', 'pas-ri-prior-auth'].flatMap((d) =>
      readdirSync(FIXTURES + d)
        .map((f) => `${d}/${f}`)
        .filter((f) => {
          const r = load(f);
          return typeof r === 'object' && r !== null && 'resourceType' in r && r.resourceType === 'Bundle';
        }),
    );
    const notPas = ['pas-ig-2.2.1/Bundle-PASSubscriptionNotification.json', 'pas-testkit/PAS_notification_example_full_resource.json'];
    expect(bundles.filter((f) => !listed.has(f) && !notPas.includes(f))).toEqual([]);
  });
});

/** Other corpus resources, validated by `meta.profile` (or the profile named). */
const RESOURCES: readonly (readonly [string, string | undefined, readonly Err[]])[] = [
  ['pas-ig-2.2.1/Bundle-PASSubscriptionNotification.json', undefined, []],
  ['pas-ig-2.2.1/ClaimResponse-PractitionerRequestorAdditionalContentResponseExample.json', undefined, []],
  ['pas-ig-2.2.1/OperationOutcome-InvalidRequestResponse.json', undefined, []],
  ['pas-ig-2.2.1/Parameters-PASClaimInquiryOperationResponseExample.json', undefined, []],
  ['pas-ig-2.2.1/Subscription-PASSubscriptionExample.json', undefined, []],
  ['crd-ig-2.0.1/DeviceRequest-example.json', undefined, []],
  ['crd-ig-2.0.1/MedicationRequest-annotated-example.json', undefined, []],
  ['dtr-ig-2.0.1/Bundle-DTRQuestionnairePackageOperationResultSimple.json', undefined, []],
  ['dtr-ig-2.0.1/Bundle-home-o2-questionnairepackage-bundle.json', undefined, []],
  ['dtr-ig-2.0.1/Parameters-QuestionnairePackageInputParamsExample.json', undefined, []],
  ['dtr-ig-2.0.1/Parameters-QuestionnairePackageOutputParamsExample.json', undefined, []],
  ['dtr-ig-2.0.1/Questionnaire-AdaptiveSearchExample.json', undefined, []],
  ['dtr-ig-2.0.1/Questionnaire-home-o2-std-questionnaire.json', undefined, []],
  ['dtr-ig-2.0.1/QuestionnaireResponse-home-o2-questionnaireresponse.json', undefined, []],
  // Subscription notifications (backport profile not carried): entries checked by their PAS profiles.
  ['pas-testkit/PAS_notification_example_full_resource.json', undefined, [
    ['invalid', 'Bundle.entry[1].resource.insurer'],
    ['required', 'Bundle.entry[1].resource.request'],
    ['code-invalid', 'Bundle.entry[1].resource.outcome'],
    ['code-invalid', 'Bundle.entry[1].resource.item[0].adjudication[0].extension[0].extension[0].value.ofType(CodeableConcept)'],
    ['invariant', 'Bundle.entry[3].resource.identifier[0]'],
  ]],
  ['pas-testkit/PAS_Subscription_example_v221_good.json', undefined, []],
  ['pas-testkit/PAS_Subscription_example_v221_good.json', 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-subscription|2.2.1', []],
  // Reference-implementation resources against the PAS / DTR profiles they stand for.
  [
    'pas-ri-prior-auth/claim-update.json',
    'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim-update|2.2.1',
    [
      ['required', 'Claim.identifier'],
      ['value', 'Claim.status'],
      ['required', 'Claim.insurer'],
      ['required', 'Claim.related[0].claim'],
      ['value', 'Claim.related[0].relationship'],
      ['required', 'Claim.item'],
    ],
  ],
  [
    'pas-ri-prior-auth/claim-update.json',
    'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-claim-update|2.0.1',
    [
      ['required', 'Claim.identifier'],
      ['value', 'Claim.status'],
      ['required', 'Claim.insurer'],
      ['required', 'Claim.item'],
    ],
  ],
  [
    'pas-ri-prior-auth/subscription-resthook.json',
    'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-subscription|2.2.1',
    [
      ['value', 'Subscription.criteria'],
      ['required', 'Subscription.channel.payload'],
    ],
  ],
  [
    'pas-ri-prior-auth/questionnaireresponse-dtr.json',
    'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-questionnaireresponse',
    [
      ['required', 'QuestionnaireResponse.extension'],
      ['required', 'QuestionnaireResponse.extension'],
      ['required', 'QuestionnaireResponse.extension'],
      ['required', 'QuestionnaireResponse.questionnaire'],
      ['required', 'QuestionnaireResponse.subject'],
      ['invariant', 'QuestionnaireResponse.item[2].item[2].answer[0]'],
      ['invariant', 'QuestionnaireResponse.item[2].item[3].answer[0]'],
      ['invariant', 'QuestionnaireResponse.item[2].item[4].answer[0]'],
      ['invariant', 'QuestionnaireResponse.item[2].item[5].answer[0]'],
      ['structure', 'QuestionnaireResponse.item[3].item[1].answer[0].integer'],
      ['structure', 'QuestionnaireResponse.item[3].item[2].item[0].answer[0].integer'],
      ['structure', 'QuestionnaireResponse.item[3].item[2].item[1].answer[0].integer'],
      ['structure', 'QuestionnaireResponse.item[3].item[3].item[0].answer[0].integer'],
      ['structure', 'QuestionnaireResponse.item[3].item[3].item[1].answer[0].integer'],
    ],
  ],
  ['pas-ri-prior-auth/questionnaireresponse-dtr.json', undefined, [
    ['invariant', 'QuestionnaireResponse.item[2].item[2].answer[0]'],
    ['invariant', 'QuestionnaireResponse.item[2].item[3].answer[0]'],
    ['invariant', 'QuestionnaireResponse.item[2].item[4].answer[0]'],
    ['invariant', 'QuestionnaireResponse.item[2].item[5].answer[0]'],
    ['structure', 'QuestionnaireResponse.item[3].item[1].answer[0].integer'],
    ['structure', 'QuestionnaireResponse.item[3].item[2].item[0].answer[0].integer'],
    ['structure', 'QuestionnaireResponse.item[3].item[2].item[1].answer[0].integer'],
    ['structure', 'QuestionnaireResponse.item[3].item[3].item[0].answer[0].integer'],
    ['structure', 'QuestionnaireResponse.item[3].item[3].item[1].answer[0].integer'],
  ]],
  // DTR test kit: the `conformant` fixtures conform; the QuestionnaireResponses carry template placeholders.
  ['dtr-testkit/pre_populated_questionnaire_response.json', undefined, [
    ['value', 'QuestionnaireResponse.item[2].item[1].answer[1].value.ofType(Coding).code'],
  ]],
  ['dtr-testkit/questionnaire_dinner_order_static.json', undefined, []],
  ['dtr-testkit/questionnaire_package_input_params_conformant.json', undefined, []],
  ['dtr-testkit/questionnaire_package_output_params_conformant.json', undefined, []],
  ['dtr-testkit/questionnaire_response_dinner_order_static.json', undefined, [
    ['required', 'QuestionnaireResponse.extension'],
    ['required', 'QuestionnaireResponse.extension'],
    ['required', 'QuestionnaireResponse.extension'],
    ['value', 'QuestionnaireResponse.authored'],
    ['invariant', 'QuestionnaireResponse.item[0].item[0].answer[0].extension[0]'],
    ['invariant', 'QuestionnaireResponse.item[0].item[1].answer[0].extension[0]'],
  ]],
];

describe('other corpus resources', () => {
  it.each(RESOURCES)('%s (%s)', (file, profile, errs) => {
    expect(errors(v.validate(load(file), profile))).toEqual(errs);
  });
});

