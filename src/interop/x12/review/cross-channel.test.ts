/**
 * One model for two channels: the TR3 Example 1a referral (X12 278, test/fixtures/x12/278-example-1a.x12)
 * and the PAS IG referral example (Bundle-ReferralAuthorizationBundleExample) describe the same
 * request — same submitter, same transaction id, same trace number, same member, same servicing
 * physician — in different details. Each is mapped by its own channel's functions
 * (`intakeFrom278`, `toIntakeRequest`) onto the intake request, and this test says exactly which
 * fields agree and which differ, and why.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { IntakeRequest } from '../../../intake/request';
import { indexBundle } from '../../fhir/bundle';
import { isRecord, type JsonObject } from '../../fhir/json';
import { memberIdCandidates, readPasClaim } from '../../fhir/pas/claim';
import { toIntakeRequest } from '../../fhir/pas/intake-map';
import { npiOfEntry, servicingEntry } from '../../fhir/pas/parties';
import { readInterchange } from '../read';
import { documents, fixture, onlyDocument } from '../testing/fixtures';
import { intakeFrom278 } from './map';

const PAS_REFERRAL = new URL('../../../../test/fixtures/fhir/pas-ig-2.2.1/Bundle-ReferralAuthorizationBundleExample.json', import.meta.url);

/** The tenant both requests arrive at: member 12345678901 is on file (the member id the 278's parties resolution would find). */
const MEMBER_ID = '3f6c1a52-0b7e-4d7c-9a61-5d2f0e8c1b11';
const ON_FILE: ReadonlyMap<string, string> = new Map([['12345678901', MEMBER_ID]]);

function pasReferral() {
  const v: unknown = JSON.parse(readFileSync(PAS_REFERRAL, 'utf8'));
  if (!isRecord(v)) throw new Error('not a Bundle');
  const b = indexBundle(v);
  const first = b.entries[0];
  if (first === undefined) throw new Error('empty Bundle');
  return { b, c: readPasClaim(b, first), bundle: v };
}

const str = (o: JsonObject | undefined, k: string): unknown => o?.[k];

async function bothChannels() {
  const x = await onlyDocument(fixture('278-example-1a.x12'), '278-request');
  const p = pasReferral();
  // The parties each channel's resolution hands its mapping (src/interop/x12/review/parties.ts,
  // src/interop/fhir/pas/parties.ts): the member on file, and providers by NPI only.
  const x12 = intakeFrom278(x, {
    memberId: ON_FILE.get(x.subscriber.memberId ?? '') ?? '',
    ...(x.requester.npi === undefined ? {} : { requestingNpi: x.requester.npi }),
    ...((s) => (s === undefined ? {} : { servicingNpi: s }))(x.event.providers.find((q) => q.entityCode === 'SJ')?.npi),
    requesterType: 'contracted_provider',
  });
  const requestingNpi = npiOfEntry(p.b, p.c.provider);
  const servicingNpi = npiOfEntry(p.b, servicingEntry(p.c));
  const pas = toIntakeRequest(p.b, p.c, {
    memberNumber: memberIdCandidates(p.c).find((n) => ON_FILE.has(n)) ?? '',
    ...(requestingNpi === undefined ? {} : { requestingNpi }),
    ...(servicingNpi === undefined ? {} : { servicingNpi }),
    requesterType: 'contracted_provider',
  });
  return { x, p, x12, pas };
}

/** The member an intake request names, as intake resolves it (by id, or by member number). */
const memberOf = (r: IntakeRequest): string | undefined => r.member.id ?? (r.member.memberNumber === undefined ? undefined : ON_FILE.get(r.member.memberNumber));

/** Splits the fields of two intake requests into those equal and those not (the member compared as the member it resolves to). */
function compare(a: IntakeRequest, b: IntakeRequest): { agree: string[]; differ: Record<string, [unknown, unknown]> } {
  const ra: Record<string, unknown> = { ...a, member: memberOf(a) };
  const rb: Record<string, unknown> = { ...b, member: memberOf(b) };
  const agree: string[] = [];
  const differ: Record<string, [unknown, unknown]> = {};
  for (const k of [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort()) {
    if (JSON.stringify(ra[k]) === JSON.stringify(rb[k])) agree.push(k);
    else differ[k] = [ra[k], rb[k]];
  }
  return { agree, differ };
}

describe('Example 1a (X12 278) and the PAS referral example meet in one intake request', () => {
  it('share the submitter, the transaction id, the trace number, the member, the review category and the servicing physician', async () => {
    const { x, p } = await bothChannels();
    const bundle = pasReferral().bundle;
    const patient = p.c.patient?.resource;
    const patientName = (patient?.['name'] as { family: string; given: string[] }[] | undefined)?.[0];
    const role = servicingEntry(p.c);
    const practitioner = p.b.resolve(role?.resource['practitioner'])?.resource;
    const practitionerName = (practitioner?.['name'] as { family: string; given: string[] }[] | undefined)?.[0];
    const item = p.c.items[0];
    expect({
      submitter: [x.transaction.senderId, x.transaction.applicationSender].sort(),
      transaction: x.beginning.reference,
      created: `${x.beginning.date}T${x.beginning.time ?? ''}`,
      trace: x.event.traceNumbers.map((t) => [t.number, t.originatorId]),
      member: [x.subscriber.memberId, x.subscriber.name.last, x.subscriber.name.first],
      review: [x.event.review?.requestCategory, x.event.review?.certificationType, x.event.review?.serviceType, x.event.review?.placeOfService],
      servicing: x.event.providers.map((q) => [q.name.last, q.name.first, q.contacts.flatMap((c) => c.numbers.map((n) => n.value))]),
      payer: x.umo.name.last,
      visits: x.event.delivery?.quantity,
    }).toEqual({
      submitter: [...p.c.senderIds].sort(),
      transaction: (str(bundle, 'identifier') as JsonObject | undefined)?.['value'],
      created: String(str(p.c.claim, 'created')).slice(0, 16),
      trace: [[p.c.identifier?.value, String(p.c.identifier?.system).replace('urn:trnorg:', '')]],
      member: [(patient?.['identifier'] as { value: string }[] | undefined)?.[0]?.value, patientName?.family, patientName?.given[0]],
      review: [item?.requestType, item?.certificationType, item?.serviceType, item?.placeOfService],
      servicing: [[practitionerName?.family, practitionerName?.given[0], (role?.resource['telecom'] as { value: string }[] | undefined)?.map((t) => t.value)]],
      payer: str(p.c.insurer?.resource, 'name'),
      visits: (str(item?.requestedService?.resource, 'quantityQuantity') as { value: number } | undefined)?.value,
    });
    // The values themselves, so that a change of either fixture shows here.
    expect([x.transaction.senderId, x.transaction.applicationSender, x.beginning.reference, x.subscriber.memberId]).toEqual(['PROVIDERID', 'PROVIDERAPP', 'A12345', '12345678901']);
    expect(x.event.traceNumbers).toEqual([{ type: '1', number: '111099', originatorId: '9012345678' }]);
    expect([x.event.review?.requestCategory, x.event.review?.certificationType, x.event.review?.serviceType, x.event.review?.placeOfService]).toEqual(['SC', 'I', '3', '11']);
  });

  it('differ in the details: identifier qualifiers, the diagnosis code set, the urgency, the PAS-only numbers and document', async () => {
    const { x, p } = await bothChannels();
    // Identifiers: Example 1a names the payer by NAIC code (46 789312), the requester by ETIN (46)
    // and the servicing physician by SSN (34); the PAS example names all three by NPI.
    expect([x.umo.id, x.requester.id, x.event.providers[0]?.id]).toEqual([{ qualifier: '46', value: '789312' }, { qualifier: '46', value: '8189991234' }, { qualifier: '34', value: '987654321' }]);
    expect([p.c.insurer, p.c.provider, servicingEntry(p.c)].map((e) => npiOfEntry(p.b, e))).toEqual(['1234567893', '8189991234', '1234567893']);
    // The requester: a person (GARDENER, JAMES) in Example 1a, an organisation in the PAS example.
    expect([x.requester.entityType, x.requester.name.last]).toEqual(['person', 'GARDENER']);
    expect([p.c.provider?.type, str(p.c.provider?.resource, 'name')]).toEqual(['Organization', 'DR. JOE SMITH CORPORATION']);
    // The member: Example 1a gives the member id only; the PAS Coverage's subscriber id 1122334455 comes first among the PAS candidates.
    expect(memberIdCandidates(p.c)).toEqual(['1122334455', '12345678901']);
    // The level of service: none in Example 1a (UM06 empty), urgent in the PAS example.
    expect([x.event.review?.levelOfService, p.c.levelOfService]).toEqual([undefined, 'U']);
    // Numbers only the PAS example carries (authorization, administrative reference, item trace).
    expect(x.event.references).toEqual([]);
    expect([p.c.items[0]?.authorizationNumber, p.c.items[0]?.administrationReferenceNumber, p.c.items[0]?.traceNumber?.value]).toEqual(['1122445', '9988311', '1122334']);
  });

  it('maps to the same kind, member, requester type and lines; differ in channel, priority, diagnoses, providers by NPI and attachments', async () => {
    const { x12, pas } = await bothChannels();
    const { agree, differ } = compare(x12.request, pas.request);
    expect(agree).toEqual(['kind', 'lines', 'member', 'requesterType']);
    expect(x12.request.kind).toBe('referral');
    expect(memberOf(x12.request)).toBe(MEMBER_ID);
    expect(x12.request.lines).toEqual([]);
    expect(differ).toEqual({
      // Which door the request came in by (kept on the case).
      channel: ['x12', 'fhir'],
      // UM06 empty → standard; PAS levelOfServiceCode U (urgent) → expedited, asked by the physician.
      priority: ['standard', 'expedited'],
      expediteRequestedBy: [undefined, 'physician'],
      // HI*BF:41090 (ICD-9-CM, as in the 2005 TR3) against ICD-10-CM G89.4.
      diagnoses: [[{ system: 'ICD-9-CM', code: '410.90' }], [{ system: 'ICD-10-CM', code: 'G89.4' }]],
      // Only NPIs name provider records: Example 1a has none (ETIN and SSN).
      requestingProvider: [undefined, { npi: '8189991234' }],
      servicingProvider: [undefined, { npi: '1234567893' }],
      // The PAS example's supporting DocumentReference; Example 1a has no PWK.
      attachments: [undefined, [{ fileName: 'DocumentReferenceExample.txt', contentType: 'text/plain', contentBase64: 'VGhpcyBpcyBzYW1wbGUgYmFzZTY0IGVuY29kaW5nLg==' }]],
    });
    // Neither becomes a reviewable line: a service type alone (UM03 3, consultation). Example 1a has
    // no 2000F service at all; the PAS item names only the service type and is answered AG.
    expect(x12.services).toEqual([]);
    expect(pas.rejected.map((r) => [r.sequence, r.reason])).toEqual([[1, 'AG']]);
  });

  it('Example 1a as published (GS*HC) is a claim group: rejected by the 999, nothing to map', async () => {
    const r = await readInterchange(fixture('278-example-1a-gs-hc.x12'));
    expect(documents(r)).toEqual([]);
    const group = r.interchanges[0]?.groups[0];
    expect(group?.ack.code).toBe('R');
    expect(group?.ack.errors).toContain('1');
    expect(group?.transactions.map((t) => t.ack.code)).toEqual(['R']);
  });
});
