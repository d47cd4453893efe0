/** Tenant, contract and reviewer-matrix look-ups. */
import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import { UmError } from '../platform/errors';
import { contractDofr, contracts, reviewerMatrix, tenants } from './schema';
import { RESPONSIBILITIES, type Responsibility } from './model';
import type { MatrixEntry } from '../determination/authority';

export type TenantRow = typeof tenants.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;

export async function getTenant(q: Queryable, tenantId: string): Promise<TenantRow> {
  const [t] = await q.select().from(tenants).where(eq(tenants.id, tenantId));
  if (t === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'Unknown tenant');
  return t;
}

export interface ContractWithDofr {
  readonly contract: ContractRow;
  readonly dofr: ReadonlyMap<string, Responsibility>;
}

const isResponsibility = (s: string): s is Responsibility => (RESPONSIBILITIES as readonly string[]).includes(s);

export async function getContract(q: Queryable, tenantId: string, contractId: string): Promise<ContractWithDofr | null> {
  const [contract] = await q.select().from(contracts).where(and(eq(contracts.tenantId, tenantId), eq(contracts.id, contractId)));
  if (contract === undefined) return null;
  const rows = await q.select().from(contractDofr).where(and(eq(contractDofr.tenantId, tenantId), eq(contractDofr.contractId, contractId)));
  return { contract, dofr: new Map(rows.flatMap((r) => (isResponsibility(r.responsibility) ? [[r.serviceGroup, r.responsibility] as const] : []))) };
}

/**
 * Who carries the risk of a service group under a contract. UM not delegated → the plan; a group
 * the DOFR does not list → the delegate (the usual "all other services" row of a DOFR grid).
 */
export function responsibilityFor(c: ContractWithDofr | null, serviceGroup: string): Responsibility {
  if (c === null) return 'ipa';
  if (!c.contract.umDelegated) return 'plan';
  return c.dofr.get(serviceGroup) ?? c.dofr.get('*') ?? 'ipa';
}

export async function getReviewerMatrix(q: Queryable, tenantId: string): Promise<MatrixEntry[]> {
  return q
    .select({ serviceCategory: reviewerMatrix.serviceCategory, lineOfBusiness: reviewerMatrix.lineOfBusiness, credential: reviewerMatrix.credential })
    .from(reviewerMatrix)
    .where(eq(reviewerMatrix.tenantId, tenantId));
}
