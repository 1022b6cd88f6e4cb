import type { DataSource } from 'typeorm';
import type { AuditService } from './audit/audit.service';
import type { NotificationService } from './notifications/notification.service';
import type { Clock } from './shared/clock';
import type { UnitOfWork } from './shared/unit-of-work';
import type { WorkingDayCalendar } from './shared/working-days';
import type { Sweep } from './system/sweep.service';
import type { MemberService } from './membership/member.service';

/** What every domain area's factory receives: the shared infrastructure, passed explicitly. */
export interface AreaDeps {
  dataSource: DataSource;
  clock: Clock;
  calendar: WorkingDayCalendar;
  uow: UnitOfWork;
  audit: AuditService;
  notifications: NotificationService;
  members: MemberService;
}

/** What an area's factory may hand back besides its services: sweeps for the server to schedule. */
export interface AreaSweeps {
  sweeps: Sweep[];
}
