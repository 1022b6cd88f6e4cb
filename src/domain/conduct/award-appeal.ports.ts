import type { EntityManager } from 'typeorm';

/**
 * COP-7: what an upheld award appeal lets the participant do next, applied inside the appeal decision's transaction.
 * The VIVA and award states live in the ATS results area; until it is wired in, the default implementation only
 * records the permission on the appeal (award_appeal.remedy), which that area can read.
 *
 * Each method returns a short label of who applied it, stored in award_appeal.remedy_applied_by.
 */
export interface AwardAppealEffects {
  /** ATS-37/38 (DEC-V1): the participant may have a new VIVA (a failed resubmission or a final VIVA not passed, overturned). */
  allowNewViva(participantId: string, manager: EntityManager, context: AwardAppealEffectContext): Promise<string>;
  /** ATS-40: the appeal finds the VIVA was passed: the participant proceeds to the award. */
  proceedToAward(participantId: string, manager: EntityManager, context: AwardAppealEffectContext): Promise<string>;
}

export interface AwardAppealEffectContext {
  appealId: string;
  decidedBy: string;
  decidedAt: Date;
}

/** The default port: the permission is the appeal's own `remedy` column; nothing else changes. */
export class RecordOnAppealEffects implements AwardAppealEffects {
  async allowNewViva(): Promise<string> {
    return 'RECORDED_ON_APPEAL';
  }

  async proceedToAward(): Promise<string> {
    return 'RECORDED_ON_APPEAL';
  }
}
