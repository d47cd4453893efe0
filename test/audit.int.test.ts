import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';
import { verifyAudit, sealAudit } from '../src/audit/store';
import { runVerify } from '../src/audit/cli';
import { loadConfig } from '../src/platform/config';
import { openDatabase } from '../src/platform/db';
import { buildTenant as build } from './support/builders';
import { onPostgres } from './support/db';

const run = promisify(execFile);

let h: TestApp;
let t: TestTenant;
let caseId: string;

beforeEach(async () => {
  h = await testApp();
  t = await buildTenant(h.app.ctx.db);
  const intake = await h.login(t.usernames.intake);
  const nurse = await h.login(t.usernames.nurse);
  caseId = (await h.call('POST', '/api/cases', intake, paRequest(t))).json().id;
  await h.call('POST', `/api/cases/${caseId}/pend`, nurse, { message: 'Send the sleep study.' });
  await h.call('GET', `/api/cases/${caseId}`, nurse);
  await h.call('POST', `/api/cases/${caseId}/refer`, nurse, { note: 'to MD' });
});
afterEach(async () => h.close());

const db = () => h.app.ctx.db;
const verify = () => verifyAudit(db(), { tenantId: t.tenantId });

describe('audit trail', () => {
  it('records every change and every read of the case, in order, for auditors', async () => {
    const auditor = await h.login(t.usernames.auditor);
    const r = await h.call('GET', `/api/cases/${caseId}/audit`, auditor);
    expect(r.statusCode).toBe(200);
    const actions: string[] = r.json().items.map((e: { action: string }) => e.action);
    expect(actions.filter((a) => a.startsWith('case.'))).toEqual(['case.create', 'case.pend', 'case.read', 'case.refer']);
    // The decision clock records its own events in the case's chain, after the change that caused them.
    expect(actions.indexOf('clock.clock_started')).toBeGreaterThan(actions.indexOf('case.create'));
    expect(r.json().items[0]).toMatchObject({ actor: { type: 'user', role: 'intake' }, seq: 1, recordType: 'case', recordId: caseId });
    expect((await verify()).ok).toBe(true);
  });

  it('is not shown to providers', async () => {
    const provider = await h.login(t.usernames.provider);
    const r = await h.call('GET', `/api/cases/${caseId}/audit`, provider);
    expect(r.statusCode).toBe(403);
  });

  it('detects an edited event and names it', async () => {
    await db().execute(sql`update audit_events set details = '{"from":"nurse_review","tampered":true}'::jsonb where tenant_id = ${t.tenantId} and chain_id = ${`case:${caseId}`} and seq = 2`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ chainId: `case:${caseId}`, seq: 2, reason: 'content does not match its hash (edited)' });
  });

  it('detects an edited actor even when the attacker recomputes nothing else', async () => {
    await db().execute(sql`update audit_events set actor_role = 'medical_director' where tenant_id = ${t.tenantId} and chain_id = ${`case:${caseId}`} and seq = 1`);
    expect((await verify()).firstBreak).toMatchObject({ seq: 1 });
  });

  it('detects a deleted event in the middle of a chain', async () => {
    await db().execute(sql`delete from audit_events where tenant_id = ${t.tenantId} and chain_id = ${`case:${caseId}`} and seq = 2`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ chainId: `case:${caseId}`, seq: 2, reason: expect.stringContaining('missing') });
  });

  it('detects a truncated chain (the last events removed)', async () => {
    await db().execute(sql`delete from audit_events where tenant_id = ${t.tenantId} and chain_id = ${`case:${caseId}`} and seq >= 3`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBreak?.reason).toMatch(/truncated/);
  });

  it('detects a truncated table', async () => {
    await db().execute(sql`delete from audit_events where tenant_id = ${t.tenantId}`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBreak?.reason).toMatch(/none are stored/);
  });

  it('detects a truncation that also rewound the chain head, through the seals', async () => {
    await sealAudit(db(), t.tenantId, h.clock.now());
    const chain = `case:${caseId}`;
    await db().execute(sql`delete from audit_events where tenant_id = ${t.tenantId} and chain_id = ${chain} and seq >= 3`);
    await db().execute(sql`update audit_chain_heads set seq = 2, hash = (select hash from audit_events where tenant_id = ${t.tenantId} and chain_id = ${chain} and seq = 2) where tenant_id = ${t.tenantId} and chain_id = ${chain}`);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.firstBreak).toMatchObject({ chainId: chain, reason: expect.stringContaining('sealed by seal 1') });
  });

  it('runVerify prints the first broken event and returns a non-zero code', async () => {
    await db().execute(sql`update audit_events set action = 'case.read' where tenant_id = ${t.tenantId} and chain_id = ${`case:${caseId}`} and seq = 4`);
    const out: string[] = [];
    const code = await runVerify(db(), { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream, { tenantId: t.tenantId });
    expect(code).toBe(2);
    expect(out.join('')).toMatch(new RegExp(`AUDIT TRAIL BROKEN at tenant ${t.tenantId} chain case:${caseId} event #4`));
  });
});

describe('openum audit verify (the command)', () => {
  it('exits 0 on an intact trail and non-zero naming the event after tampering', { timeout: 240_000 }, async () => {
    // The command opens the database itself: a folder PGlite, or this file's PostgreSQL database.
    const dir = mkdtempSync(join(tmpdir(), 'openum-audit-'));
    const env = onPostgres() ? { ...process.env, DATABASE_URL: h.tdb.url ?? '' } : { ...process.env, DATABASE_URL: '', OPENUM_DATA_DIR: dir };
    try {
      let tenantId = t.tenantId;
      if (!onPostgres()) {
        const d = await openDatabase(loadConfig({ OPENUM_DATA_DIR: dir }));
        await d.migrate();
        const tt = await build(d.db);
        tenantId = tt.tenantId;
        const { appendAudit } = await import('../src/audit/store');
        for (let i = 0; i < 3; i++) await appendAudit(d.db, { tenantId, actor: { type: 'user', id: 'u1', role: 'nurse' }, at: new Date('2026-11-20T15:00:00Z') }, { action: 'case.note', recordType: 'case', recordId: 'c1', caseId: '11111111-1111-4111-8111-111111111111' });
        await d.close();
      }
      const cli = join(process.cwd(), 'bin', 'openum.mjs');
      const ok = await run(process.execPath, [cli, 'audit', 'verify', '--tenant', tenantId], { env });
      expect(ok.stdout).toMatch(/audit trail intact/);
      const chain = onPostgres() ? `case:${caseId}` : 'case:11111111-1111-4111-8111-111111111111';
      if (onPostgres()) {
        await db().execute(sql`update audit_events set actor_id = 'someone-else' where tenant_id = ${tenantId} and chain_id = ${chain} and seq = 2`);
      } else {
        const d = await openDatabase(loadConfig({ OPENUM_DATA_DIR: dir }));
        await d.db.execute(sql`update audit_events set actor_id = 'someone-else' where chain_id = ${chain} and seq = 2`);
        await d.close();
      }
      const bad = await run(process.execPath, [cli, 'audit', 'verify', '--tenant', tenantId], { env }).then(
        () => null,
        (e: { code: number; stdout: string }) => e,
      );
      expect(bad?.code).toBe(2);
      expect(bad?.stdout).toContain(`chain ${chain} event #2`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
