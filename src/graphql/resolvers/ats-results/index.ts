import { AwardResolver, CertificateResolver, ParticipantAwardResolver } from '../ats-award/award.resolver';
import { DashboardResolver } from '../status/dashboard.resolver';
import { StatusResolver } from '../status/status.resolver';
import { ParticipantResultsResolver, ResultsResolver } from './results.resolver';

/** Resolvers of issue 9: results, VIVA and award, certificates, status records, re-accreditation, the dashboard. */
export const atsResultsResolvers: Function[] = [ResultsResolver, ParticipantResultsResolver, AwardResolver, CertificateResolver, ParticipantAwardResolver, StatusResolver, DashboardResolver];
