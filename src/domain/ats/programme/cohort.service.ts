import { In, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../shared/clock';
import { isAfter, isBefore, londonToday, type LocalDate } from '../../shared/dates';
import { badInput, conflict, notFound, ruleViolation } from '../../shared/errors';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { requireRole, type Viewer } from '../../shared/viewer';
import { Cohort } from './cohort.entity';
import { CohortPortfolioSection } from './cohort-portfolio-section.entity';
import { PROGRAMME_STAFF_ROLES } from './participant-access';
import { Participant } from './participant.entity';
import { DEFAULT_PORTFOLIO_SECTIONS } from './portfolio-section.entity';
import { assertCohortDatesInOrder, assertSetUpStillEditable, assertWindowBeforeIssue, isWindowOpen } from './programme.rules';
import { RegistrationWindow } from './registration-window.entity';

export interface PortfolioSectionInput {
  key: string;
  title: string;
}

export interface CreateCohortInput {
  name: string;
  portfolioIssueDate: LocalDate;
  submissionDeadline: LocalDate;
  provisionalResultsDate: LocalDate;
  /** DEC-S1: the cohort's portfolio sections, in order; the default list when none is given. */
  portfolioSections?: PortfolioSectionInput[] | null;
}

export interface UpdateCohortInput {
  name?: string | null;
  portfolioIssueDate?: LocalDate | null;
  submissionDeadline?: LocalDate | null;
  provisionalResultsDate?: LocalDate | null;
}

export interface CreateWindowInput {
  cohortId: string;
  opensOn: LocalDate;
  closesOn: LocalDate;
}

export interface UpdateWindowInput {
  opensOn?: LocalDate | null;
  closesOn?: LocalDate | null;
}

/** Cohorts and the registration windows that feed them (ATS-10, ATS-19, ATS-21, ATS-28), and their portfolio sections (DEC-S1). */
export class CohortService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  async createCohort(viewer: Viewer, input: CreateCohortInput): Promise<Cohort> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    assertCohortDatesInOrder(input.portfolioIssueDate, input.submissionDeadline, input.provisionalResultsDate);
    const sections = normaliseSections(input.portfolioSections ?? DEFAULT_PORTFOLIO_SECTIONS);
    return this.uow.run(viewer, async (manager) => {
      const { portfolioSections: _ignored, ...dates } = input;
      const cohort = manager.create(Cohort, { ...dates, createdAt: this.clock.now() });
      await manager.save(cohort);
      await this.writeSections(manager, cohort.id, sections);
      return { result: cohort, audit: { action: 'cohort.create', targetType: 'cohort', targetId: cohort.id, detail: { sections: sections.map((s) => s.key) } } };
    });
  }

  /**
   * DEC-E1: staff correct a cohort's name and dates before they matter: only before its portfolio issue date, with
   * the dates still in order (ATS-21, ATS-28), every window of the cohort still closing before the (new) issue date
   * (ATS-10), and an issue date not in the past. Participants on the old deadline move with it. Audited (from, to).
   */
  async updateCohort(viewer: Viewer, id: string, input: UpdateCohortInput): Promise<Cohort> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const cohort = await manager.findOne(Cohort, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!cohort) throw notFound('Cohort');
      const before = { name: cohort.name, portfolioIssueDate: cohort.portfolioIssueDate, submissionDeadline: cohort.submissionDeadline, provisionalResultsDate: cohort.provisionalResultsDate };
      const datesChange =
        (input.portfolioIssueDate && input.portfolioIssueDate !== cohort.portfolioIssueDate) ||
        (input.submissionDeadline && input.submissionDeadline !== cohort.submissionDeadline) ||
        (input.provisionalResultsDate && input.provisionalResultsDate !== cohort.provisionalResultsDate);
      if (datesChange) assertSetUpStillEditable(cohort.portfolioIssueDate, today, 'cohort');
      if (input.name) cohort.name = input.name.trim();
      if (input.portfolioIssueDate) cohort.portfolioIssueDate = input.portfolioIssueDate;
      if (input.submissionDeadline) cohort.submissionDeadline = input.submissionDeadline;
      if (input.provisionalResultsDate) cohort.provisionalResultsDate = input.provisionalResultsDate;
      if (datesChange) {
        if (!isAfter(cohort.portfolioIssueDate, today)) throw badInput('portfolioIssueDate', 'The portfolio issue date must be after today (DEC-E1)');
        assertCohortDatesInOrder(cohort.portfolioIssueDate, cohort.submissionDeadline, cohort.provisionalResultsDate);
        for (const w of await manager.findBy(RegistrationWindow, { cohortId: id })) assertWindowBeforeIssue(w.opensOn, w.closesOn, cohort.portfolioIssueDate);
      }
      await manager.save(cohort);
      if (before.submissionDeadline !== cohort.submissionDeadline) {
        await manager.update(Participant, { cohortId: id, deadline: before.submissionDeadline }, { deadline: cohort.submissionDeadline });
      }
      const after = { name: cohort.name, portfolioIssueDate: cohort.portfolioIssueDate, submissionDeadline: cohort.submissionDeadline, provisionalResultsDate: cohort.provisionalResultsDate };
      return { result: cohort, audit: { action: 'cohort.update', targetType: 'cohort', targetId: id, detail: { from: before, to: after } } };
    });
  }

  /** DEC-S1: staff replace a cohort's portfolio sections; participants already issued keep the list they were given. */
  async setPortfolioSections(viewer: Viewer, cohortId: string, sections: PortfolioSectionInput[]): Promise<CohortPortfolioSection[]> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const list = normaliseSections(sections);
    return this.uow.run(viewer, async (manager) => {
      const cohort = await manager.findOne(Cohort, { where: { id: cohortId }, lock: { mode: 'pessimistic_write' } });
      if (!cohort) throw notFound('Cohort');
      const before = (await manager.find(CohortPortfolioSection, { where: { cohortId }, order: { position: 'ASC' } })).map((s) => s.key);
      await manager.delete(CohortPortfolioSection, { cohortId });
      const rows = await this.writeSections(manager, cohortId, list);
      return { result: rows, audit: { action: 'cohort.setPortfolioSections', targetType: 'cohort', targetId: cohortId, detail: { from: before, to: list.map((s) => s.key) } } };
    });
  }

  /** DEC-S1: a cohort's current list of portfolio sections, in order (public, like the cohort's dates). */
  async portfolioSections(cohortId: string): Promise<CohortPortfolioSection[]> {
    return this.dataSource.getRepository(CohortPortfolioSection).find({ where: { cohortId }, order: { position: 'ASC' } });
  }

  /** DEC-S1: the lists of many cohorts in one query (for the per-request loader). */
  async portfolioSectionsByCohortIds(ids: readonly string[]): Promise<Map<string, CohortPortfolioSection[]>> {
    const rows = await this.dataSource.getRepository(CohortPortfolioSection).find({ where: { cohortId: In([...ids]) }, order: { position: 'ASC' } });
    const byCohort = new Map<string, CohortPortfolioSection[]>();
    for (const row of rows) byCohort.set(row.cohortId, [...(byCohort.get(row.cohortId) ?? []), row]);
    return byCohort;
  }

  /** ATS-10: a window feeding a cohort; a cohort may have several, which must not overlap. */
  async createWindow(viewer: Viewer, input: CreateWindowInput): Promise<RegistrationWindow> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const cohort = await manager.findOne(Cohort, { where: { id: input.cohortId }, lock: { mode: 'pessimistic_write' } });
      if (!cohort) throw notFound('Cohort');
      assertWindowBeforeIssue(input.opensOn, input.closesOn, cohort.portfolioIssueDate);
      await this.assertNoOverlap(manager, cohort.id, input.opensOn, input.closesOn, null);
      const window = manager.create(RegistrationWindow, { ...input, createdAt: this.clock.now() });
      await manager.save(window);
      return { result: window, audit: { action: 'registrationWindow.create', targetType: 'registration_window', targetId: window.id, detail: { cohortId: cohort.id } } };
    });
  }

  /**
   * DEC-E1: staff correct a window's dates before they matter: only before its cohort's portfolio issue date, still
   * closing before that date (ATS-10), not overlapping another window of the cohort, and never so as to exclude a
   * registration already taken through it (it must still fall inside the window). Audited (from, to).
   */
  async updateWindow(viewer: Viewer, id: string, input: UpdateWindowInput): Promise<RegistrationWindow> {
    requireRole(viewer, PROGRAMME_STAFF_ROLES);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const window = await manager.findOne(RegistrationWindow, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!window) throw notFound('Registration window');
      const cohort = await manager.findOneByOrFail(Cohort, { id: window.cohortId });
      assertSetUpStillEditable(cohort.portfolioIssueDate, today, 'window');
      const before = { opensOn: window.opensOn, closesOn: window.closesOn };
      if (input.opensOn) window.opensOn = input.opensOn;
      if (input.closesOn) window.closesOn = input.closesOn;
      assertWindowBeforeIssue(window.opensOn, window.closesOn, cohort.portfolioIssueDate);
      await this.assertNoOverlap(manager, cohort.id, window.opensOn, window.closesOn, window.id);
      const [range] = await manager.query(
        `SELECT min(registration_date)::text AS first, max(registration_date)::text AS last FROM participant WHERE registration_window_id = $1`,
        [id],
      );
      if (range?.first && (isAfter(window.opensOn, range.first) || isBefore(window.closesOn, range.last))) {
        throw ruleViolation('DEC-E1', `Registrations were taken through this window from ${range.first} to ${range.last}; its dates must still include them`);
      }
      await manager.save(window);
      return { result: window, audit: { action: 'registrationWindow.update', targetType: 'registration_window', targetId: id, detail: { from: before, to: { opensOn: window.opensOn, closesOn: window.closesOn } } } };
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

  /** ATS-26, DEC-W1: the first cohort whose submission deadline comes after `after`. */
  async nextCohortAfter(manager: EntityManager, after: LocalDate): Promise<Cohort | null> {
    return manager.findOne(Cohort, { where: { submissionDeadline: MoreThan(after) }, order: { submissionDeadline: 'ASC' } });
  }

  private async writeSections(manager: EntityManager, cohortId: string, sections: PortfolioSectionInput[]): Promise<CohortPortfolioSection[]> {
    const rows = sections.map((s, position) => manager.create(CohortPortfolioSection, { cohortId, key: s.key, title: s.title, position }));
    await manager.save(rows);
    return rows;
  }

  private async assertNoOverlap(manager: EntityManager, cohortId: string, opensOn: LocalDate, closesOn: LocalDate, exceptId: string | null): Promise<void> {
    const others = (await manager.findBy(RegistrationWindow, { cohortId })).filter((w) => w.id !== exceptId);
    const clash = others.find((w) => !isAfter(w.opensOn, closesOn) && !isBefore(w.closesOn, opensOn));
    if (clash) throw conflict(`This cohort already has a registration window from ${clash.opensOn} to ${clash.closesOn}; windows of one cohort must not overlap`, 'ATS-10');
  }
}

/** DEC-S1: keys are upper-case identifiers, unique within the list; titles are trimmed; at least one section. */
export function normaliseSections(sections: readonly PortfolioSectionInput[]): PortfolioSectionInput[] {
  if (sections.length === 0) throw badInput('portfolioSections', 'A portfolio needs at least one section (DEC-S1)');
  const list = sections.map((s) => ({ key: s.key.trim().toUpperCase(), title: s.title.trim() }));
  for (const s of list) {
    if (!/^[A-Z][A-Z0-9_]{0,39}$/.test(s.key)) throw badInput('portfolioSections', `Section key "${s.key}" must be letters, digits and underscores (up to 40)`);
    if (!s.title) throw badInput('portfolioSections', `Section ${s.key} needs a title`);
  }
  if (new Set(list.map((s) => s.key)).size !== list.length) throw badInput('portfolioSections', 'Each section key may appear once');
  return list;
}
