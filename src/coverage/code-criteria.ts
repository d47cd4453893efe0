/**
 * The criteria sets in force for a code, and their Questionnaires (as Da Vinci DTR hands them out),
 * without a member: for DTR's `$questionnaire-package` and the portal's question form. Which set a
 * request is actually checked against is the PA list's answer (`requirementsFor`); this is the
 * catalogue view by code.
 */
import type { Questionnaire } from '@medplum/fhirtypes';
import type { Queryable } from '../platform/db';
import { codeInSpec, normalizeCode, toDtrQuestionnaire, type CriteriaSet, type ServiceCodeSystem } from '../criteria';
import { inForceOn, listSetVersions, type CriteriaCatalog } from './criteria-store';

export interface CodeCriteria {
  readonly set: CriteriaSet;
  /** The DTR form of the set's questions (`dtr-std-questionnaire`). */
  readonly questionnaire: Questionnaire;
}

/** Every activated set in force on `date` that applies to the code (highest version of each). */
export async function criteriaForCode(q: Queryable, tenantId: string, catalog: CriteriaCatalog, code: { readonly codeSystem: ServiceCodeSystem; readonly code: string }, date: string): Promise<CodeCriteria[]> {
  const normal = normalizeCode(code.codeSystem, code.code);
  if (normal === undefined) return [];
  const latest = new Map<string, string>();
  for (const m of await listSetVersions(q, tenantId, { activatedOnly: true })) if (inForceOn(m, date)) latest.set(m.setId, m.version);
  const out: CodeCriteria[] = [];
  for (const [setId, version] of latest) {
    const { set } = await catalog.read(q, tenantId, setId, version);
    if (set.appliesTo.some((spec) => codeInSpec(spec, code.codeSystem, normal))) out.push({ set, questionnaire: toDtrQuestionnaire(set) });
  }
  return out;
}
