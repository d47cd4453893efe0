/**
 * The CapabilityStatement (`GET /fhir/metadata`, FHIR R4 §CapabilityStatement) generated from the
 * declared operations and interactions, with SMART backend-services security — and the
 * `.well-known/smart-configuration` document. The older `oauth-uris` extension is left out: its
 * `authorize` URL is mandatory and backend services have no authorize endpoint; SMART App Launch 2.x
 * discovery is the well-known document (§"Conformance").
 */
import { ASSERTION_ALGORITHMS } from '../../../platform/auth/smart';
import type { FhirInteraction, FhirOperation } from './operations';

export const SOFTWARE = { name: 'OpenUM', version: '0.1.0' } as const;

/** The implementation guides the endpoint follows. */
export const IMPLEMENTATION_GUIDES = [
  'http://hl7.org/fhir/us/davinci-pas/ImplementationGuide/hl7.fhir.us.davinci-pas|2.2.1',
  'http://hl7.org/fhir/us/davinci-pas/ImplementationGuide/hl7.fhir.us.davinci-pas|2.0.1',
  'http://hl7.org/fhir/us/davinci-dtr/ImplementationGuide/hl7.fhir.us.davinci-dtr|2.0.1',
  'http://hl7.org/fhir/uv/subscriptions-backport/ImplementationGuide/hl7.fhir.uv.subscriptions-backport|1.1.0',
] as const;

export function capabilityStatement(baseUrl: string, defs: readonly (FhirOperation | FhirInteraction)[], date: string): Record<string, unknown> {
  const types = [...new Set(defs.map((d) => d.resource))].sort();
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date,
    publisher: 'OpenUM',
    kind: 'instance',
    software: SOFTWARE,
    implementation: { description: 'OpenUM payer endpoint: Da Vinci PAS, DTR and PAS subscriptions (R4 Backport)', url: baseUrl },
    fhirVersion: '4.0.1',
    // Only a MIME type: the binding to http://hl7.org/fhir/ValueSet/mimetypes is required.
    format: ['application/fhir+json'],
    implementationGuide: [...IMPLEMENTATION_GUIDES],
    rest: [
      {
        mode: 'server',
        documentation: 'Every call needs a bearer token from POST /oauth/token (SMART backend services, a signed JWT assertion; or a client secret where enabled) with the scope the interaction lists.',
        security: {
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }] }],
          description: `SMART backend services (client_credentials with a client_assertion signed ${ASSERTION_ALGORITHMS.join(' or ')}); scopes are checked per interaction.`,
        },
        resource: types.map((type) => {
          const interactions = defs.filter((d): d is FhirInteraction => d.kind === 'interaction' && d.resource === type);
          const operations = defs.filter((d): d is FhirOperation => d.kind === 'operation' && d.resource === type);
          const profile = interactions.find((i) => i.profile !== undefined)?.profile;
          return {
            type,
            ...(profile === undefined ? {} : { profile }),
            ...(interactions.length === 0 ? {} : { interaction: interactions.map((i) => ({ code: i.code, documentation: `${i.documentation} Scope: system/${i.scope.resource}.${i.scope.access}.` })) }),
            ...(operations.length === 0 ? {} : { operation: operations.map((o) => ({ name: o.code, definition: o.definition, documentation: `${o.documentation} Scope: system/${o.scope.resource}.${o.scope.access}.` })) }),
          };
        }),
      },
    ],
  };
}

/** SMART App Launch 2.x `.well-known/smart-configuration` for backend services. */
export function smartConfiguration(publicUrl: string, scopes: readonly string[]): Record<string, unknown> {
  return {
    token_endpoint: `${publicUrl}/oauth/token`,
    grant_types_supported: ['client_credentials'],
    token_endpoint_auth_methods_supported: ['private_key_jwt', 'client_secret_basic', 'client_secret_post'],
    token_endpoint_auth_signing_alg_values_supported: [...ASSERTION_ALGORITHMS],
    scopes_supported: [...scopes],
    capabilities: ['client-confidential-asymmetric'],
  };
}
