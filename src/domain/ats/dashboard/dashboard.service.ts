import { In, IsNull, type DataSource } from 'typeorm';
import { Member } from '../../membership/member.entity';
import type { BalanceView, PaymentAccountService } from '../../payments/payment-account.service';
import type { StatusService, StatusView } from '../../register/status/status.service';
import type { Clock } from '../../shared/clock';
import { londonDateOf, type LocalDate } from '../../shared/dates';
import { notFound, type Violation } from '../../shared/errors';
import { requireMemberId, type Viewer } from '../../shared/viewer';
import { AtsAward, AtsCertificate, AtsViva } from '../award/award.entities';
import { Cohort } from '../programme/cohort.entity';
import { Participant } from '../programme/participant.entity';
import type { ParticipantService } from '../programme/participant.service';
import { ParticipantStatus } from '../programme/programme.enums';
import { AtsOutcome } from '../results/results.entities';
import { SubmissionRound } from '../results/results.enums';

export enum DeadlineKind {
  SUBMISSION = 'SUBMISSION',
  RESUBMISSION = 'RESUBMISSION',
  VIVA = 'VIVA',
  REACCREDITATION = 'REACCREDITATION',
}

export interface Dashboard {
  member: Member;
  currentParticipation: Participant | null;
  currentCohort: Cohort | null;
  nextDeadline: LocalDate | null;
  nextDeadlineKind: DeadlineKind | null;
  /** ATS-22: what still blocks (re)submission; empty when ready or when nothing is to be submitted. */
  submissionBlockers: Violation[];
  balance: BalanceView | null;
  /** DEC-O1: released outcomes only, newest first. */
  releasedResults: AtsOutcome[];
  viva: AtsViva | null;
  statuses: StatusView[];
  awards: AtsAward[];
  certificates: AtsCertificate[];
}

export interface DashboardDeps {
  participants: ParticipantService;
  accounts: PaymentAccountService;
  statuses: StatusService;
}

const SUBMITTABLE = [ParticipantStatus.PORTFOLIO_ISSUED, ParticipantStatus.CRITERIA_NOT_MET];

/**
 * The member's home page in one query: a fixed set of SQL statements whatever the member's history (each list is
 * loaded once for all participations with `IN (...)`; only the current participation's balance and readiness are read).
 */
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly deps: DashboardDeps,
  ) {}

  async myDashboard(viewer: Viewer): Promise<Dashboard> {
    const memberId = requireMemberId(viewer);
    const repo = <T extends object>(e: new () => T) => this.dataSource.getRepository(e);
    const member = await repo(Member).findOneBy({ id: memberId });
    if (!member) throw notFound('Member');
    const participations = await repo(Participant).find({ where: { memberId }, order: { registeredAt: 'DESC' } });
    const ids = participations.map((p) => p.id);
    const current = participations[0] ?? null;
    const [cohort, outcomes, vivas, statuses, awards, certificates] = [
      current ? await repo(Cohort).findOneBy({ id: current.cohortId }) : null,
      ids.length ? await repo(AtsOutcome).find({ where: { participantId: In(ids), supersededAt: IsNull() }, order: { releasedAt: 'DESC' } }) : [],
      current ? await repo(AtsViva).find({ where: { participantId: current.id, voidedAt: IsNull() }, order: { attemptNumber: 'DESC' }, take: 1 }) : [],
      await this.deps.statuses.statusesOf(viewer, memberId),
      await repo(AtsAward).find({ where: { memberId }, order: { awardedOn: 'DESC' } }),
      await repo(AtsCertificate).find({ where: { memberId }, order: { issuedAt: 'ASC' } }),
    ];
    const released = outcomes.filter((o) => o.releasedAt !== null);
    const viva = vivas[0] ?? null;
    let balance: BalanceView | null = null;
    let submissionBlockers: Violation[] = [];
    if (current) {
      balance = await this.deps.accounts.balance(viewer, current.id).catch(() => null);
      if (SUBMITTABLE.includes(current.status)) submissionBlockers = (await this.deps.participants.readiness(viewer, current.id)).violations;
    }
    const { date, kind } = this.nextDeadline(current, released, viva, statuses);
    return { member, currentParticipation: current, currentCohort: cohort, nextDeadline: date, nextDeadlineKind: kind, submissionBlockers, balance, releasedResults: released, viva, statuses, awards, certificates };
  }

  private nextDeadline(p: Participant | null, released: AtsOutcome[], viva: AtsViva | null, statuses: StatusView[]): { date: LocalDate | null; kind: DeadlineKind | null } {
    if (p && (p.status === ParticipantStatus.REGISTERED || p.status === ParticipantStatus.PORTFOLIO_ISSUED)) return { date: p.deadline, kind: DeadlineKind.SUBMISSION };
    if (p?.status === ParticipantStatus.CRITERIA_NOT_MET) {
      const o = released.find((r) => r.participantId === p.id && r.round === SubmissionRound.FIRST);
      return { date: o?.resubmissionDeadline ?? null, kind: DeadlineKind.RESUBMISSION };
    }
    if (p?.status === ParticipantStatus.VIVA_SCHEDULED && viva) return { date: londonDateOf(viva.scheduledAt), kind: DeadlineKind.VIVA };
    const due = statuses.map((s) => s.status.reaccreditationDueOn).filter((d): d is string => !!d).sort()[0];
    return due ? { date: due, kind: DeadlineKind.REACCREDITATION } : { date: null, kind: null };
  }
}

export function createDashboardService(dataSource: DataSource, clock: Clock, deps: DashboardDeps): DashboardService {
  return new DashboardService(dataSource, clock, deps);
}
