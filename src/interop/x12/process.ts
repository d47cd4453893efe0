/**
 * One interchange in, one interchange out: what `POST /x12` and `openum x12 FILE` do. Envelopes
 * and syntax are checked first (TA1 / 999); every accepted 278 request goes through the intake use
 * case, every 278 inquiry and 270 is answered from what is on file; the answers come back in one
 * interchange per interchange received. Input that is not X12 at all is refused with
 * `UM_ERR_X12_NOT_X12`. Transport-free: the caller authenticates and passes the principal.
 */
import { actorOf } from '../../platform/auth/model';
import { UmError } from '../../platform/errors';
import { appendAudit } from '../../audit/store';
import { getTenant } from '../../tenancy/store';
import { drawControlNumbers } from './control-numbers';
import { answerEligibility } from './eligibility/answer';
import { readInterchange } from './read';
import { replyGroupCount, replyText, type GroupAnswer, type InterchangeAnswer, type SetAnswer } from './http/reply';
import { answerInquiry } from './review/inquiry';
import { answerServicesReview, type ReviewAnswer, type X12Caller, type X12Context } from './review/submit';
import { setTexts } from './review/verbatim';
import type { TransactionResult } from './read';

/** What POST /x12 takes: requests, inquiries and eligibility inquiries (834 files go through the import). */
export const POST_KINDS = ['278-request', '278-inquiry', '270'] as const;

export interface ProcessOptions {
  /** A 999 for every functional group, not only for groups with errors. */
  readonly ackAll?: boolean;
}

export interface ProcessSummary {
  readonly interchanges: number;
  readonly rejectedInterchanges: number;
  readonly sets: number;
  readonly rejectedSets: number;
  /** Per answered set: what became of it. */
  readonly results: readonly { readonly set: string; readonly controlNumber: string; readonly result: ReviewAnswer['result']; readonly caseId?: string; readonly note?: string }[];
}

export interface ProcessResult {
  /** The reply: one interchange per interchange received. */
  readonly text: string;
  readonly summary: ProcessSummary;
}

async function answerSet(ctx: X12Context, caller: X12Caller, t: TransactionResult, texts: ReadonlyMap<number, string>): Promise<{ answer: SetAnswer; result: ReviewAnswer } | null> {
  const doc = t.document;
  if (doc === undefined) return null;
  switch (doc.kind) {
    case '278-request': {
      const r = await answerServicesReview(ctx, caller, doc, texts.get(t.header.position) ?? '');
      return { answer: { kind: '278', segments: r.segments }, result: r };
    }
    case '278-inquiry': {
      const r = await answerInquiry(ctx, caller, doc);
      return { answer: { kind: '278-inquiry', segments: r.segments }, result: r };
    }
    case '270': {
      const r = await answerEligibility(ctx, caller, doc);
      return { answer: { kind: '271', segments: r.segments }, result: r };
    }
    case '278-response':
    case '271':
    case '834':
      // Not accepted by POST_KINDS: the reader rejected these sets in the 999 already.
      return null;
  }
}

export async function processInterchange(ctx: X12Context, caller: X12Caller, input: string | Uint8Array, options: ProcessOptions = {}): Promise<ProcessResult> {
  const read = await readInterchange(input, { accept: POST_KINDS });
  if (read.interchanges.length === 0) {
    throw new UmError('UM_ERR_X12_NOT_X12', read.error?.message ?? 'The input holds no interchange', { details: [{ path: 'ISA', message: read.error?.kind ?? 'not-x12' }] });
  }
  const p = caller.principal;
  const texts = setTexts(input);
  const tenant = await getTenant(ctx.db, p.tenantId);
  const results: ProcessSummary['results'][number][] = [];
  let sets = 0;
  let rejectedSets = 0;
  const out: string[] = [];
  for (const ix of read.interchanges) {
    const groups: GroupAnswer[] = [];
    for (const g of ix.groups) {
      const answers: SetAnswer[] = [];
      for (const t of g.transactions) {
        sets++;
        const a = await answerSet(ctx, caller, t, texts);
        if (a === null) {
          rejectedSets++;
          continue;
        }
        answers.push(a.answer);
        results.push({ set: t.header.setId, controlNumber: t.header.controlNumber, result: a.result.result, ...(a.result.caseId === undefined ? {} : { caseId: a.result.caseId }), ...(a.result.note === undefined ? {} : { note: a.result.note }) });
      }
      groups.push({ received: g.header, ack: g.ack, answers });
    }
    const answer: InterchangeAnswer = { header: ix.header, ...(ix.ta1 === undefined ? {} : { ta1: ix.ta1 }), groups };
    const ackAll = options.ackAll ?? false;
    const count = replyGroupCount(answer, ackAll);
    const controlNumber = await drawControlNumbers(ctx.db, p.tenantId, 'isa');
    const firstGroupNumber = count === 0 ? 1 : await drawControlNumbers(ctx.db, p.tenantId, 'gs', count);
    out.push(replyText(answer, { at: ctx.clock.now(), timeZone: tenant.timeZone, controlNumber, firstGroupNumber, ackAll }));
  }
  const summary: ProcessSummary = { interchanges: read.interchanges.length, rejectedInterchanges: read.interchanges.filter((i) => !i.accepted).length, sets, rejectedSets, results };
  await appendAudit(ctx.db, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: caller.ip ?? null, requestId: caller.requestId ?? null }, {
    action: 'x12.interchange',
    recordType: 'x12-interchange',
    recordId: read.interchanges.map((i) => i.header.controlNumber).join(','),
    details: { interchanges: summary.interchanges, rejectedInterchanges: summary.rejectedInterchanges, sets, rejectedSets, cases: results.filter((r) => r.caseId !== undefined).length },
  });
  return { text: out.join(''), summary };
}
