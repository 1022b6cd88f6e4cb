import { createHmac, timingSafeEqual } from 'node:crypto';
import { addDays, addYears, isAfter, type LocalDate } from '../../shared/dates';
import { badInput, ruleViolation } from '../../shared/errors';
import { VivaOutcome } from './award.enums';

/** ATS-38: the VIVA and one re-VIVA; no third. */
export const MAX_VIVAS = 2;
/** ATS-49: shared with the Chartered College within six weeks of the award. */
export const CONFERRAL_SHARE_DAYS = 42;
/** ATS-42: formal documents within eight weeks of the award. */
export const FORMAL_DOCUMENTS_DAYS = 56;
/** ATS-50: re-accreditation every three years. */
export const REACCREDITATION_YEARS = 3;

/** ATS-38: a new VIVA may be scheduled only while fewer than two have been held. */
export function assertMayScheduleViva(vivasHeld: number): void {
  if (vivasHeld >= MAX_VIVAS) throw ruleViolation('ATS-38', 'A participant has one VIVA and one final re-VIVA; a third VIVA is not allowed');
}

/** ATS-38, DEC-V1: a re-VIVA only after the first VIVA, with what is needed; NOT_PASSED with reasons. */
export function assertVivaOutcomeInput(attemptNumber: number, outcome: VivaOutcome, furtherInformationNeeded: string | null | undefined, reasons: string | null | undefined): void {
  if (outcome === VivaOutcome.RE_VIVA_REQUIRED) {
    if (attemptNumber >= MAX_VIVAS) throw ruleViolation('ATS-38', 'The re-VIVA was the final opportunity: record PASSED or NOT_PASSED');
    if (!(furtherInformationNeeded ?? '').trim()) throw badInput('furtherInformationNeeded', 'Say what further information is needed for the re-VIVA (ATS-38)');
  }
  if (outcome === VivaOutcome.NOT_PASSED && !(reasons ?? '').trim()) throw badInput('reasons', 'Give the reasons the VIVA was not passed (DEC-V1)');
}

/** ATS-50, DEC-R1: the first re-accreditation falls due three years after the award. */
export function reaccreditationDueOn(awardedOn: LocalDate): LocalDate {
  return addYears(awardedOn, REACCREDITATION_YEARS);
}

/** ATS-49: the College is told within six weeks (award + 42 days). */
export function conferralShareBy(awardedOn: LocalDate): LocalDate {
  return addDays(awardedOn, CONFERRAL_SHARE_DAYS);
}

/** ATS-42: formal documents due eight weeks (56 days) after the award. */
export function formalDocumentsDueOn(awardedOn: LocalDate): LocalDate {
  return addDays(awardedOn, FORMAL_DOCUMENTS_DAYS);
}

export function isFormalDocumentsOverdue(dueOn: LocalDate, sentOn: LocalDate | null, today: LocalDate): boolean {
  return sentOn === null && isAfter(today, dueOn);
}

/** ATS-42: the digital certificate is available on request from the award date. */
export function assertCertificateAvailable(awardedOn: LocalDate | null, today: LocalDate): void {
  if (!awardedOn || isAfter(awardedOn, today)) throw ruleViolation('ATS-42', 'A certificate is available from the date of award');
}

/** ATS-53: the portfolio can be downloaded only once ATS is awarded. */
export function assertMayDownloadPortfolio(awarded: boolean): void {
  if (!awarded) throw ruleViolation('ATS-53', 'You can download your portfolio once you have been awarded ATS');
}

/** ATS-53: a short-lived signed link to the ePortfolio platform's export: HMAC-SHA256 over participant id and expiry. */
export function signPortfolioLink(baseUrl: string, participantId: string, expiresAt: Date, secret: string): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  const url = new URL(baseUrl);
  url.searchParams.set('participant', participantId);
  url.searchParams.set('expires', String(expires));
  url.searchParams.set('signature', portfolioLinkSignature(participantId, expires, secret));
  return url.toString();
}

export function portfolioLinkSignature(participantId: string, expiresEpochSeconds: number, secret: string): string {
  return createHmac('sha256', secret).update(`${participantId}.${expiresEpochSeconds}`).digest('hex');
}

/** What the ePortfolio platform does with a link: genuine signature and not yet expired. */
export function verifyPortfolioLink(link: string, secret: string, now: Date): boolean {
  const url = new URL(link);
  const participant = url.searchParams.get('participant') ?? '';
  const expires = Number(url.searchParams.get('expires'));
  const given = Buffer.from(url.searchParams.get('signature') ?? '', 'hex');
  const expected = Buffer.from(portfolioLinkSignature(participant, expires, secret), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  return now.getTime() < expires * 1000;
}
