/**
 * PAS subscriptions (Da Vinci PAS 2.2.1 §"Subscription", spec-54..62; Subscriptions R5 Backport 1.1.0
 * for R4): the topic is the PAS topic, the channel a rest-hook, the payload `full-resource`, and the
 * filter `org-identifier=<id>[,<id>…]` (the IG's own example writes `orgIdentifier=`; both are read).
 * Pure: reads a posted Subscription into what is stored, or the issues that refuse it.
 */
import { extension, extValue, isString, obj, str, type JsonObject } from '../json';
import type { ValidationIssue } from '../validation';

export const PAS_TOPIC = 'http://hl7.org/fhir/us/davinci-pas/SubscriptionTopic/PASSubscriptionTopic';
const BACKPORT = 'http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/';
export const BACKPORT_EXT = {
  filterCriteria: `${BACKPORT}backport-filter-criteria`,
  payloadContent: `${BACKPORT}backport-payload-content`,
} as const;
export const BACKPORT_PROFILE = {
  notification: `${BACKPORT}backport-subscription-notification-r4`,
  status: `${BACKPORT}backport-subscription-status-r4`,
} as const;

export interface SubscriptionSpec {
  readonly topic: string;
  readonly orgIdentifiers: readonly string[];
  readonly endpoint: string;
  readonly headers: readonly string[];
  readonly contentType: string;
  readonly endAt: Date | null;
  /** `requested` or `off` as asked (a created subscription is answered `active`). */
  readonly requestedStatus: string;
}

/** `org-identifier=a,b` (and `orgIdentifier=`) → the identifiers. */
export function orgIdentifiersOf(filter: string): readonly string[] | undefined {
  const m = /^\s*(?:org-identifier|orgIdentifier)\s*=\s*(.+)$/.exec(filter);
  if (m === null) return undefined;
  const ids = (m[1] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  return ids.length === 0 ? undefined : ids;
}

export function readSubscription(sub: JsonObject): SubscriptionSpec | { readonly issues: readonly ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const fail = (expression: string, code: ValidationIssue['code'], diagnostics: string) => issues.push({ severity: 'error', code, expression, diagnostics });
  const topic = str(sub, 'criteria') ?? '';
  if (topic !== PAS_TOPIC) fail('Subscription.criteria', 'not-supported', `Only the PAS topic ${PAS_TOPIC} is supported`);
  const criteriaExt = obj(sub, '_criteria');
  const filters = criteriaExt === undefined ? [] : [extValue(extension(criteriaExt, BACKPORT_EXT.filterCriteria), 'String')].filter(isString);
  const ids = filters.flatMap((f) => orgIdentifiersOf(f) ?? []);
  if (ids.length === 0) fail('Subscription.criteria.extension', 'required', 'Give the filter org-identifier=<sending system identifier> (backport-filter-criteria, PAS spec-58)');
  const channel = obj(sub, 'channel') ?? {};
  if (str(channel, 'type') !== 'rest-hook') fail('Subscription.channel.type', 'not-supported', 'Only the rest-hook channel is supported (PAS spec-56)');
  const endpoint = str(channel, 'endpoint') ?? '';
  if (!/^https?:\/\/[^\s]+$/.test(endpoint)) fail('Subscription.channel.endpoint', 'required', 'A rest-hook needs an http(s) endpoint');
  const payloadExt = obj(channel, '_payload');
  const content = payloadExt === undefined ? undefined : extValue(extension(payloadExt, BACKPORT_EXT.payloadContent), 'Code');
  if (content !== 'full-resource') fail('Subscription.channel.payload.extension', 'not-supported', 'PAS subscriptions carry the full PAS Response Bundle: payload content must be full-resource (PAS spec-62)');
  const payload = str(channel, 'payload') ?? 'application/fhir+json';
  if (payload !== 'application/fhir+json' && payload !== 'application/json') fail('Subscription.channel.payload', 'not-supported', 'Notifications are sent as application/fhir+json');
  const headers = Array.isArray(channel['header']) ? channel['header'].filter(isString) : [];
  if (headers.some((h) => !/^[A-Za-z0-9-]+:\s?.+$/.test(h))) fail('Subscription.channel.header', 'value', 'A channel header is "Name: value"');
  const end = str(sub, 'end');
  const endAt = end === undefined ? null : new Date(end);
  if (endAt !== null && Number.isNaN(endAt.getTime())) fail('Subscription.end', 'value', 'end is not an instant');
  const status = str(sub, 'status') ?? 'requested';
  if (status !== 'requested' && status !== 'off' && status !== 'active') fail('Subscription.status', 'value', 'A client asks for status requested (or off)');
  if (issues.length > 0) return { issues };
  return { topic, orgIdentifiers: [...new Set(ids)], endpoint, headers, contentType: 'application/fhir+json', endAt, requestedStatus: status };
}

