import { existsSync, readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, type TestTenant } from './support/builders';
import { cases } from '../src/intake/schema';
import { x12Requests } from '../src/interop/x12/schema';
import { addX12World } from '../src/interop/x12/testing/world';
import { addClient } from '../src/interop/x12/testing/clients';
import { postVerdict } from '../src/interop/x12/testing/verdict';

/**
 * Every X12 fixture, and every sample of ../shared/corpus/x12 when that folder is present, through
 * POST /x12 with a fresh machine client: the answer is the one test/fixtures/x12/expectations.json
 * states (`post`), and exactly the stated number of cases is stored.
 */
const root = new URL('./fixtures/x12/', import.meta.url);
const corpus = new URL('../../shared/corpus/', import.meta.url);

interface Post {
  readonly status: number;
  readonly ta1: readonly [string, string] | null;
  readonly acks: readonly unknown[];
  readonly answers: readonly unknown[];
  readonly cases: number;
  readonly why: string;
  readonly after?: string;
}
interface Entry {
  readonly file: string;
  readonly corpus?: string;
  readonly post: Post;
}
const isEntry = (x: unknown): x is Entry => typeof x === 'object' && x !== null && 'file' in x && typeof x.file === 'string' && 'post' in x && typeof x.post === 'object';
const parsed: unknown = JSON.parse(readFileSync(new URL('expectations.json', root), 'utf8'));
const entries = (typeof parsed === 'object' && parsed !== null && 'files' in parsed && Array.isArray(parsed.files) ? parsed.files : []).filter(isEntry);

let h: TestApp;
let t: TestTenant;

async function tokenFor(): Promise<string> {
  const c = await addClient(h.app.ctx.db, t.tenantId);
  const r = await h.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `grant_type=client_credentials&client_id=${c.clientId}&client_secret=${c.secret}` });
  const body: unknown = r.json();
  if (typeof body !== 'object' || body === null || !('access_token' in body) || typeof body.access_token !== 'string') throw new Error(r.body);
  return body.access_token;
}

const post = (token: string, payload: Buffer) => h.app.inject({ method: 'POST', url: '/x12', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/edi-x12' }, payload });
const stored = async () => ({
  cases: (await h.app.ctx.db.select({ n: count() }).from(cases))[0]?.n ?? 0,
  requests: (await h.app.ctx.db.select({ n: count() }).from(x12Requests))[0]?.n ?? 0,
});

async function check(payload: Buffer, e: Post): Promise<void> {
  const token = await tokenFor();
  if (e.after !== undefined) expect((await post(token, readFileSync(new URL(e.after, root)))).statusCode).toBe(200);
  const before = await stored();
  const r = await post(token, payload);
  const after = await stored();
  expect(r.statusCode).toBe(e.status);
  expect(r.headers['content-type']).toMatch(/^application\/edi-x12/);
  const v = postVerdict(r.body);
  expect({ ta1: v.ta1, acks: v.acks, answers: v.answers }).toEqual({ ta1: e.ta1, acks: e.acks, answers: e.answers });
  expect(after.cases - before.cases).toBe(e.cases);
  expect(after.requests - before.requests).toBe(e.cases);
}

beforeAll(async () => {
  h = await testApp({ now: '2026-08-12T15:00:00Z' });
  t = await buildTenant(h.app.ctx.db);
  await addX12World(h.app.ctx.db, t.tenantId, t.slug);
});
afterAll(async () => h.close());

describe('POST /x12 answers every fixture and corpus sample as expectations.json says', () => {
  it('covers every sample of the shared corpus and every fixture', () => {
    const named = new Set(entries.map((e) => e.corpus).filter((c) => c !== undefined));
    for (const c of ['edifabric/ServicesReview.txt', 'edifabric/GenericRequest.txt', 'interop-tools/edi_278_missing_bht.x12', 'interop-tools/edi_278_request_basic.x12', 'interop-tools/edi_278_request_with_dependent.x12', 'interop-tools/edi_278_response_certified.x12', 'linuxforhealth/subscriber-health-benefit-check.270', 'linuxforhealth/subscriber-health-benefit-check.271']) {
      expect(named.has(`x12/${c}`)).toBe(true);
    }
    expect(entries.length).toBeGreaterThanOrEqual(50);
    for (const e of entries) expect(e.post.why.length).toBeGreaterThan(20);
  });

  it.each(entries.map((e) => [e.file, e] as const))('%s', async (_name, e) => {
    await check(readFileSync(new URL(e.file, root)), e.post);
    // The original corpus sample, when the shared folder is mounted, gets the same answer.
    const original = e.corpus === undefined ? undefined : new URL(e.corpus, corpus);
    if (original !== undefined && existsSync(original)) await check(readFileSync(original), e.post);
  });
});
