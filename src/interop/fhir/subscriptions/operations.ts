/**
 * Subscription create, read, update, delete and `$status` (PAS 2.2.1 spec-55: create, update and
 * delete; Backport `$status`). A subscription belongs to the client that created it and may only
 * filter on its own organisation's identifiers (spec-59). Creation queues a handshake.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { UmError } from '../../../platform/errors';
import { submitterOf } from '../../../intake/service';
import { getTenant } from '../../../tenancy/store';
import type { FhirInteraction, FhirOperation, CallContext } from '../http/operations';
import { issuesError } from '../http/outcome';
import { isRecord, type JsonObject } from '../json';
import type { PasDeps } from '../pas/deps';
import { hasErrors } from '../validation';
import { fhirSubscriptions } from '../schema';
import { PAS_TOPIC, readSubscription, type SubscriptionSpec } from './model';
import { notificationBundle, subscriptionStatus } from './notification';
import { enqueueNotification, identifiersOnFile, ownIdentifiers, subscriptionById, type SubscriptionRow } from './store';

const PAS_SUBSCRIPTION = 'http://hl7.org/fhir/us/davinci-pas/StructureDefinition/profile-subscription';

async function checked(deps: PasDeps, call: CallContext, body: unknown): Promise<{ resource: JsonObject; spec: SubscriptionSpec }> {
  if (!isRecord(body) || body['resourceType'] !== 'Subscription') {
    throw issuesError('UM_ERR_FHIR_INVALID', 'The body is not a Subscription', [{ severity: 'error', code: 'structure', expression: 'Subscription', diagnostics: 'Send a Subscription resource' }]);
  }
  const issues = (await deps.validator()).validate(body, `${PAS_SUBSCRIPTION}|2.2.1`);
  if (hasErrors(issues)) throw issuesError('UM_ERR_FHIR_PROFILE', 'The Subscription does not conform to the PAS Subscription profile', issues);
  const spec = readSubscription(body);
  if ('issues' in spec) throw issuesError('UM_ERR_FHIR_CONTENT', 'The Subscription cannot be served', spec.issues);
  const own = await ownIdentifiers(deps.ctx.db, call.principal.tenantId, call.principal.providerOrgId);
  const notOwn = spec.orgIdentifiers.filter((i) => !own.has(i));
  // A sandbox tenant also lets a client subscribe to an identifier nobody in the tenant carries yet: its
  // first request registers that requester with the client's organisation (see pas/sandbox.ts).
  const sandbox = notOwn.length > 0 && call.principal.providerOrgId !== null && (await getTenant(deps.ctx.db, call.principal.tenantId)).sandbox;
  const claimed = sandbox ? await identifiersOnFile(deps.ctx.db, call.principal.tenantId, notOwn) : new Set(notOwn);
  const foreign = notOwn.filter((i) => claimed.has(i));
  if (foreign.length > 0) {
    throw issuesError('UM_ERR_FORBIDDEN', 'A sending system subscribes to its own requests only', [{ severity: 'error', code: 'invalid', expression: 'Subscription.criteria.extension', diagnostics: `${foreign.join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not an identifier of the caller's organisation (PAS spec-59)` }]);
  }
  return { resource: body, spec };
}

function view(row: SubscriptionRow): Record<string, unknown> {
  const r = isRecord(row.resource) ? row.resource : {};
  return { ...r, resourceType: 'Subscription', id: row.id, meta: { lastUpdated: row.updatedAt.toISOString(), profile: [PAS_SUBSCRIPTION] }, status: row.status, ...(row.lastError === null ? {} : { error: row.lastError }), criteria: PAS_TOPIC, channel: { ...(isRecord(r['channel']) ? r['channel'] : {}), endpoint: row.endpoint } };
}

async function owned(deps: PasDeps, call: CallContext, id: string | undefined): Promise<SubscriptionRow> {
  const row = id === undefined ? null : await subscriptionById(deps.ctx.db, call.principal.tenantId, id);
  if (row === null || row.submitter !== submitterOf(call.principal)) throw new UmError('UM_ERR_NOT_FOUND', `No Subscription ${id ?? ''}`);
  return row;
}

export function subscriptionDefinitions(deps: PasDeps): readonly (FhirInteraction | FhirOperation)[] {
  const { db, clock } = deps.ctx;
  const scope = (access: 'read' | 'write') => ({ resource: 'Subscription', access });
  return [
    {
      kind: 'interaction',
      resource: 'Subscription',
      code: 'create',
      profile: PAS_SUBSCRIPTION,
      scope: scope('write'),
      documentation: 'A rest-hook subscription to the PAS topic, filtered by org-identifier; payload full-resource.',
      async handler(call, _id, body) {
        const { resource, spec } = await checked(deps, call, body);
        const now = clock.now();
        const id = randomUUID();
        const status = spec.requestedStatus === 'off' ? 'off' : 'active';
        await db.transaction(async (tx) => {
          await tx.insert(fhirSubscriptions).values({ tenantId: call.principal.tenantId, id, submitter: submitterOf(call.principal), status, topic: spec.topic, orgIdentifiers: [...spec.orgIdentifiers], endpoint: spec.endpoint, headers: [...spec.headers], contentType: spec.contentType, endAt: spec.endAt, resource, createdAt: now, updatedAt: now });
          if (status === 'active') {
            const payload = notificationBundle({ baseUrl: deps.baseUrl, subscriptionId: id, status: 'requested', type: 'handshake', eventsSinceStart: 0 }, now);
            await enqueueNotification(tx, { tenantId: call.principal.tenantId, subscriptionId: id, type: 'handshake', eventNumber: 0, caseId: null, requestId: null, payload, now });
          }
        });
        const row = await owned(deps, call, id);
        return { status: 201, body: view(row), headers: { location: `${deps.baseUrl}/Subscription/${id}` }, audit: { action: 'fhir.subscription.create', recordType: 'subscription', recordId: id, details: { filters: spec.orgIdentifiers.length } } };
      },
    },
    {
      kind: 'interaction',
      resource: 'Subscription',
      code: 'read',
      scope: scope('read'),
      documentation: 'A subscription of the caller, with its current status.',
      async handler(call, id) {
        const row = await owned(deps, call, id);
        return { status: 200, body: view(row), audit: { action: 'fhir.subscription.read', recordType: 'subscription', recordId: row.id } };
      },
    },
    {
      kind: 'interaction',
      resource: 'Subscription',
      code: 'update',
      scope: scope('write'),
      documentation: 'Change the endpoint, headers, filter, end or status (off / requested) of a subscription of the caller.',
      async handler(call, id, body) {
        const row = await owned(deps, call, id);
        const { resource, spec } = await checked(deps, call, body);
        const status = spec.requestedStatus === 'off' ? 'off' : 'active';
        await db.update(fhirSubscriptions).set({ status, orgIdentifiers: [...spec.orgIdentifiers], endpoint: spec.endpoint, headers: [...spec.headers], endAt: spec.endAt, resource, lastError: null, updatedAt: clock.now() }).where(and(eq(fhirSubscriptions.tenantId, row.tenantId), eq(fhirSubscriptions.id, row.id)));
        return { status: 200, body: view(await owned(deps, call, id)), audit: { action: 'fhir.subscription.update', recordType: 'subscription', recordId: row.id } };
      },
    },
    {
      kind: 'interaction',
      resource: 'Subscription',
      code: 'delete',
      scope: scope('write'),
      documentation: 'Delete a subscription of the caller (its undelivered notifications go with it).',
      async handler(call, id) {
        const row = await owned(deps, call, id);
        await db.delete(fhirSubscriptions).where(and(eq(fhirSubscriptions.tenantId, row.tenantId), eq(fhirSubscriptions.id, row.id)));
        return { status: 204, body: undefined, audit: { action: 'fhir.subscription.delete', recordType: 'subscription', recordId: row.id } };
      },
    },
    {
      kind: 'operation',
      code: 'status',
      definition: 'http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-status',
      resource: 'Subscription',
      level: 'instance',
      method: 'GET',
      scope: scope('read'),
      documentation: 'The SubscriptionStatus of a subscription of the caller (events since it started, last error).',
      parameters: [{ name: 'return', use: 'out', min: 1, max: '1', type: 'Parameters', documentation: 'The SubscriptionStatus (backport-subscription-status-r4).' }],
      async handler(call) {
        const row = await owned(deps, call, call.id);
        const body = subscriptionStatus({ baseUrl: deps.baseUrl, subscriptionId: row.id, status: row.status, type: 'query-status', eventsSinceStart: row.eventCount, ...(row.lastError === null ? {} : { error: row.lastError }) });
        return { status: 200, body, audit: { action: 'fhir.subscription.status', recordType: 'subscription', recordId: row.id } };
      },
    },
  ];
}
