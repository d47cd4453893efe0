/**
 * The CRD services offered at `GET /cds-services` (CDS Hooks 2.0 §"Discovery"; Da Vinci CRD 2.0.1
 * §"Hooks", §"Prefetch"): one service per hook, each asking for the patient and the active Coverage —
 * what every answer needs (CRD found-27); anything else is fetched with the token when needed.
 */
export const HOOKS = ['order-sign', 'order-select', 'order-dispatch', 'appointment-book', 'encounter-start', 'encounter-discharge'] as const;
export type HookName = (typeof HOOKS)[number];

export const isHook = (s: string): s is HookName => HOOKS.some((h) => h === s);

export const serviceId = (hook: HookName): string => `openum-crd-${hook}`;

const TITLES: Readonly<Record<HookName, string>> = {
  'order-sign': 'Coverage requirements when orders are signed',
  'order-select': 'Coverage requirements when orders are selected',
  'order-dispatch': 'Coverage requirements when orders are dispatched to a performer',
  'appointment-book': 'Coverage requirements when appointments are booked',
  'encounter-start': 'Coverage requirements when an encounter starts',
  'encounter-discharge': 'Coverage requirements at discharge',
};

export function discovery(): { services: Record<string, unknown>[] } {
  return {
    services: HOOKS.map((hook) => ({
      hook,
      id: serviceId(hook),
      title: TITLES[hook],
      description: 'Da Vinci CRD: whether the member is covered, whether prior authorization is needed (from the plan\'s prior-authorization list), and which questions (DTR) document it — returned as the coverage-information extension on each order, with a card.',
      prefetch: {
        patient: 'Patient/{{context.patientId}}',
        coverage: 'Coverage?patient={{context.patientId}}&status=active',
        ...(hook === 'encounter-start' || hook === 'encounter-discharge' ? { encounter: 'Encounter/{{context.encounterId}}' } : {}),
      },
      extension: { 'davinci-crd.configuration-options': [] },
    })),
  };
}
