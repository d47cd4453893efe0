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

describe('specialist opinions', () => {
  it('lets a medical director ask a specialist, who sees the request and answers it; the specialist cannot decide', async () => {
    const intake = await h.login(t.usernames.intake);
    const md = await h.login(t.usernames.medical_director);
    const specialist = await h.login(t.usernames.specialist);
    const c = (await h.call('POST', '/api/cases', intake, paRequest(t))).json();
    const ask = await h.call('POST', `/api/cases/${c.id}/opinion-request`, md, { specialistUserId: t.userIds.specialist, question: 'Is CPAP indicated with an AHI of 12 and hypertension?' });
    expect(ask.statusCode).toBe(201);
    const open = (await h.call('GET', '/api/opinion-requests', specialist)).json().items;
    expect(open).toEqual([expect.objectContaining({ caseId: c.id, caseNumber: c.caseNumber, question: expect.stringContaining('AHI of 12') })]);
    const answer = await h.call('POST', `/api/cases/${c.id}/notes`, specialist, { kind: 'specialist_opinion', body: 'Yes: AHI 5–14 with hypertension meets NCD 240.4.' });
    expect(answer.statusCode).toBe(201);
    expect((await h.call('GET', '/api/opinion-requests', specialist)).json().items).toEqual([]);
    const decide = await h.call('POST', `/api/cases/${c.id}/decision`, specialist, { outcome: 'approved' });
    expect(decide.statusCode).toBe(403);
    const trail = (await h.call('GET', `/api/cases/${c.id}/audit`, md)).json().items.map((e: { action: string }) => e.action);
    expect(trail).toEqual(expect.arrayContaining(['case.opinion_requested', 'case.note']));
  });

  it('asks only specialists', async () => {
    const intake = await h.login(t.usernames.intake);
    const md = await h.login(t.usernames.medical_director);
    const c = (await h.call('POST', '/api/cases', intake, paRequest(t))).json();
    const r = await h.call('POST', `/api/cases/${c.id}/opinion-request`, md, { specialistUserId: t.userIds.nurse, question: 'Thoughts?' });
    expect(r.statusCode).toBe(422);
    expect(r.json().code).toBe('UM_ERR_ASSIGNEE_INVALID');
  });
});
