import { Cohort } from './cohort.entity';
import { Participant } from './participant.entity';
import { RegistrationWindow } from './registration-window.entity';

export const programmeEntities = [Cohort, RegistrationWindow, Participant];
