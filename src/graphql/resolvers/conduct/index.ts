import { AwardAppealResolver } from './award-appeal.resolver';
import { ComplaintResolver } from './complaint.resolver';
import { ConductAppealResolver } from './conduct-appeal.resolver';
import { ConductCaseResolver } from './conduct-case.resolver';

export const conductResolvers = [ConductCaseResolver, ConductAppealResolver, ComplaintResolver, AwardAppealResolver];
