import { describe, expect, it } from 'vitest';
import { readInterchange, type InterchangeResult } from '../read';
import { segmentsOf } from '../syntax/read';
import { fixture } from '../testing/fixtures';
import { writeInterchange } from '../write/envelope';
import { ack999Group, ack999Segments, replyInterchange } from './write';

const at = new Date(Date.UTC(2026, 0, 15, 10, 31));

async function first(name: string): Promise<InterchangeResult> {
  const r = await readInterchange(fixture(name));
  const ix = r.interchanges[0];
  if (ix === undefined) throw new Error('no interchange');
  return ix;
}

const body = (specs: ReturnType<typeof ack999Segments>): string[] => segmentsOf(writeInterchange({ senderQualifier: 'ZZ', senderId: 'A', receiverQualifier: 'ZZ', receiverId: 'B', controlNumber: 1, at, groups: [{ functionalId: 'FA', applicationSender: 'A', applicationReceiver: 'B', controlNumber: 1, version: '005010X231A1', transactions: [{ setId: '999', controlNumber: 1, implementationRef: '005010X231A1', segments: specs }] }] })).segments.slice(3, -3).map((s) => s.elements.join('*'));

describe('999 implementation acknowledgment (005010X231A1)', () => {
  it('accepts a clean group: AK1, AK2, IK5 A, AK9 A', async () => {
    const ix = await first('278-dependent.x12');
    const g = ix.groups[0];
    if (g === undefined) throw new Error('no group');
    expect(body(ack999Segments(g.ack))).toEqual(['AK1*HI*1*005010X217', 'AK2*278*0001*005010X217', 'IK5*A', 'AK9*A*1*1*1']);
  });

  it('reports a missing ST03 with IK3/IK4 and rejects the set', async () => {
    const g = (await first('278-basic-no-st03.x12')).groups[0];
    if (g === undefined) throw new Error('no group');
    expect(body(ack999Segments(g.ack))).toEqual(['AK1*HI*1*005010X217', 'AK2*278*0001', 'IK3*ST*1**8', 'IK4*3*1705*1', 'IK5*R*I5', 'AK9*R*1*1*0']);
  });

  it('reports element errors with position, reference number, code and a copy of the bad value', async () => {
    const g = (await first('reject-element-values.x12')).groups[0];
    if (g === undefined) throw new Error('no group');
    expect(body(ack999Segments(g.ack))).toEqual([
      'AK1*HI*1*005010X217',
      'AK2*278*0001*005010X217',
      'IK3*NM1*8*2010C*8',
      'IK4*9*67*1',
      'IK3*NM1*10*2010D*8',
      'IK4*3*1035*1',
      'IK3*DMG*11*2010D*8',
      'IK4*2*1251*8*20150231',
      'IK3*UM*14*2000E*8',
      'IK4*1*1525*7*XX',
      'IK5*R*I5',
      'AK9*R*1*1*0',
    ]);
  });

  it('reports a segment whose tag holds a delimiter with a valid IK301, so the 999 can still be written', async () => {
    // Found by the property test on POST /x12: a stray ":" (the component separator) after ST.
    const isa = fixture('278-dependent.x12').slice(0, 106);
    const r = await readInterchange(`${isa}GS*HI*A*B*20260101*1200*1*X*005010X217~ST*278*0001*005010X217~:~SE*3*0001~GE*1*1~IEA*1*000000001~`);
    const g = r.interchanges[0]?.groups[0];
    if (g === undefined) throw new Error('no group');
    const lines = body(ack999Segments(g.ack));
    expect(lines).toContain('IK3*UNK*2**2');
    expect(lines.at(-1)).toMatch(/^AK9\*R/);
  });

  it('reports the missing BHT at the position where it should be', async () => {
    const g = (await first('278-missing-bht.x12')).groups[0];
    if (g === undefined) throw new Error('no group');
    expect(body(ack999Segments(g.ack))).toEqual(['AK1*HI*1*005010X217', 'AK2*278*0001*005010X217', 'IK3*BHT*2**3', 'IK5*R*I5', 'AK9*R*1*1*0']);
  });

  it('rejects GS*HC carrying a 278: AK905 1, IK502 6', async () => {
    const g = (await first('278-example-1a-gs-hc.x12')).groups[0];
    if (g === undefined) throw new Error('no group');
    expect(body(ack999Segments(g.ack))).toEqual(['AK1*HC*101*005010X217', 'AK2*278*0001*005010X217', 'IK5*R*6', 'AK9*R*1*1*0*1']);
  });

  it('acknowledges several groups with one 999 each, partially accepted groups as P', async () => {
    const ix = await first('278-multi-group.x12');
    const group = ack999Group({ interchange: ix.header }, ix.groups.map((g) => g.ack), 9);
    expect(group.transactions.map((t) => t.controlNumber)).toEqual([1, 2]);
    const text = writeInterchange(replyInterchange(ix.header, { controlNumber: 3, at, groups: [group] }));
    const lines = segmentsOf(text).segments.map((s) => s.elements.join('*'));
    expect(lines.filter((l) => l.startsWith('AK9'))).toEqual(['AK9*A*3*3*3', 'AK9*P*2*2*1']);
    expect(lines).toContain('IK3*DMG*9*2010C*8');
    expect(lines[1]).toBe('GS*FA*PAYERID*PROVIDERID*20260115*1031*9*X*005010X231A1');
    // Our own reader finds the envelope sound (a 999 group is not something OpenUM takes in, hence AK905 1).
    const back = await readInterchange(text, { accept: [] });
    expect(back.interchanges[0]?.accepted).toBe(true);
    expect(back.interchanges[0]?.groups[0]?.ack).toMatchObject({ included: 2, received: 2, errors: ['1'] });
  });

  it('counts sets and reports trailer errors: SE count, SE control, missing SE, duplicate ST02, GE count and control', async () => {
    const codes = async (name: string): Promise<unknown> => (await first(name)).groups.map((g) => [g.ack.code, g.ack.errors, g.ack.transactions.map((t) => [t.code, t.errors])]);
    expect(await codes('reject-se-count.x12')).toEqual([['R', [], [['R', ['4']]]]]);
    expect(await codes('reject-se-control.x12')).toEqual([['R', [], [['R', ['3']]]]]);
    expect(await codes('reject-se-missing.x12')).toEqual([['P', [], [['R', ['2']], ['A', []]]]]);
    expect(await codes('reject-st-duplicate.x12')).toEqual([['P', [], [['A', []], ['R', ['23']]]]]);
    expect(await codes('reject-ge-count.x12')).toEqual([['R', ['5'], [['A', []]]]]);
    expect(await codes('reject-ge-control.x12')).toEqual([['R', ['4'], [['A', []]]]]);
  });
});

describe('TA1 interchange acknowledgment', () => {
  it.each([
    ['reject-isa-sender.x12', '006'],
    ['reject-isa-version.x12', '017'],
    ['reject-iea-control.x12', '001'],
    ['reject-iea-count.x12', '021'],
    ['reject-truncated.x12', '023'],
  ])('%s → TA1 R %s, and nothing inside is used', async (name, note) => {
    const ix = await first(name);
    expect(ix.accepted).toBe(false);
    expect(ix.ta1).toMatchObject({ controlNumber: '000000101', date: '260115', time: '1030', code: 'R', note });
    expect(ix.groups.flatMap((g) => g.transactions).every((t) => t.document === undefined)).toBe(true);
    const text = writeInterchange(replyInterchange(ix.header, { controlNumber: 1, at, ta1: ix.ta1 === undefined ? [] : [ix.ta1], groups: [] }));
    expect(segmentsOf(text).segments.map((s) => s.elements.join('*'))[1]).toBe(`TA1*000000101*260115*1030*R*${note}`);
  });

  it('answers ISA14 = 1 with TA1 A 000 when the envelope is sound', async () => {
    expect((await first('accepted-ta1-requested.x12')).ta1).toMatchObject({ code: 'A', note: '000' });
    expect((await first('278-dependent.x12')).ta1).toBeUndefined();
  });

  it('reads an interchange holding only a TA1', async () => {
    const text = writeInterchange({ senderQualifier: 'ZZ', senderId: 'A', receiverQualifier: 'ZZ', receiverId: 'B', controlNumber: 1, at, ta1: [{ controlNumber: '000000005', date: '260115', time: '1030', code: 'R', note: '001', message: '' }], groups: [] });
    const r = await readInterchange(text);
    expect(r.interchanges[0]?.accepted).toBe(true);
    expect(r.error).toBeUndefined();
  });
});
