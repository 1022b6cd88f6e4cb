import { CharteredTeacherConferral } from './chartered-teacher-conferral.entity';
import { ProfessionalStatus } from './professional-status.entity';

export const registerEntities = [ProfessionalStatus, CharteredTeacherConferral];
