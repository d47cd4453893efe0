/**
 * Routing facts set when a case is received (every channel, in the intake transaction): the
 * licence state its reviewers need, the specialty its physician review needs, and its service
 * category — from the tenant's routing settings, the coverage and the lines.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../platform/db';
import type { CaseEventHandler } from '../intake/events';
import { cases, serviceLines } from '../intake/schema';
import { coverages } from '../members/schema';
import { getTenant } from '../tenancy/store';
import { tenantRoutingSettings } from './settings';
import { requiredLicenceState, requiredSpecialty, serviceCategoryOf } from './routing';

/** Computes and stores a case's routing facts. */
export async function routeCase(tx: Tx, tenantId: string, caseId: string): Promise<void> {
  const [c] = await tx.select().from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
  if (c === undefined) return;
  const [cov] =
    c.coverageId !== null
      ? await tx.select().from(coverages).where(and(eq(coverages.tenantId, tenantId), eq(coverages.id, c.coverageId)))
      : await tx.select().from(coverages).where(and(eq(coverages.tenantId, tenantId), eq(coverages.memberId, c.memberId))).orderBy(desc(coverages.effectiveFrom)).limit(1);
  const lines = await tx.select({ code: serviceLines.code, serviceGroup: serviceLines.serviceGroup, outcome: serviceLines.outcome }).from(serviceLines).where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, caseId))).orderBy(asc(serviceLines.lineNo));
  const pending = lines.filter((l) => l.outcome === null);
  const settings = tenantRoutingSettings((await getTenant(tx, tenantId)).settings);
  const reviewed = pending.length > 0 ? pending : lines;
  await tx
    .update(cases)
    .set({
      requiredLicenceState: requiredLicenceState(settings, cov === undefined ? null : { lineOfBusiness: cov.lineOfBusiness, productType: cov.productType, funding: cov.funding, state: cov.state }),
      requiredSpecialty: requiredSpecialty(settings, reviewed),
      serviceCategory: serviceCategoryOf(reviewed),
    })
    .where(and(eq(cases.tenantId, tenantId), eq(cases.id, caseId)));
}

/** The queues capability's case-event handler. */
export const queueCaseEvents: CaseEventHandler = async (event, ctx) => {
  if (event.type === 'created') await routeCase(ctx.tx, ctx.tenantId, event.caseId);
};
