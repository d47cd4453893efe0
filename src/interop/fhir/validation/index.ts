/**
 * FHIR profile validation for the Da Vinci PAS / CRD / DTR guides (see docs/fhir-validation.md).
 * Pure after `createValidator()` has loaded the IG packages and the FHIR R4 core.
 */
export { createValidator, buildValidator, type FhirValidator, type ValidatorOptions, type ValidateOptions } from './validator';
export { toOperationOutcome, hasErrors, errorsOf, type ValidationIssue, type IssueSeverity, type IssueCode } from './issues';
export {
  validatePasBundle,
  pickPasProfile,
  pasBundleProfile,
  PAS_VERSIONS,
  PAS_PACKAGE,
  type PasBundleKind,
  type PasVersion,
  type PasValidation,
  type PasProfileChoice,
} from './pas';
export { readPackage, DEFAULT_PACKAGE_FILES, PACKAGE_DIR, type LoadedPackage } from './loader';
export type { PackageRef } from './definitions';
