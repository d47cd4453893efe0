/** Time-to-breach in words and colour: the queue and the clock panel say plainly how long is left. */
import { Badge } from '@mantine/core';

export type BreachLevel = 'overdue' | 'at_risk' | 'on_track' | 'no_clock';

/** Filled dark red for overdue (white text, 5.4:1); light badges get darkened text from the theme. */
const COLOR: Record<BreachLevel, string> = { overdue: 'red.9', at_risk: 'orange', on_track: 'green', no_clock: 'gray' };

/** "2 d 3 h", "5 h 10 min", "12 min" (the two largest units). */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

export function describeBreach(ms: number | null, level: BreachLevel | null): string {
  if (ms === null || level === null || level === 'no_clock') return 'No clock';
  switch (level) {
    case 'overdue':
      return `Overdue by ${formatDuration(ms)}`;
    case 'at_risk':
      return `At risk: ${formatDuration(ms)} left`;
    case 'on_track':
      return `${formatDuration(ms)} left`;
  }
}

export function BreachBadge({ ms, level }: { ms: number | null; level: BreachLevel | null }) {
  const words = describeBreach(ms, level);
  return (
    <Badge color={COLOR[level ?? 'no_clock']} variant={level === 'overdue' ? 'filled' : 'light'} tt="none" aria-label={`Time to breach: ${words}`}>
      {words}
    </Badge>
  );
}

/** What a missed deadline means, in words. */
export const CONSEQUENCE_LABEL: Record<string, string> = {
  adverse_determination_appealable: 'treated as adverse — may be appealed',
  forward_to_independent_review: 'forwarded to the independent review entity',
  deemed_adverse: 'deemed adverse',
  appeal_deemed_exhausted: 'appeal deemed exhausted',
  deemed_authorized: 'deemed authorized',
  financially_responsible: 'plan financially responsible',
  overdue: 'overdue',
};
