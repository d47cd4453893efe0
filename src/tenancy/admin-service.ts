/**
 * Administration of a tenant: people and their roles, machine clients, organisations, contracts
 * with their DOFR, and the reviewer matrix. Admins only; every change audited in its transaction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import { actorOf, ROLES, type Principal, type Role } from '../platform/auth/model';
import { clients, userOrganisations, users } from '../platform/auth/schema';
import { hashPassword } from '../platform/auth/passwords';
import { appendAudit } from '../audit/store';
import type { Json } from '../audit/chain';
import { NURSING_CREDENTIALS } from '../determination/authority';
import { contractDofr, contracts, organisations, reviewerMatrix, tenants } from './schema';
import type { LineOfBusiness, OrganisationKind, Responsibility } from './model';

export interface UserInput {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly credential?: string | null;
  readonly licenceState?: string | null;
  readonly specialty?: string | null;
  readonly providerOrgId?: string | null;
  readonly organisationIds?: readonly string[];
  readonly password?: string;
  readonly active?: boolean;
}

export interface ContractInput {
  readonly name: string;
  readonly planOrgId: string;
  readonly delegateOrgId: string;
  readonly lineOfBusiness: LineOfBusiness;
  readonly umDelegated: boolean;
  readonly authValidityDays?: number;
  readonly reviewContractedRetro?: boolean;
  readonly admissionNotificationHours?: number;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string | null;
  readonly dofr?: Readonly<Record<string, Responsibility>>;
}

function requireAdmin(p: Principal): asserts p is Extract<Principal, { kind: 'user' }> {
  if (p.kind !== 'user' || p.role !== 'admin') throw new UmError('UM_ERR_FORBIDDEN', 'Administration is for admins');
}

export function createAdminService(ctx: Pick<AppContext, 'db' | 'clock'>) {
  const { db, clock } = ctx;

  async function change<T>(p: Principal, meta: { ip?: string | null; requestId?: string | null }, fn: (tx: Tx, now: Date) => Promise<{ result: T; action: string; recordType: string; recordId: string; details?: { [k: string]: Json } }>): Promise<T> {
    requireAdmin(p);
    return db.transaction(async (tx) => {
      const now = clock.now();
      const r = await fn(tx, now);
      await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: now, ip: meta.ip ?? null, requestId: meta.requestId ?? null }, {
        action: r.action,
        recordType: r.recordType,
        recordId: r.recordId,
        details: r.details ?? {},
      });
      return r.result;
    });
  }

  async function checkOrgs(tx: Tx, tenantId: string, ids: readonly string[], kinds?: readonly OrganisationKind[]): Promise<void> {
    for (const id of ids) {
      const [o] = await tx.select().from(organisations).where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, id)));
      if (o === undefined || (kinds !== undefined && !kinds.some((k) => k === o.kind))) {
        throw new UmError('UM_ERR_VALIDATION', `Organisation ${id} is not ${kinds === undefined ? 'known' : `a ${kinds.join(' or ')}`} in this tenant`, { details: [{ path: 'organisationIds', message: id }] });
      }
    }
  }

  function checkUser(u: Partial<UserInput>): void {
    if (u.role === 'provider' && u.providerOrgId == null) throw new UmError('UM_ERR_VALIDATION', 'A provider user belongs to a provider organisation', { details: [{ path: 'providerOrgId', message: 'required for role provider' }] });
    if (u.role === 'medical_director' && u.credential != null && !['MD', 'DO'].includes(u.credential.toUpperCase())) {
      throw new UmError('UM_ERR_VALIDATION', 'A medical director is a physician (MD or DO)', { details: [{ path: 'credential', message: 'MD or DO' }] });
    }
    if (u.role === 'nurse' && (u.licenceState == null || !/^[A-Z]{2}$/.test(u.licenceState))) {
      throw new UmError('UM_ERR_VALIDATION', 'A nurse reviewer has a licence state (two letters)', { details: [{ path: 'licenceState', message: 'required for role nurse' }] });
    }
    if (u.password !== undefined && u.password.length < 8) throw new UmError('UM_ERR_VALIDATION', 'Passwords have at least 8 characters', { details: [{ path: 'password', message: 'too short' }] });
  }

  return {
    async listUsers(p: Principal) {
      requireAdmin(p);
      const rows = await db.select().from(users).where(eq(users.tenantId, p.tenantId)).orderBy(asc(users.displayName));
      const orgs = await db.select().from(userOrganisations).where(eq(userOrganisations.tenantId, p.tenantId));
      return rows.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        credential: u.credential,
        licenceState: u.licenceState,
        specialty: u.specialty,
        providerOrgId: u.providerOrgId,
        active: u.active,
        organisationIds: orgs.filter((o) => o.userId === u.id).map((o) => o.organisationId),
      }));
    },

    async createUser(p: Principal, input: UserInput, meta: { ip?: string | null; requestId?: string | null } = {}) {
      checkUser(input);
      if (input.password === undefined) throw new UmError('UM_ERR_VALIDATION', 'A new user needs a password', { details: [{ path: 'password', message: 'required' }] });
      const passwordHash = await hashPassword(input.password);
      return change(p, meta, async (tx) => {
        const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
        if (taken !== undefined) throw new UmError('UM_ERR_CONFLICT', `The username "${input.username}" is taken`);
        if (input.providerOrgId != null) await checkOrgs(tx, p.tenantId, [input.providerOrgId], ['provider_group']);
        await checkOrgs(tx, p.tenantId, input.organisationIds ?? []);
        const id = randomUUID();
        await tx.insert(users).values({
          tenantId: p.tenantId,
          id,
          username: input.username,
          displayName: input.displayName,
          role: input.role,
          credential: input.credential ?? null,
          licenceState: input.licenceState ?? null,
          specialty: input.specialty ?? null,
          providerOrgId: input.providerOrgId ?? null,
          passwordHash,
          active: input.active ?? true,
        });
        if ((input.organisationIds ?? []).length > 0) {
          await tx.insert(userOrganisations).values((input.organisationIds ?? []).map((organisationId) => ({ tenantId: p.tenantId, userId: id, organisationId })));
        }
        return { result: { id }, action: 'user.create', recordType: 'user', recordId: id, details: { role: input.role, organisations: [...(input.organisationIds ?? [])] } };
      });
    },

    async updateUser(p: Principal, userId: string, patch: Partial<UserInput>, meta: { ip?: string | null; requestId?: string | null } = {}) {
      requireAdmin(p);
      const self = p.userId;
      const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
      return change(p, meta, async (tx) => {
        const [u] = await tx.select().from(users).where(and(eq(users.tenantId, p.tenantId), eq(users.id, userId)));
        if (u === undefined) throw new UmError('UM_ERR_NOT_FOUND', 'No such user');
        const merged = { role: patch.role ?? ROLES.find((r) => r === u.role) ?? 'auditor', providerOrgId: patch.providerOrgId === undefined ? u.providerOrgId : patch.providerOrgId, credential: patch.credential === undefined ? u.credential : patch.credential, licenceState: patch.licenceState === undefined ? u.licenceState : patch.licenceState, password: patch.password };
        checkUser(merged);
        if (userId === self && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'))) {
          throw new UmError('UM_ERR_CONFLICT', 'You cannot deactivate yourself or take away your own admin role');
        }
        await tx
          .update(users)
          .set({
            ...(patch.displayName === undefined ? {} : { displayName: patch.displayName }),
            ...(patch.role === undefined ? {} : { role: patch.role }),
            ...(patch.credential === undefined ? {} : { credential: patch.credential }),
            ...(patch.licenceState === undefined ? {} : { licenceState: patch.licenceState }),
            ...(patch.specialty === undefined ? {} : { specialty: patch.specialty }),
            ...(patch.providerOrgId === undefined ? {} : { providerOrgId: patch.providerOrgId }),
            ...(patch.active === undefined ? {} : { active: patch.active }),
            ...(passwordHash === undefined ? {} : { passwordHash }),
          })
          .where(and(eq(users.tenantId, p.tenantId), eq(users.id, userId)));
        if (patch.organisationIds !== undefined) {
          await checkOrgs(tx, p.tenantId, patch.organisationIds);
          await tx.delete(userOrganisations).where(and(eq(userOrganisations.tenantId, p.tenantId), eq(userOrganisations.userId, userId)));
          if (patch.organisationIds.length > 0) {
            await tx.insert(userOrganisations).values(patch.organisationIds.map((organisationId) => ({ tenantId: p.tenantId, userId, organisationId })));
          }
        }
        const changed = Object.keys(patch).filter((k) => k !== 'password');
        return { result: { id: userId }, action: 'user.update', recordType: 'user', recordId: userId, details: { fields: [...changed, ...(passwordHash === undefined ? [] : ['password'])] } };
      });
    },

    async listClients(p: Principal) {
      requireAdmin(p);
      const rows = await db.select().from(clients).where(eq(clients.tenantId, p.tenantId)).orderBy(asc(clients.clientId));
      return rows.map((c) => ({ id: c.id, clientId: c.clientId, name: c.name, scopes: c.scopes, providerOrgId: c.providerOrgId, active: c.active, hasSecret: c.secretHash !== null, jwksUrl: c.jwksUrl, hasJwks: c.jwks !== null }));
    },

    /** Registers a machine client; a generated secret is shown once, in this answer only. */
    async createClient(p: Principal, input: { clientId: string; name: string; scopes: readonly string[]; providerOrgId?: string | null; generateSecret?: boolean; jwks?: unknown; jwksUrl?: string | null }, meta: { ip?: string | null; requestId?: string | null } = {}) {
      const secret = input.generateSecret === false ? null : randomBytes(24).toString('base64url');
      const secretHash = secret === null ? null : await hashPassword(secret);
      return change(p, meta, async (tx) => {
        const [taken] = await tx.select({ id: clients.id }).from(clients).where(eq(clients.clientId, input.clientId));
        if (taken !== undefined) throw new UmError('UM_ERR_CONFLICT', `The client id "${input.clientId}" is taken`);
        if (input.providerOrgId != null) await checkOrgs(tx, p.tenantId, [input.providerOrgId], ['provider_group']);
        const id = randomUUID();
        await tx.insert(clients).values({ tenantId: p.tenantId, id, clientId: input.clientId, name: input.name, scopes: [...input.scopes], providerOrgId: input.providerOrgId ?? null, secretHash, jwks: input.jwks ?? null, jwksUrl: input.jwksUrl ?? null });
        return { result: { id, clientId: input.clientId, secret }, action: 'client.create', recordType: 'client', recordId: id, details: { scopes: [...input.scopes] } };
      });
    },

    async updateClient(p: Principal, id: string, patch: { name?: string; scopes?: readonly string[]; active?: boolean; rotateSecret?: boolean }, meta: { ip?: string | null; requestId?: string | null } = {}) {
      const secret = patch.rotateSecret === true ? randomBytes(24).toString('base64url') : null;
      const secretHash = secret === null ? undefined : await hashPassword(secret);
      return change(p, meta, async (tx) => {
        const updated = await tx
          .update(clients)
          .set({ ...(patch.name === undefined ? {} : { name: patch.name }), ...(patch.scopes === undefined ? {} : { scopes: [...patch.scopes] }), ...(patch.active === undefined ? {} : { active: patch.active }), ...(secretHash === undefined ? {} : { secretHash }) })
          .where(and(eq(clients.tenantId, p.tenantId), eq(clients.id, id)))
          .returning({ id: clients.id });
        if (updated.length === 0) throw new UmError('UM_ERR_NOT_FOUND', 'No such client');
        return { result: { id, secret }, action: 'client.update', recordType: 'client', recordId: id, details: { fields: Object.keys(patch) } };
      });
    },

    async createOrganisation(p: Principal, input: { kind: OrganisationKind; name: string; npi?: string | null; taxId?: string | null; payerId?: string | null }, meta: { ip?: string | null; requestId?: string | null } = {}) {
      return change(p, meta, async (tx) => {
        const id = randomUUID();
        await tx.insert(organisations).values({ tenantId: p.tenantId, id, kind: input.kind, name: input.name, npi: input.npi ?? null, taxId: input.taxId ?? null, payerId: input.payerId ?? null });
        return { result: { id }, action: 'organisation.create', recordType: 'organisation', recordId: id, details: { kind: input.kind } };
      });
    },

    async listContracts(p: Principal) {
      requireAdmin(p);
      const rows = await db.select().from(contracts).where(eq(contracts.tenantId, p.tenantId)).orderBy(asc(contracts.name));
      const grid = await db.select().from(contractDofr).where(eq(contractDofr.tenantId, p.tenantId));
      return rows.map((c) => ({ ...c, createdAt: c.createdAt.toISOString(), dofr: Object.fromEntries(grid.filter((g) => g.contractId === c.id).map((g) => [g.serviceGroup, g.responsibility])) }));
    },

    async saveContract(p: Principal, id: string | null, input: ContractInput, meta: { ip?: string | null; requestId?: string | null } = {}) {
      return change(p, meta, async (tx) => {
        await checkOrgs(tx, p.tenantId, [input.planOrgId], ['health_plan']);
        await checkOrgs(tx, p.tenantId, [input.delegateOrgId], ['ipa', 'mso', 'health_plan']);
        const values = {
          name: input.name,
          planOrgId: input.planOrgId,
          delegateOrgId: input.delegateOrgId,
          lineOfBusiness: input.lineOfBusiness,
          umDelegated: input.umDelegated,
          authValidityDays: input.authValidityDays ?? 90,
          reviewContractedRetro: input.reviewContractedRetro ?? true,
          admissionNotificationHours: input.admissionNotificationHours ?? 24,
          effectiveFrom: input.effectiveFrom,
          effectiveTo: input.effectiveTo ?? null,
        };
        const contractId = id ?? randomUUID();
        if (id === null) await tx.insert(contracts).values({ tenantId: p.tenantId, id: contractId, ...values });
        else {
          const u = await tx.update(contracts).set(values).where(and(eq(contracts.tenantId, p.tenantId), eq(contracts.id, id))).returning({ id: contracts.id });
          if (u.length === 0) throw new UmError('UM_ERR_NOT_FOUND', 'No such contract');
        }
        if (input.dofr !== undefined) {
          await tx.delete(contractDofr).where(and(eq(contractDofr.tenantId, p.tenantId), eq(contractDofr.contractId, contractId)));
          const rows = Object.entries(input.dofr).map(([serviceGroup, responsibility]) => ({ tenantId: p.tenantId, contractId, serviceGroup, responsibility }));
          if (rows.length > 0) await tx.insert(contractDofr).values(rows);
        }
        return { result: { id: contractId }, action: id === null ? 'contract.create' : 'contract.update', recordType: 'contract', recordId: contractId, details: { dofrGroups: Object.keys(input.dofr ?? {}) } };
      });
    },

    async listMatrix(p: Principal) {
      requireAdmin(p);
      return db.select({ serviceCategory: reviewerMatrix.serviceCategory, lineOfBusiness: reviewerMatrix.lineOfBusiness, credential: reviewerMatrix.credential }).from(reviewerMatrix).where(eq(reviewerMatrix.tenantId, p.tenantId));
    },

    /**
     * Replaces the reviewer matrix: which credentials, beyond physicians, may issue adverse
     * decisions per service category and line of business (42 CFR 422.566(d)). Nursing credentials
     * are refused: a nurse never denies.
     */
    async saveMatrix(p: Principal, rows: readonly { serviceCategory: string; lineOfBusiness: string; credential: string }[], meta: { ip?: string | null; requestId?: string | null } = {}) {
      const bad = rows.filter((r) => NURSING_CREDENTIALS.includes(r.credential.toUpperCase()));
      if (bad.length > 0) {
        throw new UmError('UM_ERR_VALIDATION', `Nursing credentials cannot issue adverse determinations: ${bad.map((b) => b.credential).join(', ')}`, { details: bad.map((b) => ({ path: 'credential', message: b.credential })) });
      }
      return change(p, meta, async (tx) => {
        await tx.delete(reviewerMatrix).where(eq(reviewerMatrix.tenantId, p.tenantId));
        if (rows.length > 0) await tx.insert(reviewerMatrix).values(rows.map((r) => ({ tenantId: p.tenantId, ...r })));
        return { result: { rows: rows.length }, action: 'reviewer_matrix.replace', recordType: 'tenant', recordId: p.tenantId, details: { rows: rows.map((r) => `${r.serviceCategory}/${r.lineOfBusiness}/${r.credential}`) } };
      });
    },

    async updateTenant(p: Principal, patch: { name?: string; timeZone?: string; sandbox?: boolean }, meta: { ip?: string | null; requestId?: string | null } = {}) {
      if (patch.timeZone !== undefined) {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: patch.timeZone });
        } catch {
          throw new UmError('UM_ERR_VALIDATION', `"${patch.timeZone}" is not an IANA time zone`, { details: [{ path: 'timeZone', message: 'unknown time zone' }] });
        }
      }
      return change(p, meta, async (tx) => {
        await tx.update(tenants).set(patch).where(eq(tenants.id, p.tenantId));
        return { result: { id: p.tenantId }, action: 'tenant.update', recordType: 'tenant', recordId: p.tenantId, details: { fields: Object.keys(patch) } };
      });
    },
  };
}
