import { LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { isBefore, londonToday, type LocalDate } from '../../shared/dates';
import { badInput, conflict } from '../../shared/errors';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { Role, requireRole, type Viewer } from '../../shared/viewer';
import { ApplicationTemplateVersion } from './application-template-version.entity';

export interface PublishTemplateVersionInput {
  versionLabel: string;
  publishedOn: LocalDate;
}

export interface TemplateVersionView extends ApplicationTemplateVersion {
  isCurrent: boolean;
}

/** ATS-6: the official application template's versions; exactly one is current, the latest published. */
export class ApplicationTemplateService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  /** ATS-6: the latest version published on or before today (London). */
  async current(manager: EntityManager = this.dataSource.manager): Promise<ApplicationTemplateVersion | null> {
    return manager.findOne(ApplicationTemplateVersion, {
      where: { publishedOn: LessThanOrEqual(londonToday(this.clock)) },
      order: { publishedOn: 'DESC' },
    });
  }

  async list(): Promise<TemplateVersionView[]> {
    const current = await this.current();
    const rows = await this.dataSource.getRepository(ApplicationTemplateVersion).find({ order: { publishedOn: 'DESC' } });
    return rows.map((r) => Object.assign(r, { isCurrent: r.id === current?.id }));
  }

  /** A new version supersedes the current one from its publication date, which cannot be in the past. */
  async publish(viewer: Viewer, input: PublishTemplateVersionInput): Promise<TemplateVersionView> {
    requireRole(viewer, [Role.MEMBERSHIP_TEAM, Role.ADMIN]);
    const today = londonToday(this.clock);
    if (isBefore(input.publishedOn, today)) throw badInput('publishedOn', 'A new template version cannot be published in the past');
    return this.uow.run(viewer, async (manager) => {
      const versionLabel = input.versionLabel.trim();
      const clash = await manager.findOne(ApplicationTemplateVersion, { where: [{ versionLabel }, { publishedOn: input.publishedOn }] });
      if (clash) throw conflict(`Template version ${clash.versionLabel} already exists or is published on ${input.publishedOn}`, 'ATS-6');
      const version = manager.create(ApplicationTemplateVersion, { versionLabel, publishedOn: input.publishedOn, createdAt: this.clock.now() });
      await manager.save(version);
      const current = await this.current(manager);
      return {
        result: Object.assign(version, { isCurrent: current?.id === version.id }),
        audit: { action: 'atsApplicationTemplate.publish', targetType: 'ats_application_template_version', targetId: version.id, detail: { publishedOn: input.publishedOn } },
      };
    });
  }
}
