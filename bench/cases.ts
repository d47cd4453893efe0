/**
 * Case intake through the HTTP API: 4 concurrent clients create cases for 20 s against a server on
 * PostgreSQL, compared with plain single-row INSERTs by `pg` with 4 clients in the same run.
 *   npm run bench -- cases
 */
import pg from 'pg';
import { BASE_URL, fmt, freshDatabase, load, machine, plainInsertBaseline, startServer } from './_support';

const CLIENTS = 4;
let errorsShown = 0;

export default async function run(args: string[]): Promise<void> {
  const seconds = Number(args.find((a) => a.startsWith('--seconds='))?.split('=')[1] ?? 20);
  console.log(`machine: ${machine()}; PostgreSQL at ${new URL(BASE_URL).host}`);
  const db = await freshDatabase();
  try {
    const server = await startServer({ DATABASE_URL: db.url, OPENUM_DEMO: 'true' });
    try {
      const q = new pg.Client({ connectionString: db.url });
      await q.connect();
      const members = (await q.query<{ n: string }>("select m.member_number as n from members m join coverages c on c.member_id = m.id and c.tenant_id = m.tenant_id where c.effective_to is null")).rows.map((r) => r.n);
      await q.end();
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'intake', password: 'demo' }) });
      const { token } = (await login.json()) as { token: string };
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      let runId = 0;
      const create = async (c: number, i: number) => {
        const body = {
          kind: 'prior_auth',
          priority: 'standard',
          requesterType: 'contracted_provider',
          channel: 'fax',
          member: { memberNumber: members[(c * 7919 + i) % members.length] },
          diagnoses: [{ code: 'G47.33' }],
          lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: '2026-12-01', toDate: '2026-12-31', placeOfService: '12' }],
        };
        const r = await fetch(`${server.url}/api/cases`, { method: 'POST', headers: { ...headers, 'idempotency-key': `bench-${runId}-${c}-${i}` }, body: JSON.stringify(body) });
        if (r.status !== 201) {
          if (errorsShown++ < 3) console.error(`HTTP ${r.status}: ${(await r.text()).slice(0, 300)}`);
          throw new Error(`HTTP ${r.status}`);
        }
        await r.arrayBuffer();
      };
      await load(CLIENTS, 2, create); // warm-up
      runId = 1;
      const api = await load(CLIENTS, seconds, create);
      const base = await plainInsertBaseline(db.url, CLIENTS, Math.min(seconds, 10));
      console.log(`cases via POST /api/cases, ${CLIENTS} clients, ${seconds} s: ${fmt(api.perSecond)} cases/s, p50 ${fmt(api.p50)} ms, p99 ${fmt(api.p99)} ms, errors ${api.errors}`);
      console.log(`plain single-row INSERT (pg), ${CLIENTS} clients: ${fmt(base.perSecond)} rows/s, p50 ${fmt(base.p50, 2)} ms, p99 ${fmt(base.p99, 2)} ms`);
      console.log(`ratio cases/s ÷ plain inserts/s: ${fmt(api.perSecond / base.perSecond, 3)} (each case writes the case, its lines, diagnoses, idempotency key and a chained audit event in one transaction, behind auth and validation)`);
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}
