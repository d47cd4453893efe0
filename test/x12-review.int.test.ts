import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, type TestTenant } from './support/builders';
import { cases, serviceLines } from '../src/intake/schema';
import { x12Outbox, x12Requests } from '../src/interop/x12/schema';
import { addX12World, type X12World } from '../src/interop/x12/testing/world';
import { addClient } from '../src/interop/x12/testing/clients';
import { postVerdict } from '../src/interop/x12/testing/verdict';
import { segmentsOf } from '../src/interop/x12/syntax/read';

/**
 * The 278 round trip through POST /x12: a request pended (A4), decided later by a medical director
 * through the REST API, the 278 response collected from the outbox (and acknowledged), the state
 * asked with a 278 inquiry; idempotent resubmission; who may call.
 */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/x12/${name}`, import.meta.url), 'utf8');

let h: TestApp;
let t: TestTenant;
let w: X12World;

async function clientToken(scopes: readonly string[] = ['x12']): Promise<string> {
  const c = await addClient(h.app.ctx.db, t.tenantId, scopes);
  const r = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.secret}` });
  const body: unknown = r.json();
  if (typeof body !== 'object' || body === null || !('access_token' in body) || typeof body.access_token !== 'string') throw new Error(r.body);
  return body.access_token;
}
const post = (token: string | null, payload: string, contentType = 'application/edi-x12') =>
  h.app.inject({ method: 'POST', url: '/x12', headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), 'content-type': contentType }, payload });
const lines = (text: string): string[] => segmentsOf(text).segments.map((s) => s.elements.join('*'));
const caseNumberOf = (text: string): string => lines(text).find((l) => l.startsWith('REF*NT*'))?.slice(7) ?? '';
async function caseIdOf(number: string): Promise<string> {
  const [c] = await h.app.ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.caseNumber, number));
  if (c === undefined) throw new Error(`no case ${number}`);
  return c.id;
}
const rows = async () => ({
  cases: (await h.app.ctx.db.select({ n: count() }).from(cases))[0]?.n ?? 0,
  requests: (await h.app.ctx.db.select({ n: count() }).from(x12Requests))[0]?.n ?? 0,
});

beforeAll(async () => {
  h = await testApp({ now: '2026-08-12T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  w = await addX12World(h.app.ctx.db, t.tenantId, t.slug);
});
afterAll(async () => h.close());

describe('who may call POST /x12', () => {
  it('refuses without a token, a person, a client without the scope x12, another media type, and input that is not X12', async () => {
    const none = await post(null, fixture('278-dependent.x12'));
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'UM_ERR_UNAUTHENTICATED', status: 401 });
    const person = await post(await h.login(t.usernames.intake), fixture('278-dependent.x12'));
    expect(person.json()).toMatchObject({ code: 'UM_ERR_FORBIDDEN', status: 403 });
    const scopeless = await post(await clientToken(['cases.write']), fixture('278-dependent.x12'));
    expect(scopeless.json()).toMatchObject({ code: 'UM_ERR_INSUFFICIENT_SCOPE', status: 403 });
    const token = await clientToken();
    const json = await post(token, JSON.stringify({ resourceType: 'Bundle' }), 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json().code).toBe('UM_ERR_UNSUPPORTED_MEDIA_TYPE');
    const notX12 = await post(token, '{"resourceType":"Bundle"}', 'text/plain');
    expect(notX12.statusCode).toBe(400);
    expect(notX12.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(notX12.json()).toMatchObject({ code: 'UM_ERR_X12_NOT_X12', errors: [{ path: 'ISA', message: 'not-x12' }] });
  });

  it('takes the tenant and submitter from the token: the reply swaps the envelope parties and keeps the delimiters', async () => {
    const r = await post(await clientToken(), fixture('278-delimiters-pipe.x12'), 'text/plain');
    expect(r.statusCode).toBe(200);
    expect(r.body.startsWith('ISA|00|          |00|          |ZZ|PAYERID        |ZZ|PROVIDERID     |260812|1000|!|00501|')).toBe(true);
    expect(r.body).toContain('GS|HI|PAYERAPP|PROVIDERAPP|20260812|1000|');
    expect(r.body).toContain('BHT|0007|11|B99999|20260812|1000~');
  });
});

describe('a pended request decided later', () => {
  let token: string;
  let caseId: string;
  let auth = '';

  it('is pended (A4) with the case number as REF*NT, and the case keeps the set as its X12 source', async () => {
    token = await clientToken();
    const r = await post(token, fixture('278-dependent.x12'));
    expect(postVerdict(r.body).answers).toEqual([{ set: '278', implementation: '005010X217', aaa: [], hcr: ['2000E:A4', '2000F:A4'], eb: [] }]);
    caseId = await caseIdOf(caseNumberOf(r.body));
    const [c] = await h.app.ctx.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c).toMatchObject({ channel: 'x12', kind: 'prior_auth', sourceFormat: 'x12', status: 'nurse_review', memberId: w.members['MEMBER001-20150615-JIMMY'] });
    expect(c?.sourcePayload).toMatch(/^ISA\*.*ST\*278\*0001\*005010X217~.*SE\*24\*0001~GE\*1\*1~IEA\*1\*000000001~$/s);
    const outbox = await h.app.inject({ method: 'GET', url: '/x12/outbox', headers: { authorization: `Bearer ${token}` } });
    expect(outbox.statusCode).toBe(204);
  });

  it('a medical director approves it through the REST API: the 278 response (A1, authorization number, dates) waits in the outbox', async () => {
    h.clock.set('2026-08-12T20:00:00Z');
    const md = await h.login(t.usernames.medical_director);
    const d = await h.call('POST', `/api/cases/${caseId}/decision`, md, { outcome: 'approved' });
    expect(d.statusCode).toBe(200);
    const [line] = await h.app.ctx.db.select().from(serviceLines).where(eq(serviceLines.caseId, caseId));
    auth = line?.authorizationNumber ?? '';
    expect(auth).not.toBe('');
    const other = await h.app.inject({ method: 'GET', url: '/x12/outbox', headers: { authorization: `Bearer ${await clientToken()}` } });
    expect(other.statusCode).toBe(204);
    const first = await h.app.inject({ method: 'GET', url: '/x12/outbox', headers: { authorization: `Bearer ${token}` } });
    expect(first.statusCode).toBe(200);
    const l = lines(first.body);
    expect(l[0]).toMatch(/^ISA\*00\* {10}\*00\* {10}\*ZZ\*PAYERID {8}\*ZZ\*PROVIDERID {5}\*260812\*1500\*\^\*00501\*\d{9}\*0\*T\*:$/);
    expect(l).toEqual(expect.arrayContaining(['BHT*0007*11*B99999*20260812*1500', `HCR*A1*${auth}`, 'TRN*2*TRACE-DEP-1*1234567890', 'DTP*102*D8*20260812']));
    expect(l.filter((x) => x.startsWith('HCR'))).toEqual([`HCR*A1*${auth}`, `HCR*A1*${auth}`]);
    // Not acknowledged: delivered again, in a new interchange.
    const again = await h.app.inject({ method: 'GET', url: '/x12/outbox', headers: { authorization: `Bearer ${token}` } });
    expect(again.statusCode).toBe(200);
    const isa13 = String(again.headers['x-openum-interchanges']);
    expect(isa13).not.toBe(String(first.headers['x-openum-interchanges']));
    expect(lines(again.body).filter((x) => x.startsWith('HCR'))).toEqual([`HCR*A1*${auth}`, `HCR*A1*${auth}`]);
    // The stale delivery acknowledges nothing; the last one collects the response.
    const stale = await h.app.inject({ method: 'DELETE', url: `/x12/outbox/${String(first.headers['x-openum-interchanges'])}`, headers: { authorization: `Bearer ${token}` } });
    expect(stale.json()).toMatchObject({ collected: 0 });
    const ack = await h.app.inject({ method: 'DELETE', url: `/x12/outbox/${isa13}`, headers: { authorization: `Bearer ${token}` } });
    expect(ack.json()).toEqual({ controlNumber: isa13, collected: 1 });
    expect((await h.app.inject({ method: 'GET', url: '/x12/outbox', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(204);
  });

  it('a 278 inquiry then returns the current state (A1) with the inquiry\'s BHT03, by member or by authorization number', async () => {
    const byMember = await post(token, fixture('278-inquiry.x12'));
    expect(postVerdict(byMember.body).answers).toEqual([{ set: '278', implementation: '005010X215', aaa: [], hcr: ['2000E:A1', '2000F:A1'], eb: [] }]);
    expect(lines(byMember.body)).toEqual(expect.arrayContaining(['BHT*0007*11*INQ0001*20260812*1500', 'TRN*2*INQ-TRACE-1*1234567890', `HCR*A1*${auth}`]));
    const byAuth = await post(token, fixture('278-inquiry-unknown.x12').replace('REF*BB*NOSUCHAUTH', `REF*BB*${auth}`));
    expect(postVerdict(byAuth.body).answers[0]?.hcr).toEqual(['2000E:A1', '2000F:A1']);
    // Another submitter's inquiry does not see it.
    const stranger = await post(await clientToken(), fixture('278-inquiry-unknown.x12').replace('REF*BB*NOSUCHAUTH', `REF*BB*${auth}`));
    expect(postVerdict(stranger.body).answers[0]?.aaa).toEqual(['2000E:Y:AA:C']);
  });

  it('a denial by the medical director reaches the outbox as A3 with the reason, collected on delivery when asked', async () => {
    const r = await post(token, fixture('278-dependent.x12').replace('BHT*0007*13*B99999', 'BHT*0007*13*B99998'));
    const id = await caseIdOf(caseNumberOf(r.body));
    const md = await h.login(t.usernames.medical_director);
    const d = await h.call('POST', `/api/cases/${id}/decision`, md, { outcome: 'denied', category: 'medical_necessity', reasonCode: 'MN-CRIT', reason: 'The oximetry results sent do not meet the qualifying threshold of the criteria.', basis: { coverageRule: { rule: 'Home oxygen therapy policy', reference: 'NCD 240.2' } } });
    expect(d.statusCode).toBe(200);
    const out = await h.app.inject({ method: 'GET', url: '/x12/outbox?collect=true', headers: { authorization: `Bearer ${token}` } });
    const l = lines(out.body);
    expect(l).toEqual(expect.arrayContaining(['BHT*0007*11*B99998*20260812*1500', 'HCR*A3', 'MSG*Not certified - The oximetry results sent do not meet the qualifying threshold of the criteria.']));
    expect((await h.app.inject({ method: 'GET', url: '/x12/outbox', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(204);
    const [waiting] = await h.app.ctx.db.select({ n: count() }).from(x12Outbox).where(eq(x12Outbox.caseId, id));
    expect(waiting?.n).toBe(1);
  });
});

describe('idempotent resubmission on (tenant, ISA06/GS02, BHT03)', () => {
  it('the same request in a new envelope gets the original answer and stores nothing more', async () => {
    const token = await clientToken();
    const text = fixture('278-multi-group.x12');
    const first = await post(token, text);
    const before = await rows();
    const resent = text.replace(/000000101/g, '000000777').replace(/\*1030\*1\*X\*/, '*1030*7*X*').replace('GE*3*1', 'GE*3*7');
    const again = await post(token, resent);
    expect(await rows()).toEqual(before);
    const answers = (x: string) => lines(x).filter((l) => /^(HCR|REF\*NT|AAA|TRN\*2)/.test(l));
    expect(answers(again.body)).toEqual(answers(first.body));
  });

  it('the same BHT03 with other content is refused with AAA 33 at 2000E and stores nothing; other senders are independent', async () => {
    const token = await clientToken();
    const text = fixture('278-dependent.x12').replace('BHT*0007*13*B99999', 'BHT*0007*13*IDEM0001');
    await post(token, text);
    const before = await rows();
    const changed = await post(token, text.replace('SV1*HC:E0601:RR*450*UN*1', 'SV1*HC:E0601:RR*450*UN*2'));
    expect(postVerdict(changed.body).answers).toEqual([{ set: '278', implementation: '005010X217', aaa: ['2000E:N:33:C'], hcr: [], eb: [] }]);
    expect(await rows()).toEqual(before);
    const otherSender = await post(token, text.replace('GS*HI*PROVIDERAPP*', 'GS*HI*OTHERAPP*'));
    expect(postVerdict(otherSender.body).answers[0]?.hcr).toEqual(['2000E:A4', '2000F:A4']);
    expect((await rows()).cases).toBe(before.cases + 1);
  });

  it('two copies of a new request at once make one case', async () => {
    const token = await clientToken();
    const text = fixture('278-dependent.x12').replace('BHT*0007*13*B99999', 'BHT*0007*13*RACE0001');
    const before = await rows();
    const [a, b] = await Promise.all([post(token, text), post(token, text)]);
    expect(caseNumberOf(a.body)).toBe(caseNumberOf(b.body));
    expect(await rows()).toEqual({ cases: before.cases + 1, requests: before.requests + 1 });
  });
});
