/**
 * Intake: one use case for every channel. Checks the request, finds the member, their coverage on
 * the date of service and the contract, routes each line by the DOFR, and records the case with
 * its audit event in one transaction. Idempotent on (tenant, submitter, key).
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import { actorOf, type Principal, type Role } from '../platform/auth/model';
import { appendAudit } from '../audit/store';
import { canonicalJson } from '../audit/chain';
import { coverageOn, findMember, findProvider } from '../members/store';
import { getContract, getTenant, responsibilityFor } from '../tenancy/store';
import { LINES_OF_BUSINESS, type LineOfBusiness } from '../tenancy/model';
import { determinations } from '../determination/schema';
import { attachments, caseDiagnoses, caseNotes, cases, idempotencyKeys, serviceLines } from './schema';
import { checkIntakeRequest, normaliseCode, receiptInstant, type IntakeRequest, type SourcePayload } from './request';
import { classifyServiceGroup } from './service-groups';
import { checkAttachment } from './attachments';
import type { CaseStatus, Channel } from './model';
import { dispatchCaseEvent } from './events';

/** Staff roles that key requests received by fax, phone, e-mail or mail. */
export const INTAKE_ROLES: readonly Role[] = ['intake', 'nurse', 'medical_director', 'supervisor', 'appeals'];

export interface IntakeOptions {
  readonly idempotencyKey?: string;
  /** The channel an adapter received the request on (fhir, x12); REST callers give it in the body. */
  readonly channel?: Channel;
  readonly source?: SourcePayload;
  readonly ip?: string | null;
  readonly requestId?: string | null;
  /**
   * Runs last in the transaction that records a new case (after its events): an adapter records its
   * own view of the request with the case, or neither is recorded. Not run when the idempotency key
   * returns an existing case.
   */
  readonly inTransaction?: (tx: Tx, caseId: string) => Promise<void>;
}

export interface IntakeResult {
  readonly caseId: string;
  /** False when the idempotency key returned an existing case. */
  readonly created: boolean;
}

class IdempotencyRace extends Error {}

const isLob = (s: string): s is LineOfBusiness => (LINES_OF_BUSINESS as readonly string[]).includes(s);

export function submitterOf(p: Principal): string {
  return p.kind === 'user' ? `user:${p.userId}` : `client:${p.clientId}`;
}

export function createIntakeService(ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'caseEvents'>) {
  const { db, clock } = ctx;

  function channelFor(p: Principal, r: IntakeRequest, opts: IntakeOptions): Channel {
    if (opts.channel !== undefined) return opts.channel;
    if (p.kind === 'user' && INTAKE_ROLES.includes(p.role)) return r.channel ?? 'portal';
    return 'portal';
  }

  async function existing(tenantId: string, submitter: string, key: string, hash: string): Promise<IntakeResult | null> {
    const [row] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tenantId, tenantId), eq(idempotencyKeys.submitter, submitter), eq(idempotencyKeys.key, key)));
    if (row === undefined) return null;
    if (row.requestHash !== hash) {
      throw new UmError('UM_ERR_INTAKE_IDEMPOTENCY_CONFLICT', `Idempotency key "${key}" was already used for a different request (case ${row.caseId})`, {
        extra: { caseId: row.caseId },
      });
    }
    return { caseId: row.caseId, created: false };
  }

  async function insertCase(tx: Tx, p: Principal, r: IntakeRequest, opts: IntakeOptions, hash: string): Promise<string> {
    const tenantId = p.tenantId;
    const now = clock.now();
    const channel = channelFor(p, r, opts);
    const receivedAt = receiptInstant(channel, r.receivedAt, now);
    const tenant = await getTenant(tx, tenantId);

    const member = await findMember(tx, tenantId, r.member);
    if (member === null) {
      throw new UmError('UM_ERR_INTAKE_MEMBER_UNKNOWN', 'No member with this id or member number is known to this plan', {
        details: [{ path: 'member', message: 'not found' }],
      });
    }
    const resolve = async (label: string, ref: IntakeRequest['requestingProvider']) => {
      if (ref === undefined) return null;
      const found = await findProvider(tx, tenantId, ref);
      if (found === null) throw new UmError('UM_ERR_INTAKE_PROVIDER_UNKNOWN', `The ${label} is not known`, { details: [{ path: label, message: `NPI ${ref.npi ?? ref.id ?? ''} not found` }] });
      return found;
    };
    if (r.relatedCaseId !== undefined) {
      const [rel] = await tx.select({ id: cases.id }).from(cases).where(and(eq(cases.tenantId, tenantId), eq(cases.id, r.relatedCaseId)));
      if (rel === undefined) throw new UmError('UM_ERR_VALIDATION', 'The related case does not exist', { details: [{ path: 'relatedCaseId', message: 'not found' }] });
    }
    const requesting = await resolve('requestingProvider', r.requestingProvider);
    const servicing = await resolve('servicingProvider', r.servicingProvider);
    const facility = await resolve('facility', r.facility);

    // Eligibility on the date of service: the earliest requested date, else the receipt's local date.
    const receiptDate = DateTime.fromJSDate(receivedAt, { zone: tenant.timeZone }).toISODate() ?? '';
    const dates = r.lines.map((l) => l.fromDate).filter((d): d is string => d !== undefined).sort();
    const serviceDate = dates[0] ?? receiptDate;
    const coverage = await coverageOn(tx, tenantId, member.id, serviceDate);
    const contract = coverage?.contractId != null ? await getContract(tx, tenantId, coverage.contractId) : null;

    const caseId = randomUUID();
    const lines = r.lines.map((l, i) => {
      const code = normaliseCode(l.code);
      const serviceGroup = classifyServiceGroup({ codeSystem: l.codeSystem, code, placeOfService: l.placeOfService ?? null, partB: l.partB ?? false });
      return {
        tenantId,
        id: randomUUID(),
        caseId,
        lineNo: i + 1,
        codeSystem: l.codeSystem,
        code,
        modifiers: (l.modifiers ?? []).map(normaliseCode),
        description: l.description ?? null,
        units: l.units,
        unitType: l.unitType ?? 'UN',
        fromDate: l.fromDate ?? null,
        toDate: l.toDate ?? null,
        placeOfService: l.placeOfService ?? null,
        serviceGroup,
        responsibility: coverage === null ? 'ipa' : responsibilityFor(contract, serviceGroup),
        ndc: l.ndc ?? null,
        dose: l.dose ?? null,
        frequency: l.frequency ?? null,
        siteOfCare: l.siteOfCare ?? null,
        partB: l.partB ?? false,
        outcome: null as 'forwarded' | null,
      };
    });
    // A line at the plan's risk is forwarded to the plan, never reviewed (or denied) here.
    for (const l of lines) if (l.responsibility === 'plan') l.outcome = 'forwarded';
    const allForwarded = lines.every((l) => l.outcome === 'forwarded');
    const status: CaseStatus = coverage === null ? 'intake' : allForwarded ? 'forwarded_to_plan' : 'nurse_review';
    const lob = coverage !== null && isLob(coverage.lineOfBusiness) ? coverage.lineOfBusiness : null;

    const actor = actorOf(p);
    await tx.insert(cases).values({
      tenantId,
      id: caseId,
      caseNumber: sql`'UM-' || nextval('case_number_seq')`,
      kind: r.kind,
      priority: r.priority,
      expediteRequestedBy: r.expediteRequestedBy ?? null,
      expeditePhysicianSupported: r.expeditePhysicianSupported ?? r.expediteRequestedBy === 'physician',
      requesterType: r.requesterType,
      channel,
      receivedAt,
      status,
      disposition: allForwarded ? 'forwarded_to_plan' : 'pending',
      memberId: member.id,
      coverageId: coverage?.id ?? null,
      contractId: coverage?.contractId ?? null,
      planOrgId: coverage?.planOrgId ?? null,
      ipaOrgId: coverage?.ipaOrgId ?? null,
      lineOfBusiness: lob,
      eligibility: coverage === null ? 'not_covered' : 'eligible',
      eligibilityNote: coverage === null ? `No coverage in force on ${serviceDate}: for intake staff to confirm eligibility` : null,
      requestingProviderId: requesting?.id ?? null,
      servicingProviderId: servicing?.id ?? null,
      facilityId: facility?.id ?? null,
      submitterOrgId: p.providerOrgId ?? requesting?.providerOrgId ?? null,
      relatedCaseId: r.relatedCaseId ?? null,
      sourceFormat: opts.source?.format ?? 'json',
      sourcePayload: opts.source?.payload ?? JSON.stringify(r),
      createdByType: actor.type,
      createdById: actor.id,
      createdAt: now,
      updatedAt: now,
      closedAt: allForwarded ? now : null,
    });
    await tx.insert(serviceLines).values(lines);
    if (r.diagnoses !== undefined && r.diagnoses.length > 0) {
      await tx.insert(caseDiagnoses).values(r.diagnoses.map((d, i) => ({ tenantId, caseId, seq: i + 1, system: d.system ?? 'ICD-10-CM', code: normaliseCode(d.code) })));
    }
    const forwarded = lines.filter((l) => l.outcome === 'forwarded');
    if (forwarded.length > 0) {
      await tx.insert(determinations).values(
        forwarded.map((l) => ({
          tenantId,
          id: randomUUID(),
          caseId,
          lineId: l.id,
          outcome: 'forwarded',
          basisKind: 'dofr',
          coverageRule: `DOFR of contract ${contract?.contract.name ?? ''}: ${l.serviceGroup} is at the plan's risk`,
          decidedByType: 'system',
          decidedById: 'automation',
          decidedByRole: 'automation',
          decidedByName: 'OpenUM routing',
          decidedAt: now,
        })),
      );
    }
    const authorName = p.kind === 'user' ? p.displayName : p.name;
    if (r.note !== undefined && r.note.trim() !== '') {
      await tx.insert(caseNotes).values({ tenantId, id: randomUUID(), caseId, kind: 'note', visibility: 'provider', body: r.note, authorType: actor.type, authorId: actor.id, authorName, createdAt: now });
    }
    for (const a of r.attachments ?? []) {
      const checked = checkAttachment(a.fileName, a.contentType, a.contentBase64, ctx.config.attachmentMaxBytes);
      await tx.insert(attachments).values({
        tenantId,
        id: randomUUID(),
        caseId,
        fileName: checked.fileName,
        contentType: checked.contentType,
        sizeBytes: checked.content.length,
        sha256: createHash('sha256').update(checked.content).digest('hex'),
        content: checked.content,
        uploadedByType: actor.type,
        uploadedById: actor.id,
        createdAt: now,
      });
    }
    if (opts.idempotencyKey !== undefined) {
      const inserted = await tx
        .insert(idempotencyKeys)
        .values({ tenantId, submitter: submitterOf(p), key: opts.idempotencyKey, requestHash: hash, caseId, createdAt: now })
        .onConflictDoNothing()
        .returning({ caseId: idempotencyKeys.caseId });
      if (inserted.length === 0) throw new IdempotencyRace();
    }
    await appendAudit(
      tx,
      { tenantId, actor, at: now, ip: opts.ip ?? null, requestId: opts.requestId ?? null },
      {
        action: 'case.create',
        recordType: 'case',
        recordId: caseId,
        caseId,
        details: {
          channel,
          kind: r.kind,
          priority: r.priority,
          status,
          memberId: member.id,
          lines: lines.length,
          receivedAt: receivedAt.toISOString(),
          forwardedLines: forwarded.length,
          ...(opts.idempotencyKey === undefined ? {} : { idempotencyKey: opts.idempotencyKey }),
        },
      },
    );
    await dispatchCaseEvent(ctx.caseEvents, { type: 'created', caseId, request: r, channel, receivedAt }, { tx, tenantId, actor, principal: p, now });
    if (opts.inTransaction !== undefined) await opts.inTransaction(tx, caseId);
    return caseId;
  }

  return {
    async createCase(p: Principal, r: IntakeRequest, opts: IntakeOptions = {}): Promise<IntakeResult> {
      checkIntakeRequest(r);
      const hash = createHash('sha256').update(canonicalJson(r)).digest('hex');
      const submitter = submitterOf(p);
      if (opts.idempotencyKey !== undefined) {
        const prior = await existing(p.tenantId, submitter, opts.idempotencyKey, hash);
        if (prior !== null) return prior;
      }
      try {
        const caseId = await db.transaction((tx) => insertCase(tx, p, r, opts, hash));
        return { caseId, created: true };
      } catch (e) {
        // Another request with the same key committed first: answer with its case.
        if (e instanceof IdempotencyRace && opts.idempotencyKey !== undefined) {
          const prior = await existing(p.tenantId, submitter, opts.idempotencyKey, hash);
          if (prior !== null) return prior;
        }
        throw e;
      }
    },
  };
}

export type IntakeService = ReturnType<typeof createIntakeService>;
