import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isRecord } from '../json';
import { orderCodes, placeOfServiceOf, serviceDateOf } from './orders';
import { readHookRequest, resourcesIn } from './request';
import { coverageCard, coverageInformation } from './coverage-info';
import { orgIdentifiersOf, readSubscription } from '../subscriptions/model';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/fhir/', import.meta.url));
const load = (file: string): Record<string, unknown> => {
  const v: unknown = JSON.parse(readFileSync(FIXTURES + file, 'utf8'));
  if (!isRecord(v)) throw new Error(file);
  return { ...v };
};

describe('CRD hook requests, read leniently', () => {
  it('reads the IG order-sign request: billing options before the clinical code, and the prefetched Coverage', () => {
    const req = readHookRequest(load('crd-ig-source/CRDServiceRequest.json'), 'order-sign');
    expect(req.token).toBe('some-opaque-fhir-access-token');
    expect(req.prefetched.filter((r) => r['resourceType'] === 'Coverage').map((r) => r['subscriberId'])).toEqual(['888009335']);
    const [mammo, oxygen] = resourcesIn(req.context['draftOrders']);
    expect(orderCodes(mammo ?? {}).billing.map((b) => `${b.codeSystem} ${b.code}`)).toEqual(['CPT 77061', 'CPT 77062', 'CPT 77065', 'CPT 77066']);
    expect(orderCodes(oxygen ?? {}).billing.map((b) => `${b.codeSystem} ${b.code}`)).toEqual(['HCPCS E0431']);
  });

  it('reads the test kit\'s draft orders without Bundle.type; codes that are not billing codes give none', () => {
    const req = readHookRequest(load('crd-testkit/order_sign_hook_request.json'), 'order-sign');
    const orders = resourcesIn(req.context['draftOrders']);
    expect(orders.map((o) => o['resourceType'])).toEqual(['NutritionOrder', 'MedicationRequest']);
    expect(orders.map((o) => orderCodes(o).billing.length)).toEqual([0, 0]);
    expect(orderCodes(orders[0] ?? {}).all.map((c) => c.code)).toContain('226211001');
  });

  it('refuses another hook, and a request without context', () => {
    expect(() => readHookRequest(load('crd-ri/medicationRequestPrefetch.json'), 'order-sign')).toThrow('This service answers the order-sign hook, not medication-prescribe');
    expect(() => readHookRequest({ hook: 'order-sign' }, 'order-sign')).toThrow('The request has no context');
  });

  it('takes the date and place of service an order states', () => {
    expect(serviceDateOf({ resourceType: 'Appointment', start: '2019-08-10T09:00:00-06:00' })).toBe('2019-08-10');
    expect(serviceDateOf({ resourceType: 'ServiceRequest', occurrencePeriod: { start: '2026-01-02' } })).toBe('2026-01-02');
    expect(placeOfServiceOf({ resourceType: 'Encounter', class: { code: 'IMP' } })).toBe('21');
    expect(placeOfServiceOf({ resourceType: 'Encounter', class: { code: 'AMB' } })).toBeUndefined();
  });

  it('writes the coverage-information extension and a card under 140 characters', () => {
    const answer = { coverageRef: 'Coverage/1', covered: 'covered' as const, paNeeded: 'auth-needed' as const, docNeeded: 'clinical' as const, questionnaires: ['https://openum.org/fhir/Questionnaire/x|1'], billingCodes: [], reasons: [{ text: 'HCPCS E0431: required' }], date: '2026-11-20', assertionId: 'a1' };
    const ext = coverageInformation(answer);
    expect(JSON.stringify(ext)).toContain('"url":"doc-purpose","valueCode":"withpa"');
    const card = coverageCard({ uuid: 'u', label: 'x'.repeat(200), answer, orderRef: 'ServiceRequest/1', sourceLabel: 'Plan', links: [] });
    expect(String(card['summary']).length).toBeLessThan(140);
    expect(card['indicator']).toBe('warning');
  });
});

describe('PAS subscriptions', () => {
  it('reads both spellings of the org-identifier filter', () => {
    expect(orgIdentifiersOf('org-identifier=N123456,4543315')).toEqual(['N123456', '4543315']);
    expect(orgIdentifiersOf('orgIdentifier=1234567893')).toEqual(['1234567893']);
    expect(orgIdentifiersOf('patient=123')).toBeUndefined();
  });

  it('accepts the IG and test-kit subscriptions and refuses the reference implementation\'s', () => {
    expect(readSubscription(load('pas-ig-2.2.1/Subscription-PASSubscriptionExample.json'))).toMatchObject({ orgIdentifiers: ['1234567893'], endpoint: 'http://example.org/send-me-subscription-notifications' });
    expect(readSubscription(load('pas-testkit/PAS_Subscription_example_v221_good.json'))).toMatchObject({ orgIdentifiers: ['8189991234'] });
    const ri = readSubscription(load('pas-ri-prior-auth/subscription-resthook.json'));
    expect('issues' in ri ? ri.issues.map((i) => i.expression) : []).toEqual(['Subscription.criteria', 'Subscription.criteria.extension', 'Subscription.channel.payload.extension']);
  });
});
