import type { AreaDeps, AreaSweeps } from '../../area';

/** Builds the ATS applications area (ATS-1..8, ATS-52). */
export function createApplicationArea(deps: AreaDeps) {
  void deps;
  return { sweeps: [] } satisfies AreaSweeps;
}

export type ApplicationArea = ReturnType<typeof createApplicationArea>;
