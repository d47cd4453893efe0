/**
 * The basis of stored determinations in words, with the titles of the criteria sets they cite
 * (read from the tenant's loaded versions). Used by the decision letters.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import { criteriaSetVersions } from '../coverage/schema';
import { describeBasis, type StoredBasis } from './basis';

export async function basisInWords(q: Queryable, tenantId: string, rows: readonly StoredBasis[]): Promise<string> {
  const ids = [...new Set(rows.map((r) => r.criteriaSetId).filter((x): x is string => x !== null))];
  const titles = new Map<string, string>();
  if (ids.length > 0) {
    const found = await q
      .select({ setId: criteriaSetVersions.setId, version: criteriaSetVersions.version, title: criteriaSetVersions.title })
      .from(criteriaSetVersions)
      .where(and(eq(criteriaSetVersions.tenantId, tenantId), inArray(criteriaSetVersions.setId, ids)));
    for (const f of found) titles.set(`${f.setId}@${f.version}`, f.title);
  }
  return describeBasis(rows, titles);
}
