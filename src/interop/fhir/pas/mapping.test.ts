import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { indexBundle } from '../bundle';
import { isRecord } from '../json';
import { memberIdCandidates, readPasClaim } from './claim';
import { toIntakeRequest } from './intake-map';
import { itemAction, reviewActionOf, type CaseState, type LineState } from './model';
import { productCode } from './products';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/fhir/', import.meta.url));
const bundle = (file: string) => {
  const v: unknown = JSON.parse(readFileSync(FIXTURES + file, 'utf8'));
  if (!isRecord(v)) throw new Error(file);
  const b = indexBundle(v);
  const first = b.entries[0];
  if (first === undefined) throw new Error('empty');
  return { b, c: readPasClaim(b, first) };
};

describe('PAS Claim → intake request', () => {
  it('maps the IG medical-services request: CPT under the HCPCS URL, the date, the place of service', () => {
    const { b, c } = bundle('pas-ig-2.2.1/Bundle-MedicalServicesAuthorizationBundleExample.json');
    expect(memberIdCandidates(c)).toEqual(['1122334455', '12345678901']);
    const m = toIntakeRequest(b, c, { memberNumber: '1122334455', requestingNpi: '8189991234', requesterType: 'contracted_provider' });
    expect(m.request).toMatchObject({
      kind: 'prior_auth',
      priority: 'standard',
      channel: 'fhir',
      member: { memberNumber: '1122334455' },
      requestingProvider: { npi: '8189991234' },
      lines: [{ codeSystem: 'CPT', code: '99212', units: 1, unitType: 'UN', fromDate: '2005-05-10', toDate: '2005-05-10', placeOfService: '11', description: 'Established Office Visit' }],
    });
    expect(m.lineSequences).toEqual([1]);
    expect(m.linePaths).toEqual(['Bundle.entry[0].resource.item[0]']);
  });

  it('reads the referral: urgent is expedited, a specialty-care review is a referral, the document an attachment, the service type alone is rejected', () => {
    const { b, c } = bundle('pas-ig-2.2.1/Bundle-ReferralAuthorizationBundleExample.json');
    const m = toIntakeRequest(b, c, { memberNumber: '1122334455', requesterType: 'contracted_provider' });
    expect(m.request).toMatchObject({ kind: 'referral', priority: 'expedited', expediteRequestedBy: 'physician', diagnoses: [{ system: 'ICD-10-CM', code: 'G89.4' }] });
    expect(m.request.attachments).toEqual([{ fileName: 'DocumentReferenceExample.txt', contentType: 'text/plain', contentBase64: 'VGhpcyBpcyBzYW1wbGUgYmFzZTY0IGVuY29kaW5nLg==' }]);
    expect(m.attachmentPaths).toEqual(['Bundle.entry[9].resource.content[0].attachment.data']);
    expect(m.rejected).toEqual([{ sequence: 1, reason: 'AG', path: 'Bundle.entry[0].resource.item[0].productOrService', detail: 'Item 1: OpenUM reviews requests by procedure, revenue or drug code; X12 service type 3 (UM03) without a procedure, revenue or drug code cannot be reviewed' }]);
    expect(m.request.lines).toEqual([]);
  });

  it('reads the update: changed, added and cancelled items with their sequences, and the related Claim', () => {
    const { c } = bundle('pas-ig-2.2.1/Bundle-HomecareAuthorizationUpdateBundleExample.json');
    expect(c.items.map((i) => [i.sequence, i.infoChanged ?? '', i.cancelled, i.certificationType])).toEqual([[1, '', false, 'I'], [2, 'changed', true, '3'], [3, 'added', false, 'I']]);
    expect(c.related?.entry?.id).toBe('HomecareAuthorizationExample');
  });

  it('knows which codes it can review', () => {
    expect(productCode('http://www.ama-assn.org/go/cpt', '77065')).toEqual({ codeSystem: 'CPT', code: '77065' });
    expect(productCode('http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets', 'e0431')).toEqual({ codeSystem: 'HCPCS', code: 'E0431' });
    expect(productCode('https://www.nubc.org/CodeSystem/RevenueCodes', '0120')).toEqual({ codeSystem: 'REV', code: '0120' });
    expect(productCode('http://www.ada.org/cdt', 'D0120')).toEqual({ unsupported: 'code system http://www.ada.org/cdt' });
  });
});

describe('review actions (HCR01)', () => {
  const line = (over: Partial<LineState>): LineState => ({
    lineId: 'l', codeSystem: 'HCPCS', code: 'E0431', units: 2, unitType: 'UN', fromDate: '2026-12-01', toDate: '2026-12-31', placeOfService: '12',
    outcome: null, approvedUnits: null, approvedFrom: null, approvedTo: null, authorizationNumber: null, decidedAt: null, determination: null, ...over,
  });
  const det = (over: Partial<NonNullable<LineState['determination']>>) => ({ outcome: 'approved_modified', approvedUnits: 1, approvedFrom: null, approvedTo: null, approvedCode: null, approvedPlaceOfService: null, category: null, reasonCode: null, reason: null, decidedAt: new Date(0), decidedByType: 'user', ...over });
  const open: CaseState = { caseId: 'c', caseNumber: 'UM-1', status: 'nurse_review', pendMessage: null, dueAt: null, planName: null };

  it('maps each line outcome', () => {
    expect(reviewActionOf(line({}))).toBe('A4');
    expect(reviewActionOf(line({ outcome: 'forwarded' }))).toBe('A4');
    expect(reviewActionOf(line({ outcome: 'approved' }))).toBe('A1');
    expect(reviewActionOf(line({ outcome: 'approved_modified', determination: det({}) }))).toBe('A2');
    expect(reviewActionOf(line({ outcome: 'approved_modified', determination: det({ approvedCode: 'E0430' }) }))).toBe('A6');
    expect(reviewActionOf(line({ outcome: 'approved_modified', determination: det({ approvedPlaceOfService: '11' }) }))).toBe('A6');
    expect(reviewActionOf(line({ outcome: 'denied' }))).toBe('A3');
    expect(reviewActionOf(line({ outcome: 'no_auth_required' }))).toBe('NA');
    expect(reviewActionOf(line({ outcome: 'withdrawn' }))).toBe('C');
  });

  it('answers C for the open lines of a case the plan cancelled', () => {
    expect(itemAction(line({}), { ...open, status: 'cancelled' })).toBe('C');
    expect(itemAction(line({ outcome: 'approved' }), { ...open, status: 'cancelled' })).toBe('A1');
  });
});
