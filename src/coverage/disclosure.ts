/**
 * Criteria disclosure requests: a provider asking for the criteria behind a decision (portal or
 * API: recorded and fulfilled at once with the set versions the case cites), and requests staff
 * log — by phone, by mail or fax, and on-site review visits (scheduled date, form received, who
 * met the provider) — fulfilled later. Every step is an audit event (in the case's trail when the
 * request names a case). MA plans must make their criteria available (42 CFR 422.101(b)(6)) and
 * tell providers the criteria a decision rested on (42 CFR 422.568, 422.572).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Queryable, Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import type { Actor } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import type { Json } from '../audit/chain';
import { determinations } from '../determination/schema';
import { serviceLines } from '../intake/schema';
import { criteriaRequests } from './schema';

export const REQUEST_CHANNELS = ['portal', 'api', 'phone', 'mail', 'fax', 'on_site'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const FULFILMENT_METHODS = ['portal', 'api', 'mail', 'fax', 'email', 'phone', 'in_person'] as const;
export type FulfilmentMethod = (typeof FULFILMENT_METHODS)[number];

export type CriteriaRequestRow = typeof criteriaRequests.$inferSelect;

export interface SetRef {
  readonly setId: string;
  readonly version: string;
}

export interface NewCriteriaRequest {
  readonly caseId: string | null;
  readonly channel: RequestChannel;
  readonly requesterName: string;
  readonly requesterOrganisation?: string | null;
  readonly requesterContact?: string | null;
  readonly receivedAt: Date;
  readonly subject?: string | null;
  readonly visitScheduledFor?: string | null;
  readonly formReceived?: boolean | null;
  readonly metBy?: string | null;
  readonly note?: string | null;
}

export interface Who {
  readonly tenantId: string;
  readonly actor: Actor;
  readonly name: string;
  readonly at: Date;
  readonly ip?: string | null;
  readonly requestId?: string | null;
}

const auditCtx = (w: Who) => ({ tenantId: w.tenantId, actor: w.actor, at: w.at, ip: w.ip ?? null, requestId: w.requestId ?? null });

/** The criteria-set versions a case rests on: those its determinations cite, and those frozen onto its lines. */
export async function setsCitedByCase(q: Queryable, tenantId: string, caseId: string): Promise<SetRef[]> {
  const cited = await q
    .select({ setId: determinations.criteriaSetId, version: determinations.criteriaSetVersion })
    .from(determinations)
    .where(and(eq(determinations.tenantId, tenantId), eq(determinations.caseId, caseId), isNotNull(determinations.criteriaSetId)));
  const frozen = await q
    .select({ setId: serviceLines.criteriaSetId, version: serviceLines.criteriaSetVersion })
    .from(serviceLines)
    .where(and(eq(serviceLines.tenantId, tenantId), eq(serviceLines.caseId, caseId), isNotNull(serviceLines.criteriaSetId)));
  const seen = new Map<string, SetRef>();
  for (const r of [...cited, ...frozen]) if (r.setId !== null && r.version !== null) seen.set(`${r.setId}@${r.version}`, { setId: r.setId, version: r.version });
  return [...seen.values()];
}

/** Records a request; returns its row. */
export async function logCriteriaRequest(tx: Tx, w: Who, r: NewCriteriaRequest): Promise<CriteriaRequestRow> {
  if (r.channel === 'on_site' && (r.visitScheduledFor ?? null) === null) {
    throw new UmError('UM_ERR_VALIDATION', 'An on-site review visit needs its scheduled date', { details: [{ path: 'visitScheduledFor', message: 'required for on-site visits' }] });
  }
  const [row] = await tx
    .insert(criteriaRequests)
    .values({
      tenantId: w.tenantId,
      id: randomUUID(),
      caseId: r.caseId,
      channel: r.channel,
      requesterName: r.requesterName,
      requesterOrganisation: r.requesterOrganisation ?? null,
      requesterContact: r.requesterContact ?? null,
      receivedAt: r.receivedAt,
      subject: r.subject ?? null,
      visitScheduledFor: r.visitScheduledFor ?? null,
      formReceived: r.formReceived ?? null,
      metBy: r.metBy ?? null,
      status: 'open',
      note: r.note ?? null,
      loggedByType: w.actor.type,
      loggedById: w.actor.id,
      createdAt: w.at,
    })
    .returning();
  if (row === undefined) throw new UmError('UM_ERR_INTERNAL', 'the request was not stored');
  await appendAudit(tx, auditCtx(w), {
    action: 'criteria_request.create',
    recordType: 'criteria_request',
    recordId: row.id,
    caseId: r.caseId,
    details: { channel: r.channel, receivedAt: r.receivedAt.toISOString(), ...(r.visitScheduledFor == null ? {} : { visitScheduledFor: r.visitScheduledFor }), ...(r.formReceived == null ? {} : { formReceived: r.formReceived }) },
  });
  return row;
}

export interface Fulfilment {
  readonly method: FulfilmentMethod;
  readonly disclosed: readonly SetRef[];
  readonly note?: string | null;
  readonly formReceived?: boolean | null;
  readonly metBy?: string | null;
}

/** Records the fulfilment of an open request (once). */
export async function fulfilCriteriaRequest(tx: Tx, w: Who, id: string, f: Fulfilment): Promise<CriteriaRequestRow> {
  const [prior] = /^[0-9a-f-]{36}$/i.test(id) ? await tx.select().from(criteriaRequests).where(and(eq(criteriaRequests.tenantId, w.tenantId), eq(criteriaRequests.id, id))).for('update') : [];
  if (prior === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such criteria request');
  if (prior.status === 'fulfilled') throw new UmError('UM_ERR_CRITERIA_REQUEST_STATE', `The request was fulfilled on ${prior.fulfilledAt?.toISOString() ?? ''}`);
  const disclosed: Json[] = f.disclosed.map((d) => ({ setId: d.setId, version: d.version }));
  const [row] = await tx
    .update(criteriaRequests)
    .set({
      status: 'fulfilled', fulfilledAt: w.at, fulfilledByName: w.name, fulfilmentMethod: f.method, disclosed,
      ...(f.note == null ? {} : { note: prior.note === null ? f.note : `${prior.note}\n${f.note}` }),
      ...(f.formReceived == null ? {} : { formReceived: f.formReceived }),
      ...(f.metBy == null ? {} : { metBy: f.metBy }),
    })
    .where(and(eq(criteriaRequests.tenantId, w.tenantId), eq(criteriaRequests.id, id)))
    .returning();
  if (row === undefined) throw new UmError('UM_ERR_INTERNAL', 'the fulfilment was not stored');
  await appendAudit(tx, auditCtx(w), {
    action: 'criteria_request.fulfil',
    recordType: 'criteria_request',
    recordId: id,
    caseId: prior.caseId,
    details: { method: f.method, disclosed, ...(f.metBy == null ? {} : { metBy: f.metBy }) },
  });
  return row;
}

export async function getCriteriaRequest(q: Queryable, tenantId: string, id: string): Promise<CriteriaRequestRow> {
  const [row] = /^[0-9a-f-]{36}$/i.test(id) ? await q.select().from(criteriaRequests).where(and(eq(criteriaRequests.tenantId, tenantId), eq(criteriaRequests.id, id))) : [];
  if (row === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such criteria request');
  return row;
}

export async function listCriteriaRequests(q: Queryable, tenantId: string, opts: { caseIds?: readonly string[]; status?: 'open' | 'fulfilled'; limit?: number } = {}): Promise<CriteriaRequestRow[]> {
  return q
    .select()
    .from(criteriaRequests)
    .where(and(eq(criteriaRequests.tenantId, tenantId), opts.caseIds === undefined ? undefined : inArray(criteriaRequests.caseId, [...opts.caseIds]), opts.status === undefined ? undefined : eq(criteriaRequests.status, opts.status)))
    .orderBy(desc(criteriaRequests.receivedAt))
    .limit(opts.limit ?? 200);
}

export function requestView(r: CriteriaRequestRow) {
  return {
    id: r.id,
    caseId: r.caseId,
    channel: r.channel,
    requesterName: r.requesterName,
    requesterOrganisation: r.requesterOrganisation,
    requesterContact: r.requesterContact,
    receivedAt: r.receivedAt.toISOString(),
    subject: r.subject,
    visitScheduledFor: r.visitScheduledFor,
    formReceived: r.formReceived,
    metBy: r.metBy,
    status: r.status,
    fulfilledAt: r.fulfilledAt?.toISOString() ?? null,
    fulfilledByName: r.fulfilledByName,
    fulfilmentMethod: r.fulfilmentMethod,
    disclosed: r.disclosed,
    note: r.note,
  };
}
