/**
 * What an 834 transaction set applies to: the health plan (the option, else the payer N1*IN names
 * by its identifier or name), the delegate and its contract, the line of business (the option,
 * else the only one among the plan's contracts). And the full-file rule: the spans of that plan
 * open on the day before the file's effective date (header DTP*007, else BGN03), whose member the
 * file does not list, end that day.
 */
import { and, eq, gt, ilike, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Tx } from '../../../platform/db';
import { appendAudit } from '../../../audit/store';
import { coverages, members } from '../../../members/schema';
import { contracts, organisations } from '../../../tenancy/schema';
import { LINES_OF_BUSINESS, type LineOfBusiness } from '../../../tenancy/model';
import type { EnrollmentHeader } from '../tx834/types';
import type { SetTarget } from './apply';
import type { EnrollmentOptions } from './import';

export type Target = SetTarget;

const digits = (s: string): string => s.replace(/[^0-9]/g, '');
const isLob = (s: string): s is LineOfBusiness => LINES_OF_BUSINESS.some((l) => l === s);

async function orgByKey(tx: Tx, tenantId: string, key: string, kind: 'health_plan' | 'ipa'): Promise<string | null> {
  const d = digits(key);
  const [o] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(
      and(
        eq(organisations.tenantId, tenantId),
        eq(organisations.kind, kind),
        or(eq(organisations.payerId, key), eq(organisations.npi, key), ilike(organisations.name, key.replace(/[\\%_]/g, (c) => `\\${c}`)), d.length === 9 ? sql`regexp_replace(${organisations.taxId}, '[^0-9]', '', 'g') = ${d}` : sql`false`),
      ),
    )
    .limit(1);
  return o?.id ?? null;
}

/** The set's target, or why it cannot be applied. */
export async function resolveTarget(tx: Tx, o: EnrollmentOptions, h: EnrollmentHeader): Promise<Target | string> {
  const keys = o.plan !== undefined ? [o.plan] : [h.payer?.id.value, h.payer?.name].filter((k): k is string => k !== undefined && k !== '');
  let planOrgId: string | null = null;
  for (const k of keys) if (planOrgId === null) planOrgId = await orgByKey(tx, o.tenantId, k, 'health_plan');
  if (planOrgId === null) return `the payer ${keys.join(' / ') || '(none)'} is not a health plan of this tenant: name it with --plan`;
  let ipaOrgId: string | null = null;
  if (o.ipa !== undefined) {
    ipaOrgId = await orgByKey(tx, o.tenantId, o.ipa, 'ipa');
    if (ipaOrgId === null) return `the IPA ${o.ipa} is not an IPA of this tenant`;
  }
  const all = await tx.select().from(contracts).where(and(eq(contracts.tenantId, o.tenantId), eq(contracts.planOrgId, planOrgId), ipaOrgId === null ? undefined : eq(contracts.delegateOrgId, ipaOrgId)));
  const lobs = [...new Set(all.map((c) => c.lineOfBusiness))].filter(isLob);
  const lineOfBusiness = o.lineOfBusiness ?? (lobs.length === 1 ? lobs[0] : undefined);
  if (lineOfBusiness === undefined) return `the line of business cannot be told from the plan's contracts (${lobs.join(', ') || 'none'}): give --line-of-business`;
  const matching = all.filter((c) => c.lineOfBusiness === lineOfBusiness);
  const contract = matching.length === 1 ? matching[0] : undefined;
  return { tenantId: o.tenantId, planOrgId, ipaOrgId: ipaOrgId ?? contract?.delegateOrgId ?? null, contractId: contract?.id ?? null, lineOfBusiness };
}

/** The last day of coverage of members a full file leaves out. */
export function termDateOf(h: EnrollmentHeader, given?: string): string | undefined {
  if (given !== undefined) return given;
  const effective = h.dates.find((d) => d.qualifier === '007')?.start ?? h.date;
  const d = DateTime.fromISO(effective, { zone: 'UTC' });
  return d.isValid ? (d.minus({ days: 1 }).toISODate() ?? undefined) : undefined;
}

/** Ends the spans of the plan open on the term date whose member the file did not list; returns how many. */
export async function termMissing(tx: Tx, t: Target, seen: ReadonlySet<string>, o: EnrollmentOptions, h: EnrollmentHeader): Promise<number> {
  const day = termDateOf(h, o.termDate);
  if (day === undefined) return 0;
  const open = await tx
    .select({ id: coverages.id, number: members.memberNumber })
    .from(coverages)
    .innerJoin(members, and(eq(members.tenantId, coverages.tenantId), eq(members.id, coverages.memberId)))
    .where(
      and(
        eq(coverages.tenantId, t.tenantId),
        eq(coverages.planOrgId, t.planOrgId),
        t.ipaOrgId === null ? undefined : eq(coverages.ipaOrgId, t.ipaOrgId),
        eq(coverages.lineOfBusiness, t.lineOfBusiness),
        lte(coverages.effectiveFrom, day),
        or(isNull(coverages.effectiveTo), gt(coverages.effectiveTo, day)),
      ),
    );
  const gone = open.filter((s) => !seen.has(s.number)).map((s) => s.id);
  for (let i = 0; i < gone.length; i += 1000) {
    await tx.update(coverages).set({ effectiveTo: day }).where(and(eq(coverages.tenantId, t.tenantId), inArray(coverages.id, gone.slice(i, i + 1000))));
  }
  if (gone.length > 0) {
    await appendAudit(tx, { tenantId: o.tenantId, actor: o.actor, at: o.clock.now() }, {
      action: 'member.import',
      recordType: 'member',
      recordId: `834 ${h.reference} full file`,
      details: { source: 'x12-834', termedMissing: gone.length, termDate: day },
    });
  }
  return gone.length;
}
