import { CardCheckout } from './card-checkout.entity';
import { Invoice } from './invoice.entity';
import { PaymentAccount } from './payment-account.entity';
import { Payment, PaymentAllocation } from './payment.entity';
import { ProgrammeFee } from './programme-fee.entity';
import { Refund } from './refund.entity';
import { ScheduleItem } from './schedule-item.entity';

/** Entities of the fees and payments area (ATS-14..17, 20, 32..35, 45, 47, 48; DEC-P1..P5). */
export const paymentEntities: Function[] = [ProgrammeFee, PaymentAccount, ScheduleItem, Invoice, Payment, PaymentAllocation, Refund, CardCheckout];
