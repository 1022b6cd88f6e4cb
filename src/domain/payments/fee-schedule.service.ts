import { LessThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import type { AttemptKind } from '../ats/programme/programme.enums';
import type { Clock } from '../shared/clock';
import { londonToday, type LocalDate } from '../shared/dates';
import { conflict } from '../shared/errors';
import type { Pence } from '../shared/money';
import type { UnitOfWork } from '../shared/unit-of-work';
import { requireRole, Role, type Viewer } from '../shared/viewer';
import { ProgrammeFee } from './programme-fee.entity';
import { assertFeeAmount, assertPublicationNotBackdated, chargeForAttempt, feeInForce } from './payments.rules';

export interface PublishFeeInput {
  amountPence: Pence;
  publishedOn: LocalDate;
}

/** ATS-14: who publishes a new programme fee. */
export const FEE_PUBLISHER_ROLES = [Role.FINANCE, Role.ADMIN];

/** ATS-14: the programme fee schedule; ATS-32..35, 47, 48: the restart fee. */
export class FeeScheduleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
  ) {}

  /** ATS-14: the fee in pence for a registration on `registrationDate` (NEW) or the £50 restart fee (RESTART). */
  async feeFor(manager: EntityManager, registrationDate: LocalDate, attemptKind: AttemptKind): Promise<number> {
    // Fees change about once a year, so every candidate is read and the month rule (with its month-end clamping)
    // is applied in one place, rather than inverted into SQL.
    const candidates = await manager.find(ProgrammeFee, { where: { publishedOn: LessThanOrEqual(registrationDate) }, order: { publishedOn: 'DESC' } });
    return chargeForAttempt(attemptKind, feeInForce(candidates, registrationDate), registrationDate);
  }

  /** The same as `feeFor`, outside any transaction: what a registration on that date would be charged. */
  quote(registrationDate: LocalDate, attemptKind: AttemptKind): Promise<number> {
    return this.feeFor(this.dataSource.manager, registrationDate, attemptKind);
  }

  /** Every published fee, newest first. */
  list(): Promise<ProgrammeFee[]> {
    return this.dataSource.getRepository(ProgrammeFee).find({ order: { publishedOn: 'DESC' } });
  }

  /** ATS-14: FINANCE or ADMIN publish a new fee; it applies to registrations from one month after `publishedOn`. */
  async publish(viewer: Viewer, input: PublishFeeInput): Promise<ProgrammeFee> {
    requireRole(viewer, FEE_PUBLISHER_ROLES, 'ATS-14');
    const amountPence = assertFeeAmount(input.amountPence);
    assertPublicationNotBackdated(input.publishedOn, londonToday(this.clock));
    return this.uow.run(viewer, async (manager) => {
      if (await manager.existsBy(ProgrammeFee, { publishedOn: input.publishedOn })) {
        throw conflict(`A fee was already published on ${input.publishedOn}`, 'ATS-14');
      }
      const fee = manager.create(ProgrammeFee, { amountPence, publishedOn: input.publishedOn, recordedAt: this.clock.now(), recordedBy: viewer.subject });
      await manager.save(fee);
      return { result: fee, audit: { action: 'programmeFee.publish', targetType: 'programme_fee', targetId: fee.id, detail: { amountPence, publishedOn: input.publishedOn } } };
    });
  }
}
