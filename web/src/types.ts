/** API shapes, taken from the server's own types so that the two cannot drift apart. */
import type { CaseView } from '../../src/intake/queries';
import type { CaseActions } from '../../src/review/permissions';

export type CaseDetail = CaseView & { readonly actions: CaseActions };
export type CaseLine = CaseView['lines'][number];

export interface CaseListItem {
  readonly id: string;
  readonly caseNumber: string;
  readonly kind: string;
  readonly priority: string;
  readonly status: string;
  readonly disposition: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly lineOfBusiness: string | null;
  readonly eligibility: string;
  readonly member: { id: string; memberNumber: string; name: string };
  readonly assignedTo: { id: string; displayName: string } | null;
  readonly codes: string;
  /** The decision clock (src/clocks): due instant and state. */
  readonly dueAt: string | null;
  readonly clock: { readonly state: string; readonly atRiskAt: string | null } | null;
}

export interface AuditItem {
  readonly id: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: { type: string; id: string; role: string };
  readonly action: string;
  readonly details: Record<string, unknown>;
  readonly hash: string;
}

// ---- coverage and criteria (src/coverage) -------------------------------------------------
export type { RequirementAnswer, RequirementItem } from '../../src/coverage/requirements';
export type { CriteriaSetSummary } from '../../src/coverage/criteria-view';
export type { PaRuleView } from '../../src/coverage/pa-rows';
export type { CriteriaSetDiff } from '../../src/criteria/diff';
export type { CriteriaSet, QuestionnaireDef } from '../../src/criteria/schema';
export type { CaseView };
export type CaseCriteria = CaseView['criteria'][number];
export type CaseDuplicate = CaseView['duplicates'][number];

// ---- decision clocks and work queues (src/clocks, src/queues) ------------------------------
export type { ClockView } from '../../src/clocks/view';
export type { QueueItem } from '../../src/queues/queries';
export type { TimelinessRow } from '../../src/clocks/timeliness-report';
export interface QueueCount {
  readonly queue: string;
  readonly label: string;
  readonly total: number;
  readonly unassigned: number;
  readonly overdue: number;
  readonly atRisk: number;
}
