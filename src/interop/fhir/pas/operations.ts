/**
 * The PAS operations and interactions as data: Claim/$submit and Claim/$inquire (Da Vinci PAS 2.2.1
 * OperationDefinitions Claim-submit and Claim-inquiry, also accepting PAS 2.0.1 bundles) and the read
 * of a ClaimResponse.
 */
import type { FhirInteraction, FhirOperation } from '../http/operations';
import { requiredResource } from '../http/operations';
import type { PasDeps } from './deps';
import { inquirePas, readClaimResponse } from './inquire';
import { submitPas } from './submit';

const PAS = 'http://hl7.org/fhir/us/davinci-pas';
const SD = `${PAS}/StructureDefinition`;

export function pasDefinitions(deps: PasDeps): readonly (FhirOperation | FhirInteraction)[] {
  return [
    {
      kind: 'operation',
      code: 'submit',
      definition: `${PAS}/OperationDefinition/Claim-submit|2.2.1`,
      resource: 'Claim',
      scope: { resource: 'Claim', access: 'write' },
      documentation: 'Submit a PAS Request Bundle (PAS 2.2.1, or 2.0.1): a new request, an update (PAS Claim Update) or a cancellation; answered synchronously with a PAS Response Bundle.',
      parameters: [
        { name: 'resource', use: 'in', min: 1, max: '1', type: 'Bundle', targetProfile: [`${SD}/profile-pas-request-bundle|2.2.1`, `${SD}/profile-pas-request-bundle|2.0.1`], documentation: 'A Bundle containing a single Claim plus referenced resources.' },
        { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle', targetProfile: [`${SD}/profile-pas-response-bundle|2.2.1`], documentation: 'A Bundle containing a single ClaimResponse plus referenced resources.' },
      ],
      handler: (call, input) => submitPas(deps, call, requiredResource(input, 'resource')),
    },
    {
      kind: 'operation',
      code: 'inquire',
      definition: `${PAS}/OperationDefinition/Claim-inquiry|2.2.1`,
      resource: 'Claim',
      scope: { resource: 'ClaimResponse', access: 'read' },
      documentation: 'Query by example for prior authorizations (PAS Inquiry Request Bundle); answered from stored state with one PAS Inquiry Response Bundle per matching request.',
      parameters: [
        { name: 'resource', use: 'in', min: 1, max: '1', type: 'Bundle', targetProfile: [`${SD}/profile-pas-inquiry-request-bundle|2.2.1`], documentation: 'A Bundle containing a single ClaimInquiry plus referenced resources.' },
        { name: 'return', use: 'out', min: 0, max: '*', type: 'Bundle', targetProfile: [`${SD}/profile-pas-inquiry-response-bundle|2.2.1`], documentation: 'Zero-to-many Bundles, each containing a single ClaimInquiryResponse plus referenced resources.' },
      ],
      handler: (call, input) => inquirePas(deps, call, requiredResource(input, 'resource')),
    },
    {
      kind: 'interaction',
      resource: 'ClaimResponse',
      code: 'read',
      profile: `${SD}/profile-claimresponse`,
      scope: { resource: 'ClaimResponse', access: 'read' },
      documentation: 'The current answer to a PAS request of the caller\'s organisation (the id is that of the ClaimResponse in the $submit answer).',
      handler: (call, id) => readClaimResponse(deps, call, id),
    },
  ];
}
