/**
 * Finds the parties of a 278 request in the tenant before intake (005010X217 loops 2010A-2010EA),
 * and says which AAA answers a party that cannot be used: payer unknown (2010A, 79), requester's
 * NPI invalid or not on file (2010B, 43 / 51), subscriber id missing, not on file or with another
 * birth date (2010C, 72 / 75 / 71), dependent not found (2010D, 67), servicing provider or facility
 * not on file (2000E, 51). Identifiers other than NPIs (ETIN, SSN, tax id) name no provider record
 * and are left out.
 */
import { and, eq, ilike, ne, or, sql } from 'drizzle-orm';
import type { Queryable } from '../../../platform/db';
import { members, providers } from '../../../members/schema';
import { organisations } from '../../../tenancy/schema';
import { isValidNpi } from '../../../members/csv-rows';
import type { Party, Person } from '../common/types';
import { REQUEST_PROBLEMS, type PlacedRejection, type RequestProblem } from '../tx278/aaa';
import type { ResolvedParties } from './map';

export type PartyResolution =
  | { readonly ok: true; readonly parties: ResolvedParties; readonly payerOrgId: string }
  | { readonly ok: false; readonly rejection: PlacedRejection; readonly message: string };

const reject = (problem: RequestProblem, message: string): PartyResolution => ({ ok: false, rejection: REQUEST_PROBLEMS[problem], message });
const digits = (s: string): string => s.replace(/[^0-9]/g, '');

/** The organisation (plan, MSO or IPA) an X12 payer identifier names: its payer id, tax id or NPI. */
export async function findPayer(q: Queryable, tenantId: string, id: string): Promise<string | null> {
  const d = digits(id);
  const [o] = await q
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        eq(organisations.tenantId, tenantId),
        ne(organisations.kind, 'provider_group'),
        or(eq(organisations.payerId, id), eq(organisations.npi, id), d.length === 9 ? sql`regexp_replace(${organisations.taxId}, '[^0-9]', '', 'g') = ${d}` : sql`false`),
      ),
    )
    .limit(1);
  return o?.id ?? null;
}

type ProviderLookup = { readonly kind: 'none' } | { readonly kind: 'found'; readonly npi: string; readonly inNetwork: boolean } | { readonly kind: 'invalid' | 'unknown'; readonly npi: string };

async function provider(q: Queryable, tenantId: string, p: Party | undefined): Promise<ProviderLookup> {
  const npi = p?.npi;
  if (npi === undefined) return { kind: 'none' };
  if (!isValidNpi(npi)) return { kind: 'invalid', npi };
  const [row] = await q.select({ network: providers.networkStatus }).from(providers).where(and(eq(providers.tenantId, tenantId), eq(providers.npi, npi)));
  return row === undefined ? { kind: 'unknown', npi } : { kind: 'found', npi, inNetwork: row.network === 'in_network' };
}

/**
 * A dependent (2010D) as OpenUM knows dependents: by its own member id when NM108 = MI, else among
 * the members numbered `<subscriber's number>-…` (the 834 import's numbering of dependents without
 * an id of their own) with the same birth date and first name.
 */
export async function findDependent(q: Queryable, tenantId: string, subscriberNumber: string, d: Person): Promise<string | null> {
  if (d.memberId !== undefined) {
    const [m] = await q.select({ id: members.id }).from(members).where(and(eq(members.tenantId, tenantId), eq(members.memberNumber, d.memberId)));
    return m?.id ?? null;
  }
  const prefix = `${subscriberNumber.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`;
  const found = await q
    .select({ id: members.id })
    .from(members)
    .where(
      and(
        eq(members.tenantId, tenantId),
        ilike(members.memberNumber, prefix),
        d.birthDate === undefined ? undefined : eq(members.birthDate, d.birthDate),
        d.name.first === undefined ? undefined : ilike(members.firstName, d.name.first.replace(/[\\%_]/g, (c) => `\\${c}`)),
      ),
    )
    .limit(2);
  return found.length === 1 && found[0] !== undefined ? found[0].id : null;
}

/** Resolves the parties of a 278 request (or inquiry), or the AAA that answers it. */
export async function resolveParties(
  q: Queryable,
  tenantId: string,
  doc: { readonly umo: Party; readonly requester: Party; readonly subscriber: Person; readonly dependent?: Person; readonly event: { readonly providers: readonly Party[]; readonly services: readonly { readonly providers: readonly Party[] }[] } },
): Promise<PartyResolution> {
  const payerId = doc.umo.id?.value;
  if (payerId === undefined) return reject('payer-missing', 'The UMO (2010A) carries no identifier');
  const payerOrgId = await findPayer(q, tenantId, payerId);
  if (payerOrgId === null) return reject('payer-unknown', `The UMO identifier ${payerId} names no plan or delegate of this tenant`);

  const requester = await provider(q, tenantId, doc.requester);
  if (requester.kind === 'invalid') return reject('provider-id-invalid', `The requester's NPI ${requester.npi} fails its check digit`);
  if (requester.kind === 'unknown') return reject('provider-unknown', `The requester's NPI ${requester.npi} is not on file`);

  const memberNumber = doc.subscriber.memberId;
  if (memberNumber === undefined) return reject('member-id-invalid', 'The subscriber (2010C) carries no member id (NM108 MI)');
  const [sub] = await q.select({ id: members.id, birthDate: members.birthDate }).from(members).where(and(eq(members.tenantId, tenantId), eq(members.memberNumber, memberNumber)));
  if (sub === undefined) return reject('member-not-found', 'No member with this id is on file');
  if (doc.subscriber.birthDate !== undefined && doc.subscriber.birthDate !== sub.birthDate) return reject('birth-date-mismatch', 'The subscriber\'s birth date differs from the one on file');
  let memberId = sub.id;
  if (doc.dependent !== undefined) {
    const dep = await findDependent(q, tenantId, memberNumber, doc.dependent);
    if (dep === null) return reject('patient-not-found', 'The dependent (2010D) is not on file under this subscriber');
    memberId = dep;
  }

  const all = [...doc.event.providers, ...doc.event.services.flatMap((s) => s.providers)];
  const servicing = await provider(q, tenantId, all.find((p) => p.entityCode === 'SJ'));
  const facility = await provider(q, tenantId, all.find((p) => p.entityCode === 'FA'));
  for (const [what, p] of [['servicing provider', servicing], ['facility', facility]] as const) {
    if (p.kind === 'invalid') return { ok: false, rejection: { loop: '2000E', valid: false, reason: '43', followUp: 'C' }, message: `The ${what}'s NPI ${p.npi} fails its check digit` };
    if (p.kind === 'unknown') return { ok: false, rejection: { loop: '2000E', valid: true, reason: '51', followUp: 'C' }, message: `The ${what}'s NPI ${p.npi} is not on file` };
  }
  return {
    ok: true,
    payerOrgId,
    parties: {
      memberId,
      requesterType: requester.kind === 'found' && requester.inNetwork ? 'contracted_provider' : 'non_contracted_provider',
      ...(requester.kind === 'found' ? { requestingNpi: requester.npi } : {}),
      ...(servicing.kind === 'found' ? { servicingNpi: servicing.npi } : {}),
      ...(facility.kind === 'found' ? { facilityNpi: facility.npi } : {}),
    },
  };
}
