import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface CertificateContent {
  holderName: string;
  membershipNumber: string;
  title: string;
  awardedOn: string;
  verificationCode: string;
}

const TITLES: Record<string, string> = { ATS: 'Advanced Teacher Status', QTLS: 'Qualified Teacher Learning and Skills' };

/**
 * ATS-42, DEC-C1: the digital certificate. pdf-lib (pure JavaScript, no native build) draws it with a standard font.
 * The creation date is fixed to the award date so the bytes depend only on what the certificate shows.
 */
export async function renderCertificatePdf(c: CertificateContent): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle(`${TITLES[c.title] ?? c.title} certificate`);
  doc.setAuthor('Society for Education and Training');
  doc.setCreationDate(new Date(`${c.awardedOn}T00:00:00Z`));
  doc.setModificationDate(new Date(`${c.awardedOn}T00:00:00Z`));
  const page = doc.addPage([842, 595]);
  const serif = await doc.embedFont(StandardFonts.TimesRoman);
  const bold = await doc.embedFont(StandardFonts.TimesRomanBold);
  const centre = (text: string, y: number, size: number, font = serif) => {
    const safe = text.replace(/[^\x20-\x7E\u00A0-\u00FF]/g, '?');
    page.drawText(safe, { x: (842 - font.widthOfTextAtSize(safe, size)) / 2, y, size, font, color: rgb(0.1, 0.1, 0.25) });
  };
  centre('Society for Education and Training', 500, 22, bold);
  centre('This is to certify that', 430, 16);
  centre(c.holderName, 390, 30, bold);
  centre(`Membership number ${c.membershipNumber}`, 355, 14);
  centre('has been awarded', 310, 16);
  centre(`${TITLES[c.title] ?? c.title} (${c.title})`, 270, 26, bold);
  centre(`Awarded on ${c.awardedOn}`, 230, 14);
  centre(`Verification code ${c.verificationCode}`, 120, 12);
  centre('Check this certificate with verifyCertificate at the Professional Status Register.', 100, 10);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
