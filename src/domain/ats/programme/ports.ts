import type { EntityManager } from 'typeorm';
import type { LocalDate } from '../../shared/dates';
import type { Violation } from '../../shared/errors';
import type { AttemptKind, PaymentPlan } from './programme.enums';

/** What registration needs from the applications area (ATS-2, ATS-3, ATS-11). */
export interface ApplicationsPort {
  /** DEC-A3: `usableForWindowsOpeningBy` is the last opening date of a window the application can be used for. */
  findUsableApplication(manager: EntityManager, memberId: string): Promise<{ id: string; isRestart: boolean; usableForWindowsOpeningBy: LocalDate } | null>;
  markUsedForRegistration(manager: EntityManager, applicationId: string, participantId: string): Promise<void>;
}

export interface QualificationsPort {
  qualificationViolations(manager: EntityManager, memberId: string, portfolioIssueDate: LocalDate): Promise<Violation[]>;
}

/** What registration, submission and withdrawal need from the payments area (ATS-14, 15, 20, 22; DEC-P2). */
export interface FeesPort {
  feeFor(manager: EntityManager, registrationDate: LocalDate, attemptKind: AttemptKind): Promise<number>;
}

export interface AccountsPort {
  openAccount(
    manager: EntityManager,
    input: { participantId: string; memberId: string; plan: PaymentPlan; chargePence: number; registrationDate: LocalDate; employerName?: string | null },
  ): Promise<void>;
  isPaidInFull(manager: EntityManager, participantId: string): Promise<boolean>;
  /** ATS-22 for many participants at once (one statement): those paid in full. */
  paidInFullAmong(manager: EntityManager, participantIds: readonly string[]): Promise<Set<string>>;
  refundInFullAndCancel(manager: EntityManager, participantId: string, reason: string): Promise<number>;
  /** ATS-45: stop collecting open instalments and invoices until FINANCE writes the balance off or keeps it. */
  stopCollection(manager: EntityManager, participantId: string, reason: string): Promise<void>;
}

export interface ProgrammePorts {
  applications: ApplicationsPort;
  qualifications: QualificationsPort;
  fees: FeesPort;
  accounts: AccountsPort;
}
