/**
 * Answering a CRD hook (Da Vinci CRD 2.0.1): find the orders and the patient's Coverage (prefetch,
 * else the EHR's FHIR server), the member behind the Coverage, and for each order the same answer the
 * provider portal gives (`requirementsFor` of the coverage capability: the contract's PA list, the
 * criteria set in force and its Questionnaire, gold carding). Each order gets the coverage-information
 * extension as a system action (`update` of the draft order) and a card.
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { UmError, isUmError } from '../../../platform/errors';
import type { Principal } from '../../../platform/auth/model';
import { getTenant } from '../../../tenancy/store';
import { requirementsFor, type CriteriaCatalog, type RequirementItem } from '../../../coverage';
import { identifiers, objs, referenceOf, str, type JsonObject } from '../json';
import type { PasDeps } from '../pas/deps';
import { findMemberByCandidates } from '../pas/parties';
import { coverageCard, coverageInformation, type CoverageAnswer, type PaNeeded } from './coverage-info';
import { CRD_EXT, orderCodes, orderLabel, placeOfServiceOf, serviceDateOf, type BillingCode } from './orders';
import { findPrefetched, query, readHookRequest, resourcesIn, type Fetcher, type HookRequest } from './request';
import { authorizationOnFile, recordAssertions, type AssertionRow } from './store';
import type { HookName } from './services';

export interface CrdDeps extends PasDeps {
  readonly catalog: CriteriaCatalog;
  readonly fetcher: Fetcher;
}

export interface HookAnswer {
  readonly body: { readonly cards: readonly Record<string, unknown>[]; readonly systemActions: readonly Record<string, unknown>[] };
  readonly memberId: string | null;
  readonly orders: number;
}

const dataMissing = (why: string) => new UmError('UM_ERR_FHIR_CDS_DATA', `${why}; send it as prefetch or give a reachable fhirServer and fhirAuthorization`, { details: [{ path: 'prefetch', message: why }] });

/** The orders (or booking, or encounter) the hook is about. */
async function subjectsOf(req: HookRequest, hook: HookName, fetcher: Fetcher): Promise<JsonObject[]> {
  const c = req.context;
  switch (hook) {
    case 'order-sign':
      return resourcesOfContext(c['draftOrders']);
    case 'order-select': {
      const all = resourcesOfContext(c['draftOrders']);
      const sel = Array.isArray(c['selections']) ? c['selections'].filter((s): s is string => typeof s === 'string') : [];
      return sel.length === 0 ? all : all.filter((r) => sel.includes(`${String(r['resourceType'])}/${String(r['id'])}`));
    }
    case 'appointment-book':
      return resourcesOfContext(c['appointments']);
    case 'order-dispatch': {
      const refs = Array.isArray(c['dispatchedOrders']) ? c['dispatchedOrders'].filter((s): s is string => typeof s === 'string') : [];
      const out: JsonObject[] = [];
      for (const ref of refs) {
        const found = findPrefetched(req, ref) ?? (await fetchOne(req, fetcher, ref));
        if (found !== undefined) out.push(found);
      }
      return out;
    }
    case 'encounter-start':
    case 'encounter-discharge': {
      const id = str(c, 'encounterId');
      if (id === undefined) return [];
      return [findPrefetched(req, `Encounter/${id}`) ?? req.prefetched.find((r) => r['resourceType'] === 'Encounter') ?? (await fetchOne(req, fetcher, `Encounter/${id}`)) ?? { resourceType: 'Encounter', id }];
    }
  }
}

async function fetchOne(req: HookRequest, fetcher: Fetcher, ref: string): Promise<JsonObject | undefined> {
  const r = await query(req, fetcher, ref);
  if (r === undefined) throw dataMissing(`${ref} is not in prefetch`);
  if (!r.ok) throw dataMissing(r.reason);
  return r.resources[0];
}

/** The resources of a context Bundle (lenient: a Bundle without `type` is read too). */
const resourcesOfContext = (v: unknown): JsonObject[] => resourcesIn(v);

/** The patient's Coverage resources: prefetch, else `Coverage?patient=…&status=active` on the EHR. */
async function coveragesOf(req: HookRequest, fetcher: Fetcher): Promise<JsonObject[]> {
  const pre = req.prefetched.filter((r) => r['resourceType'] === 'Coverage');
  if (pre.length > 0) return pre;
  const patient = str(req.context, 'patientId');
  if (patient === undefined) throw dataMissing('The context has no patientId to find the Coverage');
  const r = await query(req, fetcher, `Coverage?patient=${encodeURIComponent(patient)}&status=active`);
  if (r === undefined) throw dataMissing('No Coverage in prefetch and no fhirServer to ask');
  if (!r.ok) throw dataMissing(r.reason);
  return r.resources.filter((x) => x['resourceType'] === 'Coverage');
}

/** Member identifiers of a Coverage: MB identifiers, the subscriber id, the beneficiary's MB identifiers. */
function memberIds(req: HookRequest, cov: JsonObject): string[] {
  const out = identifiers(cov).filter((i) => i.typeCodes.includes('MB')).flatMap((i) => i.value ?? []);
  const sub = str(cov, 'subscriberId');
  if (sub !== undefined) out.push(sub);
  const ben = referenceOf(cov['beneficiary']);
  const patient = ben === undefined ? undefined : findPrefetched(req, ben);
  if (patient !== undefined) out.push(...identifiers(patient).filter((i) => i.typeCodes.includes('MB')).flatMap((i) => i.value ?? []));
  return [...new Set(out)];
}

const STRICTNESS: Readonly<Record<RequirementItem['requirement'], number>> = { required: 3, unknown: 2, notification_only: 1, not_required: 0 };

export async function answerHook(deps: CrdDeps, principal: Principal, hook: HookName, body: unknown): Promise<HookAnswer> {
  const req = readHookRequest(body, hook);
  const db = deps.ctx.db;
  const tenant = await getTenant(db, principal.tenantId);
  const today = DateTime.fromJSDate(deps.ctx.clock.now(), { zone: tenant.timeZone }).toISODate() ?? '';
  const orders = await subjectsOf(req, hook, deps.fetcher);
  const coverages = await coveragesOf(req, deps.fetcher);
  const info = (summary: string, detail: string) => ({ uuid: randomUUID(), summary, indicator: 'info', detail, source: { label: tenant.name, topic: { system: 'http://hl7.org/fhir/us/davinci-crd/CodeSystem/temp', code: 'coverage-info', display: 'Coverage Information' } } });
  if (coverages.length === 0) return { body: { cards: [info('No active coverage found for this patient', `The EHR has no active Coverage for the patient; ${tenant.name} cannot say what the plan requires.`)], systemActions: [] }, memberId: null, orders: orders.length };
  let member = null;
  let coverage: JsonObject | undefined;
  for (const cov of coverages) {
    member = await findMemberByCandidates(db, tenant.id, memberIds(req, cov));
    if (member !== null) {
      coverage = cov;
      break;
    }
  }
  if (member === null || coverage === undefined) {
    const ids = coverages.flatMap((c) => memberIds(req, c)).join(', ') || 'none';
    return { body: { cards: [info(`Coverage not recognised by ${tenant.name}`.slice(0, 139), `No member of ${tenant.name} has the member identifier(s) ${ids}; this service answers for its own members only.`)], systemActions: [] }, memberId: null, orders: orders.length };
  }
  const coverageRef = `Coverage/${str(coverage, 'id') ?? 'unknown'}`;
  const cards: Record<string, unknown>[] = [];
  const actions: Record<string, unknown>[] = [];
  const assertions: AssertionRow[] = [];
  for (const order of orders) {
    const codes = orderCodes(order).billing;
    const date = serviceDateOf(order) ?? today;
    const assertionId = randomUUID().replace(/-/g, '');
    const answer = await answerFor(deps, tenant.id, member.id, codes, date, placeOfServiceOf(order), { today, coverageRef, assertionId }, orderCodes(order).all.length > 0);
    const first = answer.items.find((i) => i.criteriaSet !== null && i.requirement === 'required');
    assertions.push({ tenantId: tenant.id, id: assertionId, memberId: member.id, hook, codeSystem: codes[0]?.codeSystem ?? null, code: codes[0]?.code ?? null, dateOfService: date, requirement: answer.requirement, criteriaSetId: first?.criteriaSet?.id ?? null, questionnaires: [...answer.answer.questionnaires], createdAt: deps.ctx.clock.now() });
    const orderRef = `${str(order, 'resourceType') ?? 'Resource'}/${str(order, 'id') ?? ''}`;
    const extensions = objs(order, 'extension').filter((e) => str(e, 'url') !== CRD_EXT.coverageInformation);
    actions.push({ type: 'update', description: `Coverage information from ${tenant.name}`, resource: { ...order, extension: [...extensions, coverageInformation(answer.answer)] } });
    const set = first?.criteriaSet;
    cards.push(coverageCard({
      uuid: randomUUID(),
      label: orderLabel(order),
      answer: answer.answer,
      orderRef,
      sourceLabel: tenant.name,
      links: set === undefined || set === null ? [] : [{ label: `Criteria: ${'title' in set ? set.title : set.id}`, url: `${deps.ctx.config.publicUrl}/api/criteria/${set.id}.txt?tenant=${tenant.slug}` }],
    }));
  }
  await recordAssertions(db, assertions);
  return { body: { cards, systemActions: actions }, memberId: member.id, orders: orders.length };
}

async function answerFor(deps: CrdDeps, tenantId: string, memberId: string, codes: readonly BillingCode[], date: string, pos: string | undefined, a0: { today: string; coverageRef: string; assertionId: string }, coded: boolean): Promise<{ answer: CoverageAnswer; items: readonly RequirementItem[]; requirement: string }> {
  const base = { coverageRef: a0.coverageRef, date: a0.today, assertionId: a0.assertionId, billingCodes: codes.map((c) => c.coding) };
  if (codes.length === 0) {
    const text = coded ? 'The order carries no CPT, HCPCS or revenue code; the plan\'s list is kept by those codes. Add the billing code, or ask the plan.' : 'The order is not coded.';
    return { answer: { ...base, covered: 'conditional', paNeeded: 'conditional', questionnaires: [], reasons: [{ text }] }, items: [], requirement: 'unknown' };
  }
  let a;
  try {
    a = await requirementsFor(deps.ctx.db, tenantId, { member: { id: memberId }, codes: codes.map((c) => ({ codeSystem: c.codeSystem, code: c.code })), dateOfService: date, ...(pos === undefined ? {} : { placeOfService: pos }) }, deps.catalog);
  } catch (e) {
    if (isUmError(e) && e.code === 'UM_ERR_INTAKE_MEMBER_UNKNOWN') throw new UmError('UM_ERR_INTERNAL', 'member vanished while answering CRD', { cause: e });
    throw e;
  }
  const reasons = a.items.map((i) => ({ text: `${i.codeSystem} ${i.code}: ${i.message}`, ...(i.goldCard === null ? {} : { code: 'gold-card' }) }));
  if (a.eligibility.kind === 'not_covered_on_date') return { answer: { ...base, covered: 'not-covered', questionnaires: [], reasons: [{ text: a.eligibility.message }] }, items: a.items, requirement: 'unknown' };
  const worst = [...a.items].sort((x, y) => STRICTNESS[y.requirement] - STRICTNESS[x.requirement])[0];
  const requirement = worst?.requirement ?? 'not_required';
  const required = a.items.filter((i) => i.requirement === 'required' && i.goldCard === null);
  let paNeeded: PaNeeded = requirement === 'unknown' ? 'conditional' : required.length > 0 ? 'auth-needed' : 'no-auth';
  let satisfiedPaId: string | undefined;
  if (paNeeded === 'auth-needed') {
    const found = await Promise.all(required.map((i) => authorizationOnFile(deps.ctx.db, tenantId, memberId, i.code, date)));
    if (found.every((n) => n !== undefined)) {
      paNeeded = 'satisfied';
      satisfiedPaId = found[0];
    }
  }
  const questionnaires = paNeeded === 'auth-needed' ? [...new Set(required.flatMap((i) => (i.criteriaSet !== null && 'questionnaire' in i.criteriaSet ? [i.criteriaSet.questionnaire] : [])))] : [];
  return {
    answer: { ...base, covered: requirement === 'unknown' ? 'conditional' : 'covered', paNeeded, ...(questionnaires.length > 0 ? { docNeeded: 'clinical' as const } : {}), questionnaires, reasons, ...(satisfiedPaId === undefined ? {} : { satisfiedPaId }) },
    items: a.items,
    requirement,
  };
}
