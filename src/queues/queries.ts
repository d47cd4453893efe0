/**
 * Work queues in SQL: the page of a queue in due-time order with time-to-breach, counts per
 * queue, and "take next", which assigns the first routed, unassigned case atomically
 * (`FOR UPDATE SKIP LOCKED`: two reviewers pressing it at once get two different cases).
 */
import { createHash } from 'node:crypto';
import { aliasedTable, and, asc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import type { Principal } from '../platform/auth/model';
import { users } from '../platform/auth/schema';
import { cases } from '../intake/schema';
import { members } from '../members/schema';
import { organisations } from '../tenancy/schema';
import { visibleTo } from '../intake/queries';
import { caseClocks } from '../clocks/schema';
import { breachLevel, msToBreach } from '../clocks/alarms';
import { reviewerRouting } from './schema';
import { OVERSEERS, QUEUES, type QueueRole, type ReviewerProfile } from './model';

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

interface Preparable<R> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<R> };
}

/**
 * Runs a query as a named prepared statement, named after its text: PostgreSQL keeps its plan per
 * connection instead of planning on every call (planning is most of the cost of a queue page).
 * The text depends only on the shape of the filters, so the set of names stays small.
 */
async function prepared<R>(q: Preparable<R>): Promise<R> {
  const name = `openum_q_${createHash('sha1').update(q.toSQL().sql).digest('hex').slice(0, 20)}`;
  return q.prepare(name).execute();
}

/** The caller's routing profile: licence and specialty from the user record and reviewer_routing. */
export async function reviewerProfile(q: Queryable, p: UserPrincipal): Promise<ReviewerProfile> {
  const [u] = await prepared(
    q
      .select({ licenceState: users.licenceState, specialty: users.specialty, more: reviewerRouting })
      .from(users)
      .leftJoin(reviewerRouting, and(eq(reviewerRouting.tenantId, users.tenantId), eq(reviewerRouting.userId, users.id)))
      .where(and(eq(users.tenantId, p.tenantId), eq(users.id, p.userId))),
  );
  const uniq = (xs: readonly (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => x != null && x !== ''))];
  return {
    role: p.role,
    licenceStates: uniq([u?.licenceState, ...(u?.more?.licenceStates ?? [])]),
    specialties: uniq([u?.specialty, ...(u?.more?.specialties ?? [])]),
    serviceCategories: uniq(u?.more?.serviceCategories ?? []),
  };
}

export interface QueueFilters {
  readonly organisationId?: string;
  /**
   * What the organisation is: a plan is matched on the case's plan, an IPA or MSO on its delegate
   * (one column, so the queue index serves the filter); unknown: either.
   */
  readonly organisationKind?: 'plan' | 'ipa';
  readonly lineOfBusiness?: string;
  readonly kind?: string;
  readonly priority?: string;
  /** "me", "none" or a user id. */
  readonly assignee?: string;
}

const anyOf = (xs: readonly string[]): SQL => sql`array[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

/** Cases of a queue the caller may see — routed to the caller when the caller works the queue. */
export function queueConditions(p: UserPrincipal, queue: QueueRole, profile: ReviewerProfile | null, f: QueueFilters = {}): SQL {
  const d = QUEUES[queue];
  const conds: (SQL | undefined)[] = [visibleTo(p), d.statuses.length === 1 ? eq(cases.status, d.statuses[0] ?? '') : inArray(cases.status, [...d.statuses])];
  if (d.kinds === 'reconsiderations') conds.push(eq(cases.kind, 'reconsideration'));
  if (d.kinds === 'not_reconsiderations') conds.push(ne(cases.kind, 'reconsideration'));
  if (profile !== null && !OVERSEERS.includes(p.role)) {
    if (d.licensed) {
      conds.push(profile.licenceStates.length === 0 ? isNull(cases.requiredLicenceState) : or(isNull(cases.requiredLicenceState), sql`${cases.requiredLicenceState} = any(${anyOf(profile.licenceStates)})`));
    }
    if (d.specialty) {
      conds.push(profile.specialties.length === 0 ? isNull(cases.requiredSpecialty) : or(isNull(cases.requiredSpecialty), sql`${cases.requiredSpecialty} = any(${anyOf(profile.specialties)})`));
    }
    if (profile.serviceCategories.length > 0) conds.push(sql`${cases.serviceCategory} = any(${anyOf(profile.serviceCategories)})`);
  }
  if (f.organisationId !== undefined) {
    conds.push(f.organisationKind === 'plan' ? eq(cases.planOrgId, f.organisationId) : f.organisationKind === 'ipa' ? eq(cases.ipaOrgId, f.organisationId) : or(eq(cases.ipaOrgId, f.organisationId), eq(cases.planOrgId, f.organisationId)));
  }
  if (f.lineOfBusiness !== undefined) conds.push(eq(cases.lineOfBusiness, f.lineOfBusiness));
  if (f.kind !== undefined) conds.push(eq(cases.kind, f.kind));
  if (f.priority !== undefined) conds.push(eq(cases.priority, f.priority));
  if (f.assignee !== undefined) {
    if (f.assignee === 'none') conds.push(isNull(cases.assignedUserId));
    else conds.push(eq(cases.assignedUserId, f.assignee === 'me' ? p.userId : f.assignee));
  }
  return and(...conds) ?? sql`false`;
}

const assignee = aliasedTable(users, 'assignee');

/** Adds the organisation's kind to the filters (see QueueFilters.organisationKind). */
export async function withOrganisationKind(q: Queryable, tenantId: string, f: QueueFilters): Promise<QueueFilters> {
  if (f.organisationId === undefined || f.organisationKind !== undefined) return f;
  const [o] = await prepared(q.select({ kind: organisations.kind }).from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, f.organisationId))));
  const kind = o?.kind === 'health_plan' ? 'plan' : o?.kind === 'ipa' || o?.kind === 'mso' ? 'ipa' : undefined;
  return kind === undefined ? f : { ...f, organisationKind: kind };
}

/** The query of a queue's page (exported for the benchmark's EXPLAIN). */
export function queuePageQuery(q: Queryable, p: UserPrincipal, queue: QueueRole, profile: ReviewerProfile | null, f: QueueFilters, page: { limit: number; offset: number }) {
  return q
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      kind: cases.kind,
      priority: cases.priority,
      status: cases.status,
      lineOfBusiness: cases.lineOfBusiness,
      receivedAt: cases.receivedAt,
      dueAt: cases.dueAt,
      requiredLicenceState: cases.requiredLicenceState,
      requiredSpecialty: cases.requiredSpecialty,
      serviceCategory: cases.serviceCategory,
      assignedUserId: cases.assignedUserId,
      assignedName: assignee.displayName,
      memberNumber: members.memberNumber,
      memberName: sql<string>`${members.lastName} || ', ' || ${members.firstName}`,
      atRiskAt: caseClocks.atRiskAt,
      clockState: caseClocks.state,
      citation: caseClocks.citation,
      consequence: sql<string | null>`${caseClocks.consequence} ->> 'kind'`,
    })
    .from(cases)
    .innerJoin(members, and(eq(members.tenantId, cases.tenantId), eq(members.id, cases.memberId)))
    .leftJoin(assignee, and(eq(assignee.tenantId, cases.tenantId), eq(assignee.id, cases.assignedUserId)))
    .leftJoin(caseClocks, and(eq(caseClocks.tenantId, cases.tenantId), eq(caseClocks.caseId, cases.id)))
    .where(queueConditions(p, queue, profile, f))
    .orderBy(asc(cases.dueAt), asc(cases.id))
    .limit(page.limit)
    .offset(page.offset);
}

/** A page of a queue, earliest due first (cases without a clock last). */
export async function listQueue(q: Queryable, p: UserPrincipal, queue: QueueRole, profile: ReviewerProfile | null, f: QueueFilters, page: { limit: number; offset: number }, now: Date) {
  const rows = await prepared(queuePageQuery(q, p, queue, profile, f, page));
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.caseNumber,
    kind: r.kind,
    priority: r.priority,
    status: r.status,
    lineOfBusiness: r.lineOfBusiness,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.dueAt?.toISOString() ?? null,
    msToBreach: msToBreach(r.dueAt, now),
    breach: breachLevel(r.dueAt, r.atRiskAt, now),
    consequence: r.consequence,
    citation: r.citation,
    clockState: r.clockState,
    member: { memberNumber: r.memberNumber, name: r.memberName },
    assignedTo: r.assignedUserId === null ? null : { id: r.assignedUserId, displayName: r.assignedName ?? '' },
    routing: { requiredLicenceState: r.requiredLicenceState, requiredSpecialty: r.requiredSpecialty, serviceCategory: r.serviceCategory },
  }));
}

export type QueueItem = Awaited<ReturnType<typeof listQueue>>[number];

/** Counts of a queue: all, unassigned, overdue, at risk. */
export async function countQueue(q: Queryable, p: UserPrincipal, queue: QueueRole, profile: ReviewerProfile | null, now: Date) {
  const [r] = await q
    .select({
      total: sql<number>`count(*)::int`,
      unassigned: sql<number>`(count(*) filter (where ${cases.assignedUserId} is null))::int`,
      overdue: sql<number>`(count(*) filter (where ${cases.dueAt} <= ${now}))::int`,
      atRisk: sql<number>`(count(*) filter (where ${cases.dueAt} > ${now} and ${caseClocks.atRiskAt} <= ${now}))::int`,
    })
    .from(cases)
    .leftJoin(caseClocks, and(eq(caseClocks.tenantId, cases.tenantId), eq(caseClocks.caseId, cases.id)))
    .where(queueConditions(p, queue, profile));
  return { queue, label: QUEUES[queue].label, total: r?.total ?? 0, unassigned: r?.unassigned ?? 0, overdue: r?.overdue ?? 0, atRisk: r?.atRisk ?? 0 };
}

/**
 * Assigns the caller the first routed, unassigned case of the queue in one statement:
 * `UPDATE … WHERE id = (SELECT … ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id`.
 * A case another reviewer is taking is skipped, never waited for, never handed out twice.
 */
export async function assignNext(q: Queryable, p: UserPrincipal, queue: QueueRole, profile: ReviewerProfile, f: QueueFilters, now: Date): Promise<{ id: string } | null> {
  const first = q
    .select({ id: cases.id })
    .from(cases)
    .where(queueConditions(p, queue, profile, { ...f, assignee: 'none' }))
    .orderBy(asc(cases.dueAt), asc(cases.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await prepared(
    q
      .update(cases)
      .set({ assignedUserId: p.userId, updatedAt: now, version: sql`${cases.version} + 1` })
      .where(and(eq(cases.tenantId, p.tenantId), eq(cases.id, sql`(${first})`)))
      .returning({ id: cases.id }),
  );
  return row ?? null;
}

/** The first routed, unassigned case of the queue, locked (skipping cases another reviewer is taking). */
export async function claimNext(q: Queryable, p: UserPrincipal, queue: QueueRole, profile: ReviewerProfile, f: QueueFilters): Promise<{ id: string } | null> {
  const [row] = await prepared(
    q
      .select({ id: cases.id })
      .from(cases)
      .where(and(queueConditions(p, queue, profile, { ...f, assignee: 'none' })))
      .orderBy(asc(cases.dueAt), asc(cases.id))
      .limit(1)
      .for('update', { skipLocked: true }),
  );
  return row ?? null;
}
