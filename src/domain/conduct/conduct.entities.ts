import { ConductAppeal } from './appeal.entity';
import { AwardAppeal } from './award-appeal.entity';
import { Complaint } from './complaint.entity';
import { ConductCase, ConductCaseNote, ConductConflict, ConductExternalContact } from './conduct-case.entity';
import { ConductPanel, ConductPanelSeat } from './panel.entity';
import { ConductSanction, ConductSanctionEffect } from './sanction.entity';

export const conductEntities = [
  ConductCase,
  ConductCaseNote,
  ConductExternalContact,
  ConductConflict,
  ConductPanel,
  ConductPanelSeat,
  ConductSanction,
  ConductSanctionEffect,
  ConductAppeal,
  Complaint,
  AwardAppeal,
];
