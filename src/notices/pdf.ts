/** Renders a letter as PDF with pdfkit (standard fonts, no external resources). */
import PDFDocument from 'pdfkit';
import type { Letter } from './letters';

export function renderLetterPdf(letter: Letter, opts: { compress?: boolean } = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 60, compress: opts.compress ?? true, info: { Title: letter.title, Subject: `Case ${letter.caseNumber}`, Creator: 'OpenUM' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font('Helvetica-Bold').fontSize(15).text(letter.title);
    doc.moveDown(0.5).font('Helvetica').fontSize(10).text(`Date: ${letter.date}`).text(`Case: ${letter.caseNumber}`).text(`To: ${letter.to}`);
    for (const s of letter.sections) {
      doc.moveDown(1).font('Helvetica-Bold').fontSize(12).text(s.heading);
      doc.font('Helvetica').fontSize(10);
      for (const p of s.paragraphs) doc.moveDown(0.3).text(p, { align: 'left' });
    }
    doc.end();
  });
}
