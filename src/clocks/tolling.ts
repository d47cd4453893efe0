/**
 * Extensions, information requests and tolling.
 *
 * - Extensions (MA 42 CFR 422.568(b)/422.572(b); Medicaid 438.210(d); ERISA (f)(2)(iii)): N
 *   calendar days added to the due time (C6), only where the rule allows, only before the deadline
 *   passes, never beyond the rule's total; refused otherwise with a coded reason.
 * - ERISA information requests (29 CFR 2560.503-1(f)(2)(iii), (f)(4)): the request takes the one
 *   15-day extension if still unused, and the clock is tolled from the notice until the answer —
 *   whole local calendar days — or for the whole response period (≥ 45 days) without an answer.
 * - ERISA urgent claims lacking information ((f)(2)(i)): notice within 24 h, ≥ 48 h to answer,
 *   decision within 48 h of the earlier of the answer or the end of that period.
 */
import { addModifier, dueOf, fmt, type ClockEnv, type RunState } from './state';
import type { Obligation } from './types';
import { MS_PER_HOUR, localDay } from './time/zoned';
import { applied, noEffect, refuse, type TimedEvent } from './trace';

const isWholePositive = (n: number): boolean => Number.isInteger(n) && n > 0;

/** extension_taken / extension_requested. */
export function applyExtension(state: RunState, env: ClockEnv, ev: TimedEvent, days: number): void {
  const ext = state.selected.rule.extension;
  if (!isWholePositive(days)) return refuse(state, ev, 'UM_ERR_CLOCK_INPUT', 'An extension is a whole, positive number of days');
  if (ext.kind === 'forbidden') {
    return refuse(state, ev, 'UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED', `${ext.reason} (${ext.citation})`);
  }
  if (state.incomplete !== undefined) return refuse(state, ev, 'UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED', 'An urgent claim cannot be extended');
  const before = dueOf(state, env);
  if (ev.ms > before) {
    return refuse(state, ev, 'UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED', `The extension was taken after the deadline had passed (${ext.citation})`);
  }
  if (state.extensionCount >= ext.maxCount) {
    return refuse(state, ev, 'UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED', `Only ${ext.maxCount} extension${ext.maxCount === 1 ? '' : 's'} allowed (${ext.citation})`);
  }
  if (state.extensionDays + days > ext.maxTotalDays) {
    return refuse(state, ev, 'UM_ERR_CLOCK_EXTENSION_TOO_LONG',
      `${state.extensionDays + days} days of extension exceed the ${ext.maxTotalDays} days allowed (${ext.citation})`);
  }
  state.extensionDays += days;
  state.extensionCount += 1;
  addModifier(state, ext.citation);
  state.obligations.push(noticeBefore(before, env, ext.noticeCitation, 'Written notice of the extension, before the original deadline'));
  applied(state, env, ev, before, ext.citation, `Extended by ${days} calendar days`);
}

/** The extension notice is due before the deadline it extends. */
function noticeBefore(beforeMs: number, env: ClockEnv, citation: string, description: string): Obligation {
  return { kind: 'extension_notice', citation, description, dueAt: fmt(beforeMs, env.zone), dueEpochMs: beforeMs };
}

/** additional_info_requested. */
export function applyInformationRequest(state: RunState, env: ClockEnv, ev: TimedEvent, responseWindowDays: number | undefined): void {
  const tolling = state.selected.rule.tolling;
  if (ev.event.type === 'additional_info_requested') state.informationRequested = true;
  switch (tolling.kind) {
    case 'none':
      return noEffect(state, ev, `Pending for information does not stop this clock (${tolling.citation})`);
    case 'not_applicable':
      return noEffect(state, ev, 'This clock runs from receipt of the necessary information: it restarts when the information arrives');
    case 'erisa_urgent_incomplete':
      return applyIncompleteNotice(state, env, ev, responseWindowDays === undefined ? undefined : responseWindowDays * 24);
    case 'erisa': {
      if (state.openToll !== undefined) return noEffect(state, ev, 'The clock is already tolled for an earlier information request');
      const before = dueOf(state, env);
      if (ev.ms > before) return refuse(state, ev, 'UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED', `The information request came after the deadline had passed (${tolling.citation})`);
      const ext = state.selected.rule.extension;
      const notes: string[] = [];
      if (tolling.requestTakesExtension && ext.kind === 'allowed' && state.extensionCount < ext.maxCount && state.extensionDays < ext.maxTotalDays) {
        const days = ext.maxTotalDays - state.extensionDays;
        state.extensionDays += days;
        state.extensionCount += 1;
        addModifier(state, ext.citation);
        state.obligations.push(noticeBefore(before, env, ext.noticeCitation, 'Notice of extension describing the information needed, before the original deadline'));
        notes.push(`extended by ${days} days for the claimant's missing information`);
      }
      const windowDays = Math.max(responseWindowDays ?? tolling.minResponseDays, tolling.minResponseDays);
      if (responseWindowDays !== undefined && responseWindowDays < tolling.minResponseDays) {
        notes.push(`response period raised to the ${tolling.minResponseDays}-day minimum`);
      }
      state.openToll = { sinceMs: ev.ms, windowDays };
      addModifier(state, tolling.citation);
      notes.push(`tolled from this notice until the claimant responds (at most ${windowDays} days)`);
      return applied(state, env, ev, before, tolling.citation, notes.join('; '));
    }
  }
}

/** additional_info_received / necessary_info_received. */
export function applyInformationReceived(state: RunState, env: ClockEnv, ev: TimedEvent): void {
  const before = dueOf(state, env);
  const notes: string[] = [];
  if (state.openToll !== undefined) {
    const { sinceMs, windowDays } = state.openToll;
    const days = Math.min(Math.max(localDay(ev.ms, env.zone) - localDay(sinceMs, env.zone), 0), windowDays);
    state.tolledDays += days;
    state.openToll = undefined;
    notes.push(`claimant responded: ${days} calendar day${days === 1 ? '' : 's'} tolled`);
  } else if (state.incomplete !== undefined && state.incomplete.answeredMs === undefined) {
    state.incomplete.answeredMs = ev.ms;
    notes.push(`information received: decision due ${state.incomplete.decideHours} hours after the earlier of this and the end of the response period`);
  }
  // The answer to the plan's own request is "the information reasonably necessary and requested by
  // the plan" (H&SC 1367.01(h)(1)); necessary_info_received says so directly.
  if (ev.event.type === 'necessary_info_received' || state.informationRequested) {
    state.necessaryInfoMs = ev.ms;
    state.informationRequested = false;
    if (state.selected.rule.anchor.kind === 'necessary_info') {
      state.anchorMs = ev.ms;
      notes.push('the clock counts from receipt of the necessary information');
    }
  }
  if (notes.length === 0) return noEffect(state, ev, 'Does not move this clock');
  applied(state, env, ev, before, state.selected.rule.citation, notes.join('; '));
}

/** incomplete_claim_notice_sent. */
export function applyIncompleteNotice(state: RunState, env: ClockEnv, ev: TimedEvent, responseWindowHours: number | undefined): void {
  const tolling = state.selected.rule.tolling;
  if (tolling.kind === 'erisa') {
    const days = responseWindowHours === undefined ? undefined : Math.ceil(responseWindowHours / 24);
    return applyInformationRequest(state, env, ev, days);
  }
  if (tolling.kind !== 'erisa_urgent_incomplete') return noEffect(state, ev, 'This rule has no incomplete-claim procedure');
  if (state.incomplete !== undefined) return noEffect(state, ev, 'The claimant was already notified of the missing information');
  if (ev.ms - env.receivedMs > tolling.noticeWithinHours * MS_PER_HOUR) {
    return refuse(state, ev, 'UM_ERR_CLOCK_EXTENSION_NOT_ALLOWED',
      `The incomplete-claim notice came more than ${tolling.noticeWithinHours} hours after receipt (${tolling.citation})`);
  }
  const before = dueOf(state, env);
  const hours = Math.max(responseWindowHours ?? tolling.minResponseHours, tolling.minResponseHours);
  state.incomplete = { windowEndMs: ev.ms + hours * MS_PER_HOUR, decideHours: tolling.decideWithinHours, answeredMs: undefined };
  applied(state, env, ev, before, tolling.citation,
    `Claimant has ${hours} hours to answer; decision due ${tolling.decideWithinHours} hours after the earlier of the answer or the end of that period`);
}
