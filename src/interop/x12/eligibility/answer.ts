/**
 * A 270 eligibility inquiry (005010X279A1) answered from the members and coverage spans on file: per
 * subscriber and dependent asked about, the coverage in force on the date asked (DTP*291, else
 * today in the tenant's zone) as EB*1 (active) with the plan, its insurance type and the plan dates
 * (DTP*346/347), or EB*6 (inactive) with the last span's dates; AAA at 2100C/2100D when the member
 * cannot be found (72 id missing, 75 subscriber not found, 67 patient not found, 71 birth date
 * differs); AAA 79 at 2100A when the payer is not one of the tenant's. Every member found is a read
 * of member data and is audited.
 */
import { and, desc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Queryable } from '../../../platform/db';
import { actorOf } from '../../../platform/auth/model';
import { appendAudit } from '../../../audit/store';
import { coverageOn, type CoverageRow } from '../../../members/store';
import { coverages, members } from '../../../members/schema';
import { organisations } from '../../../tenancy/schema';
import { getTenant } from '../../../tenancy/store';
import type { Person } from '../common/types';
import { buildEligibilityResponse, eligibilityQueries, eligibilityResponseSegments, type EligibilityAnswer } from '../tx270/respond';
import type { EligibilityInquiry, EligibilityQuery } from '../tx270/types';
import { findDependent, findPayer } from '../review/parties';
import type { ReviewAnswer, X12Caller, X12Context } from '../review/submit';

const rejected = (valid: boolean, reason: '67' | '71' | '72' | '75'): EligibilityAnswer => ({ kind: 'rejected', rejection: { valid, reason, followUp: 'C' } });

/** EB04 insurance type (X12 1336) of a coverage span. */
export function insuranceType(lineOfBusiness: string, productType: string): string {
  switch (lineOfBusiness) {
    case 'medicare_advantage':
      return 'HN';
    case 'medicaid':
    case 'chip':
      return 'MC';
    default:
      return productType.startsWith('HMO') ? 'HM' : productType === 'PPO' ? 'PR' : 'C1';
  }
}

async function planName(q: Queryable, c: CoverageRow): Promise<string> {
  const [o] = await q.select({ name: organisations.name }).from(organisations).where(and(eq(organisations.tenantId, c.tenantId), eq(organisations.id, c.planOrgId)));
  return `${o?.name ?? 'Health plan'}${c.pbp === null ? '' : ` ${c.pbp}`}`;
}

async function answerOne(q: Queryable, tenantId: string, query: EligibilityQuery, today: string): Promise<{ answer: EligibilityAnswer; memberId?: string }> {
  const number = query.subscriber.memberId;
  if (number === undefined) return { answer: rejected(false, '72') };
  const [sub] = await q.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.memberNumber, number)));
  if (sub === undefined) return { answer: rejected(true, '75') };
  let member = sub;
  const dep: Person | undefined = query.dependent;
  if (dep !== undefined) {
    const id = await findDependent(q, tenantId, number, dep);
    const [d] = id === null ? [] : await q.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.id, id)));
    if (d === undefined) return { answer: rejected(true, '67') };
    member = d;
  } else if (query.subscriber.birthDate !== undefined && query.subscriber.birthDate !== sub.birthDate) {
    return { answer: rejected(true, '71') };
  }
  const date = query.date ?? today;
  const onFile = { name: { last: member.lastName, first: member.firstName }, birthDate: member.birthDate, sex: member.sex };
  const serviceTypes = query.serviceTypes.length > 0 ? query.serviceTypes : ['30'];
  const span = await coverageOn(q, tenantId, member.id, date);
  if (span !== null) {
    return {
      memberId: member.id,
      answer: {
        kind: 'found',
        member: onFile,
        planDates: { begin: span.effectiveFrom, ...(span.effectiveTo === null ? {} : { end: span.effectiveTo }) },
        benefits: [{ code: '1', coverageLevel: 'IND', serviceTypes, insuranceType: insuranceType(span.lineOfBusiness, span.productType), planName: await planName(q, span) }],
      },
    };
  }
  const [last] = await q.select().from(coverages).where(and(eq(coverages.tenantId, tenantId), eq(coverages.memberId, member.id))).orderBy(desc(coverages.effectiveFrom)).limit(1);
  return {
    memberId: member.id,
    answer: {
      kind: 'found',
      member: onFile,
      ...(last === undefined ? {} : { planDates: { begin: last.effectiveFrom, ...(last.effectiveTo === null ? {} : { end: last.effectiveTo }) } }),
      benefits: [{ code: '6', serviceTypes, ...(last === undefined ? {} : { insuranceType: insuranceType(last.lineOfBusiness, last.productType), planName: await planName(q, last) }), messages: [`No coverage in force on ${date}`] }],
    },
  };
}

export async function answerEligibility(ctx: X12Context, caller: X12Caller, inquiry: EligibilityInquiry): Promise<ReviewAnswer> {
  const p = caller.principal;
  const now = ctx.clock.now();
  const tenant = await getTenant(ctx.db, p.tenantId);
  const today = DateTime.fromJSDate(now, { zone: tenant.timeZone }).toISODate() ?? now.toISOString().slice(0, 10);
  let payerKnown = true;
  for (const s of inquiry.sources) {
    const id = s.party.id?.value;
    if (id === undefined || (await findPayer(ctx.db, p.tenantId, id)) === null) payerKnown = false;
  }
  const answers = new Map<Person, EligibilityAnswer>();
  if (payerKnown) {
    for (const query of eligibilityQueries(inquiry)) {
      const a = await answerOne(ctx.db, p.tenantId, query, today);
      answers.set(query.patient, a.answer);
      if (a.memberId !== undefined) {
        await appendAudit(ctx.db, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: caller.ip ?? null, requestId: caller.requestId ?? null }, {
          action: 'member.eligibility',
          recordType: 'member',
          recordId: a.memberId,
          details: { channel: 'x12', date: query.date ?? today },
        });
      }
    }
  }
  const response = buildEligibilityResponse(inquiry, {
    at: now,
    timeZone: tenant.timeZone,
    ...(payerKnown ? {} : { sourceRejection: { valid: false, reason: '79', followUp: 'C' } }),
    answer: (q) => answers.get(q.patient) ?? rejected(true, '75'),
  });
  return { segments: eligibilityResponseSegments(response), result: payerKnown ? 'answered' : 'rejected' };
}
