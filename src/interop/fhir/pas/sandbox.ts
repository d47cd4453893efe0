/**
 * Sandbox tenants (`tenants.sandbox`, the demo tenant is one) accept PAS requests for members and
 * providers they do not know, registering them from the bundle so that integrators can test with their
 * own examples. The member comes from Patient (name, birth date, sex, address) and Coverage (member id,
 * period, payer); the coverage is attached to the contract of the payer the Coverage names when the
 * tenant knows it, else to the tenant's first contract. Never used outside sandbox tenants.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, or } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { coverages, members, providers } from '../../../members/schema';
import type { MemberRow, ProviderRow } from '../../../members/store';
import { contracts, organisations } from '../../../tenancy/schema';
import type { BundleEntry, BundleIndex } from '../bundle';
import { dateOf, identifiers, isRecord, npiOf, objs, str } from '../json';
import type { PasClaim } from './claim';

/** Sandbox only: a member without a birth date in the bundle is registered with this placeholder. */
export const SANDBOX_UNKNOWN_BIRTH_DATE = '1900-01-01';

function nameOf(patient: BundleEntry | undefined): { first: string; last: string } {
  const n = patient === undefined ? undefined : objs(patient.resource, 'name')[0];
  const given = n === undefined ? [] : (Array.isArray(n['given']) ? n['given'] : []).filter((g): g is string => typeof g === 'string');
  return { first: given.join(' ') || 'Unknown', last: (n === undefined ? undefined : str(n, 'family')) ?? 'Unknown' };
}

const sexOf = (g: string | undefined): 'F' | 'M' | 'U' => (g === 'female' ? 'F' : g === 'male' ? 'M' : 'U');

async function contractFor(q: Queryable, tenantId: string, b: BundleIndex, coverage: BundleEntry | undefined) {
  const payor = coverage === undefined ? undefined : b.resolve(objs(coverage.resource, 'payor')[0]);
  const ids = payor === undefined ? [] : [npiOf(payor.resource), ...identifiers(payor.resource).map((i) => i.value)].filter((x): x is string => x !== undefined);
  if (ids.length > 0) {
    const [hit] = await q
      .select({ c: contracts })
      .from(contracts)
      .innerJoin(organisations, and(eq(organisations.tenantId, contracts.tenantId), eq(organisations.id, contracts.planOrgId)))
      .where(and(eq(contracts.tenantId, tenantId), or(...ids.flatMap((v) => [eq(organisations.npi, v), eq(organisations.payerId, v)]))))
      .orderBy(asc(contracts.effectiveFrom), asc(contracts.name))
      .limit(1);
    if (hit !== undefined) return hit.c;
  }
  const [first] = await q.select().from(contracts).where(eq(contracts.tenantId, tenantId)).orderBy(asc(contracts.effectiveFrom), asc(contracts.name)).limit(1);
  return first ?? null;
}

/**
 * Registers the claim's patient as a member with the given member number, and a coverage from the
 * earliest date the request needs (or the Coverage period) on the payer's contract.
 */
export async function registerSandboxMember(q: Queryable, tenantId: string, b: BundleIndex, c: PasClaim, memberNumber: string, needFrom: string, now: Date): Promise<MemberRow> {
  const p = c.patient?.resource;
  const name = nameOf(c.patient);
  const address = p === undefined ? undefined : objs(p, 'address')[0];
  const row = {
    tenantId,
    id: randomUUID(),
    memberNumber,
    firstName: name.first,
    lastName: name.last,
    birthDate: (p === undefined ? undefined : dateOf(p['birthDate'])) ?? SANDBOX_UNKNOWN_BIRTH_DATE,
    sex: sexOf(p === undefined ? undefined : str(p, 'gender')),
    addressLine: address === undefined ? null : (Array.isArray(address['line']) ? address['line'].filter((l): l is string => typeof l === 'string').join(', ') : null) || null,
    city: address === undefined ? null : (str(address, 'city') ?? null),
    state: address === undefined ? null : (str(address, 'state') ?? null),
    postalCode: address === undefined ? null : (str(address, 'postalCode') ?? null),
    createdAt: now,
    updatedAt: now,
  };
  const [inserted] = await q.insert(members).values(row).onConflictDoNothing().returning();
  const member = inserted ?? (await q.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.memberNumber, memberNumber))))[0];
  if (member === undefined) throw new Error('sandbox member registration failed');
  const contract = await contractFor(q, tenantId, b, c.coverage);
  if (contract !== null && inserted !== undefined) {
    const period = c.coverage === undefined ? undefined : c.coverage.resource['period'];
    const start = isRecord(period) ? dateOf(period['start']) : undefined;
    const end = isRecord(period) ? dateOf(period['end']) : undefined;
    await q.insert(coverages).values({
      tenantId,
      id: randomUUID(),
      memberId: member.id,
      planOrgId: contract.planOrgId,
      contractId: contract.id,
      ipaOrgId: contract.delegateOrgId,
      lineOfBusiness: contract.lineOfBusiness,
      productType: 'sandbox',
      effectiveFrom: start !== undefined && start <= needFrom ? start : needFrom,
      effectiveTo: end !== undefined && end >= needFrom ? end : null,
      createdAt: now,
    }).onConflictDoNothing();
  }
  return member;
}

/**
 * Registers an unknown requester or servicing provider (in network) from its resource. The requester
 * is registered as a provider of the submitting client's organisation (`providerOrgId`), so that the
 * integrator may subscribe with its NPI (PAS spec-59: a sending system follows its own requests).
 */
export async function registerSandboxProvider(q: Queryable, tenantId: string, b: BundleIndex, e: BundleEntry, npi: string, now: Date, providerOrgId: string | null = null): Promise<ProviderRow> {
  const named = e.type === 'PractitionerRole' ? (b.resolve(e.resource['practitioner']) ?? b.resolve(e.resource['organization']) ?? e) : e;
  const r = named.resource;
  const humanName = objs(r, 'name')[0];
  const name = named.type === 'Organization' ? (str(r, 'name') ?? `Organization ${npi}`) : humanName === undefined ? `Practitioner ${npi}` : [
    ...(Array.isArray(humanName['given']) ? humanName['given'].filter((g): g is string => typeof g === 'string') : []),
    str(humanName, 'family') ?? '',
  ].join(' ').trim();
  const [inserted] = await q
    .insert(providers)
    .values({ tenantId, id: randomUUID(), npi, kind: named.type === 'Organization' ? 'facility' : 'practitioner', name: name || npi, networkStatus: 'in_network', providerOrgId, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  const row = inserted ?? (await q.select().from(providers).where(and(eq(providers.tenantId, tenantId), eq(providers.npi, npi))))[0];
  if (row === undefined) throw new Error('sandbox provider registration failed');
  return row;
}
