import DataLoader from 'dataloader';
import type { AtsAward, AtsViva } from '../domain/ats/award/award.entities';
import type { AtsObjection, AtsOutcome, AtsResubmission } from '../domain/ats/results/results.entities';
import type { Services } from '../domain/services';

/** Per-request loaders for the results and award fields of a participation (issue 9): one batch per field per request. */
export function createAtsResultLoaders(services: Services) {
  const results = services.atsResults.results;
  const award = services.atsAward.award;
  const many = <T>(load: (ids: readonly string[]) => Promise<Map<string, T[]>>) =>
    new DataLoader<string, T[]>(async (ids) => {
      const found = await load(ids);
      return ids.map((id) => found.get(id) ?? []);
    });
  const one = <T>(load: (ids: readonly string[]) => Promise<Map<string, T>>) =>
    new DataLoader<string, T | null>(async (ids) => {
      const found = await load(ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  return {
    outcomesByParticipant: many<AtsOutcome>((ids) => results.outcomesByParticipantIds(ids)),
    resubmissionByParticipant: one<AtsResubmission>((ids) => results.resubmissionsByParticipantIds(ids)),
    objectionsByParticipant: many<AtsObjection>((ids) => results.objectionsByParticipantIds(ids)),
    vivasByParticipant: many<AtsViva>((ids) => award.vivasByParticipantIds(ids)),
    awardByParticipant: one<AtsAward>((ids) => award.awardsByParticipantIds(ids)),
  };
}
