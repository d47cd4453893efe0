import { describe, expect, it } from 'vitest';
import type { EnrollmentMemberEvent, X12Event } from '../events';
import { readInterchange, readX12 } from '../read';
import { fixture } from '../testing/fixtures';
import { generate834 } from '../testing/generate';
import type { EnrollmentMember } from './types';

async function collect(source: Parameters<typeof readX12>[0]): Promise<X12Event[]> {
  const out: X12Event[] = [];
  for await (const e of readX12(source)) out.push(e);
  return out;
}
const members = (events: readonly X12Event[]): EnrollmentMember[] => events.filter((e): e is EnrollmentMemberEvent => e.type === 'enrollment-member').map((e) => e.member);

describe('834 enrollment reader (005010X220A1)', () => {
  it('yields the heading, then one record per INS loop with maintenance type, ids, name, demographics and coverage', async () => {
    const events = await collect(fixture('834-members.x12'));
    expect(events.map((e) => e.type)).toEqual(['interchange-start', 'group-start', 'enrollment-header', ...Array<string>(6).fill('enrollment-member'), 'transaction', 'group-end', 'interchange-end']);
    const header = events.find((e) => e.type === 'enrollment-header');
    expect(header?.type === 'enrollment-header' && header.enrollment).toMatchObject({
      purpose: '00',
      reference: 'ENR0001',
      action: '2',
      masterPolicyNumber: 'POLICY01',
      sponsor: { entityCode: 'P5', name: 'ACME EMPLOYER', id: { qualifier: 'FI', value: '123456789' } },
      payer: { entityCode: 'IN', id: { value: '987654321' } },
    });
    const [jane, jimmy, roe, poe, loe, koe] = members(events);
    expect(jane).toMatchObject({
      subscriber: true,
      relationship: '18',
      maintenanceType: '021',
      maintenanceReason: '28',
      benefitStatus: 'A',
      employmentStatus: 'FT',
      subscriberId: 'SUB001',
      groupOrPolicyNumber: 'GRP01',
      entityCode: 'IL',
      name: { last: 'DOE', first: 'JANE', middle: 'Q' },
      identifier: { qualifier: '34', value: '123456789' },
      birthDate: '1980-01-01',
      sex: 'F',
      address: { lines: ['1 MAIN ST', 'APT 2'], city: 'SPRINGFIELD', state: 'IL', postalCode: '62701' },
      contacts: [{ function: 'IP', numbers: [{ qualifier: 'HP', value: '5555551234' }] }],
      errors: [],
    });
    expect(jane?.dates).toEqual([{ qualifier: '356', format: 'D8', start: '2026-02-01', end: '2026-02-01' }]);
    expect(jane?.coverages).toEqual([
      {
        position: 18,
        maintenanceType: '021',
        insuranceLine: 'HLT',
        planDescription: 'GOLD01',
        coverageLevel: 'FAM',
        begin: '2026-02-01',
        end: undefined,
        dates: [{ qualifier: '348', format: 'D8', start: '2026-02-01', end: '2026-02-01' }],
        references: [{ qualifier: '1L', value: 'GRP01', description: undefined }],
        providers: [expect.objectContaining({ entityCode: 'P3', npi: '1234567893', name: expect.objectContaining({ last: 'WATSON' }) })],
      },
    ]);
    expect(jane?.position).toEqual({ first: 9, last: 22, inSet: 7 });
    expect(jimmy).toMatchObject({ subscriber: false, relationship: '19', subscriberId: 'SUB001', birthDate: '2015-06-15', errors: [] });
    expect(roe?.maintenanceType).toBe('024');
    expect(roe?.coverages[0]).toMatchObject({ maintenanceType: '024', begin: '2025-01-01', end: '2026-01-31' });
    expect(poe?.maintenanceType).toBe('025');
    expect(loe).toMatchObject({ maintenanceType: '001', entityCode: '74', coverages: [], errors: [] });
    expect(koe?.maintenanceType).toBe('030');
  });

  it('reports errors per member with positions, and keeps the other members', async () => {
    const ms = members(await collect(fixture('834-members.x12')));
    const bad = ms.filter((m) => m.errors.length > 0);
    expect(bad.map((m) => m.name.last)).toEqual(['ROE', 'KOE']);
    expect(bad[0]?.errors).toEqual([
      { segmentId: 'DMG', position: 30, loop: '2100A', code: '8', elements: [{ element: 2, reference: 1251, code: '8', value: '19701301', message: 'DMG02: Invalid Date' }], streamPosition: 32, message: 'DMG has data element errors' },
    ]);
    expect(bad[1]?.errors).toMatchObject([{ segmentId: 'REF', loop: '2000', code: '3', message: 'REF missing: the subscriber identifier (REF*0F) is required' }]);
    const r = await readInterchange(fixture('834-members.x12'));
    const t = r.interchanges[0]?.groups[0]?.transactions[0];
    expect(t?.ack).toMatchObject({ code: 'E', errors: ['I5'] });
    expect(t?.ack.segments.map((s) => [s.segmentId, s.position, s.code])).toEqual([['DMG', 30, '8'], ['REF', 48, '3']]);
    expect(t?.document).toMatchObject({ kind: '834', members: 6, membersWithErrors: 2 });
    expect(t?.members).toHaveLength(6);
  });

  it('rejects the set when the heading is broken (no sponsor)', async () => {
    const text = fixture('834-members.x12').replace('N1*P5*ACME EMPLOYER*FI*123456789~\n', '').replace('SE*52*0001', 'SE*51*0001');
    const r = await readInterchange(text);
    const t = r.interchanges[0]?.groups[0]?.transactions[0];
    expect(t?.ack).toMatchObject({ code: 'R', errors: ['I5'] });
    expect(t?.ack.segments.map((s) => [s.segmentId, s.loop, s.code])).toContainEqual(['N1', '1000A', '3']);
    expect(t?.document).toBeUndefined();
  });

  it('streams: members come out while the source is still being read', async () => {
    let pulled = 0;
    async function* source(): AsyncGenerator<string> {
      for (const chunk of generate834({ families: 3000 })) {
        pulled++;
        yield chunk;
      }
    }
    let pulledAtFirstMember = -1;
    let count = 0;
    let total = 0;
    for await (const e of readX12(source())) {
      if (e.type === 'enrollment-member') {
        if (pulledAtFirstMember < 0) pulledAtFirstMember = pulled;
        count++;
        if (e.member.errors.length > 0) throw new Error(JSON.stringify(e.member.errors));
      }
      if (e.type === 'transaction' && e.document?.kind === '834') total = e.document.members;
    }
    expect(pulled).toBeGreaterThan(10);
    expect(pulledAtFirstMember).toBe(1);
    expect(count).toBe(total);
    expect(count).toBeGreaterThan(3000);
  });
});
