import type { DataSource } from 'typeorm';
import { AuditService } from './audit/audit.service';
import { CodeOfPracticeService } from './membership/code-of-practice.service';
import { MemberService } from './membership/member.service';
import { MembershipApplicationService } from './membership/membership-application.service';
import type { JoinConfirmationSettings } from './membership/join-confirmation';
import { NotificationService } from './notifications/notification.service';
import type { AdjustableClock, Clock } from './shared/clock';
import { UnitOfWork } from './shared/unit-of-work';
import { WorkingDayCalendar } from './shared/working-days';
import { ServerClockService } from './system/server-clock.service';
import { SweepService } from './system/sweep.service';
import { createApplicationArea } from './ats/applications';
import { createPaymentArea, type PaymentAreaOptions } from './payments';
import { createProgrammeArea } from './ats/programme';
import { createResultsArea } from './ats/results';
import { createAwardArea } from './ats/award';
import { createStatusArea } from './register/status';
import type { AwardSettings } from './ats/award/award.service';
import { createDashboardService } from './ats/dashboard/dashboard.service';
import { createRegisterArea } from './register';
import { createConductArea } from './conduct';
import { AtsAwardAppealEffects } from './ats/award/award-appeal-effects';
import type { ConductSettings } from './conduct/complaint.service';

export interface ServiceDeps {
  dataSource: DataSource;
  clock: Clock;
  /** Present only where the test clock is enabled (DEC-T2). */
  adjustableClock: AdjustableClock | null;
  calendar?: WorkingDayCalendar;
  /** ATS-16 / DEC-P4: the payment provider's configuration and the log for refused webhooks. */
  payments?: PaymentAreaOptions;
  /** Issue 7: join form confirmation (expiry hours and link), from configuration. */
  joinConfirmation?: JoinConfirmationSettings;
  /** ATS results and award settings from config (OBJECTION_PERIOD_DAYS, PORTFOLIO_*); defaults for tests and scripts. */
  atsSettings?: { objectionPeriodDays?: number } & Partial<AwardSettings>;
  /** READ_DATABASE_URL: the public register's reads go there (issue 10). */
  readDatabaseUrl?: string;
  /** COP-7 complaint targets and links (config.ts); defaults apply when absent. */
  conductSettings?: ConductSettings;
}

/** Wires the domain services together; every dependency is passed explicitly. */
export function createServices({ dataSource, clock, adjustableClock, calendar = new WorkingDayCalendar(), payments: paymentOptions, joinConfirmation, atsSettings = {}, readDatabaseUrl, conductSettings }: ServiceDeps) {
  const audit = new AuditService(dataSource, clock);
  const uow = new UnitOfWork(dataSource, audit);
  const notifications = new NotificationService(dataSource, clock);
  const codes = new CodeOfPracticeService(dataSource, clock, uow, notifications);
  const members = new MemberService(dataSource, clock, uow, audit, notifications, codes);
  const membershipApplications = new MembershipApplicationService(dataSource, clock, uow, audit, notifications, codes, joinConfirmation);
  const serverClock = new ServerClockService(clock, adjustableClock, uow, dataSource);
  const sweeps = new SweepService({ dataSource, beforeRun: () => serverClock.refresh() });
  sweeps.register({ name: 'membership.lapse', run: (viewer) => members.lapseOverdueMemberships(viewer) });
  sweeps.register({ name: 'membershipApplication.expireUnconfirmed', run: () => membershipApplications.expireUnconfirmed() });
  const areaDeps = { dataSource, clock, calendar, uow, audit, notifications, members };
  const atsApplications = createApplicationArea(areaDeps);
  const payments = createPaymentArea(areaDeps, paymentOptions);
  const programme = createProgrammeArea(areaDeps, {
    applications: atsApplications.applications,
    qualifications: atsApplications.qualifications,
    fees: payments.fees,
    accounts: payments.accounts,
  });
  for (const area of [atsApplications, payments, programme]) area.sweeps.forEach((s) => sweeps.register(s));
  const atsResults = createResultsArea(areaDeps, programme.participants, atsSettings);
  const atsAward = createAwardArea(areaDeps, atsSettings);
  const statusRecords = createStatusArea(areaDeps);
  for (const area of [atsResults, atsAward, statusRecords]) area.sweeps.forEach((s) => sweeps.register(s));
  const dashboard = createDashboardService(dataSource, clock, { participants: programme.participants, accounts: payments.accounts, statuses: statusRecords.statuses });
  const register = createRegisterArea(areaDeps, { readDatabaseUrl });
  const conduct = createConductArea(areaDeps, { settings: conductSettings, awardAppealEffects: new AtsAwardAppealEffects(atsAward.award) });
  conduct.sweeps.forEach((s) => sweeps.register(s));
  return {
    dataSource, clock, calendar, audit, uow, notifications, codes, members, membershipApplications, serverClock, sweeps, atsApplications, payments, programme,
    atsResults, atsAward, statusRecords, dashboard, register, conduct,
  };
}

export type Services = ReturnType<typeof createServices>;
