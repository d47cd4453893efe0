/**
 * X12 out of the box: the demo machine client `demo-ehr` holds the scope `x12`, so an evaluator can
 * send a 278 about a demo member to POST /x12 and get the 278 response (docs/x12.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { DEMO_CLIENT } from '../src/demo/generate';
import { cases } from '../src/intake/schema';
import { coverages, members, providers } from '../src/members/schema';
import { organisations } from '../src/tenancy/schema';
import { segmentsOf } from '../src/interop/x12/syntax/read';

let h: TestApp;
beforeAll(async () => {
  h = await testApp({ demo: true, now: '2026-11-20T15:00:00Z' });
});
afterAll(async () => h.close());

/** A 278 request (005010X217) for one DME line, from the requester to Evergreen Medicare Advantage. */
function request278(o: { memberNumber: string; last: string; first: string; birthDate: string; sex: string; npi: string; bht: string }): string {
  const body = [
    'ST*278*0001*005010X217',
    `BHT*0007*13*${o.bht}*20261120*0900`,
    'HL*1**20*1',
    'NM1*X3*2*EVERGREEN MEDICARE ADVANTAGE*****PI*EVGMA',
    'HL*2*1*21*1',
    `NM1*1P*2*REQUESTING PROVIDER*****XX*${o.npi}`,
    'HL*3*2*22*1',
    `NM1*IL*1*${o.last}*${o.first}****MI*${o.memberNumber}`,
    `DMG*D8*${o.birthDate.replaceAll('-', '')}*${o.sex}`,
    'HL*4*3*EV*1',
    'TRN*1*DEMO-TRACE-1*1234567890',
    'UM*HS*I*12*12:B',
    'HI*ABK:G4733',
    'HL*5*4*SS*0',
    'TRN*1*DEMO-ITEM-1*1234567890',
    'UM*HS*I',
    'DTP*472*RD8*20261201-20261231',
    'SV1*HC:E0601*450*UN*1',
  ];
  return [
    'ISA*00*          *00*          *ZZ*DEMOEHR        *ZZ*OPENUM         *261120*0900*^*00501*000000001*0*T*:',
    'GS*HI*DEMOEHR*OPENUM*20261120*0900*1*X*005010X217',
    ...body,
    `SE*${body.length + 1}*0001`,
    'GE*1*1',
    'IEA*1*000000001',
  ].join('~\n') + '~\n';
}

describe('the demo client and X12', () => {
  it('demo-ehr gets a token with the scope x12 and POST /x12 answers a 278 about a demo member with a 278 response', async () => {
    const tok = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${DEMO_CLIENT.clientId}&client_secret=${DEMO_CLIENT.secret}&scope=x12` });
    expect(tok.statusCode, tok.body).toBe(200);
    const token: unknown = tok.json().access_token;
    expect(typeof token).toBe('string');

    const db = h.app.ctx.db;
    const [m] = await db
      .select({ number: members.memberNumber, last: members.lastName, first: members.firstName, birthDate: members.birthDate, sex: members.sex })
      .from(members)
      .innerJoin(coverages, and(eq(coverages.tenantId, members.tenantId), eq(coverages.memberId, members.id)))
      .innerJoin(organisations, and(eq(organisations.tenantId, coverages.tenantId), eq(organisations.id, coverages.planOrgId)))
      .where(and(eq(organisations.payerId, 'EVGMA'), isNull(coverages.effectiveTo), isNotNull(coverages.contractId)))
      .orderBy(members.memberNumber)
      .limit(1);
    const [p] = await db.select({ npi: providers.npi }).from(providers).where(eq(providers.networkStatus, 'in_network')).orderBy(providers.npi).limit(1);
    if (m === undefined || p === undefined) throw new Error('the demo has no Evergreen member or no in-network provider');

    const r = await h.app.inject({ method: 'POST', url: '/x12', headers: { authorization: `Bearer ${String(token)}`, 'content-type': 'application/edi-x12' }, payload: request278({ memberNumber: m.number, last: m.last, first: m.first, birthDate: m.birthDate, sex: m.sex, npi: p.npi, bht: 'DEMO-0001' }) });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^application\/edi-x12/);
    const seg = segmentsOf(r.body).segments.map((s) => s.elements.join('*'));
    expect(seg.some((l) => l.startsWith('BHT*0007*11*DEMO-0001*'))).toBe(true);
    expect(seg.filter((l) => l.startsWith('AAA*'))).toEqual([]);
    expect(seg.some((l) => /^HCR\*(A1|A2|A3|A4|A6)/.test(l))).toBe(true);
    const number = seg.find((l) => l.startsWith('REF*NT*'))?.slice(7) ?? '';
    const [c] = await db.select({ channel: cases.channel }).from(cases).where(eq(cases.caseNumber, number));
    expect(c).toEqual({ channel: 'x12' });
  });
});
