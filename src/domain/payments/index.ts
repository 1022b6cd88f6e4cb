import type { AreaDeps, AreaSweeps } from '../area';

/** Builds the fees and payments area (ATS-14..17, 20, 32..35, 47, 48; DEC-P1, DEC-P2). */
export function createPaymentArea(deps: AreaDeps) {
  void deps;
  return { sweeps: [] } satisfies AreaSweeps;
}

export type PaymentArea = ReturnType<typeof createPaymentArea>;
