import type { CaseStatus } from '../intake/model';
import type { Disposition, LineOutcome } from './model';

/**
 * The case disposition, derived from its lines (pure). All approved → approved; all denied →
 * denied; any approval with modifications, or a mix of approvals and denials → partially approved;
 * any line still pending → pending. Withdrawn and forwarded lines do not count unless every line is
 * one of them; "no authorization required" lines count as approved unless every line is one.
 */
export function deriveDisposition(lines: readonly { readonly outcome: LineOutcome | null }[], status: CaseStatus): Disposition {
  if (status === 'cancelled') return 'cancelled';
  if (lines.some((l) => l.outcome === null)) return 'pending';
  const outcomes = lines.map((l) => l.outcome);
  const active = outcomes.filter((o) => o !== 'withdrawn' && o !== 'forwarded');
  if (active.length === 0) {
    if (outcomes.length === 0) return 'pending';
    return outcomes.includes('forwarded') ? 'forwarded_to_plan' : 'withdrawn';
  }
  if (active.every((o) => o === 'no_auth_required')) return 'no_auth_required';
  if (active.every((o) => o === 'approved' || o === 'no_auth_required')) return 'approved';
  if (active.every((o) => o === 'denied')) return 'denied';
  return 'partially_approved';
}
