import type { Participant } from '../domain/ats/programme/participant.entity';
import type { SubmissionReadiness } from '../domain/ats/programme/participant.service';
import DataLoader from 'dataloader';
import type { Services } from '../domain/services';
import type { AuditTarget } from '../domain/audit/audit.service';
import type { Member } from '../domain/membership/member.entity';
import type { Cohort } from '../domain/ats/programme/cohort.entity';
import type { CohortPortfolioSection } from '../domain/ats/programme/cohort-portfolio-section.entity';
import { CodeAcceptance } from '../domain/membership/code-acceptance.entity';
import { PortfolioSection } from '../domain/ats/programme/portfolio-section.entity';
import { ReasonableAdjustment } from '../domain/ats/programme/reasonable-adjustment.entity';
import { PortfolioAccessReport } from '../domain/ats/programme/portfolio-access-report.entity';
import { ExtensionRequest } from '../domain/ats/programme/extension-request.entity';
import { childrenByParent } from '../domain/shared/batch';
import { ANONYMOUS, type Viewer } from '../domain/shared/viewer';
import { createAtsResultLoaders } from './ats-loaders';

/** A loader of each parent's children in one statement per request and field. */
function childLoader<T extends object>(load: (ids: readonly string[]) => Promise<Map<string, T[]>>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? []);
  });
}

/**
 * Per-request loaders: one batch per field per request, no N+1 (test/api/n-plus-one.test.ts counts the statements).
 * `auditRead` is the per-request audit of staff reads (ATS-57): a target read through several aliases or nested fields
 * is recorded once per request, and all of a request's reads are written in one statement.
 */
export function createLoaders(services: Services, viewer?: Viewer) {
  const ds = services.dataSource;
  return {
    /** ATS-22: Participant.submissionReadiness for a whole page in a constant number of statements. */
    submissionReadiness: new DataLoader<Participant, SubmissionReadiness, string>(
      async (participants) => {
        const found = await services.programme.participants.readinessMany(viewer ?? ANONYMOUS, participants);
        return participants.map((p) => found.get(p.id)!);
      },
      { cacheKeyFn: (p) => p.id },
    ),
    member: new DataLoader<string, Member | null>(async (ids) => {
      const found = await services.members.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    cohort: new DataLoader<string, Cohort | null>(async (ids) => {
      const found = await services.programme.cohorts.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    cohortPortfolioSections: new DataLoader<string, CohortPortfolioSection[]>(async (ids) => {
      const found = await services.programme.cohorts.portfolioSectionsByCohortIds(ids);
      return ids.map((id) => found.get(id) ?? []);
    }),
    codeAcceptancesByMember: childLoader((ids) => childrenByParent(ds, CodeAcceptance, 'memberId', ids, { acceptedAt: 'DESC', id: 'ASC' })),
    sectionsByParticipant: childLoader((ids) => childrenByParent(ds, PortfolioSection, 'participantId', ids, { position: 'ASC', id: 'ASC' })),
    adjustmentsByParticipant: childLoader((ids) => childrenByParent(ds, ReasonableAdjustment, 'participantId', ids, { requestedAt: 'ASC', id: 'ASC' })),
    accessReportsByParticipant: childLoader((ids) => childrenByParent(ds, PortfolioAccessReport, 'participantId', ids, { reportedAt: 'ASC', id: 'ASC' })),
    extensionRequestsByParticipant: childLoader((ids) => childrenByParent(ds, ExtensionRequest, 'participantId', ids, { requestedAt: 'ASC', id: 'ASC' })),
    auditRead: new DataLoader<AuditTarget, true, string>(
      async (targets) => {
        if (viewer) await services.audit.recordReads(viewer, targets);
        return targets.map(() => true as const);
      },
      { cacheKeyFn: (t) => `${t.action}|${t.targetType}|${t.targetId ?? ''}` },
    ),
    ...createAtsResultLoaders(services),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
