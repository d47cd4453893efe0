/** The state of a case as a 278 response needs it: its lines, their latest determination, the plan. */
import { and, asc, desc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Queryable } from '../../../platform/db';
import { cases, serviceLines } from '../../../intake/schema';
import { determinations } from '../../../determination/schema';
import { organisations } from '../../../tenancy/schema';
import { caseStatus } from '../../../intake/model';
import { lineOutcome } from '../../../determination/model';
import { UmError } from '../../../platform/errors';
import type { CaseSnapshot } from './outcome';

export async function loadCaseSnapshot(q: Queryable, tenantId: string, caseId: string, timeZone: string): Promise<CaseSnapshot> {
  const [c] = await q
    .select({ caseNumber: cases.caseNumber, status: cases.status, pendMessage: cases.pendMessage, planName: organisations.name })
    .from(cases)
    .leftJoin(organisations, and(eq(organisations.tenantId, cases.tenantId), eq(organisations.id, cases.planOrgId)))
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
  if (c === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'The case of this request no longer exists');
  const lines = await q.select().from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, caseId))).orderBy(asc(serviceLines.lineNo));
  const decisions = await q
    .select()
    .from(determinations)
    .where(and(eq(determinations.tenantId, tenantId), eq(determinations.caseId, caseId)))
    .orderBy(desc(determinations.decidedAt));
  const latest = new Map<string, (typeof decisions)[number]>();
  for (const d of decisions) if (!latest.has(d.lineId)) latest.set(d.lineId, d);
  const localDate = (t: Date | null): string | null => (t === null ? null : (DateTime.fromJSDate(t, { zone: timeZone }).toISODate() ?? null));
  return {
    caseNumber: c.caseNumber,
    status: caseStatus(c.status),
    pendMessage: c.pendMessage,
    planName: c.planName,
    lines: lines.map((l) => {
      const d = latest.get(l.id);
      return {
        lineNo: l.lineNo,
        code: l.code,
        units: l.units,
        placeOfService: l.placeOfService,
        outcome: lineOutcome(l.outcome),
        authorizationNumber: l.authorizationNumber,
        approvedUnits: l.approvedUnits,
        approvedFrom: l.approvedFrom,
        approvedTo: l.approvedTo,
        decidedOn: localDate(l.decidedAt),
        approvedCode: d?.approvedCode ?? null,
        approvedPlaceOfService: d?.approvedPlaceOfService ?? null,
        reasonCode: d?.reasonCode ?? null,
        reason: d?.reason ?? null,
      };
    }),
  };
}
