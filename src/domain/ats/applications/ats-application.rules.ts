import { isCurrentMember } from '../../membership/membership.rules';
import { addDays, addMonths, isAfter, isBefore, monthAndDay, type LocalDate } from '../../shared/dates';
import { badInput, conflict, DomainError, ruleViolation, type Violation } from '../../shared/errors';
import { AtsApplicationStatus, AuthenticityCheckResult, QualificationList } from './application.enums';

/** ATS-7, ATS-8 ("within eight weeks of application"): 56 days, per DOMAIN.md "Time". */
export const DECISION_DAYS = 56;

/** ATS-5: the application window opens on 1 April and closes at the end of 31 August, London time. */
export const APPLICATION_WINDOW = { opens: { month: 4, day: 1 }, closes: { month: 8, day: 31 } } as const;

const LIST_NAMES: Record<QualificationList, string> = {
  [QualificationList.ITT]: 'Initial Teacher Training',
  [QualificationList.ENGLISH]: 'English',
  [QualificationList.MATHS]: 'maths',
};

/** ATS-5: applications are accepted from 1 April to 31 August inclusive (the London date decides). */
export function isWithinApplicationWindow(today: LocalDate): boolean {
  const { month, day } = monthAndDay(today);
  const key = month * 100 + day;
  const { opens, closes } = APPLICATION_WINDOW;
  return key >= opens.month * 100 + opens.day && key <= closes.month * 100 + closes.day;
}

/** ATS-5: refuses an application made outside 1 April..31 August. */
export function assertWithinApplicationWindow(today: LocalDate): void {
  if (!isWithinApplicationWindow(today)) {
    throw ruleViolation('ATS-5', `Applications are accepted only from 1 April to 31 August; today is ${today}`);
  }
}

/** ATS-6: only forms completed on the official, current template are accepted. */
export function assertCurrentTemplate(templateVersionId: string, current: { id: string; versionLabel: string } | null): void {
  if (!current) throw ruleViolation('ATS-6', 'No application template version has been published, so no application can be accepted yet');
  if (templateVersionId !== current.id) {
    throw ruleViolation('ATS-6', `Applications must be made on the current template (version ${current.versionLabel})`);
  }
}

/** ATS-7, ATS-8: the date a decision is due: the submission date plus eight weeks. */
export function decisionDueOn(submittedOn: LocalDate): LocalDate {
  return addDays(submittedOn, DECISION_DAYS);
}

/** ATS-7, ATS-8: undecided and the due date (a London date) has passed. Due on day 56 is not yet overdue; day 57 is. */
export function isDecisionOverdue(application: { status: AtsApplicationStatus; decisionDueOn: LocalDate }, today: LocalDate): boolean {
  return application.status === AtsApplicationStatus.SUBMITTED && isBefore(application.decisionDueOn, today);
}

/** A member has at most one application awaiting a decision. */
export function assertNoUndecidedApplication(undecided: { reference: string } | null): void {
  if (undecided) throw conflict(`Application ${undecided.reference} is still awaiting a decision`, 'ATS-7');
}

/** ATS-11: a successful application not yet used for a registration is what the member registers with; a new one is not needed. */
export function assertNoUsableApplication(usable: { reference: string } | null): void {
  if (usable) throw conflict(`Application ${usable.reference} was successful and has not been used to register yet`, 'ATS-11');
}

/** A decision is taken once: a decided application cannot be decided again. */
export function assertUndecided(application: { status: AtsApplicationStatus; reference: string }): void {
  if (application.status !== AtsApplicationStatus.SUBMITTED) {
    throw conflict(`Application ${application.reference} was already decided (${application.status})`, 'ATS-7');
  }
}

/**
 * ATS-7: an unsuccessful applicant has one final opportunity to resubmit, no more. Only an UNSUCCESSFUL application
 * can be resubmitted, only once, and a resubmission cannot itself be resubmitted.
 */
export function resubmissionViolations(
  previous: { status: AtsApplicationStatus; resubmissionOfId: string | null; reference: string },
  alreadyResubmitted: boolean,
): Violation[] {
  const violations: Violation[] = [];
  if (previous.status !== AtsApplicationStatus.UNSUCCESSFUL) {
    violations.push({ rule: 'ATS-7', condition: 'NOT_UNSUCCESSFUL', message: `Only an unsuccessful application can be resubmitted; ${previous.reference} is ${previous.status}` });
  }
  if (previous.resubmissionOfId) {
    violations.push({ rule: 'ATS-7', condition: 'FINAL_RESUBMISSION_USED', message: `${previous.reference} was already the one final resubmission` });
  }
  if (alreadyResubmitted) {
    violations.push({ rule: 'ATS-7', condition: 'ALREADY_RESUBMITTED', message: `${previous.reference} has already been resubmitted once` });
  }
  return violations;
}

/** A decision states its reasons (ATS-7 for an unsuccessful one; kept for every decision). */
export function assertDecisionReasons(reasons: string | null | undefined): string {
  const trimmed = (reasons ?? '').trim();
  if (trimmed.length < 10) throw badInput('reasons', 'Give the reasons for the decision (at least 10 characters)');
  return trimmed;
}

/** ATS-11: only a successful application that no registration has used yet may be used for one. */
export function assertUsableForRegistration(application: { status: AtsApplicationStatus; usedByParticipantId: string | null; reference: string }): void {
  if (application.status !== AtsApplicationStatus.SUCCESSFUL) {
    throw ruleViolation('ATS-11', `Application ${application.reference} is ${application.status}; only a successful application leads to registration`);
  }
  if (application.usedByParticipantId) {
    throw ruleViolation('ATS-11', `Application ${application.reference} has already been used for a registration`);
  }
}

/** ATS-3 (members hold their original certificates before applying): a certificate cannot be dated in the future. */
export function assertCertificateNotInFuture(certificateDate: LocalDate, today: LocalDate): void {
  if (isAfter(certificateDate, today)) throw ruleViolation('ATS-3', `A certificate dated ${certificateDate} is in the future`);
}

/** ATS-3: a certificate dated after the portfolio issue date is not accepted; one dated on it is. */
export function isCertificateAcceptedFor(certificateDate: LocalDate, portfolioIssueDate: LocalDate): boolean {
  return !isAfter(certificateDate, portfolioIssueDate);
}

/** ATS-52: the member confirms on recording a certificate that it truly reflects the qualification and grade. */
export function assertDeclaredAuthentic(declared: boolean): void {
  if (!declared) throw ruleViolation('ATS-52', 'Confirm that the certificate is a true reflection of the qualification and grade achieved');
}

/** ATS-52: an awarding body cannot have been queried on a date still to come. */
export function assertQueriedOnNotInFuture(queriedOn: LocalDate, today: LocalDate): void {
  if (isAfter(queriedOn, today)) throw badInput('queriedOn', `The awarding body cannot have been queried on ${queriedOn}, which is in the future`);
}

/** What the qualification rules need to know about one recorded qualification. */
export interface QualificationFacts {
  id: string;
  certificateDate: LocalDate;
  /** Null when the approved qualification it named no longer exists. */
  list: QualificationList | null;
  title: string;
  /** On an approved list that is still active (ATS-2). */
  approvedAndActive: boolean;
  /** ATS-52: the latest authenticity check's result, or null when never checked. */
  authenticity: AuthenticityCheckResult | null;
}

/** ATS-2, ATS-52: each qualification relied on must be on an active approved list and not found inauthentic. */
export function reliedOnQualificationViolations(qualifications: QualificationFacts[]): Violation[] {
  const violations: Violation[] = [];
  for (const q of qualifications) {
    if (!q.approvedAndActive) {
      violations.push({ rule: 'ATS-2', condition: 'NOT_ON_APPROVED_LIST', message: `${q.title} is not on SET's approved lists` });
    }
    if (q.authenticity === AuthenticityCheckResult.NOT_VERIFIED) {
      violations.push({ rule: 'ATS-52', condition: 'NOT_VERIFIED', message: `The awarding body did not verify the certificate for ${q.title}` });
    }
  }
  return violations;
}

/** Whether a qualification counts towards ATS-2 (approved, active list; not found inauthentic under ATS-52). */
function counts(q: QualificationFacts): boolean {
  return q.approvedAndActive && q.list !== null && q.authenticity !== AuthenticityCheckResult.NOT_VERIFIED;
}

/** ATS-2: one qualification is needed on each of the ITT, English and maths lists; every missing list is reported. */
export function missingListViolations(qualifications: QualificationFacts[]): Violation[] {
  const covered = new Set(qualifications.filter(counts).map((q) => q.list));
  return Object.values(QualificationList)
    .filter((list) => !covered.has(list))
    .map((list) => ({ rule: 'ATS-2', condition: `MISSING_${list}`, message: `No qualification on SET's approved ${LIST_NAMES[list]} list` }));
}

/** ATS-3: the certificates dated after the portfolio issue date, each a violation. */
export function certificateDateViolations(qualifications: QualificationFacts[], portfolioIssueDate: LocalDate): Violation[] {
  return qualifications
    .filter((q) => !isCertificateAcceptedFor(q.certificateDate, portfolioIssueDate))
    .map((q) => ({
      rule: 'ATS-3',
      condition: 'CERTIFICATE_AFTER_ISSUE_DATE',
      message: `The certificate for ${q.title} is dated ${q.certificateDate}, after the portfolio issue date ${portfolioIssueDate}`,
    }));
}

/** ATS-2, ATS-3: the certificates that count at a portfolio issue date. */
export function certificatesAccepted<Q extends QualificationFacts>(qualifications: Q[], portfolioIssueDate: LocalDate): Q[] {
  return qualifications.filter((q) => counts(q) && isCertificateAcceptedFor(q.certificateDate, portfolioIssueDate));
}

/**
 * ATS-2, ATS-3 for registration: certificates dated after the issue date are not accepted, and what remains must cover
 * ITT, English and maths. Every failure is listed.
 */
export function qualificationViolationsAt(qualifications: QualificationFacts[], portfolioIssueDate: LocalDate): Violation[] {
  const late = certificateDateViolations(qualifications.filter(counts), portfolioIssueDate);
  return [...late, ...missingListViolations(certificatesAccepted(qualifications, portfolioIssueDate))];
}

/**
 * ATS-7: after an unsuccessful decision the applicant has one final resubmission, no more. A fresh application in the
 * same application round (1 April to 31 August of one year) would get round that, so it is refused; a later round
 * starts afresh.
 */
export function assertNoFreshApplicationAfterRefusalThisRound(latest: { status: AtsApplicationStatus; submittedOn: LocalDate; reference: string } | null, today: LocalDate): void {
  if (latest && latest.status === AtsApplicationStatus.UNSUCCESSFUL && latest.submittedOn.slice(0, 4) === today.slice(0, 4)) {
    throw ruleViolation('ATS-7', `Application ${latest.reference} was unsuccessful this round: you have one final resubmission of it, and may apply afresh from 1 April next year`);
  }
}

/** DEC-A3: a successful application can be used for the registration windows that open within 12 months of its decision. */
export const APPLICATION_VALIDITY_MONTHS = 12;

/** DEC-A3: the last opening date of a window this application can still be used for. */
export function applicationUsableForWindowsOpeningBy(decidedOn: LocalDate): LocalDate {
  return addMonths(decidedOn, APPLICATION_VALIDITY_MONTHS);
}

/** DEC-A3: whether a window opening on `opensOn` is one this application (decided on `decidedOn`) can be used for. */
export function isApplicationUsableForWindow(decidedOn: LocalDate, opensOn: LocalDate): boolean {
  return !isAfter(opensOn, applicationUsableForWindowsOpeningBy(decidedOn));
}

/** DEC-A2: applicants must be ACTIVE (current) members, of any grade; the grade is checked at registration (ATS-9). */
export function assertActiveApplicant(member: Parameters<typeof isCurrentMember>[0], today: LocalDate): void {
  if (!isCurrentMember(member, today)) {
    throw new DomainError('RULE_VIOLATION', 'Applying for ATS needs active SET membership: renew your membership first', 'DEC-A2', [
      { rule: 'DEC-A2', condition: 'MEMBERSHIP_NOT_ACTIVE', message: 'Applying for ATS needs active SET membership: renew your membership first' },
    ]);
  }
}
