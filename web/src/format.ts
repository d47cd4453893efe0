/** Words people read: statuses, outcomes and times in the plan's time zone. */
export const STATUS_LABEL: Record<string, string> = {
  intake: 'Intake',
  nurse_review: 'Nurse review',
  md_review: 'Physician review',
  pended_info: 'Pended for information',
  decided: 'Decided',
  forwarded_to_plan: 'Forwarded to plan',
  withdrawn: 'Withdrawn',
  cancelled: 'Cancelled',
};

export const DISPOSITION_LABEL: Record<string, string> = {
  pending: 'Pending',
  approved: 'Approved',
  partially_approved: 'Partially approved',
  denied: 'Denied',
  no_auth_required: 'No authorization required',
  withdrawn: 'Withdrawn',
  cancelled: 'Cancelled',
  forwarded_to_plan: 'Forwarded to plan',
};

export const OUTCOME_LABEL: Record<string, string> = {
  approved: 'Approve as requested',
  approved_modified: 'Approve with modifications (adverse)',
  denied: 'Deny (adverse)',
  no_auth_required: 'No authorization required',
  withdrawn: 'Withdrawn',
  forwarded: 'Forwarded to plan',
};

export const DISPOSITION_COLOR: Record<string, string> = {
  pending: 'gray',
  approved: 'green',
  partially_approved: 'yellow',
  denied: 'red',
  no_auth_required: 'teal',
  withdrawn: 'gray',
  cancelled: 'gray',
  forwarded_to_plan: 'blue',
};

export const label = (map: Record<string, string>, key: string | null | undefined): string => (key == null ? '—' : (map[key] ?? key.replace(/_/g, ' ')));

export function formatInstant(iso: string | null | undefined, timeZone: string): string {
  if (iso == null) return '—';
  // dateStyle/timeStyle cannot be combined with timeZoneName: spell the fields out.
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));
}
