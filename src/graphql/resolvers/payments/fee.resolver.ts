import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { AttemptKind } from '../../../domain/ats/programme/programme.enums';
import type { ProgrammeFee } from '../../../domain/payments/programme-fee.entity';
import { feeAppliesFrom } from '../../../domain/payments/payments.rules';
import type { LocalDate } from '../../../domain/shared/dates';
import { Role } from '../../../domain/shared/viewer';
import { Allow, Public } from '../../access';
import type { Context } from '../../context';
import { LocalDateScalar } from '../../scalars';
import { ProgrammeFeeType, PublishProgrammeFeeInput } from '../../types/payments.types';

@Resolver(() => ProgrammeFeeType)
export class ProgrammeFeeResolver {
  @Query(() => [ProgrammeFeeType], { description: 'ATS-14: every published programme fee, newest first (the fee is public, as on the SET website). A plain list because it stays small: SET changes the fee about once a year.' })
  @Public()
  programmeFees(@Ctx() ctx: Context): Promise<ProgrammeFee[]> {
    return ctx.services.payments.fees.list();
  }

  @Query(() => Int, { description: 'ATS-14, ATS-35: the charge in pence for a registration on this date: the programme fee for NEW, £50 for a RESTART.' })
  @Public()
  programmeFeeFor(
    @Ctx() ctx: Context,
    @Arg('registrationDate', () => LocalDateScalar, { description: 'ATS-14: the London date of the registration.' }) registrationDate: LocalDate,
    @Arg('attemptKind', () => AttemptKind, { defaultValue: AttemptKind.NEW, description: 'ATS-35: NEW (the programme fee) or RESTART (£50).' }) attemptKind: AttemptKind,
  ): Promise<number> {
    return ctx.services.payments.fees.quote(registrationDate, attemptKind);
  }

  @Mutation(() => ProgrammeFeeType, { description: 'ATS-14: publishes a new programme fee; it applies to registrations from one month after its publication date.' })
  @Allow(Role.FINANCE, Role.ADMIN)
  publishProgrammeFee(@Ctx() ctx: Context, @Arg('input', () => PublishProgrammeFeeInput, { description: 'The new fee.' }) input: PublishProgrammeFeeInput): Promise<ProgrammeFee> {
    return ctx.services.payments.fees.publish(ctx.viewer, input);
  }

  @FieldResolver(() => LocalDateScalar, { description: 'ATS-14: the first registration date this fee applies to.' })
  appliesFrom(@Root() fee: ProgrammeFee): LocalDate {
    return feeAppliesFrom(fee.publishedOn);
  }
}
