import { OverdueBalanceResolver, OverdueItemResolver, ParticipantBalanceResolver } from './balance.resolver';
import { ProgrammeFeeResolver } from './fee.resolver';
import { PaymentResolver } from './payment.resolver';

/** Resolvers of the fees and payments area. */
export const paymentResolvers: Function[] = [ProgrammeFeeResolver, PaymentResolver, ParticipantBalanceResolver, OverdueBalanceResolver, OverdueItemResolver];
