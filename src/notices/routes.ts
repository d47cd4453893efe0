import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { AppContext } from '../platform/context';
import type { Tx } from '../platform/db';
import { UmError } from '../platform/errors';
import type { Principal } from '../platform/auth/model';
import { actorOf } from '../platform/auth/model';
import { clientIp, principalOf } from '../platform/http/auth';
import { appendAudit } from '../audit/store';
import { caseView, loadCase } from '../intake/queries';
import { getTenant } from '../tenancy/store';
import { determinations } from '../determination/schema';
import { basisInWords } from '../determination/basis-text';
import { lettersFor, type Letter, type LetterKind } from './letters';
import { renderLetterPdf } from './pdf';
import { createClockService } from '../clocks/service';

export async function lettersOfCase(tx: Tx, p: Principal, caseId: string): Promise<Letter[]> {
  const row = await loadCase(tx, p, caseId);
  const v = await caseView(tx, p, row);
  const dets = await tx.select().from(determinations).where(and(eq(determinations.tenantId, row.tenantId), eq(determinations.caseId, row.id))).orderBy(asc(determinations.decidedAt));
  const latest = new Map(dets.map((d) => [d.lineId, d]));
  const adverseNow = [...latest.values()].filter((d) => d.outcome === 'denied' || d.outcome === 'approved_modified').sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  const adverse = adverseNow.at(-1);
  const decidedAt = dets.at(-1)?.decidedAt ?? row.updatedAt;
  const tenant = await getTenant(tx, row.tenantId);
  return lettersFor({
    caseNumber: row.caseNumber,
    date: DateTime.fromJSDate(decidedAt, { zone: tenant.timeZone }).toISODate() ?? '',
    lineOfBusiness: row.lineOfBusiness,
    priority: row.priority,
    planName: v.coverage?.planName ?? tenant.name,
    member: { name: v.member === null ? '' : `${v.member.firstName} ${v.member.lastName}`, memberNumber: v.member?.memberNumber ?? '' },
    provider: v.requestingProvider === null ? null : { name: v.requestingProvider.name, npi: v.requestingProvider.npi },
    lines: v.lines.map((l) => {
      const d = latest.get(l.id);
      return { lineNo: l.lineNo, code: `${l.codeSystem} ${l.code}`, description: l.description, requestedUnits: l.units, outcome: l.outcome ?? 'pending', approvedUnits: l.approvedUnits, validFrom: d?.validFrom ?? null, validTo: d?.validTo ?? null, authorizationNumber: l.authorizationNumber };
    }),
    adverse:
      adverse === undefined
        ? null
        : {
            category: adverse.category ?? 'medical_necessity',
            reasonCode: adverse.reasonCode ?? '',
            reason: adverse.reason ?? '',
            basis: await basisInWords(tx, row.tenantId, adverseNow),
            decidedBy: `${adverse.decidedByName}${adverse.decidedByCredential === null ? '' : `, ${adverse.decidedByCredential}`}`,
          },
  });
}

/**
 * Decision letters of a case, for staff and the requesting provider: list and PDF. Staff who
 * produce a letter's PDF produce it to send it: the first time after the decision, that instant is
 * recorded as the written notice on the case's clock (src/clocks/service.ts `letterIssued`).
 */
export function noticeRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  const clocks = createClockService(ctx);
  return async (app) => {
    app.get('/cases/:id/letters', { schema: { tags: ['notices'], summary: 'The decision letters of a case', params: Type.Object({ id: Type.String() }) } }, async (req) => {
      const p = principalOf(req);
      const letters = await ctx.db.transaction((tx) => lettersOfCase(tx, p, req.params.id));
      return { items: letters.map((l) => ({ kind: l.kind, title: l.title, date: l.date, href: `/api/cases/${req.params.id}/letters/${l.kind}.pdf` })) };
    });

    app.get(
      '/cases/:id/letters/:kind.pdf',
      { schema: { tags: ['notices'], summary: 'A decision letter as PDF (produced by staff who may record notices, the first time after the decision: recorded as the written notice on the clock)', params: Type.Object({ id: Type.String(), kind: Type.Union([Type.Literal('approval'), Type.Literal('denial')]) }) } },
      async (req, reply) => {
        const p = principalOf(req);
        const kind: LetterKind = req.params.kind;
        const letter = await ctx.db.transaction(async (tx) => {
          const l = (await lettersOfCase(tx, p, req.params.id)).find((x) => x.kind === kind);
          if (l === undefined) throw new UmError('UM_ERR_NOT_FOUND', `This case has no ${kind} letter`);
          await appendAudit(tx, { tenantId: p.tenantId, actor: actorOf(p), at: ctx.clock.now(), ip: clientIp(req), requestId: req.id }, { action: 'letter.read', recordType: 'letter', recordId: `${req.params.id}:${kind}`, caseId: req.params.id });
          await clocks.letterIssued(tx, p, req.params.id, kind, { ip: clientIp(req), requestId: req.id });
          return l;
        });
        const pdf = await renderLetterPdf(letter);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${letter.caseNumber}-${kind}.pdf"`).send(pdf);
      },
    );
  };
}
