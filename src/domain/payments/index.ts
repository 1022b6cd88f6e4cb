import type { AreaDeps, AreaSweeps } from '../area';
import { FeeScheduleService } from './fee-schedule.service';
import { PaymentAccountService } from './payment-account.service';
import { PaymentService } from './payment.service';

/** Builds the fees and payments area (ATS-14..17, 20, 32..35, 47, 48; DEC-P1, DEC-P2). */
export function createPaymentArea(deps: AreaDeps) {
  const fees = new FeeScheduleService(deps.dataSource, deps.clock, deps.uow);
  const accounts = new PaymentAccountService(deps.dataSource, deps.clock, deps.uow, deps.audit, deps.notifications);
  const payments = new PaymentService(deps.dataSource, deps.clock, deps.uow, deps.notifications, accounts);
  const sweeps: AreaSweeps['sweeps'] = [{ name: 'payments.overdueReminders', run: (viewer) => accounts.remindOverdueBalances(viewer) }];
  return { fees, accounts, payments, sweeps };
}

export type PaymentArea = ReturnType<typeof createPaymentArea>;
