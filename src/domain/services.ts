import type { DataSource } from 'typeorm';
import { AuditService } from './audit/audit.service';
import { CodeOfPracticeService } from './membership/code-of-practice.service';
import { MemberService } from './membership/member.service';
import { MembershipApplicationService } from './membership/membership-application.service';
import { NotificationService } from './notifications/notification.service';
import type { AdjustableClock, Clock } from './shared/clock';
import { UnitOfWork } from './shared/unit-of-work';
import { WorkingDayCalendar } from './shared/working-days';
import { ServerClockService } from './system/server-clock.service';
import { SweepService } from './system/sweep.service';
import { createApplicationArea } from './ats/applications';
import { createPaymentArea } from './payments';
import { createProgrammeArea } from './ats/programme';
import { createConductArea } from './conduct';
import type { ConductSettings } from './conduct/complaint.service';

export interface ServiceDeps {
  dataSource: DataSource;
  clock: Clock;
  /** Present only where the test clock is enabled (DEC-T2). */
  adjustableClock: AdjustableClock | null;
  calendar?: WorkingDayCalendar;
  /** COP-7 complaint targets and links (config.ts); defaults apply when absent. */
  conductSettings?: ConductSettings;
}

/** Wires the domain services together; every dependency is passed explicitly. */
export function createServices({ dataSource, clock, adjustableClock, calendar = new WorkingDayCalendar(), conductSettings }: ServiceDeps) {
  const audit = new AuditService(dataSource, clock);
  const uow = new UnitOfWork(dataSource, audit);
  const notifications = new NotificationService(dataSource, clock);
  const codes = new CodeOfPracticeService(dataSource, clock, uow, notifications);
  const members = new MemberService(dataSource, clock, uow, audit, notifications, codes);
  const membershipApplications = new MembershipApplicationService(dataSource, clock, uow, audit, notifications, codes);
  const serverClock = new ServerClockService(clock, adjustableClock, uow);
  const sweeps = new SweepService();
  sweeps.register({ name: 'membership.lapse', run: (viewer) => members.lapseOverdueMemberships(viewer) });
  const areaDeps = { dataSource, clock, calendar, uow, audit, notifications, members };
  const atsApplications = createApplicationArea(areaDeps);
  const payments = createPaymentArea(areaDeps);
  const programme = createProgrammeArea(areaDeps, {
    applications: atsApplications.applications,
    qualifications: atsApplications.qualifications,
    fees: payments.fees,
    accounts: payments.accounts,
  });
  const conduct = createConductArea(areaDeps, { settings: conductSettings });
  for (const area of [atsApplications, payments, programme, conduct]) area.sweeps.forEach((s) => sweeps.register(s));
  return { dataSource, clock, calendar, audit, uow, notifications, codes, members, membershipApplications, serverClock, sweeps, atsApplications, payments, programme, conduct };
}

export type Services = ReturnType<typeof createServices>;
