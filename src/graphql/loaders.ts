import DataLoader from 'dataloader';
import type { Services } from '../domain/services';
import type { Member } from '../domain/membership/member.entity';
import type { Cohort } from '../domain/ats/programme/cohort.entity';
import { createAtsResultLoaders } from './ats-loaders';

/** Per-request loaders: one batch per field per request, no N+1. */
export function createLoaders(services: Services) {
  return {
    member: new DataLoader<string, Member | null>(async (ids) => {
      const found = await services.members.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    cohort: new DataLoader<string, Cohort | null>(async (ids) => {
      const found = await services.programme.cohorts.byIds(ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    ...createAtsResultLoaders(services),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
