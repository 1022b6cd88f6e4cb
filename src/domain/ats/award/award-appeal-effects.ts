import type { EntityManager } from 'typeorm';
import type { AwardAppealEffectContext, AwardAppealEffects } from '../../conduct/award-appeal.ports';
import type { AwardService } from './award.service';

/** COP-7: the conduct area's award-appeal port, carried out by the ATS award area in the appeal's own transaction. */
export class AtsAwardAppealEffects implements AwardAppealEffects {
  constructor(private readonly award: AwardService) {}

  async allowNewViva(participantId: string, manager: EntityManager, _context: AwardAppealEffectContext): Promise<string> {
    await this.award.applyAwardAppealIn(manager, participantId, 'NEW_VIVA');
    return 'ATS_AWARD_AREA';
  }

  async proceedToAward(participantId: string, manager: EntityManager, _context: AwardAppealEffectContext): Promise<string> {
    await this.award.applyAwardAppealIn(manager, participantId, 'AWARD');
    return 'ATS_AWARD_AREA';
  }
}
