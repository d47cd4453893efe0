/**
 * `Questionnaire/$questionnaire-package` (Da Vinci DTR 2.0.1 OperationDefinition questionnaire-package;
 * input profile dtr-qpackage-input-parameters, output dtr-qpackage-output-parameters): the Questionnaire
 * of each criteria set that applies — named by canonical, by the CRD coverage assertion (`context`), or
 * found from the orders through the member's PA list (the same answer as the portal and CRD) — each
 * in its own `collection` Bundle, Questionnaire first (DTR-QPackageBundle). When nothing applies, or
 * something was not understood, an OperationOutcome explains why.
 */
import { DateTime } from 'luxon';
import { getTenant } from '../../../tenancy/store';
import { listSetVersions, readSetVersion, requirementsFor, type CriteriaCatalog } from '../../../coverage';
import { toDtrQuestionnaire, type CriteriaSet } from '../../../criteria';
import type { CallContext, FhirAnswer } from '../http/operations';
import { issuesError } from '../http/outcome';
import { identifiers, isRecord, isString, str, type JsonObject } from '../json';
import { hasErrors, type FhirValidator } from '../validation';
import type { PasDeps } from '../pas/deps';
import { findMemberByCandidates } from '../pas/parties';
import { orderCodes, orderLabel, serviceDateOf } from '../crd/orders';
import { assertionById } from '../crd/store';

const INPUT_PROFILE = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-qpackage-input-parameters|2.0.1';
const PACKAGE_BUNDLE = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/DTR-QPackageBundle';
const OUTPUT_PROFILE = 'http://hl7.org/fhir/us/davinci-dtr/StructureDefinition/dtr-qpackage-output-parameters';

export interface DtrDeps extends PasDeps {
  readonly catalog: CriteriaCatalog;
}

type Note = { readonly severity: 'warning' | 'information'; readonly code: string; readonly text: string; readonly expression?: string };

const memberIdsOf = (cov: JsonObject): string[] => [
  ...identifiers(cov).filter((i) => i.typeCodes.includes('MB')).flatMap((i) => i.value ?? []),
  ...(str(cov, 'subscriberId') === undefined ? [] : [str(cov, 'subscriberId') ?? '']),
];

/** Sets whose Questionnaire has the canonical (`url` or `url|version`). */
async function setsByCanonical(deps: DtrDeps, tenantId: string, canonical: string): Promise<CriteriaSet[]> {
  const [url, version] = canonical.split('|');
  const out: CriteriaSet[] = [];
  for (const m of await listSetVersions(deps.ctx.db, tenantId, { activatedOnly: true })) {
    const { set } = await readSetVersion(deps.ctx.db, tenantId, m.setId, m.version, { activatedOnly: true });
    if (set.questionnaire.url === url && (version === undefined || set.questionnaire.version === version)) out.push(set);
  }
  return out;
}

function packageBundle(set: CriteriaSet, baseUrl: string, now: Date): Record<string, unknown> {
  const q = toDtrQuestionnaire(set);
  return {
    resourceType: 'Bundle',
    meta: { profile: [PACKAGE_BUNDLE] },
    type: 'collection',
    timestamp: now.toISOString(),
    entry: [{ fullUrl: `${baseUrl}/Questionnaire/${q.id ?? set.id}`, resource: q }],
  };
}

export async function questionnairePackage(deps: DtrDeps, call: CallContext, params: JsonObject, validator: FhirValidator): Promise<FhirAnswer> {
  const issues = validator.validate(params, INPUT_PROFILE);
  if (hasErrors(issues)) throw issuesError('UM_ERR_FHIR_PROFILE', 'The input does not conform to dtr-qpackage-input-parameters', issues);
  const db = deps.ctx.db;
  const tenant = await getTenant(db, call.principal.tenantId);
  const now = deps.ctx.clock.now();
  const today = DateTime.fromJSDate(now, { zone: tenant.timeZone }).toISODate() ?? '';
  const notes: Note[] = [];
  const parameters = Array.isArray(params['parameter']) ? params['parameter'].filter(isRecord) : [];
  const byName = (name: string) => parameters.filter((p) => p['name'] === name);
  const sets = new Map<string, CriteriaSet>();
  const add = (s: CriteriaSet) => sets.set(`${s.id}|${s.version}`, s);

  for (const p of byName('questionnaire')) {
    const canonical = p['valueCanonical'];
    if (!isString(canonical)) continue;
    const found = await setsByCanonical(deps, tenant.id, canonical);
    if (found.length === 0) notes.push({ severity: 'warning', code: 'not-found', text: `No Questionnaire ${canonical} is published by ${tenant.name}`, expression: 'Parameters.parameter.where(name = \'questionnaire\')' });
    found.forEach(add);
  }
  const context = byName('context')[0]?.['valueString'];
  if (isString(context)) {
    const a = await assertionById(db, tenant.id, context);
    if (a === null) notes.push({ severity: 'warning', code: 'not-found', text: `No coverage assertion ${context} was made by ${tenant.name}'s CRD service` });
    else for (const q of a.questionnaires) (await setsByCanonical(deps, tenant.id, q)).forEach(add);
  }
  const coverages = byName('coverage').map((p) => p['resource']).filter(isRecord);
  let member = null;
  for (const cov of coverages) {
    member ??= await findMemberByCandidates(db, tenant.id, memberIdsOf(cov));
  }
  const orders = byName('order').map((p) => p['resource']).filter(isRecord);
  if (member === null && orders.length > 0) {
    notes.push({ severity: 'warning', code: 'not-found', text: `The Coverage (member ${coverages.flatMap(memberIdsOf).join(', ') || 'not identified'}) is not a coverage of ${tenant.name}: no questions can be chosen for the orders`, expression: 'Parameters.parameter.where(name = \'coverage\')' });
  }
  for (const order of orders) {
    if (member === null) break;
    const codes = orderCodes(order).billing;
    if (codes.length === 0) {
      notes.push({ severity: 'information', code: 'informational', text: `${orderLabel(order)}: no CPT, HCPCS or revenue code, so no documentation rule applies` });
      continue;
    }
    const a = await requirementsFor(db, tenant.id, { member: { id: member.id }, codes: codes.map((c) => ({ codeSystem: c.codeSystem, code: c.code })), dateOfService: serviceDateOf(order) ?? today }, deps.catalog);
    for (const item of a.items) {
      const cs = item.criteriaSet;
      if (item.requirement === 'required' && cs !== null && cs.version !== null) {
        add((await readSetVersion(db, tenant.id, cs.id, cs.version)).set);
      } else {
        notes.push({ severity: 'information', code: 'informational', text: `${item.codeSystem} ${item.code}: ${item.message} No questions are needed.` });
      }
    }
  }
  const bundles = [...sets.values()].map((s) => packageBundle(s, deps.baseUrl, now));
  if (bundles.length === 0 && notes.length === 0) notes.push({ severity: 'information', code: 'informational', text: 'No questionnaire applies to the coverage and orders given' });
  const outcome = notes.length === 0 ? [] : [{
    name: 'operationOutcome',
    resource: { resourceType: 'OperationOutcome', issue: notes.map((n) => ({ severity: n.severity, code: n.code, diagnostics: n.text, ...(n.expression === undefined ? {} : { expression: [n.expression] }) })) },
  }];
  return {
    status: 200,
    body: { resourceType: 'Parameters', ...(bundles.length > 0 ? { meta: { profile: [OUTPUT_PROFILE] } } : {}), parameter: [...bundles.map((resource) => ({ name: 'PackageBundle', resource })), ...outcome] },
    audit: { action: 'dtr.questionnaire_package', recordType: 'questionnaire-package', recordId: member?.id ?? 'no-member', details: { questionnaires: [...sets.keys()], warnings: notes.length } },
  };
}
