/**
 * `npm run bench -- queue` (heavy, not in the default set): 200,000 open and 5,000,000 closed cases
 * in a fresh PostgreSQL database, seeded with generate_series; then p50 / p99 over 1,000 calls each
 * of the nurse queue's first page (50 rows, filtered by organisation and licence state, ordered by
 * due time) and "take next" — through the same functions the API calls. Also the decision-clock
 * engine's due-date computations per second. Options: --open=N --closed=N --calls=N, --keep (do
 * not drop the database; its URL is printed).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/platform/config';
import { openDatabase } from '../src/platform/db';
import { FakeClock } from '../src/platform/context';
import type { Principal } from '../src/platform/auth/model';
import { listQueue, queuePageQuery, reviewerProfile } from '../src/queues/queries';
import { createQueueService } from '../src/queues/service';
import { computeCaseClock } from '../src/clocks/index';
import { BASE_URL, fmt, freshDatabase, machine, percentile } from './_support';

const arg = (args: string[], name: string, dflt: number) => Number(args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  console.log(`  ${label.padEnd(44)} ${fmt((performance.now() - t) / 1000, 1).padStart(7)} s`);
  return r;
}

function stats(label: string, lat: number[]): void {
  lat.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} p50 ${fmt(percentile(lat, 50), 2).padStart(6)} ms   p99 ${fmt(percentile(lat, 99), 2).padStart(6)} ms   max ${fmt(lat.at(-1) ?? NaN, 2).padStart(7)} ms   (${lat.length} calls)`);
}

export default async function run(args: string[]): Promise<void> {
  const open = arg(args, 'open', 200_000);
  const closed = arg(args, 'closed', 5_000_000);
  const calls = arg(args, 'calls', 1_000);
  const keep = args.includes('--keep');
  console.log(`machine: ${machine()}; PostgreSQL at ${new URL(BASE_URL).host}`);
  const fresh = await freshDatabase('openum_bench_queue');
  const database = await openDatabase(loadConfig({ DATABASE_URL: fresh.url, LOG_LEVEL: 'silent' }), { poolSize: 4 });
  try {
    await database.migrate();
    const db = database.db;
    const tenantId = randomUUID();
    const nurseId = randomUUID();
    const ipas = Array.from({ length: 20 }, () => randomUUID());
    const plans = Array.from({ length: 4 }, () => randomUUID());
    const now = new Date('2026-11-20T15:00:00Z');
    console.log(`seeding ${open.toLocaleString('en-US')} open and ${closed.toLocaleString('en-US')} closed cases:`);
    const seedStart = performance.now();
    await timed('tenant, 24 organisations, a nurse', async () => {
      await db.execute(sql`insert into tenants (id, slug, name, kind, time_zone) values (${tenantId}, 'bench', 'Bench MSO', 'mso', 'America/Chicago')`);
      for (const [i, id] of ipas.entries()) await db.execute(sql`insert into organisations (tenant_id, id, kind, name) values (${tenantId}, ${id}, 'ipa', ${`IPA ${i}`})`);
      for (const [i, id] of plans.entries()) await db.execute(sql`insert into organisations (tenant_id, id, kind, name) values (${tenantId}, ${id}, 'health_plan', ${`Plan ${i}`})`);
      await db.execute(sql`insert into users (tenant_id, id, username, display_name, role, credential, licence_state, password_hash) values (${tenantId}, ${nurseId}, 'bench.nurse', 'Bench Nurse', 'nurse', 'RN', 'TX', 'x')`);
      // The nurse works for five IPAs and every plan.
      for (const org of [...ipas.slice(0, 5), ...plans]) await db.execute(sql`insert into user_organisations (tenant_id, user_id, organisation_id) values (${tenantId}, ${nurseId}, ${org})`);
    });
    const ipaArr = sql.raw(`array[${ipas.map((x) => `'${x}'::uuid`).join(',')}]`);
    const planArr = sql.raw(`array[${plans.map((x) => `'${x}'::uuid`).join(',')}]`);
    const members = 250_000;
    await timed(`${members.toLocaleString('en-US')} members`, () =>
      db.execute(sql`insert into members (tenant_id, id, member_number, first_name, last_name, birth_date, sex)
        select ${tenantId}, gen_random_uuid(), 'M' || g, 'First' || (g % 997), 'Last' || (g % 9973), date '1950-01-01' + (g % 15000), case when g % 2 = 0 then 'F' else 'M' end
        from generate_series(1, ${members}) g`),
    );
    await db.execute(sql`create unlogged table bench_members as select row_number() over () as n, id from members where tenant_id = ${tenantId}`);
    await db.execute(sql`create index on bench_members (n)`);
    const insertCases = (from: number, to: number, openCases: boolean) =>
      db.transaction(async (tx) => {
        // Seeding only: foreign-key triggers off in this transaction (the rows are consistent by construction).
        await tx.execute(sql`set local session_replication_role = replica`);
        await tx.execute(sql`
        insert into cases (tenant_id, id, case_number, kind, priority, requester_type, channel, received_at, status, disposition, member_id,
          plan_org_id, ipa_org_id, line_of_business, eligibility, created_by_type, created_by_id, created_at, updated_at, closed_at, due_at,
          required_licence_state, service_category, assigned_user_id)
        select ${tenantId}, gen_random_uuid(), 'B-' || g,
          case when g % 10 = 0 then 'concurrent_review' when g % 29 = 0 then 'reconsideration' else 'prior_auth' end,
          case when g % 7 = 0 then 'expedited' else 'standard' end, 'contracted_provider', 'fax',
          r.received, ${openCases ? sql`case when g % 10 < 1 then 'intake' when g % 10 < 7 then 'nurse_review' when g % 10 < 9 then 'md_review' else 'pended_info' end` : sql`case when g % 20 = 0 then 'withdrawn' else 'decided' end`},
          ${openCases ? sql`'pending'` : sql`case when g % 20 = 0 then 'withdrawn' else 'approved' end`},
          m.id, (${planArr})[1 + g % 4], (${ipaArr})[1 + (g / 7) % 20],
          (array['medicare_advantage','medicaid','commercial','medicare_advantage'])[1 + g % 4], 'eligible', 'user', 'bench', r.received, r.received,
          ${openCases ? sql`null` : sql`r.received + interval '3 days'`},
          r.received + case when g % 7 = 0 then interval '72 hours' else interval '7 days' end,
          case when g % 4 = 1 then 'TX' when g % 4 = 2 and g % 3 = 0 then 'CA' else null end,
          (array['dme','radiology','professional','outpatient_facility','part_b_drug'])[1 + g % 5],
          case when ${openCases} and g % 5 = 0 then ${nurseId}::uuid else null end
        from generate_series(${from}::int, ${to}::int) g
        cross join lateral (select ${now}::timestamptz - ${openCases ? sql`(g % 10000) * interval '1 minute'` : sql`interval '30 days' - (g % 500000) * interval '5 minutes'`} as received) r
        join bench_members m on m.n = 1 + g % ${members}`);
      });
    await timed(`${open.toLocaleString('en-US')} open cases`, () => insertCases(1, open, true));
    for (let from = 1; from <= closed; from += 1_000_000) {
      const to = Math.min(closed, from + 999_999);
      await timed(`closed cases ${from.toLocaleString('en-US')}–${to.toLocaleString('en-US')}`, () => insertCases(open + from, open + to, false));
    }
    await timed('case clocks of the open cases', () =>
      db.execute(sql`insert into case_clocks (tenant_id, case_id, state, policies, time_zone, started_at, due_at, at_risk_at, next_alarm_at, inputs, measure, updated_at)
        select tenant_id, id, 'running', array['medicare_advantage'], 'America/Chicago', received_at, due_at,
          received_at + (due_at - received_at) * 0.75, received_at + (due_at - received_at) * 0.75, '{}'::jsonb, 'notice', received_at
        from cases where tenant_id = ${tenantId} and closed_at is null`),
    );
    await db.execute(sql`drop table bench_members`);
    await timed('vacuum analyze', () => db.execute(sql`vacuum analyze`));
    console.log(`  seeded in ${fmt((performance.now() - seedStart) / 1000, 0)} s`);

    const p: Extract<Principal, { kind: 'user' }> = {
      kind: 'user', tenantId, userId: nurseId, username: 'bench.nurse', displayName: 'Bench Nurse', role: 'nurse', credential: 'RN', licenceState: 'TX',
      organisationIds: [...ipas.slice(0, 5), ...plans], providerOrgId: null,
    };
    const clock = new FakeClock(now);
    const profile = await reviewerProfile(db, p);

    // Warm-up, then the first page: 50 rows, one organisation (of the nurse's five IPAs), TX licence routing, due order.
    const page = (i: number) => listQueue(db, p, 'nurse', profile, { organisationId: ipas[i % 5] ?? '', organisationKind: 'ipa' }, { limit: 50, offset: 0 }, now);
    for (let i = 0; i < 50; i++) await page(i);
    const pageLat: number[] = [];
    let rows = 0;
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      rows += (await page(i)).length;
      pageLat.push(performance.now() - t);
    }
    stats('nurse queue, first page (50 rows, org + licence)', pageLat);
    // The server's share: EXPLAIN ANALYZE of the same query (execution, and planning when not prepared).
    const pool = database.pool;
    if (pool !== null) {
      const exec: number[] = [];
      const planning: number[] = [];
      for (let i = 0; i < Math.min(calls, 200); i++) {
        const { sql: text, params } = queuePageQuery(db, p, 'nurse', profile, { organisationId: ipas[i % 5] ?? '', organisationKind: 'ipa' }, { limit: 50, offset: 0 }).toSQL();
        const r = await pool.query<{ 'QUERY PLAN': { 'Execution Time': number; 'Planning Time': number }[] }>(`explain (analyze, format json) ${text}`, params);
        const plan = r.rows[0]?.['QUERY PLAN'][0];
        if (plan !== undefined) {
          exec.push(plan['Execution Time']);
          planning.push(plan['Planning Time']);
        }
      }
      stats('  server execution of the page (EXPLAIN ANALYZE)', exec);
      stats('  server planning, unprepared (avoided: prepared)', planning);
    }
    console.log(`  ${fmt(rows / calls, 1)} rows per page on average`);

    const service = createQueueService({ db, clock, caseEvents: [] });
    const takeLat: number[] = [];
    const taken = new Set<string>();
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      const id = await service.takeNext(p, 'nurse', { organisationId: ipas[i % 5] ?? '', organisationKind: 'ipa' });
      takeLat.push(performance.now() - t);
      if (id !== null) taken.add(id);
    }
    stats('take next (claim + assign + audit, one transaction)', takeLat);
    console.log(`  ${taken.size} distinct cases taken`);

    // Baseline in the same run: the same page without the per-organisation queue indexes.
    await db.execute(sql`drop index cases_queue_ipa_idx`);
    await db.execute(sql`drop index cases_queue_plan_idx`);
    await db.execute(sql`analyze cases`);
    for (let i = 0; i < 20; i++) await page(i);
    const baseLat: number[] = [];
    for (let i = 0; i < Math.min(calls, 300); i++) {
      const t = performance.now();
      await page(i);
      baseLat.push(performance.now() - t);
    }
    stats('baseline: same page, only (tenant, status, due) index', baseLat);
    if (keep) {
      await db.execute(sql`create index cases_queue_ipa_idx on cases (tenant_id, status, ipa_org_id, due_at, id) where status in ('intake', 'nurse_review', 'md_review', 'pended_info')`);
      await db.execute(sql`create index cases_queue_plan_idx on cases (tenant_id, status, plan_org_id, due_at, id) where status in ('intake', 'nurse_review', 'md_review', 'pended_info')`);
      console.log(`tenant ${tenantId}, nurse ${nurseId}, first IPA ${ipas[0] ?? ''}`);
    }
  } finally {
    await database.close();
    if (keep) console.log(`kept: ${fresh.url}`);
    else await fresh.drop();
  }

  // The engine: due-date computations per second (a 3-line MA case clock and a single clock).
  const seconds = 2;
  let n = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  while (performance.now() < end) {
    for (let k = 0; k < 100; k++, n++) {
      computeCaseClock({
        caseKind: 'prior_auth',
        coverage: { lineOfBusiness: n % 2 === 0 ? 'medicare_advantage' : 'commercial', funding: 'fully_insured', state: 'TX' },
        priority: n % 3 === 0 ? 'expedited' : 'standard',
        receivedAt: new Date(Date.UTC(2026, 0, 1) + (n % 100_000) * 600_000).toISOString(),
        lines: [{ lineId: 'a', serviceGroup: 'radiology' }],
      });
    }
  }
  console.log(`engine: ${Math.round(n / ((performance.now() - start) / 1000)).toLocaleString('en-US')} case due-date computations per second (computeCaseClock, one line, policy selection included)`);
}
