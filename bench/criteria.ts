/**
 * Coverage rules and automatic approval.
 *
 * 1. In process: a full request line through requirement (the sample PA list, matched for the
 *    member's product as intake does) → gold-card look-up → criteria (FHIRPath) → intake outcome,
 *    over the ten shipped sets (half met, half not; 1 in 10 from a gold-carded provider).
 * 2. End to end: automatic approvals through `POST /api/cases` on PostgreSQL with 4 clients (a
 *    demo server: PA list and criteria sets loaded), every request a CPAP line whose NCD 240.4
 *    criteria are met; compared with plain single-row INSERTs by `pg` with 4 clients in the same run.
 *
 *   npm run bench -- criteria [--seconds=20]
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import {
  computeExemptions, createCriteriaRegistry, decideIntake, evaluateForAutomation, findExemption, loadCriteriaSets, parsePaListCsvStrict, TEXAS_GOLD_CARD_POLICY,
  type EvaluationContext, type CompiledCriteriaSet, type IntakeOutcome, type PaHistoryEntry,
} from '../src/criteria';
import { matchForCoverage } from '../src/coverage/product';
import { MET_EXAMPLES } from '../src/criteria/shipped/met-examples';
import { contextFor, responseTo, SHIPPED_CRITERIA_DIR } from '../src/criteria/test-support';
import { BASE_URL, fmt, freshDatabase, load, machine, plainInsertBaseline, startServer } from './_support';

const CLIENTS = 4;

function secondsOf(args: string[]): number {
  const a = args.find((x) => x.startsWith('--seconds='));
  const n = a === undefined ? 20 : Number(a.slice('--seconds='.length));
  return Number.isFinite(n) && n > 0 ? n : 20;
}

/** Operations per second of `fn` over the items for about `budget` seconds (after a warm-up). */
function measure<T>(items: readonly T[], budget: number, fn: (item: T) => unknown): number {
  const at = (i: number): T => {
    const x = items[i % items.length];
    if (x === undefined) throw new Error('no items');
    return x;
  };
  for (let i = 0; i < 2000; i++) fn(at(i));
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < budget * 1000) for (let i = 0; i < 200; i++) fn(at(n++));
  return n / ((performance.now() - start) / 1000);
}

const placeOf = (setId: string): string => (setId.includes('power-mobility') ? '12' : setId.includes('snf') ? '31' : '21');

async function inProcess(budget: number): Promise<void> {
  const sets = await loadCriteriaSets(SHIPPED_CRITERIA_DIR);
  const registry = createCriteriaRegistry(sets);
  const rules = parsePaListCsvStrict(await readFile(`${SHIPPED_CRITERIA_DIR}/pa-list.sample.csv`, 'utf8'));
  const groups = [...new Set(rules.map((r) => r.serviceGroup))];
  const history: PaHistoryEntry[] = groups.flatMap((serviceGroup) => Array.from({ length: 6 }, () => ({ npi: '1000000000', serviceGroup, decidedOn: '2025-01-15', outcome: 'approved' as const })));
  const exemptions = computeExemptions(history, TEXAS_GOLD_CARD_POLICY, '2025-02-01');
  const product = { pbp: 'H7001-001', productType: 'HMO', lineOfBusiness: 'medicare_advantage' };
  const requests: { set: CompiledCriteriaSet; ctx: EvaluationContext; npi: string }[] = [];
  for (const set of sets) {
    const example = MET_EXAMPLES[set.set.id] ?? {};
    for (let i = 0; i < 10; i++) requests.push({ set, npi: i === 9 ? '1000000000' : `20000000${i}0`, ctx: contextFor(set, i % 2 === 0 ? example : { line: example.line ?? {} }) });
  }
  const full = (r: (typeof requests)[number]): IntakeOutcome => {
    const requirement = matchForCoverage(rules, { codeSystem: r.ctx.line.codeSystem, code: r.ctx.line.code, dateOfService: r.ctx.dateOfService, placeOfService: placeOf(r.set.set.id), networkStatus: 'in_network' }, product);
    const exemption = requirement.serviceGroup === undefined ? undefined : findExemption(exemptions, { npi: r.npi }, requirement.serviceGroup, r.ctx.dateOfService);
    const setId = requirement.criteriaSetId;
    return decideIntake({
      eligibility: { kind: 'eligible' },
      requirement,
      ...(exemption === undefined ? {} : { exemption }),
      ...(setId === undefined ? {} : { evaluateCriteria: () => evaluateForAutomation(registry.requireInForce(setId, r.ctx.dateOfService), r.ctx) }),
      requested: { start: r.ctx.line.from },
    });
  };
  const outcomes = new Map<string, number>();
  for (const r of requests) {
    const o = full(r);
    const key = o.kind === 'approve' ? `approve (${o.basis.kind})` : o.kind;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
  let best = 0;
  for (let round = 0; round < 3; round++) best = Math.max(best, measure(requests, budget / 3, full));
  console.log(`in process: ${sets.length} criteria sets, ${rules.length} PA-list rules, ${exemptions.length} exemptions; mix of ${requests.length} lines: ${[...outcomes].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`full request line (requirement → gold card → criteria → outcome): ${fmt(best, 0)} per second (best of 3 rounds)`);
}

async function endToEnd(seconds: number): Promise<void> {
  const db = await freshDatabase('openum_bench_crit');
  try {
    const server = await startServer({ DATABASE_URL: db.url, OPENUM_DEMO: 'true' });
    try {
      const q = new pg.Client({ connectionString: db.url });
      await q.connect();
      // Members of the contract where CPAP (DME) is the IPA's risk, covered without end.
      const members = (await q.query<{ n: string }>(`select m.member_number as n from members m join coverages c on c.tenant_id = m.tenant_id and c.member_id = m.id
        join contracts k on k.tenant_id = c.tenant_id and k.id = c.contract_id where k.name = 'Valley IPA × Evergreen MA' and c.effective_to is null order by 1`)).rows.map((r) => r.n);
      await q.end();
      const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'intake', password: 'demo' }) });
      const body: unknown = await login.json();
      const token = typeof body === 'object' && body !== null && 'token' in body && typeof body.token === 'string' ? body.token : '';
      const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
      const cpap = (await loadCriteriaSets(SHIPPED_CRITERIA_DIR)).find((s) => s.set.id === 'ncd-240.4-cpap-osa');
      if (cpap === undefined) throw new Error('no CPAP set');
      const answers = responseTo(cpap, MET_EXAMPLES['ncd-240.4-cpap-osa']?.answers ?? {});
      // Each (member, period) is used once: an approval covers 84 days, so the periods are 100 days apart.
      let k = 0;
      let notApproved = 0;
      let shown = 0;
      const approve = async () => {
        const n = k++;
        const from = new Date(Date.UTC(2027, 0, 1) + Math.floor(n / members.length) * 100 * 86_400_000).toISOString().slice(0, 10);
        const req = {
          kind: 'prior_auth', priority: 'standard', requesterType: 'contracted_provider', channel: 'fax',
          member: { memberNumber: members[n % members.length] }, diagnoses: [{ code: 'G47.33' }],
          lines: [{ codeSystem: 'HCPCS', code: 'E0601', units: 1, fromDate: from, placeOfService: '12', answers }],
        };
        const r = await fetch(`${server.url}/api/cases`, { method: 'POST', headers, body: JSON.stringify(req) });
        const text = await r.text();
        if (r.status !== 201) {
          if (shown++ < 3) console.error(`HTTP ${r.status}: ${text.slice(0, 300)}`);
          throw new Error(`HTTP ${r.status}`);
        }
        if (!text.includes('"disposition":"approved"')) {
          notApproved++;
          if (shown++ < 3) console.error(`not approved: ${text.slice(0, 300)}`);
        }
      };
      await load(CLIENTS, 2, approve); // warm-up
      notApproved = 0;
      const api = await load(CLIENTS, seconds, approve);
      const base = await plainInsertBaseline(db.url, CLIENTS, Math.min(seconds, 10));
      console.log(`automatic approvals via POST /api/cases, ${CLIENTS} clients, ${seconds} s: ${fmt(api.perSecond)} approvals/s, p50 ${fmt(api.p50)} ms, p99 ${fmt(api.p99)} ms, errors ${api.errors}, not approved ${notApproved}`);
      console.log(`plain single-row INSERT (pg), ${CLIENTS} clients: ${fmt(base.perSecond)} rows/s, p50 ${fmt(base.p50, 2)} ms, p99 ${fmt(base.p99, 2)} ms`);
      console.log(`ratio approvals/s ÷ plain inserts/s: ${fmt(api.perSecond / base.perSecond, 3)} (each approval: auth, validation, the case with its lines, duplicate check, PA-list match, criteria in FHIRPath, determination with an authorization number, the clock, chained audit events — one transaction)`);
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

export default async function run(args: string[]): Promise<void> {
  const seconds = secondsOf(args);
  console.log(`machine: ${machine()}; PostgreSQL at ${new URL(BASE_URL).host}`);
  await inProcess(Math.min(seconds, 6));
  await endToEnd(seconds);
}
