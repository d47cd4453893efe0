/** The DTR operation as data: Questionnaire/$questionnaire-package (Da Vinci DTR 2.0.1). */
import type { FhirOperation } from '../http/operations';
import { isRecord } from '../json';
import { questionnairePackage, type DtrDeps } from './package';

const DTR = 'http://hl7.org/fhir/us/davinci-dtr';

export function dtrDefinitions(deps: DtrDeps): readonly FhirOperation[] {
  return [
    {
      kind: 'operation',
      code: 'questionnaire-package',
      definition: `${DTR}/OperationDefinition/questionnaire-package|2.0.1`,
      resource: 'Questionnaire',
      scope: { resource: 'Questionnaire', access: 'read' },
      documentation: 'The Questionnaires (DTR standard form, from the plan\'s criteria sets) for a coverage and its orders, a CRD coverage assertion, or named canonicals; each in a DTR-QPackageBundle.',
      parameters: [
        { name: 'coverage', use: 'in', min: 0, max: '*', type: 'Coverage', documentation: 'The member\'s Coverage (the dtr-qpackage-input-parameters profile requires one).' },
        { name: 'order', use: 'in', min: 0, max: '*', type: 'Resource', documentation: 'DeviceRequest, ServiceRequest, MedicationRequest, … Encounter, Appointment.' },
        { name: 'referenced', use: 'in', min: 0, max: '*', type: 'Resource', documentation: 'Resources the orders reference (read for context only).' },
        { name: 'questionnaire', use: 'in', min: 0, max: '*', type: 'canonical', documentation: 'Questionnaire canonicals (url or url|version).' },
        { name: 'context', use: 'in', min: 0, max: '1', type: 'string', documentation: 'The CRD coverage-assertion-id.' },
        { name: 'changedsince', use: 'in', min: 0, max: '1', type: 'instant', documentation: 'Accepted; every package is returned (versions are immutable).' },
        { name: 'PackageBundle', use: 'out', min: 0, max: '*', type: 'Bundle', targetProfile: [`${DTR}/StructureDefinition/DTR-QPackageBundle|2.0.1`], documentation: 'One Bundle per Questionnaire, the Questionnaire first.' },
        { name: 'operationOutcome', use: 'out', min: 0, max: '1', type: 'OperationOutcome', documentation: 'Why nothing (or not everything) was returned.' },
      ],
      handler: async (call) => {
        // The parameters were checked by name and type; the profile is checked on the body as sent.
        const body: unknown = call.rawBody === undefined ? undefined : JSON.parse(call.rawBody);
        return questionnairePackage(deps, call, isRecord(body) ? body : {}, await deps.validator());
      },
    },
  ];
}
