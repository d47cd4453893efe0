/**
 * Reading cases: who may see which case, the case list with its filters, and the full case view.
 */
import { aliasedTable, and, asc, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../platform/db';
import { UmError } from '../platform/errors';
import type { Principal } from '../platform/auth/model';
import { users } from '../platform/auth/schema';
import { coverages, members, providers } from '../members/schema';
import { contracts, organisations } from '../tenancy/schema';
import { determinations } from '../determination/schema';
import { attachments, caseDiagnoses, caseNotes, cases, serviceLines } from './schema';
import type { CaseStatus } from './model';
import { caseClocks } from '../clocks/schema';
import { criteriaForCase, duplicatesForCase } from '../coverage/case-view';

export type CaseRow = typeof cases.$inferSelect;

/** Roles that see every organisation's cases of their tenant regardless of assignment. */
const TENANT_WIDE = new Set(['admin', 'auditor']);

/**
 * The cases a caller may see: staff the organisations they work for; a provider organisation (and
 * its machine clients) only its own requests. Tenants never see each other's data.
 */
export function visibleTo(p: Principal): SQL {
  const tenant = eq(cases.tenantId, p.tenantId);
  if (p.kind === 'client' || (p.kind === 'user' && p.role === 'provider')) {
    return p.providerOrgId === null ? sql`false` : and(tenant, eq(cases.submitterOrgId, p.providerOrgId)) ?? sql`false`;
  }
  if (TENANT_WIDE.has(p.role)) return tenant;
  const orgs = [...p.organisationIds];
  if (orgs.length === 0) return sql`false`;
  // A case not yet matched to coverage belongs to no organisation: every intake desk sees it.
  return and(tenant, or(inArray(cases.ipaOrgId, orgs), inArray(cases.planOrgId, orgs), and(isNull(cases.ipaOrgId), isNull(cases.planOrgId)))) ?? sql`false`;
}

/** Loads a case the caller may see, locking it when asked; an invisible case is "not found". */
export async function loadCase(q: Queryable, p: Principal, caseId: string, opts: { forUpdate?: boolean } = {}): Promise<CaseRow> {
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new UmError('UM_ERR_NOT_FOUND', 'No such case');
  const base = q.select().from(cases).where(and(eq(cases.id, caseId), visibleTo(p)));
  const [row] = opts.forUpdate === true ? await base.for('update') : await base;
  if (row === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such case');
  return row;
}

export const QUEUES = { intake: 'intake', nurse: 'nurse_review', medical_director: 'md_review', pended: 'pended_info' } as const satisfies Record<string, CaseStatus>;
export type QueueName = keyof typeof QUEUES;

export interface CaseFilters {
  readonly status?: readonly CaseStatus[];
  readonly queue?: QueueName;
  readonly kind?: string;
  readonly priority?: string;
  readonly disposition?: string;
  readonly assignee?: string;
  readonly memberId?: string;
  readonly lineOfBusiness?: string;
  readonly organisationId?: string;
  readonly q?: string;
  readonly sort?: 'newest' | 'oldest';
  readonly limit: number;
  readonly offset: number;
}

const assignee = aliasedTable(users, 'assignee');

export async function listCases(q: Queryable, p: Principal, f: CaseFilters) {
  const conds: (SQL | undefined)[] = [visibleTo(p)];
  if (f.status !== undefined && f.status.length > 0) conds.push(inArray(cases.status, [...f.status]));
  if (f.queue !== undefined) conds.push(eq(cases.status, QUEUES[f.queue]));
  if (f.kind !== undefined) conds.push(eq(cases.kind, f.kind));
  if (f.priority !== undefined) conds.push(eq(cases.priority, f.priority));
  if (f.disposition !== undefined) conds.push(eq(cases.disposition, f.disposition));
  if (f.memberId !== undefined) conds.push(eq(cases.memberId, f.memberId));
  if (f.lineOfBusiness !== undefined) conds.push(eq(cases.lineOfBusiness, f.lineOfBusiness));
  if (f.organisationId !== undefined) conds.push(or(eq(cases.ipaOrgId, f.organisationId), eq(cases.planOrgId, f.organisationId)));
  if (f.assignee !== undefined) {
    if (f.assignee === 'none') conds.push(isNull(cases.assignedUserId));
    else conds.push(eq(cases.assignedUserId, f.assignee === 'me' && p.kind === 'user' ? p.userId : f.assignee));
  }
  if (f.q !== undefined && f.q.trim() !== '') {
    const term = f.q.trim();
    conds.push(or(eq(cases.caseNumber, term.toUpperCase()), eq(members.memberNumber, term), ilike(members.lastName, `${term.replace(/[%_\\]/g, '')}%`)));
  }
  const rows = await q
    .select({
      id: cases.id,
      caseNumber: cases.caseNumber,
      kind: cases.kind,
      priority: cases.priority,
      status: cases.status,
      disposition: cases.disposition,
      channel: cases.channel,
      receivedAt: cases.receivedAt,
      dueAt: cases.dueAt,
      clockState: caseClocks.state,
      atRiskAt: caseClocks.atRiskAt,
      lineOfBusiness: cases.lineOfBusiness,
      eligibility: cases.eligibility,
      memberId: members.id,
      memberNumber: members.memberNumber,
      memberName: sql<string>`${members.lastName} || ', ' || ${members.firstName}`,
      assignedUserId: cases.assignedUserId,
      assignedName: assignee.displayName,
      codes: sql<string>`(select string_agg(l.code, ', ' order by l.line_no) from service_lines l where l.tenant_id = ${cases.tenantId} and l.case_id = ${cases.id})`,
    })
    .from(cases)
    .innerJoin(members, and(eq(members.tenantId, cases.tenantId), eq(members.id, cases.memberId)))
    .leftJoin(assignee, and(eq(assignee.tenantId, cases.tenantId), eq(assignee.id, cases.assignedUserId)))
    .leftJoin(caseClocks, and(eq(caseClocks.tenantId, cases.tenantId), eq(caseClocks.caseId, cases.id)))
    .where(and(...conds))
    .orderBy(f.sort === 'oldest' ? asc(cases.receivedAt) : desc(cases.receivedAt), asc(cases.id))
    .limit(f.limit)
    .offset(f.offset);
  return rows.map((r) => ({
    id: r.id,
    caseNumber: r.caseNumber,
    kind: r.kind,
    priority: r.priority,
    status: r.status,
    disposition: r.disposition,
    channel: r.channel,
    receivedAt: r.receivedAt.toISOString(),
    /** The decision clock (src/clocks): due instant, state, when it turns at risk. */
    dueAt: r.dueAt?.toISOString() ?? null,
    clock: r.clockState === null ? null : { state: r.clockState, atRiskAt: r.atRiskAt?.toISOString() ?? null },
    lineOfBusiness: r.lineOfBusiness,
    eligibility: r.eligibility,
    member: { id: r.memberId, memberNumber: r.memberNumber, name: r.memberName },
    assignedTo: r.assignedUserId === null ? null : { id: r.assignedUserId, displayName: r.assignedName ?? '' },
    codes: r.codes ?? '',
  }));
}

const providerView = (pr: typeof providers.$inferSelect | undefined) =>
  pr === undefined ? null : { id: pr.id, npi: pr.npi, name: pr.name, kind: pr.kind, specialty: pr.specialty, networkStatus: pr.networkStatus, taxId: pr.taxId };

/** Everything about one case, as the case page and the API show it. */
export async function caseView(q: Queryable, p: Principal, row: CaseRow) {
  const t = row.tenantId;
  const isProvider = p.kind === 'client' || p.role === 'provider';
  const [member] = await q.select().from(members).where(and(eq(members.tenantId, t), eq(members.id, row.memberId)));
  const providerIds = [row.requestingProviderId, row.servicingProviderId, row.facilityId].filter((x): x is string => x !== null);
  const provs = providerIds.length === 0 ? [] : await q.select().from(providers).where(and(eq(providers.tenantId, t), inArray(providers.id, providerIds)));
  const byId = new Map(provs.map((x) => [x.id, x]));
  const plan = aliasedTable(organisations, 'plan');
  const ipa = aliasedTable(organisations, 'ipa');
  const [cov] =
    row.coverageId === null
      ? []
      : await q
          .select({ c: coverages, planName: plan.name, ipaName: ipa.name, contractName: contracts.name })
          .from(coverages)
          .leftJoin(plan, and(eq(plan.tenantId, t), eq(plan.id, coverages.planOrgId)))
          .leftJoin(ipa, and(eq(ipa.tenantId, t), eq(ipa.id, coverages.ipaOrgId)))
          .leftJoin(contracts, and(eq(contracts.tenantId, t), eq(contracts.id, coverages.contractId)))
          .where(and(eq(coverages.tenantId, t), eq(coverages.id, row.coverageId)));
  const lines = await q.select().from(serviceLines).where(and(eq(serviceLines.tenantId, t), eq(serviceLines.caseId, row.id))).orderBy(asc(serviceLines.lineNo));
  const dx = await q.select().from(caseDiagnoses).where(and(eq(caseDiagnoses.tenantId, t), eq(caseDiagnoses.caseId, row.id))).orderBy(asc(caseDiagnoses.seq));
  const notes = await q
    .select()
    .from(caseNotes)
    .where(and(eq(caseNotes.tenantId, t), eq(caseNotes.caseId, row.id), isProvider ? eq(caseNotes.visibility, 'provider') : undefined))
    .orderBy(asc(caseNotes.createdAt));
  const files = await q
    .select({ id: attachments.id, fileName: attachments.fileName, contentType: attachments.contentType, sizeBytes: attachments.sizeBytes, sha256: attachments.sha256, createdAt: attachments.createdAt })
    .from(attachments)
    .where(and(eq(attachments.tenantId, t), eq(attachments.caseId, row.id)))
    .orderBy(asc(attachments.createdAt));
  const [clk] = await q
    .select({ state: caseClocks.state, policyId: caseClocks.policyId, ruleId: caseClocks.ruleId, citation: caseClocks.citation, atRiskAt: caseClocks.atRiskAt, consequence: sql<string | null>`${caseClocks.consequence} ->> 'kind'` })
    .from(caseClocks)
    .where(and(eq(caseClocks.tenantId, t), eq(caseClocks.caseId, row.id)));
  const dets = await q.select().from(determinations).where(and(eq(determinations.tenantId, t), eq(determinations.caseId, row.id))).orderBy(asc(determinations.decidedAt));
  // Coverage (src/coverage): each line's criteria checklist; duplicate links are for staff only.
  const criteria = await criteriaForCase(q, t, row.id);
  const duplicates = isProvider ? [] : await duplicatesForCase(q, t, row.id);
  const [assigned] = row.assignedUserId === null ? [] : await q.select({ id: users.id, displayName: users.displayName }).from(users).where(and(eq(users.tenantId, t), eq(users.id, row.assignedUserId)));

  return {
    id: row.id,
    caseNumber: row.caseNumber,
    kind: row.kind,
    priority: row.priority,
    expediteRequestedBy: row.expediteRequestedBy,
    expeditePhysicianSupported: row.expeditePhysicianSupported,
    requesterType: row.requesterType,
    channel: row.channel,
    receivedAt: row.receivedAt.toISOString(),
    status: row.status,
    disposition: row.disposition,
    eligibility: row.eligibility,
    eligibilityNote: row.eligibilityNote,
    lineOfBusiness: row.lineOfBusiness,
    assignedTo: assigned ?? null,
    relatedCaseId: row.relatedCaseId,
    closeReason: row.closeReason,
    pendMessage: row.pendMessage,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    /** The decision clock in brief (the panel: GET /api/cases/{id}/clock). */
    dueAt: row.dueAt?.toISOString() ?? null,
    clock: clk === undefined ? null : { ...clk, atRiskAt: clk.atRiskAt?.toISOString() ?? null },
    member:
      member === undefined
        ? null
        : { id: member.id, memberNumber: member.memberNumber, firstName: member.firstName, lastName: member.lastName, birthDate: member.birthDate, sex: member.sex },
    coverage:
      cov === undefined
        ? null
        : {
            id: cov.c.id,
            planOrgId: cov.c.planOrgId,
            planName: cov.planName,
            ipaOrgId: cov.c.ipaOrgId,
            ipaName: cov.ipaName,
            contractId: cov.c.contractId,
            contractName: cov.contractName,
            pbp: cov.c.pbp,
            lineOfBusiness: cov.c.lineOfBusiness,
            productType: cov.c.productType,
            effectiveFrom: cov.c.effectiveFrom,
            effectiveTo: cov.c.effectiveTo,
          },
    requestingProvider: providerView(row.requestingProviderId === null ? undefined : byId.get(row.requestingProviderId)),
    servicingProvider: providerView(row.servicingProviderId === null ? undefined : byId.get(row.servicingProviderId)),
    facility: providerView(row.facilityId === null ? undefined : byId.get(row.facilityId)),
    diagnoses: dx.map((d) => ({ seq: d.seq, system: d.system, code: d.code })),
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.lineNo,
      codeSystem: l.codeSystem,
      code: l.code,
      modifiers: l.modifiers,
      description: l.description,
      units: l.units,
      unitType: l.unitType,
      fromDate: l.fromDate,
      toDate: l.toDate,
      placeOfService: l.placeOfService,
      serviceGroup: l.serviceGroup,
      responsibility: l.responsibility,
      requirement: l.requirement,
      subjectToPa: l.subjectToPa,
      partB: l.partB,
      ndc: l.ndc,
      dose: l.dose,
      frequency: l.frequency,
      siteOfCare: l.siteOfCare,
      outcome: l.outcome,
      approvedUnits: l.approvedUnits,
      approvedFrom: l.approvedFrom,
      approvedTo: l.approvedTo,
      authorizationNumber: l.authorizationNumber,
      decidedAt: l.decidedAt?.toISOString() ?? null,
      criteriaSetId: l.criteriaSetId,
      criteriaSetVersion: l.criteriaSetVersion,
      criteriaMet: l.criteriaMet,
    })),
    determinations: dets.map((d) => ({
      id: d.id,
      lineId: d.lineId,
      outcome: d.outcome,
      approvedUnits: d.approvedUnits,
      approvedFrom: d.approvedFrom,
      approvedTo: d.approvedTo,
      approvedCode: d.approvedCode,
      approvedPlaceOfService: d.approvedPlaceOfService,
      category: d.category,
      reasonCode: d.reasonCode,
      reason: d.reason,
      basis: { kind: d.basisKind, criteriaSetId: d.criteriaSetId, criteriaSetVersion: d.criteriaSetVersion, criterionId: d.criterionId, coverageRule: d.coverageRule, coverageRuleReference: d.coverageRuleReference },
      decidedBy: { type: d.decidedByType, id: d.decidedById, role: d.decidedByRole, credential: d.decidedByCredential, name: d.decidedByName },
      decidedAt: d.decidedAt.toISOString(),
      authorizationNumber: d.authorizationNumber,
      validFrom: d.validFrom,
      validTo: d.validTo,
    })),
    notes: notes.map((n) => ({ id: n.id, kind: n.kind, visibility: n.visibility, body: n.body, author: { type: n.authorType, id: n.authorId, name: n.authorName }, createdAt: n.createdAt.toISOString() })),
    attachments: files.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
    criteria,
    duplicates,
    outOfNetwork: row.outOfNetworkReason === null ? null : { reason: row.outOfNetworkReason, explanation: row.outOfNetworkExplanation },
  };
}

export type CaseView = Awaited<ReturnType<typeof caseView>>;
