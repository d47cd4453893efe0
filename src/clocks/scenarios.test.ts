import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioOutcome } from './scenario';
import { offsetWritten } from './time/zoned';

interface Fixture {
  readonly scenarios: readonly { readonly id: string; readonly expected_due_at: string; readonly [k: string]: unknown }[];
}
const load = (name: string): Fixture => {
  const doc: unknown = JSON.parse(readFileSync(new URL(`../../test/fixtures/clocks/${name}`, import.meta.url), 'utf8'));
  if (typeof doc !== 'object' || doc === null || !('scenarios' in doc) || !Array.isArray(doc.scenarios)) throw new Error(`${name}: no scenarios`);
  return { scenarios: doc.scenarios.map((s: unknown) => {
    if (typeof s !== 'object' || s === null || !('id' in s) || !('expected_due_at' in s) || typeof s.id !== 'string' || typeof s.expected_due_at !== 'string') {
      throw new Error(`${name}: scenario without id / expected_due_at`);
    }
    return { ...s, id: s.id, expected_due_at: s.expected_due_at };
  }) };
};

describe.each(['clock-scenarios.json', 'extra-scenarios.json'])('%s', (file) => {
  const { scenarios } = load(file);
  it('has scenarios', () => {
    expect(scenarios.length).toBeGreaterThan(file === 'clock-scenarios.json' ? 46 : 10);
  });
  it.each(scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    const out = scenarioOutcome(scenario);
    expect(out).toHaveProperty('due_at');
    if (!('due_at' in out)) return;
    // Same instant, written with the offset in force in the scenario's zone.
    expect(Date.parse(out.due_at)).toBe(Date.parse(scenario.expected_due_at));
    expect(offsetWritten(out.due_at)).toBe(offsetWritten(scenario.expected_due_at));
    expect(out.rule.length).toBeGreaterThan(0);
  });
});

describe('vocabulary coverage (issue 3)', () => {
  const all = [...load('clock-scenarios.json').scenarios, ...load('extra-scenarios.json').scenarios];
  const seen = new Set<string>();
  for (const s of all) {
    for (const key of ['line_of_business', 'request_type', 'priority'] as const) seen.add(`${key}:${String(s[key])}`);
    const events: readonly unknown[] = Array.isArray(s.events) ? s.events : [];
    for (const e of events) {
      if (typeof e !== 'object' || e === null || !('type' in e)) continue;
      seen.add(`event:${String(e.type)}`);
      if (e.type === 'flag' && 'name' in e) seen.add(`flag:${String(e.name)}${'value' in e && typeof e.value === 'string' ? `=${e.value}` : ''}`);
      if ('response_window_days' in e) seen.add('field:response_window_days');
      if ('response_window_hours' in e) seen.add('field:response_window_hours');
    }
  }
  const vocabulary = [
    ...['medicare_advantage', 'medicaid', 'medicaid_ffs', 'chip', 'commercial_erisa', 'qhp_ffe', 'texas_commercial', 'texas_medicaid', 'california_commercial', 'new_york_commercial', 'illinois_commercial'].map((v) => `line_of_business:${v}`),
    ...['pre_service', 'post_service', 'concurrent', 'part_b_drug', 'outpatient_drug', 'reconsideration', 'post_stabilization', 'patient_access_api_pa_data', 'expedite_downgrade_written_notice', 'expedited_written_confirmation', 'notice_moon', 'notice_im_initial', 'notice_nomnc'].map((v) => `request_type:${v}`),
    ...['standard', 'expedited', 'urgent'].map((v) => `priority:${v}`),
    ...['extension_taken', 'extension_requested', 'additional_info_requested', 'additional_info_received', 'incomplete_claim_notice_sent', 'necessary_info_received', 'expedite_denied', 'oral_notice_given', 'admission', 'observation_start', 'planned_services_end', 'approved_course_ends', 'pa_status_change', 'rating_period_start', 'flag'].map((v) => `event:${v}`),
    'flag:subject_to_prior_authorization', 'flag:reconsideration_subject=payment', 'flag:reconsideration_subject=part_b_drug', 'flag:procedural_failure',
    'field:response_window_days', 'field:response_window_hours',
  ];
  it.each(vocabulary)('%s is exercised by a scenario', (name) => {
    expect(seen.has(name)).toBe(true);
  });
});
