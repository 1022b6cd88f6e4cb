import type { AreaDeps, AreaSweeps } from '../../area';
import { AwardService, type AwardSettings } from './award.service';

export const DEFAULT_AWARD_SETTINGS: AwardSettings = {
  portfolioExportUrl: 'https://eportfolio.example.org/export',
  portfolioLinkSecret: 'development-only-portfolio-link-secret-0123456789',
  portfolioLinkTtlSeconds: 600,
};

/** Builds the ATS award area: VIVAs, the award, certificates, the portfolio download (ATS-37..43, 49, 53). */
export function createAwardArea(deps: AreaDeps, settings: Partial<AwardSettings> = {}) {
  const award = new AwardService(deps.dataSource, deps.clock, deps.uow, deps.audit, deps.notifications, { ...DEFAULT_AWARD_SETTINGS, ...settings });
  const area = { award, sweeps: [] } satisfies AreaSweeps & Record<string, unknown>;
  return area;
}

export type AwardArea = ReturnType<typeof createAwardArea>;
