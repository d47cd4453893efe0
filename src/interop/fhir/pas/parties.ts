/**
 * Who a PAS request is about and from: the member (2000C/2000D) by the identifiers of Coverage and
 * Patient, the requester (2000B) and the servicing provider (2010EA) by NPI. In a sandbox tenant an
 * unknown member, coverage or provider is registered from the bundle (see `sandbox.ts`); elsewhere
 * it is a business error answered with the X12 reject reason.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { members } from '../../../members/schema';
import { findProvider, type MemberRow, type ProviderRow } from '../../../members/store';
import { organisations } from '../../../tenancy/schema';
import type { BundleEntry, BundleIndex } from '../bundle';
import { codings, npiOf } from '../json';
import { memberIdCandidates, type PasClaim } from './claim';
import { FOLLOW_UP, REJECT } from './codes';
import type { BusinessError } from './model';

/** The NPI of a requester / care-team entry: its own, or its PractitionerRole's practitioner's or organization's. */
export function npiOfEntry(b: BundleIndex, e: BundleEntry | undefined): string | undefined {
  if (e === undefined) return undefined;
  if (e.type === 'PractitionerRole') return npiOf(b.resolve(e.resource['practitioner'])?.resource) ?? npiOf(b.resolve(e.resource['organization'])?.resource) ?? npiOf(e.resource);
  return npiOf(e.resource);
}

/** The servicing provider: the care-team member the first item names, else the first with claim scope, else the first. */
export function servicingEntry(c: PasClaim): BundleEntry | undefined {
  const wanted = c.items.find((i) => !i.cancelled && i.careTeamSequence.length > 0)?.careTeamSequence[0];
  const member = (wanted === undefined ? undefined : c.careTeam.find((m) => m.sequence === wanted)) ?? c.careTeam.find((m) => m.claimScope) ?? c.careTeam[0];
  return member?.provider;
}

/** The member whose member number is one of the candidates, the most specific candidate first. */
export async function findMemberByCandidates(q: Queryable, tenantId: string, candidates: readonly string[]): Promise<MemberRow | null> {
  if (candidates.length === 0) return null;
  const rows = await q.select().from(members).where(and(eq(members.tenantId, tenantId), inArray(members.memberNumber, [...candidates])));
  for (const c of candidates) {
    const m = rows.find((r) => r.memberNumber === c);
    if (m !== undefined) return m;
  }
  return null;
}

export type ProviderMatch = { readonly kind: 'provider'; readonly row: ProviderRow } | { readonly kind: 'organisation'; readonly id: string } | { readonly kind: 'unknown' };

/** A provider by NPI, or a provider organisation of the tenant with that NPI. */
export async function matchProvider(q: Queryable, tenantId: string, npi: string): Promise<ProviderMatch> {
  const p = await findProvider(q, tenantId, { npi });
  if (p !== null) return { kind: 'provider', row: p };
  const [o] = await q.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.npi, npi)));
  return o === undefined ? { kind: 'unknown' } : { kind: 'organisation', id: o.id };
}

/** The business error for a member the tenant does not know (X12 AAA 75 / 67 at 2010C / 2010D). */
export function memberNotFound(b: BundleIndex, c: PasClaim): BusinessError {
  const rel = c.coverage === undefined ? [] : codings(c.coverage.resource['relationship']).map((x) => x.code);
  const dependent = rel.length > 0 && !rel.includes('self') && !rel.includes('18');
  const where = c.coverage ?? c.patient;
  return {
    reason: dependent ? REJECT.patientNotFound : REJECT.subscriberNotFound,
    followUp: FOLLOW_UP.correctAndResubmit,
    message: `No member with the identifier(s) ${memberIdCandidates(c).join(', ') || '(none)'} is known to this plan`,
    element: dependent ? '2010D-NM109' : '2010C-NM109',
    ...(where === undefined ? {} : { path: `${b.path(where)}.${where.type === 'Coverage' ? 'subscriberId' : 'identifier'}` }),
  };
}

/** The business error for a provider NPI the tenant does not know (X12 AAA 51). */
export function providerNotFound(b: BundleIndex, e: BundleEntry, npi: string, role: 'requester' | 'servicing'): BusinessError {
  return {
    reason: REJECT.providerNotOnFile,
    followUp: FOLLOW_UP.correctAndResubmit,
    message: `The ${role === 'requester' ? 'requesting' : 'servicing'} provider with NPI ${npi} is not on file`,
    element: role === 'requester' ? '2010B-NM109' : '2010EA-NM109',
    path: `${b.path(e)}.identifier`,
  };
}
