import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, type TestTenant } from './support/builders';
import { cases, idempotencyKeys, serviceLines } from '../src/intake/schema';
import { x12Outbox, x12RequestServices, x12Requests } from '../src/interop/x12/schema';
import { addX12World } from '../src/interop/x12/testing/world';
import { addClient } from '../src/interop/x12/testing/clients';
import { X12_BODY_LIMIT } from '../src/interop/x12/capability';
import { postVerdict } from '../src/interop/x12/testing/verdict';

/** Truncated, oversized and random input: the server always answers, and stores nothing. */
const fixture = (name: string): string => readFileSync(new URL(`./fixtures/x12/${name}`, import.meta.url), 'utf8');

let h: TestApp;
let t: TestTenant;
let token: string;

const tables = [cases, serviceLines, idempotencyKeys, x12Requests, x12RequestServices, x12Outbox] as const;
const counts = async (): Promise<number[]> => Promise.all(tables.map(async (tb) => (await h.app.ctx.db.select({ n: count() }).from(tb))[0]?.n ?? 0));
const post = (payload: string | Buffer) => h.app.inject({ method: 'POST', url: '/x12', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/edi-x12' }, payload });

/** An answer the server may give to bad input: an X12 reply, or problem+json for what is not X12. */
function answered(r: Awaited<ReturnType<typeof post>>): void {
  if (r.statusCode === 200) {
    expect(r.headers['content-type']).toMatch(/^application\/edi-x12/);
    expect(r.body.startsWith('ISA')).toBe(true);
    // Nothing in a reply to broken input may certify anything.
    expect(postVerdict(r.body).answers.flatMap((a) => a.hcr)).toEqual([]);
  } else {
    expect([400, 413]).toContain(r.statusCode);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json().code).toMatch(/^UM_ERR_(X12_NOT_X12|PAYLOAD_TOO_LARGE)$/);
  }
}

beforeAll(async () => {
  h = await testApp({ now: '2026-08-12T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  await addX12World(h.app.ctx.db, t.tenantId, t.slug);
  const c = await addClient(h.app.ctx.db, t.tenantId);
  const r = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.secret}` });
  token = String(r.json().access_token);
});
afterAll(async () => h.close());

describe('malformed input through POST /x12', () => {
  it('truncated interchanges: rejected by a TA1 R (023 cut short, 024 a GS cut in two…) or not X12 at all, never stored', async () => {
    const text = fixture('278-dependent.x12');
    const before = await counts();
    const cut = text.lastIndexOf('IEA');
    for (let n = 0; n < cut; n += Math.ceil(cut / 25)) {
      const r = await post(text.slice(0, n));
      answered(r);
      if (r.statusCode === 200) expect(postVerdict(r.body).ta1?.[0]).toBe('R');
    }
    expect(await counts()).toEqual(before);
  });

  it('oversized: a body over the limit is refused with 413; a segment over 1 MiB stops the read (TA1 R 023)', async () => {
    const before = await counts();
    const big = await post(Buffer.alloc(X12_BODY_LIMIT + 1, 0x41));
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'UM_ERR_PAYLOAD_TOO_LARGE', status: 413 });
    const long = await post(fixture('278-dependent.x12').replace('NM1*QC*1*DOE*JIMMY', `NM1*QC*1*DOE*${'J'.repeat(2_000_000)}`));
    expect(long.statusCode).toBe(200);
    expect(postVerdict(long.body).ta1).toEqual(['R', '023']);
    expect(await counts()).toEqual(before);
  });

  it('random bytes, and random segments after a valid ISA', async () => {
    const before = await counts();
    const isa = fixture('278-dependent.x12').slice(0, 106);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 3000 }).map((b) => Buffer.from(b)),
          fc.array(fc.constantFrom('GS*HI*A*B*20260101*1200*1*X*005010X217~', 'ST*278*0001*005010X217~', 'BHT*0007*13*R1*20260101*1200~', 'HL*1**20*1~', 'NM1*X3*2*ACME*****PI*PAYER01~', 'HL*3*2*22*1~', 'SE*3*0001~', 'GE*1*1~', 'IEA*1*000000001~', '*', '~', ':', 'X'), { maxLength: 40 }).map((xs) => Buffer.from(isa + xs.join(''))),
        ),
        async (payload) => answered(await post(payload)),
      ),
      { numRuns: 40 },
    );
    expect(await counts()).toEqual(before);
  });
});
