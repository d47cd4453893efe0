/** People and machine clients: roles and who they are. */

export const ROLES = [
  'intake',
  'nurse',
  'medical_director',
  'specialist',
  'supervisor',
  'appeals',
  'provider',
  'admin',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/** Staff roles that work cases inside the organisations they are assigned to. */
export const STAFF_ROLES: readonly Role[] = ['intake', 'nurse', 'medical_director', 'specialist', 'supervisor', 'appeals'];

/** Who is calling: a person with a role, or a machine client with scopes. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly tenantId: string;
      readonly userId: string;
      readonly username: string;
      readonly displayName: string;
      readonly role: Role;
      /** Professional credential (RN, LPN, MD, DO, PharmD…), for the reviewer matrix. */
      readonly credential: string | null;
      readonly licenceState: string | null;
      /** Organisations (plans, IPAs) the person works for; staff see only these. */
      readonly organisationIds: readonly string[];
      /** For provider users: the provider organisation they belong to. */
      readonly providerOrgId: string | null;
    }
  | {
      readonly kind: 'client';
      readonly tenantId: string;
      readonly clientId: string;
      readonly name: string;
      readonly scopes: readonly string[];
      readonly providerOrgId: string | null;
    };

/** The actor recorded on audit events and determinations. */
export interface Actor {
  readonly type: 'user' | 'client' | 'system';
  readonly id: string;
  readonly role: string;
}

export const SYSTEM_AUTOMATION: Actor = { type: 'system', id: 'automation', role: 'automation' };

export function actorOf(p: Principal): Actor {
  return p.kind === 'user' ? { type: 'user', id: p.userId, role: p.role } : { type: 'client', id: p.clientId, role: 'client' };
}
