import { describe, expect, it } from 'vitest';
import { lettersFor, type LetterInput } from './letters';
import { renderLetterPdf } from './pdf';

const base: LetterInput = {
  caseNumber: 'UM-1234',
  date: '2026-11-20',
  lineOfBusiness: 'medicare_advantage',
  priority: 'standard',
  planName: 'Evergreen Medicare Advantage',
  member: { name: 'Wren Testmember', memberNumber: 'EVG0001' },
  provider: { name: 'Ada Testwell, MD', npi: '1234567893' },
  lines: [
    { lineNo: 1, code: 'HCPCS E0601', description: 'CPAP device', requestedUnits: 1, outcome: 'denied', approvedUnits: null, validFrom: null, validTo: null, authorizationNumber: null },
    { lineNo: 2, code: 'CPT 95810', description: 'Polysomnography', requestedUnits: 1, outcome: 'approved', approvedUnits: 1, validFrom: '2026-12-01', validTo: '2027-02-28', authorizationNumber: 'PA-7K4M-9QX2' },
  ],
  adverse: { category: 'medical_necessity', reasonCode: 'MN-CRIT', reason: 'Your sleep study shows an AHI of 8 without the symptoms the criteria require.', basis: 'criteria set ncd-240.4-cpap version 1, criterion ahi', decidedBy: 'Dr. Marcus Delacroix, MD' },
};

/** The text a PDF draws (pdfkit writes standard-font text as hex strings in TJ arrays). */
function pdfText(pdf: Buffer): string {
  const s = pdf.toString('latin1');
  return [...s.matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) => [...(m[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''))
    .join('\n');
}

describe('decision letters', () => {
  it('write a denial notice with the specific reason, the basis, the reviewer and Medicare appeal rights', () => {
    const letters = lettersFor(base);
    expect(letters.map((l) => l.kind)).toEqual(['approval', 'denial']);
    const denial = letters[1]!;
    expect(denial.title).toBe('Evergreen Medicare Advantage: Notice of Denial of Medical Coverage');
    const text = denial.sections.flatMap((s) => [s.heading, ...s.paragraphs]).join('\n');
    expect(text).toContain('Line 1: HCPCS E0601 (CPAP device), 1 unit(s) requested — denied.');
    expect(text).toContain('Your sleep study shows an AHI of 8');
    expect(text).toContain('criteria set ncd-240.4-cpap version 1, criterion ahi');
    expect(text).toContain('Dr. Marcus Delacroix, MD');
    expect(text).toContain('within 65 days');
    expect(text).toContain('72 hours');
    expect(text).not.toContain('Line 2');
  });

  it('write an approval letter with the authorization number and validity', () => {
    const approval = lettersFor(base)[0]!;
    expect(approval.sections[0]!.paragraphs).toEqual(['Line 2: CPT 95810 (Polysomnography), 1 unit(s) requested — approved for 1 unit(s), valid 2026-12-01 to 2027-02-28. Authorization number PA-7K4M-9QX2.']);
  });

  it('give Medicaid members their plan appeal and State fair hearing rights', () => {
    const denial = lettersFor({ ...base, lineOfBusiness: 'medicaid' }).find((l) => l.kind === 'denial')!;
    expect(denial.title).toContain('Notice of Adverse Benefit Determination');
    expect(denial.sections.at(-1)!.paragraphs.join(' ')).toMatch(/60 days.*State fair hearing/s);
  });

  it('render as a PDF that carries the letter\'s text', async () => {
    const pdf = await renderLetterPdf(lettersFor(base)[1]!, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Notice of Denial of Medical Coverage');
    expect(text).toContain('Why we decided this');
  });
});
