import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService, AuditTarget } from '../audit/audit.service';
import { conflict } from './errors';
import type { Viewer } from './viewer';

export interface WorkResult<T> {
  result: T;
  audit: AuditTarget;
}

/**
 * Every mutation runs here: one transaction that holds the change, its outbox notices and its audit entry.
 * Anything thrown rolls it all back, so a refused request changes nothing.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async run<T>(viewer: Viewer, work: (manager: EntityManager) => Promise<WorkResult<T>>): Promise<T> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        // A request that waits on a row another request holds gives up rather than queueing forever.
        await manager.query(`SET LOCAL lock_timeout = '5s'`);
        const { result, audit } = await work(manager);
        await this.audit.record(manager, viewer, audit);
        return result;
      });
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }
}

/** The rule a unique constraint states, so a race the database settles still names its rule (extend as constraints are added). */
export const CONSTRAINT_RULES: Record<string, string> = {
  UQ_participant_one_open_per_member: 'ATS-11',
  UQ_extension_request_one_pending: 'ATS-25',
  UQ_ats_application_one_undecided_per_member: 'ATS-7',
  UQ_cohort_portfolio_section_key: 'DEC-S1',
};

/** Races the database settles (unique keys, lock waits, serialization) become CONFLICT; anything else passes through. */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    if (code === '23505') {
      const constraint = (error.driverError as { constraint?: string } | undefined)?.constraint;
      return conflict('This record already exists or was changed by another request', constraint ? CONSTRAINT_RULES[constraint] : undefined);
    }
    if (code === '55P03' || code === '40001' || code === '40P01') return conflict('Another request changed this record at the same time; try again');
  }
  if (error && typeof error === 'object' && (error as { name?: string }).name === 'OptimisticLockVersionMismatchError') {
    return conflict('Another request changed this record at the same time; reload and try again');
  }
  return error;
}
