import { MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { londonToday, type LocalDate } from '../../shared/dates';
import { conflict, notFound } from '../../shared/errors';
import type { UnitOfWork } from '../../shared/unit-of-work';
import type { Viewer } from '../../shared/viewer';
import { Cohort } from './cohort.entity';
import { assertCohortDatesInOrder, assertWindowBeforeIssue, isWindowOpen } from './programme.rules';
import { RegistrationWindow } from './registration-window.entity';

export interface CreateCohortInput {
  name: string;
  portfolioIssueDate: LocalDate;
  submissionDeadline: LocalDate;
  provisionalResultsDate: LocalDate;
}

export interface CreateWindowInput {
  cohortId: string;
  opensOn: LocalDate;
  closesOn: LocalDate;
}

/** Cohorts and the registration windows that feed them (ATS-10, ATS-19, ATS-21, ATS-28). */
export class CohortService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  async createCohort(viewer: Viewer, input: CreateCohortInput): Promise<Cohort> {
    assertCohortDatesInOrder(input.portfolioIssueDate, input.submissionDeadline, input.provisionalResultsDate);
    return this.uow.run(viewer, async (manager) => {
      const cohort = manager.create(Cohort, { ...input, createdAt: this.clock.now() });
      await manager.save(cohort);
      return { result: cohort, audit: { action: 'cohort.create', targetType: 'cohort', targetId: cohort.id } };
    });
  }

  async createWindow(viewer: Viewer, input: CreateWindowInput): Promise<RegistrationWindow> {
    return this.uow.run(viewer, async (manager) => {
      const cohort = await this.cohort(input.cohortId, manager);
      assertWindowBeforeIssue(input.opensOn, input.closesOn, cohort.portfolioIssueDate);
      if (await manager.existsBy(RegistrationWindow, { cohortId: cohort.id })) throw conflict('This cohort already has its registration window (ATS-10: each window feeds one cohort)');
      const window = manager.create(RegistrationWindow, { ...input, createdAt: this.clock.now() });
      await manager.save(window);
      return { result: window, audit: { action: 'registrationWindow.create', targetType: 'registration_window', targetId: window.id, detail: { cohortId: cohort.id } } };
    });
  }

  async cohort(id: string, manager: EntityManager = this.dataSource.manager): Promise<Cohort> {
    const cohort = await manager.findOneBy(Cohort, { id });
    if (!cohort) throw notFound('Cohort');
    return cohort;
  }

  async window(id: string, manager: EntityManager = this.dataSource.manager): Promise<RegistrationWindow> {
    const window = await manager.findOneBy(RegistrationWindow, { id });
    if (!window) throw notFound('Registration window');
    return window;
  }

  async listCohorts(): Promise<Cohort[]> {
    return this.dataSource.getRepository(Cohort).find({ order: { portfolioIssueDate: 'ASC' } });
  }

  async listWindows(openOnly: boolean): Promise<RegistrationWindow[]> {
    const windows = await this.dataSource.getRepository(RegistrationWindow).find({ order: { opensOn: 'ASC' } });
    const today = londonToday(this.clock);
    return openOnly ? windows.filter((w) => isWindowOpen(w, today)) : windows;
  }

  async byIds(ids: readonly string[]): Promise<Map<string, Cohort>> {
    const rows = await this.dataSource.getRepository(Cohort).createQueryBuilder('c').where('c.id IN (:...ids)', { ids: [...ids] }).getMany();
    return new Map(rows.map((c) => [c.id, c]));
  }

  /** ATS-26: the cohort after a deadline: the one whose submission deadline comes next. */
  async nextCohortAfter(manager: EntityManager, deadline: LocalDate): Promise<Cohort | null> {
    return manager.findOne(Cohort, { where: { submissionDeadline: MoreThan(deadline) }, order: { submissionDeadline: 'ASC' } });
  }
}
