/**
 * Decision letters (pure): what the member and the requesting provider are told. An adverse
 * decision gets a denial notice with the specific reason in plain language, what it rests on, who
 * decided, and the appeal rights of the member's line of business; approvals get an approval letter
 * with the authorization numbers and validity.
 *   Medicare Advantage: Integrated Denial Notice content, 42 CFR 422.568(e), 422.572(e), 422.122(a);
 *     reconsideration within 65 days of the notice (422.582(b)), expedited 72 hours (422.584).
 *   Medicaid / CHIP managed care: notice of adverse benefit determination, 42 CFR 438.404(b);
 *     plan appeal within 60 days (438.402(c)(2)), then State fair hearing.
 *   Commercial / QHP: adverse benefit determination, 29 CFR 2560.503-1(g); appeal within 180 days.
 */

export type LetterKind = 'approval' | 'denial';

export interface LetterLine {
  readonly lineNo: number;
  readonly code: string;
  readonly description: string | null;
  readonly requestedUnits: number;
  readonly outcome: string;
  readonly approvedUnits: number | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly authorizationNumber: string | null;
}

export interface LetterInput {
  readonly caseNumber: string;
  readonly date: string;
  readonly lineOfBusiness: string | null;
  readonly priority: string;
  readonly planName: string;
  readonly member: { readonly name: string; readonly memberNumber: string };
  readonly provider: { readonly name: string; readonly npi: string } | null;
  readonly lines: readonly LetterLine[];
  /** The adverse determinations' reason, category and what they rest on. */
  readonly adverse: {
    readonly category: string;
    readonly reasonCode: string;
    readonly reason: string;
    readonly basis: string;
    readonly decidedBy: string;
  } | null;
}

export interface Letter {
  readonly kind: LetterKind;
  readonly title: string;
  readonly to: string;
  readonly caseNumber: string;
  readonly date: string;
  readonly sections: readonly { readonly heading: string; readonly paragraphs: readonly string[] }[];
}

const ADVERSE = new Set(['denied', 'approved_modified']);

function appealRights(lob: string | null, priority: string): { heading: string; paragraphs: string[] } {
  switch (lob ?? 'commercial') {
    case 'medicare_advantage':
      return {
        heading: 'Your right to appeal',
        paragraphs: [
          'You have the right to ask us to reconsider this decision (a "reconsideration"). You, your doctor, or someone you name as your representative may ask. Your request must reach us within 65 days of the date of this notice (42 CFR 422.582). We may give you more time if you have a good reason.',
          'If your health could be seriously harmed by waiting for a standard decision, ask for a fast (expedited) reconsideration: we will answer within 72 hours. If a doctor asks for a fast appeal or supports your request, we will give it.',
          'You may send us any information that supports your appeal. If we do not decide in your favour, your case is sent automatically to an independent review entity.',
          priority === 'expedited' ? 'This request was handled as an expedited request.' : 'This request was handled in the standard time frame.',
        ],
      };
    case 'medicaid':
    case 'chip':
      return {
        heading: 'Your right to appeal',
        paragraphs: [
          'You may ask the plan for an appeal within 60 days of the date of this notice (42 CFR 438.402). You may ask for a fast appeal if waiting could seriously harm your health; we will then decide within 72 hours.',
          'After the plan\'s appeal you may ask for a State fair hearing. If your services are being reduced or stopped, you may be able to keep getting them during the appeal if you ask within 10 days.',
        ],
      };
    default:
      return {
        heading: 'Your right to appeal',
        paragraphs: [
          'You may appeal this decision within 180 days of receiving this notice (29 CFR 2560.503-1(h)). You may send written comments, documents and other information, and ask for copies of everything relevant to your request, free of charge.',
          'If your request is urgent, you may ask for an expedited appeal and an external review at the same time.',
        ],
      };
  }
}

const describeLine = (l: LetterLine): string =>
  `Line ${l.lineNo}: ${l.code}${l.description === null ? '' : ` (${l.description})`}, ${l.requestedUnits} unit(s) requested`;

/** Letters for a decided case: an approval letter if anything was approved, a denial notice if anything was adverse. */
export function lettersFor(input: LetterInput): Letter[] {
  const letters: Letter[] = [];
  const approved = input.lines.filter((l) => l.outcome === 'approved' || l.outcome === 'approved_modified');
  const adverse = input.lines.filter((l) => ADVERSE.has(l.outcome));
  const to = `${input.member.name} (member ${input.member.memberNumber})${input.provider === null ? '' : `; copy to ${input.provider.name}, NPI ${input.provider.npi}`}`;
  if (approved.length > 0) {
    letters.push({
      kind: 'approval',
      title: `${input.planName}: authorization approved`,
      to,
      caseNumber: input.caseNumber,
      date: input.date,
      sections: [
        {
          heading: 'What we approved',
          paragraphs: approved.map(
            (l) =>
              `${describeLine(l)} — approved${l.outcome === 'approved_modified' ? ` with changes: ${l.approvedUnits ?? '?'} unit(s)` : ` for ${l.approvedUnits ?? l.requestedUnits} unit(s)`}, valid ${l.validFrom ?? '?'} to ${l.validTo ?? '?'}. Authorization number ${l.authorizationNumber ?? '—'}.`,
          ),
        },
        { heading: 'Please note', paragraphs: ['This approval is for the member named above, for the services, dates and provider listed. Coverage depends on the member being enrolled on the date of service.'] },
      ],
    });
  }
  if (adverse.length > 0 && input.adverse !== null) {
    const a = input.adverse;
    const title = input.lineOfBusiness === 'medicare_advantage' ? 'Notice of Denial of Medical Coverage' : 'Notice of Adverse Benefit Determination';
    letters.push({
      kind: 'denial',
      title: `${input.planName}: ${title}`,
      to,
      caseNumber: input.caseNumber,
      date: input.date,
      sections: [
        {
          heading: 'What we decided',
          paragraphs: adverse.map((l) =>
            l.outcome === 'denied'
              ? `${describeLine(l)} — denied.`
              : `${describeLine(l)} — approved with changes: ${l.approvedUnits ?? '?'} unit(s), ${l.validFrom ?? '?'} to ${l.validTo ?? '?'}. The part not approved is denied.`,
          ),
        },
        { heading: 'Why we decided this', paragraphs: [a.reason, `Reason code ${a.reasonCode} (${a.category.replace(/_/g, ' ')}). This decision rests on: ${a.basis}.`] },
        { heading: 'Who decided', paragraphs: [`This decision was made by ${a.decidedBy}. You or your doctor may ask for a copy of the criteria used, free of charge, and your doctor may ask to discuss this decision with the reviewer.`] },
        appealRights(input.lineOfBusiness, input.priority),
      ],
    });
  }
  return letters;
}
