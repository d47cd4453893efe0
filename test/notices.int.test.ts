import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/app';
import { buildTenant, paRequest, type TestTenant } from './support/builders';

let h: TestApp;
let t: TestTenant;

beforeAll(async () => {
  h = await testApp();
  t = await buildTenant(h.app.ctx.db);
});
afterAll(async () => h.close());

describe('decision letters', () => {
  it('lets the requesting provider read the denial notice of its request as a PDF, and records the reading', async () => {
    const provider = await h.login(t.usernames.provider);
    const md = await h.login(t.usernames.medical_director);
    const c = (await h.call('POST', '/api/cases', provider, paRequest(t))).json();
    expect((await h.call('GET', `/api/cases/${c.id}/letters`, provider)).json().items).toEqual([]);
    await h.call('POST', `/api/cases/${c.id}/decision`, md, { outcome: 'denied', category: 'medical_necessity', reasonCode: 'MN-CRIT', reason: 'The sleep study sent does not show an AHI of 15 or more.', basis: { coverageRule: { rule: 'Positive airway pressure devices policy', reference: 'Plan medical policy DME-014' } } });
    const list = (await h.call('GET', `/api/cases/${c.id}/letters`, provider)).json().items;
    expect(list).toEqual([{ kind: 'denial', title: 'Test MA Plan: Notice of Denial of Medical Coverage', date: '2026-11-20', href: `/api/cases/${c.id}/letters/denial.pdf` }]);
    const pdf = await h.call('GET', list[0].href, provider);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const auditor = await h.login(t.usernames.auditor);
    const trail = (await h.call('GET', `/api/cases/${c.id}/audit`, auditor)).json().items.map((e: { action: string }) => e.action);
    expect(trail).toContain('letter.read');
    expect((await h.call('GET', `/api/cases/${c.id}/letters/approval.pdf`, provider)).statusCode).toBe(404);
  });
});
