/**
 * Work queues per role (issue 3): which cases each holds, who works it, and which routing rules
 * apply to its workers. Cases are ordered by due time; reviewers see only the organisations they
 * work for (src/intake/queries.ts `visibleTo`).
 */
import type { Role } from '../platform/auth/model';
import type { CaseStatus } from '../intake/model';

export const QUEUE_ROLES = ['intake', 'nurse', 'medical_director', 'appeals'] as const;
export type QueueRole = (typeof QUEUE_ROLES)[number];

export interface QueueDefinition {
  readonly label: string;
  readonly statuses: readonly CaseStatus[];
  /** Reconsiderations go to the appeals queue until a physician reviews them. */
  readonly kinds: 'reconsiderations' | 'not_reconsiderations' | 'any';
  /** Who takes cases from it ("take next"). */
  readonly workers: readonly Role[];
  /** Its workers are clinical reviewers: a case needing a state licence goes only to someone licensed there. */
  readonly licensed: boolean;
  /** A case needing a specialty goes only to a reviewer of that specialty (physician review). */
  readonly specialty: boolean;
}

export const QUEUES: Readonly<Record<QueueRole, QueueDefinition>> = {
  intake: { label: 'Intake', statuses: ['intake'], kinds: 'not_reconsiderations', workers: ['intake'], licensed: false, specialty: false },
  nurse: { label: 'Nurse review', statuses: ['nurse_review'], kinds: 'not_reconsiderations', workers: ['nurse'], licensed: true, specialty: false },
  medical_director: { label: 'Physician review', statuses: ['md_review'], kinds: 'any', workers: ['medical_director', 'specialist'], licensed: true, specialty: true },
  appeals: { label: 'Appeals', statuses: ['intake', 'nurse_review'], kinds: 'reconsiderations', workers: ['appeals'], licensed: true, specialty: false },
};

/** Roles that see every queue of their organisations, without routing (they route and oversee). */
export const OVERSEERS: readonly Role[] = ['supervisor', 'admin', 'auditor'];

export const isQueueRole = (s: string): s is QueueRole => (QUEUE_ROLES as readonly string[]).includes(s);

export const mayViewQueue = (role: Role, q: QueueRole): boolean => QUEUES[q].workers.includes(role) || OVERSEERS.includes(role);

/** The queues a role sees. */
export const queuesFor = (role: Role): QueueRole[] => QUEUE_ROLES.filter((q) => mayViewQueue(role, q));

/** What routing knows about a reviewer: licence states, specialties, service categories they are limited to. */
export interface ReviewerProfile {
  readonly role: Role;
  readonly licenceStates: readonly string[];
  readonly specialties: readonly string[];
  /** Empty: every category. */
  readonly serviceCategories: readonly string[];
}

/** What routing knows about a case. */
export interface CaseRouting {
  readonly status: CaseStatus;
  readonly kind: string;
  readonly requiredLicenceState: string | null;
  readonly requiredSpecialty: string | null;
  readonly serviceCategory: string | null;
}

/** Whether a case sits in a queue. */
export function inQueue(q: QueueRole, c: Pick<CaseRouting, 'status' | 'kind'>): boolean {
  const d = QUEUES[q];
  if (!d.statuses.includes(c.status)) return false;
  switch (d.kinds) {
    case 'reconsiderations':
      return c.kind === 'reconsideration';
    case 'not_reconsiderations':
      return c.kind !== 'reconsideration';
    case 'any':
      return true;
  }
}

/**
 * Whether a queue's worker is handed a case (pure; the SQL in queries.ts says the same): a case
 * needing a licence in a state only to someone licensed there, a case needing a specialty (in
 * physician review) only to that specialty, and a reviewer limited to service categories only
 * cases of those categories.
 */
export function routedTo(q: QueueRole, r: ReviewerProfile, c: CaseRouting): boolean {
  const d = QUEUES[q];
  if (!inQueue(q, c) || !d.workers.includes(r.role)) return false;
  if (d.licensed && c.requiredLicenceState !== null && !r.licenceStates.includes(c.requiredLicenceState)) return false;
  if (d.specialty && c.requiredSpecialty !== null && !r.specialties.includes(c.requiredSpecialty)) return false;
  if (r.serviceCategories.length > 0 && (c.serviceCategory === null || !r.serviceCategories.includes(c.serviceCategory))) return false;
  return true;
}
