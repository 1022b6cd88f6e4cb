import { LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../shared/clock';
import { isBefore, londonToday, type LocalDate } from '../shared/dates';
import { badInput, conflict } from '../shared/errors';
import type { UnitOfWork } from '../shared/unit-of-work';
import { Role, requireRole, type Viewer } from '../shared/viewer';
import type { NotificationService } from '../notifications/notification.service';
import { CodeOfPracticeVersion } from './code-of-practice-version.entity';

export interface PublishCodeVersionInput {
  version: string;
  title: string;
  effectiveFrom: LocalDate;
  summaryOfChanges: string;
}

export class CodeOfPracticeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly notifications: NotificationService,
  ) {}

  /** COP-1: the version in effect today (the latest whose effective date has arrived). */
  async current(manager: EntityManager = this.dataSource.manager): Promise<CodeOfPracticeVersion | null> {
    return manager.findOne(CodeOfPracticeVersion, {
      where: { effectiveFrom: LessThanOrEqual(londonToday(this.clock)) },
      order: { effectiveFrom: 'DESC' },
    });
  }

  async list(): Promise<CodeOfPracticeVersion[]> {
    return this.dataSource.getRepository(CodeOfPracticeVersion).find({ order: { effectiveFrom: 'DESC' } });
  }

  /** Publishes a new version and, per COP-5, tells every current member about it in the same transaction. */
  async publish(viewer: Viewer, input: PublishCodeVersionInput): Promise<CodeOfPracticeVersion> {
    requireRole(viewer, [Role.MEMBERSHIP_TEAM, Role.ADMIN]);
    const today = londonToday(this.clock);
    if (isBefore(input.effectiveFrom, today)) throw badInput('effectiveFrom', 'A new Code version cannot take effect in the past');
    return this.uow.run(viewer, async (manager) => {
      const clash = await manager.findOne(CodeOfPracticeVersion, { where: [{ version: input.version }, { effectiveFrom: input.effectiveFrom }] });
      if (clash) throw conflict(`A Code version ${clash.version} already exists or takes effect on ${input.effectiveFrom}`, 'COP-5');
      const version = manager.create(CodeOfPracticeVersion, { ...input, publishedAt: this.clock.now() });
      await manager.save(version);
      const told = await this.notifications.enqueueForActiveMembers(manager, {
        template: 'CODE_OF_PRACTICE_CHANGED',
        subject: `The SET Code of Practice changes on ${input.effectiveFrom}`,
        body:
          `Dear {name},\n\nVersion ${input.version} of the SET Code of Practice ("${input.title}") takes effect on ${input.effectiveFrom}.\n\n` +
          `${input.summaryOfChanges}\n\nYou will be asked to accept it when you next renew your membership.`,
        rule: 'COP-5',
        dedupeKey: `code-version:${version.id}`,
      });
      return { result: version, audit: { action: 'codeOfPractice.publish', targetType: 'code_of_practice_version', targetId: version.id, detail: { membersNotified: told } } };
    });
  }
}
