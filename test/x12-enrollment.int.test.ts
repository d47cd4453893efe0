/**
 * 834 enrollment import (005010X220A1) into members and coverage spans: additions, changes,
 * terminations and reinstatements; re-importing changes nothing; a full file terminates the
 * members it leaves out when asked (and only then); member problems reported with their segment
 * positions; a member applied wholly or not at all; rejected sets and interchanges applied not at
 * all; the administrators' upload route.
 */
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, type TestTenant } from './support/builders';
import { coverages, members, providers } from '../src/members/schema';
import { addX12World, type X12World } from '../src/interop/x12/testing/world';
import { importEnrollment, type EnrollmentOptions, type EnrollmentReport } from '../src/interop/x12/enrollment/import';

const FIXTURE = readFileSync(new URL('./fixtures/x12/834-members.x12', import.meta.url), 'utf8');

let h: TestApp;

interface Place {
  readonly t: TestTenant;
  readonly w: X12World;
}
async function place(): Promise<Place> {
  const t = await buildTenant(h.app.ctx.db);
  const w = await addX12World(h.app.ctx.db, t.tenantId, t.slug);
  return { t, w };
}

beforeAll(async () => {
  h = await testApp({ now: '2026-11-20T15:00:00Z' });
});
afterAll(async () => h.close());

const run = (p: Place, text: string | readonly string[], o: Partial<EnrollmentOptions> = {}): Promise<EnrollmentReport> =>
  importEnrollment(Readable.from(typeof text === 'string' ? [text] : text), { db: h.app.ctx.db, tenantId: p.t.tenantId, actor: { type: 'system', id: 'test', role: 'admin' }, clock: h.clock, batchSize: 3, ...o });

/** One transaction set: its heading (BGN08 `action`, effective date `DTP*007`) and the member segments. */
interface SetSpec {
  readonly control?: string;
  readonly action?: string;
  readonly effective?: string;
  readonly members: readonly string[];
  /** Add this to SE01 (a wrong segment count rejects the set). */
  readonly countSkew?: number;
}
/** An interchange of one group holding the sets (with counts right unless asked otherwise). */
function file834(sets: readonly SetSpec[], o: { isa13?: string; iea02?: string } = {}): string {
  const isa13 = o.isa13 ?? '000000201';
  const out = [`ISA*00*          *00*          *ZZ*SPONSOR01      *ZZ*OPENUM         *260115*1030*^*00501*${isa13}*0*T*:~`, 'GS*BE*SPONSORAPP*OPENUMAPP*20260115*1030*7*X*005010X220A1~'];
  sets.forEach((s, i) => {
    const st = s.control ?? String(i + 1).padStart(4, '0');
    const body = [`ST*834*${st}*005010X220A1`, `BGN*00*REF${st}*20260115*1200****${s.action ?? '2'}`, `DTP*007*D8*${s.effective ?? '20260301'}`, 'N1*P5*ACME EMPLOYER*FI*123456789', 'N1*IN*ACME HEALTH PLAN*FI*987654321', ...s.members];
    out.push(...body.map((x) => `${x}~`), `SE*${body.length + 1 + (s.countSkew ?? 0)}*${st}~`);
  });
  out.push(`GE*${sets.length}*7~`, `IEA*1*${o.iea02 ?? isa13}~`);
  return out.join('\n');
}

/** Segments of one member record (loop 2000 with 2100A and 2300s). */
function member(o: { sub: string; ins: string; number?: string; name?: [string, string]; dmg?: string; address?: [string, string, string, string]; dates?: readonly string[]; hds?: readonly { code: string; line?: string; plan?: string; begin?: string; end?: string }[] }): string[] {
  return [
    `INS*Y*18*${o.ins}*XN*A`,
    `REF*0F*${o.sub}`,
    ...(o.dates ?? []).map((d) => `DTP*${d}`),
    `NM1*IL*1*${(o.name ?? ['DOE', 'JANE'])[0]}*${(o.name ?? ['DOE', 'JANE'])[1]}`,
    ...(o.address === undefined ? [] : [`N3*${o.address[0]}`, `N4*${o.address[1]}*${o.address[2]}*${o.address[3]}`]),
    ...(o.dmg === undefined ? [] : [`DMG*D8*${o.dmg}`]),
    ...(o.hds ?? []).flatMap((d) => [`HD*${d.code}**${d.line ?? 'HMO'}*${d.plan ?? 'GOLD01'}*IND`, ...(d.begin === undefined ? [] : [`DTP*348*D8*${d.begin}`]), ...(d.end === undefined ? [] : [`DTP*349*D8*${d.end}`])]),
  ];
}

const memberOf = async (p: Place, number: string) => (await h.app.ctx.db.select().from(members).where(and(eq(members.tenantId, p.t.tenantId), eq(members.memberNumber, number))))[0];
async function spansOf(p: Place, number: string) {
  const m = await memberOf(p, number);
  if (m === undefined) return [];
  return h.app.ctx.db.select().from(coverages).where(and(eq(coverages.tenantId, p.t.tenantId), eq(coverages.memberId, m.id))).orderBy(asc(coverages.planOrgId), asc(coverages.effectiveFrom));
}
/** Every member and coverage row of the tenant, as stored. */
async function everything(p: Place) {
  return {
    members: await h.app.ctx.db.select().from(members).where(eq(members.tenantId, p.t.tenantId)).orderBy(asc(members.memberNumber)),
    coverages: await h.app.ctx.db.select().from(coverages).where(eq(coverages.tenantId, p.t.tenantId)).orderBy(asc(coverages.id)),
  };
}

describe('834 import of the fixture', () => {
  let p: Place;
  beforeAll(async () => {
    p = await place();
  });

  it('adds subscribers, dependents and their spans, and reports each bad member with its segment positions without applying it', async () => {
    const r = await run(p, FIXTURE, { productType: 'HMO' });
    expect(r).toMatchObject({ members: 6, added: 4, updated: 0, unchanged: 0, termed: 0, reinstated: 0, termedMissing: 0, rejected: [] });
    expect(r.errors).toEqual([
      { position: { first: 29, inSet: 27 }, member: 'SUB002', message: 'DMG at 32: DMG02: Invalid Date ("19701301")' },
      { position: { first: 49, inSet: 47 }, member: 'LIA KOE', message: 'REF at 48: REF missing: the subscriber identifier (REF*0F) is required' },
    ]);
    expect(r.acks).toEqual([expect.objectContaining({ code: 'E' })]);
    expect(await memberOf(p, 'SUB001')).toMatchObject({ firstName: 'JANE', lastName: 'DOE', birthDate: '1980-01-01', sex: 'F', addressLine: '1 MAIN ST, APT 2', city: 'SPRINGFIELD', state: 'IL', postalCode: '62701', phone: '5555551234' });
    const [pcp] = await h.app.ctx.db.select().from(providers).where(and(eq(providers.tenantId, p.t.tenantId), eq(providers.npi, '1234567893')));
    expect(await spansOf(p, 'SUB001')).toEqual([expect.objectContaining({ planOrgId: p.w.orgs.acme, contractId: p.w.contract, ipaOrgId: p.w.orgs.ipa, lineOfBusiness: 'medicare_advantage', productType: 'HMO', pbp: 'GOLD01', pcpProviderId: pcp?.id, effectiveFrom: '2026-02-01', effectiveTo: null })]);
    // The dependent has no identifier of its own: subscriber id, birth date and first name.
    expect(await memberOf(p, 'SUB001-20150615-JIMMY')).toMatchObject({ firstName: 'JIMMY', birthDate: '2015-06-15', sex: 'M' });
    expect(await spansOf(p, 'SUB001-20150615-JIMMY')).toEqual([expect.objectContaining({ effectiveFrom: '2026-02-01', effectiveTo: null })]);
    // A reinstatement with a coverage loop enrolls that span.
    expect(await spansOf(p, 'SUB003')).toEqual([expect.objectContaining({ productType: 'HMO', pbp: 'SILVER02', effectiveFrom: '2026-02-01', effectiveTo: null })]);
    // A change for a member not on file, with a name and birth date, adds the member (no coverage loop: no span).
    expect(await memberOf(p, 'SUB004')).toMatchObject({ firstName: 'MARK', lastName: 'LOE', city: 'AUSTIN' });
    expect(await spansOf(p, 'SUB004')).toEqual([]);
    expect(await memberOf(p, 'SUB002')).toBeUndefined();
  });

  it('changes no member or coverage data when the same file is imported again', async () => {
    const before = await everything(p);
    h.clock.advance(3_600_000);
    const r = await run(p, FIXTURE, { productType: 'HMO' });
    expect(r).toMatchObject({ members: 6, added: 0, updated: 0, unchanged: 4, termed: 0, reinstated: 0 });
    expect(r.errors).toHaveLength(2);
    expect(await everything(p)).toEqual(before);
  });

  it('without a product type, an HD03 that names none (HLT) is a problem of that member', async () => {
    const r = await run(p, FIXTURE);
    expect(r.errors.filter((e) => e.message.startsWith('HD03 HLT names no product type')).map((e) => e.member)).toEqual(['SUB001', 'SUB001-20150615-JIMMY']);
  });
});

describe('changes, terminations and reinstatements', () => {
  let p: Place;
  beforeAll(async () => {
    p = await place();
  });

  it('a change (001) updates the demographics it gives and keeps the others and the spans', async () => {
    const spans = await spansOf(p, 'MEMBER001');
    const r = await run(p, file834([{ members: member({ sub: 'MEMBER001', ins: '001', name: ['DOE', 'JANE'], address: ['5 ELM ST', 'DALLAS', 'TX', '75201'] }) }]));
    expect(r).toMatchObject({ members: 1, updated: 1, added: 0, errors: [] });
    expect(await memberOf(p, 'MEMBER001')).toMatchObject({ firstName: 'JANE', birthDate: '1980-01-01', sex: 'F', addressLine: '5 ELM ST', city: 'DALLAS', state: 'TX', postalCode: '75201' });
    expect(await spansOf(p, 'MEMBER001')).toEqual(spans);
  });

  it('a termination (024) ends the span its HD names, or the span in force when only the member is termed (DTP*357)', async () => {
    const r = await run(p, file834([{ members: [...member({ sub: 'MEMBER001', ins: '024', hds: [{ code: '024', begin: '20050101', end: '20260630' }] }), ...member({ sub: 'MEMBER002', ins: '024', dates: ['357*D8*20260531'] })] }]));
    expect(r).toMatchObject({ members: 2, termed: 2, updated: 2, errors: [] });
    expect(await spansOf(p, 'MEMBER001')).toEqual([expect.objectContaining({ effectiveFrom: '2005-01-01', effectiveTo: '2026-06-30' })]);
    expect(await spansOf(p, 'MEMBER002')).toEqual([expect.objectContaining({ effectiveFrom: '2005-01-01', effectiveTo: '2026-05-31' })]);
    // Terminating again changes nothing and counts nothing.
    const again = await run(p, file834([{ members: member({ sub: 'MEMBER002', ins: '024', dates: ['357*D8*20260531'] }) }]));
    expect(again).toMatchObject({ termed: 0, unchanged: 1, updated: 0 });
  });

  it('a reinstatement (025) reopens the latest span, and re-importing it changes nothing', async () => {
    const file = file834([{ members: member({ sub: 'MEMBER002', ins: '025' }) }]);
    const r = await run(p, file);
    expect(r).toMatchObject({ members: 1, reinstated: 1, updated: 1, errors: [] });
    expect(await spansOf(p, 'MEMBER002')).toEqual([expect.objectContaining({ effectiveFrom: '2005-01-01', effectiveTo: null })]);
    const before = await everything(p);
    expect(await run(p, file)).toMatchObject({ reinstated: 0, unchanged: 1 });
    expect(await everything(p)).toEqual(before);
  });

  it('terminating or reinstating a member not on file is that member\'s problem, with its position; the others are applied', async () => {
    const before = await memberOf(p, 'MEMBER003');
    const r = await run(p, file834([{ members: [...member({ sub: 'NOBODY1', ins: '024', dates: ['357*D8*20260531'] }), ...member({ sub: 'NOBODY2', ins: '025', name: ['ROE', 'RAY'] }), ...member({ sub: 'MEMBER003', ins: '001', address: ['7 PINE RD', 'WACO', 'TX', '76701'] })] }]));
    // Segments: ISA 1, GS 2, ST 3, BGN 4, DTP 5, N1 6, N1 7, then the members' INS at 8, 12 and 15.
    expect(r.errors).toEqual([
      { position: { first: 8, inSet: 6 }, member: 'NOBODY1', message: 'member NOBODY1 is not on file: nothing to terminate' },
      { position: { first: 12, inSet: 10 }, member: 'NOBODY2', message: 'member NOBODY2 is not on file: nothing to reinstate' },
    ]);
    expect(r).toMatchObject({ members: 3, updated: 1 });
    expect(await memberOf(p, 'NOBODY1')).toBeUndefined();
    expect(await memberOf(p, 'NOBODY2')).toBeUndefined();
    expect(await memberOf(p, 'MEMBER003')).toMatchObject({ ...before, addressLine: '7 PINE RD', city: 'WACO', state: 'TX', postalCode: '76701', updatedAt: expect.any(Date) });
  });

  it('applies a member wholly or not at all: one coverage action that fails leaves its demographics and its other spans untouched', async () => {
    const before = await everything(p);
    const r = await run(
      p,
      file834([
        {
          members: member({
            sub: 'MEMBER004',
            ins: '001',
            address: ['1 NEW RD', 'RENO', 'NV', '89501'],
            hds: [
              { code: '021', begin: '20270101' },
              { code: '024', begin: '20200101', end: '20260228' },
            ],
          }),
        },
      ]),
    );
    expect(r.errors).toEqual([{ position: { first: 8, inSet: 6 }, member: 'MEMBER004', message: 'no coverage span beginning 2020-01-01 to terminate; nothing of this member is applied' }]);
    expect(r).toMatchObject({ added: 0, updated: 0, unchanged: 0 });
    expect(await everything(p)).toEqual(before);
  });
});

describe('a full file and --term-missing', () => {
  let p: Place;
  beforeAll(async () => {
    p = await place();
  });
  const acmeOpen = async () => (await h.app.ctx.db.select().from(coverages).where(and(eq(coverages.tenantId, p.t.tenantId), eq(coverages.planOrgId, p.w.orgs.acme)))).filter((c) => c.effectiveTo === null).length;
  const listsOnly4 = (action: string, ins = '030') => file834([{ action, effective: '20260301', members: member({ sub: 'MEMBER004', ins, hds: [{ code: ins, begin: '20050101' }] }) }]);

  it('is refused on a file that is not a full file (BGN08 2): nobody is terminated', async () => {
    const r = await run(p, listsOnly4('2', '001'), { termMissing: true });
    expect(r.rejected).toEqual(['834 REF0001: --term-missing needs a full file (BGN08 RX or 4, or INS03 030 for every member); nobody was terminated']);
    expect(r.termedMissing).toBe(0);
    expect(await acmeOpen()).toBe(5);
  });

  it('without --term-missing a full file terminates nobody', async () => {
    const r = await run(p, listsOnly4('RX'));
    expect(r).toMatchObject({ termedMissing: 0, rejected: [] });
    expect(await acmeOpen()).toBe(5);
  });

  it('terminates, on the day before the file\'s effective date, the plan\'s spans of members the full file leaves out; only the plan\'s', async () => {
    const others = (await h.app.ctx.db.select().from(coverages).where(eq(coverages.tenantId, p.t.tenantId))).filter((c) => c.planOrgId !== p.w.orgs.acme);
    const r = await run(p, listsOnly4('RX'), { termMissing: true });
    expect(r).toMatchObject({ members: 1, termedMissing: 4, rejected: [], errors: [] });
    for (const n of ['MEMBER001', 'MEMBER001-20150615-JIMMY', 'MEMBER002', 'MEMBER003']) expect(await spansOf(p, n)).toEqual([expect.objectContaining({ effectiveTo: '2026-02-28' })]);
    expect(await spansOf(p, 'MEMBER004')).toEqual([expect.objectContaining({ effectiveTo: null })]);
    const othersAfter = (await h.app.ctx.db.select().from(coverages).where(eq(coverages.tenantId, p.t.tenantId))).filter((c) => c.planOrgId !== p.w.orgs.acme);
    expect(othersAfter).toEqual(others);
    // Loading the same full file again changes nothing.
    const before = await everything(p);
    expect(await run(p, listsOnly4('RX'), { termMissing: true })).toMatchObject({ termedMissing: 0, unchanged: 1 });
    expect(await everything(p)).toEqual(before);
  });

  it('takes a file whose every member is 030 (audit) as full, and honours --term-date', async () => {
    await run(p, file834([{ members: ['MEMBER001', 'MEMBER002'].flatMap((sub) => member({ sub, ins: '025' })) }]));
    expect(await acmeOpen()).toBe(3);
    const r = await run(p, listsOnly4('2'), { termMissing: true, termDate: '2026-03-15' });
    expect(r).toMatchObject({ termedMissing: 2, rejected: [] });
    expect(await spansOf(p, 'MEMBER001')).toEqual([expect.objectContaining({ effectiveTo: '2026-03-15' })]);
  });
});

describe('what the envelope rejects is not applied', () => {
  let p: Place;
  beforeAll(async () => {
    p = await place();
  });
  const addA = member({ sub: 'NEWA', ins: '021', name: ['ALPHA', 'ANN'], dmg: '19700101*F', hds: [{ code: '021', begin: '20260301' }] });
  const addB = member({ sub: 'NEWB', ins: '021', name: ['BETA', 'BEN'], dmg: '19710101*M', hds: [{ code: '021', begin: '20260301' }] });

  it('a set rejected by its 999 (SE01 wrong) applies none of its members; the group\'s other sets are applied', async () => {
    const r = await run(p, file834([{ members: addA }, { members: addB, countSkew: 1 }]));
    expect(r.rejected).toEqual(['834 REF0002: the set is rejected (IK5 R 4)']);
    expect(r).toMatchObject({ added: 1 });
    expect(r.acks).toEqual([expect.objectContaining({ code: 'P', transactions: [expect.objectContaining({ controlNumber: '0001', code: 'A' }), expect.objectContaining({ controlNumber: '0002', code: 'R' })] })]);
    expect(await memberOf(p, 'NEWA')).toBeDefined();
    expect(await memberOf(p, 'NEWB')).toBeUndefined();
    expect(await spansOf(p, 'NEWB')).toEqual([]);
  });

  it('an interchange rejected by its TA1 (IEA02 differs from ISA13) applies nothing, its valid sets included', async () => {
    const before = await everything(p);
    const r = await run(p, file834([{ members: addB }], { isa13: '000000301', iea02: '000000302' }));
    expect(r.ta1).toEqual([expect.objectContaining({ code: 'R', note: '001' })]);
    expect(r.rejected).toEqual([expect.stringMatching(/^interchange 000000301: rejected by its TA1 .*nothing in it is applied$/)]);
    expect(r).toMatchObject({ added: 0 });
    expect(await everything(p)).toEqual(before);
  });

  it('a truncated file (no IEA) applies nothing', async () => {
    const before = await everything(p);
    const text = file834([{ members: addB }]);
    const r = await run(p, text.slice(0, text.indexOf('SE*')));
    expect(r.rejected.length).toBeGreaterThan(0);
    expect(await everything(p)).toEqual(before);
  });
});

describe('POST /api/admin/enrollment/834', () => {
  let p: Place;
  beforeAll(async () => {
    p = await place();
  });
  const upload = (token: string | null, body: string, query = '?productType=HMO', contentType = 'application/edi-x12') => h.call('POST', `/api/admin/enrollment/834${query}`, token, body, { 'content-type': contentType });

  it('is for administrators only', async () => {
    expect((await upload(null, FIXTURE)).statusCode).toBe(401);
    for (const role of ['nurse', 'supervisor', 'auditor'] as const) {
      const r = await upload(await h.login(p.t.usernames[role]), FIXTURE);
      expect(r.statusCode).toBe(403);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await memberOf(p, 'SUB001')).toBeUndefined();
  });

  it('imports the upload and returns the report with the problems and their positions', async () => {
    const admin = await h.login(p.t.usernames.admin);
    const r = await upload(admin, FIXTURE);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      members: 6,
      added: 4,
      updated: 0,
      unchanged: 0,
      termed: 0,
      reinstated: 0,
      termedMissing: 0,
      errors: [
        { position: { first: 29, inSet: 27 }, member: 'SUB002', message: 'DMG at 32: DMG02: Invalid Date ("19701301")' },
        { position: { first: 49, inSet: 47 }, member: 'LIA KOE', message: 'REF at 48: REF missing: the subscriber identifier (REF*0F) is required' },
      ],
      moreErrors: 0,
      rejected: [],
      acks: [{ group: '1', code: 'E', sets: [{ set: '0001', code: 'E' }] }],
    });
    expect(await memberOf(p, 'SUB001')).toBeDefined();
    const again = await upload(admin, FIXTURE, '?productType=HMO&termMissing=true', 'text/plain');
    expect(again.json()).toMatchObject({ added: 0, unchanged: 4, termedMissing: 0, rejected: [expect.stringContaining('--term-missing needs a full file')] });
  });

  it('refuses bad options and other media types with problem+json, importing nothing', async () => {
    const admin = await h.login(p.t.usernames.admin);
    const text = file834([{ members: member({ sub: 'NEWC', ins: '021', name: ['GAMMA', 'GIL'], dmg: '19720101*F', hds: [{ code: '021', begin: '20260301' }] }) }]);
    const bad = await upload(admin, text, '?lineOfBusiness=dental&termDate=tomorrow');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'UM_ERR_VALIDATION', errors: [{ path: 'lineOfBusiness' }, { path: 'termDate' }] });
    const json = await upload(admin, JSON.stringify({ members: [] }), '', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(await memberOf(p, 'NEWC')).toBeUndefined();
  });
});
