/**
 * `npm run bench -- queue-page` (heavy, not in the default set): the work-queue page in Chromium
 * with 100,000 open cases in the database — the time from navigation to the queue page until its
 * first rows are visible.
 *
 * A fresh PostgreSQL database gets the demo tenant (its users log in with "demo"), then 100,000
 * open cases in that tenant, seeded set-based with generate_series (like bench/queue.ts), spread
 * over the demo's contracts and members, with their decision clocks; then `openum serve` in its own
 * process and Debian's Chromium logged in as the demo nurse. Each run is a full page load of
 * /queue (a new document: no client-side cache), timed in the page from navigation start until a
 * row of the work-queue table is painted; the API calls' own times come from the page's resource
 * timing. The first run is reported apart (cold browser cache). Then the same with an in-app
 * navigation (a click on "Work queue" in the navigation, from the case list), and, as the server's
 * share, EXPLAIN ANALYZE of the queue page and counts queries.
 *
 * Options: --open=N (default 100000), --runs=N (default 15), --keep (do not drop the database).
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { chromium, type Page } from 'playwright-core';
import { loadConfig } from '../src/platform/config';
import { openDatabase } from '../src/platform/db';
import { systemClock } from '../src/platform/context';
import { seedDemoIfEmpty } from '../src/demo/seed';
import type { Principal } from '../src/platform/auth/model';
import { countQueue, listQueue, queuePageQuery, reviewerProfile } from '../src/queues/queries';
import { BASE_URL, ROOT, fmt, freshDatabase, machine, percentile, startServer } from './_support';

const CHROMIUM = '/usr/bin/chromium';
const arg = (args: string[], name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  console.log(`  ${label.padEnd(44)} ${fmt((performance.now() - t) / 1000, 1).padStart(7)} s`);
  return r;
}

function summary(label: string, xs: number[]): void {
  const s = [...xs].sort((a, b) => a - b);
  console.log(`${label.padEnd(58)} median ${fmt(percentile(s, 50), 0).padStart(5)} ms   max ${fmt(s.at(-1) ?? NaN, 0).padStart(5)} ms   min ${fmt(s[0] ?? NaN, 0).padStart(5)} ms   (${s.length} runs)`);
}

/** In the page: resolves when a row of the work-queue table is in the document and painted. */
const FIRST_ROW = 'table[aria-label="Work queue"] tbody tr';

interface Load {
  readonly total: number;
  readonly api: Record<string, number>;
  readonly rows: number;
}

/** A full load of /queue: from the navigation start to the first painted row of the table. */
async function fullLoad(page: Page, baseUrl: string): Promise<Load> {
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/queue`, { waitUntil: 'commit' });
  await page.waitForSelector(FIRST_ROW, { state: 'visible', timeout: 60_000 });
  return page.evaluate(async (sel) => {
    // One animation frame after the row appeared: it has been painted.
    await new Promise((r) => requestAnimationFrame(r));
    const total = performance.now();
    const api: Record<string, number> = {};
    for (const e of performance.getEntriesByType('resource')) {
      const u = new URL(e.name);
      if (u.pathname.startsWith('/api/')) api[u.pathname] = Math.max(api[u.pathname] ?? 0, e.duration);
    }
    return { total, api, rows: document.querySelectorAll(sel).length };
  }, FIRST_ROW);
}

/** From the case list, a click on "Work queue" until the first painted row (no navigation of the document). */
async function inAppNavigation(page: Page, baseUrl: string): Promise<number> {
  await page.goto(`${baseUrl}/cases`);
  await page.waitForSelector('table[aria-label="Cases"] tbody tr', { state: 'visible', timeout: 60_000 });
  return page.evaluate(async (sel) => {
    const link = [...document.querySelectorAll('nav a')].find((a) => a.textContent?.trim() === 'Work queue');
    if (!(link instanceof HTMLElement)) throw new Error('no "Work queue" link');
    const t0 = performance.now();
    link.click();
    // (No named functions in here: the page has no __name helper for them.)
    while (document.querySelector(sel) === null) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  }, FIRST_ROW);
}

export default async function run(args: string[]): Promise<void> {
  const open = arg(args, 'open', 100_000);
  const runs = arg(args, 'runs', 15);
  const keep = args.includes('--keep');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium`);
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }
  console.log(`machine: ${machine()}; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; PostgreSQL at ${new URL(BASE_URL).host}; Chromium ${CHROMIUM}`);
  const fresh = await freshDatabase('openum_bench_qpage');
  const database = await openDatabase(loadConfig({ DATABASE_URL: fresh.url, LOG_LEVEL: 'silent' }), { poolSize: 4 });
  let server: { url: string; stop: () => Promise<void> } | null = null;
  try {
    const db = database.db;
    console.log(`seeding the demo tenant and ${open.toLocaleString('en-US')} open cases:`);
    await timed('migrations and the demo tenant', async () => {
      await database.migrate();
      await seedDemoIfEmpty({ db, clock: systemClock, log: { info: () => undefined } });
    });
    const pool = database.pool;
    if (pool === null) throw new Error('this benchmark needs PostgreSQL');
    const [t] = (await pool.query<{ tenant: string; nurse: string }>(`select t.id as tenant, u.id as nurse from tenants t join users u on u.tenant_id = t.id and u.username = 'nurse'`)).rows;
    if (t === undefined) throw new Error('the demo tenant has no nurse');
    const before = (await pool.query<{ n: number }>('select count(*)::int as n from cases where tenant_id = $1 and closed_at is null', [t.tenant])).rows[0]?.n ?? 0;
    await timed(`${open.toLocaleString('en-US')} open cases`, async () => {
      await db.execute(sql`create unlogged table bench_members as select row_number() over (order by id) as n, id from members where tenant_id = ${t.tenant}`);
      await db.execute(sql`create unlogged table bench_contracts as select row_number() over (order by id) as n, plan_org_id, delegate_org_id, line_of_business from contracts where tenant_id = ${t.tenant}`);
      await db.transaction(async (tx) => {
        // Seeding only: foreign-key triggers off in this transaction (the rows are consistent by construction).
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`
          insert into cases (tenant_id, id, case_number, kind, priority, requester_type, channel, received_at, status, disposition, member_id,
            plan_org_id, ipa_org_id, line_of_business, eligibility, created_by_type, created_by_id, created_at, updated_at, due_at,
            required_licence_state, service_category, assigned_user_id)
          select ${t.tenant}, gen_random_uuid(), 'B-' || g,
            case when g % 10 = 0 then 'concurrent_review' when g % 29 = 0 then 'reconsideration' else 'prior_auth' end,
            case when g % 7 = 0 then 'expedited' else 'standard' end, 'contracted_provider', 'fax',
            r.received, case when g % 10 < 1 then 'intake' when g % 10 < 7 then 'nurse_review' when g % 10 < 9 then 'md_review' else 'pended_info' end,
            'pending', m.id, c.plan_org_id, c.delegate_org_id, c.line_of_business, 'eligible', 'user', 'bench', r.received, r.received,
            r.received + case when g % 7 = 0 then interval '72 hours' else interval '7 days' end,
            case when g % 4 = 1 then 'TX' when g % 4 = 2 and g % 3 = 0 then 'CA' else null end,
            (array['dme','radiology','professional','outpatient_facility','part_b_drug'])[1 + g % 5],
            case when g % 5 = 0 then ${t.nurse}::uuid else null end
          from generate_series(1, ${open}::int) g
          cross join lateral (select now() - (g % 20000) * interval '1 minute' as received) r
          join bench_members m on m.n = 1 + g % (select count(*) from bench_members)
          join bench_contracts c on c.n = 1 + g % (select count(*) from bench_contracts)`);
      });
      await db.execute(sql`drop table bench_members`);
      await db.execute(sql`drop table bench_contracts`);
    });
    await timed('case clocks of the new cases', () =>
      db.execute(sql`insert into case_clocks (tenant_id, case_id, state, policies, time_zone, started_at, due_at, at_risk_at, next_alarm_at, inputs, measure, updated_at)
        select tenant_id, id, 'running', array['medicare_advantage'], 'America/Chicago', received_at, due_at,
          received_at + (due_at - received_at) * 0.75, received_at + (due_at - received_at) * 0.75, '{}'::jsonb, 'notice', received_at
        from cases where tenant_id = ${t.tenant} and case_number like 'B-%'`),
    );
    await timed('vacuum analyze', () => db.execute(sql`vacuum analyze`));
    const counts = (await pool.query<{ status: string; n: number }>('select status, count(*)::int as n from cases where tenant_id = $1 and closed_at is null group by status order by status', [t.tenant])).rows;
    console.log(`  open cases: ${counts.map((c) => `${c.status} ${c.n.toLocaleString('en-US')}`).join(', ')} (the demo's own: ${before})`);

    // The server's share: the page and counts queries as the nurse runs them, with their plans.
    const orgs = (await pool.query<{ id: string }>('select organisation_id as id from user_organisations where tenant_id = $1 and user_id = $2', [t.tenant, t.nurse])).rows;
    const p: Extract<Principal, { kind: 'user' }> = {
      kind: 'user', tenantId: t.tenant, userId: t.nurse, username: 'nurse', displayName: 'nurse', role: 'nurse', credential: 'RN', licenceState: 'TX',
      organisationIds: orgs.map((o) => o.id), providerOrgId: null,
    };
    const profile = await reviewerProfile(db, p);
    const now = new Date();
    const page50 = () => listQueue(db, p, 'nurse', profile, {}, { limit: 50, offset: 0 }, now);
    const count = () => countQueue(db, p, 'nurse', profile, now);
    for (let i = 0; i < 20; i++) await Promise.all([page50(), count()]);
    const pageMs: number[] = [];
    const countMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      let t0 = performance.now();
      await page50();
      pageMs.push(performance.now() - t0);
      t0 = performance.now();
      await count();
      countMs.push(performance.now() - t0);
    }
    console.log(`\nthe queries the page's API calls run (the nurse, ${orgs.length} organisations, licence ${profile.licenceStates.join('/')}), from Node:`);
    summary('  queue page query (50 rows, due order)', pageMs);
    summary('  queue counts query (total, unassigned, overdue, at risk)', countMs);
    {
      const { sql: text, params } = queuePageQuery(db, p, 'nurse', profile, {}, { limit: 50, offset: 0 }).toSQL();
      const r = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, costs off) ${text}`, params);
      console.log('  EXPLAIN ANALYZE of the page query:');
      for (const row of r.rows) console.log(`    ${row['QUERY PLAN']}`);
    }

    server = await startServer({ DATABASE_URL: fresh.url, OPENUM_DEMO: 'false' });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await page.getByLabel('Username').fill('nurse');
      await page.getByLabel(/^Password/).fill('demo');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/cases/);

      console.log(`\nthe nurse's queue page (1280×800), ${runs} runs:`);
      const cold = await fullLoad(page, server.url);
      console.log(`first load (cold browser cache)                            ${fmt(cold.total, 0).padStart(5)} ms   (${cold.rows} rows; ${Object.entries(cold.api).map(([k, v]) => `${k} ${fmt(v, 0)} ms`).join(', ')})`);
      const loads: Load[] = [];
      for (let i = 0; i < runs; i++) loads.push(await fullLoad(page, server.url));
      summary('full load of /queue → first row painted', loads.map((l) => l.total));
      const endpoints = [...new Set(loads.flatMap((l) => Object.keys(l.api)))].sort();
      for (const e of endpoints) summary(`  of which the API call ${e}`, loads.map((l) => l.api[e] ?? NaN).filter((x) => Number.isFinite(x)));
      console.log(`  ${loads[0]?.rows ?? 0} rows on the first page`);
      const clicks: number[] = [];
      for (let i = 0; i < runs; i++) clicks.push(await inAppNavigation(page, server.url));
      summary('click "Work queue" in the navigation → first row painted', clicks);
      console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    } finally {
      await browser.close();
    }
  } finally {
    if (server !== null) await server.stop();
    await database.close();
    if (keep) console.log(`kept: ${fresh.url}`);
    else await fresh.drop();
  }
}

