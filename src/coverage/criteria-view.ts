/** How a criteria-set version is shown: the public summary with its links (pure). */
import { formatCodeSpec, type CriteriaSet } from '../criteria';
import type { CriteriaSetMeta } from './criteria-store';

/** The public summary of a set version. */
export function setSummary(meta: CriteriaSetMeta, set: CriteriaSet) {
  const base = `/api/criteria/${encodeURIComponent(set.id)}`;
  return {
    id: set.id,
    version: set.version,
    title: set.title,
    description: set.description ?? null,
    status: set.status,
    effective: set.effective,
    activated: meta.activated,
    codes: set.appliesTo.map(formatCodeSpec),
    source: set.source,
    clinicallyReviewed: set.clinicallyReviewed,
    criteria: set.criteria.length,
    links: { json: `${base}?version=${set.version}`, text: `${base}.txt?version=${set.version}`, questionnaire: `${base}/questionnaire?version=${set.version}` },
  };
}

export type CriteriaSetSummary = ReturnType<typeof setSummary>;
