/**
 * How each clock event moves the due time (or is refused with a coded reason and moves nothing).
 * MA and Medicaid clocks never stop for information (no tolling provision); ERISA tolls
 * (29 CFR 2560.503-1(f)(4)); state rules count from the necessary information.
 */
import { selectRule } from './select';
import { addModifier, anchorFor, dueOf, obligationDaysAfter, type ClockEnv, type RunState } from './state';
import { applyExtension, applyInformationRequest, applyInformationReceived, applyIncompleteNotice } from './tolling';
import { applied, noEffect, refuse, type TimedEvent } from './trace';

/** Moves the anchor when the rule counts from this kind of event. Returns whether it did. */
function moveAnchor(state: RunState, env: ClockEnv, ev: TimedEvent): boolean {
  const a = state.selected.rule.anchor;
  if (a.kind !== 'event' || a.event !== ev.event.type) return false;
  const before = dueOf(state, env);
  state.anchorMs = ev.ms;
  applied(state, env, ev, before, state.selected.rule.citation, `The clock counts from this event (${ev.event.type})`);
  return true;
}

function expediteDenied(state: RunState, env: ClockEnv, ev: TimedEvent & { event: { type: 'expedite_denied' } }): void {
  if (moveAnchor(state, env, ev)) return;
  if (state.priority === 'standard') return noEffect(state, ev, 'The request is already on the standard track');
  if (ev.event.newPriority !== 'standard') return refuse(state, ev, 'UM_ERR_CLOCK_INPUT', 'A denied expedite request moves to the standard priority');
  if (env.physicianSupportsExpedite || ev.event.physicianSupported === true) {
    return refuse(state, ev, 'UM_ERR_CLOCK_DOWNGRADE_REFUSED',
      `A physician requested or supports expediting: the request must stay expedited (${state.selected.policy.physicianExpediteCitation})`);
  }
  const standard = selectRule(env.stack, env.facts, 'standard', env.variant);
  if (standard === undefined) return refuse(state, ev, 'UM_ERR_CLOCK_NO_POLICY', 'No standard-track rule applies to this request');
  const before = dueOf(state, env);
  const notice = state.selected.rule.downgradeNotice;
  state.selected = standard;
  state.priority = 'standard';
  state.incomplete = undefined;
  state.capMs = undefined;
  state.anchorMs = anchorFor(state, env, standard);
  if (notice !== undefined) {
    state.obligations.push(obligationDaysAfter(ev.ms, notice.days, env, { kind: 'downgrade_written_notice', citation: notice.citation, description: notice.description }));
  }
  applied(state, env, ev, before, standard.rule.citation,
    `Expedite denied: standard timeframe counted from the original receipt${notice === undefined ? '' : `; written notice due within ${notice.days} calendar days (${notice.citation})`}`);
}

function priorityUpgraded(state: RunState, env: ClockEnv, ev: TimedEvent & { event: { type: 'priority_upgraded' } }): void {
  if (ev.event.newPriority === 'standard') return refuse(state, ev, 'UM_ERR_CLOCK_INPUT', 'An upgrade moves to the expedited / urgent priority');
  if (state.priority === 'fast') return noEffect(state, ev, 'The request is already on the fast track');
  const fast = selectRule(env.stack, env.facts, 'fast', env.variant);
  if (fast === undefined) return refuse(state, ev, 'UM_ERR_CLOCK_NO_POLICY', 'No expedited rule applies to this request');
  const before = dueOf(state, env);
  state.selected = fast;
  state.priority = 'fast';
  state.anchorMs = ev.ms;
  state.capMs = before;
  applied(state, env, ev, before, fast.rule.citation, 'Upgraded: the expedited clock runs from the upgrade, never later than the standard due time');
}

function oralNotice(state: RunState, env: ClockEnv, ev: TimedEvent): void {
  if (moveAnchor(state, env, ev)) return;
  const confirmation = state.selected.rule.oralNoticeConfirmation;
  if (confirmation === undefined) return noEffect(state, ev, 'This rule sets no written-confirmation time after an oral notice');
  state.obligations.push(obligationDaysAfter(ev.ms, confirmation.days, env, { kind: 'written_confirmation', citation: confirmation.citation, description: confirmation.description }));
  addModifier(state, confirmation.citation);
  state.trace.push({ kind: 'no_effect', event: ev.event.type, at: ev.event.at, note: `Written confirmation due within ${confirmation.days} days (${confirmation.citation})` });
}

/** Applies one timed event to the state. */
export function applyEvent(state: RunState, env: ClockEnv, ev: TimedEvent): void {
  const e = ev.event;
  switch (e.type) {
    case 'extension_taken':
    case 'extension_requested':
      return applyExtension(state, env, ev, e.days);
    case 'additional_info_requested':
      return applyInformationRequest(state, env, ev, e.responseWindowDays);
    case 'incomplete_claim_notice_sent':
      return applyIncompleteNotice(state, env, ev, e.responseWindowHours);
    case 'additional_info_received':
    case 'necessary_info_received':
      return applyInformationReceived(state, env, ev);
    case 'expedite_denied':
      return expediteDenied(state, env, { ...ev, event: e });
    case 'priority_upgraded':
      return priorityUpgraded(state, env, { ...ev, event: e });
    case 'oral_notice_given':
      return oralNotice(state, env, ev);
    case 'admission':
    case 'observation_start':
    case 'pa_status_change':
      if (!moveAnchor(state, env, ev)) noEffect(state, ev, 'Does not move this clock');
      return;
    case 'approved_course_ends':
      state.trace.push({ kind: 'context', event: e.type, at: e.at, note: `Request made ${env.facts.concurrentLead === 'at_least_24h' ? 'at least' : 'less than'} 24 hours before the approved course ends` });
      return;
  }
}
