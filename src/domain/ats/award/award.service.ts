import { randomBytes } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../../audit/audit.service';
import type { NotificationService } from '../../notifications/notification.service';
import { Member } from '../../membership/member.entity';
import { CharteredTeacherConferral } from '../../register/chartered-teacher-conferral.entity';
import { isListedOnRegister } from '../../register/listing';
import { ProfessionalStatus } from '../../register/professional-status.entity';
import { StatusTitle } from '../../register/register.enums';
import type { Clock } from '../../shared/clock';
import { londonInstant, londonToday, type LocalDate } from '../../shared/dates';
import { badInput, conflict, DomainError, notFound } from '../../shared/errors';
import { pageByInstant, type Page, type PageRequest } from '../../shared/pagination';
import type { UnitOfWork } from '../../shared/unit-of-work';
import { Role, requireMemberId, requireNotOwnCase, requireRole, requireSelfOrRole, type Viewer } from '../../shared/viewer';
import { lockParticipant, type LockedParticipant } from '../programme/participant-access';
import { assertTransition } from '../programme/participant-state';
import { Participant } from '../programme/participant.entity';
import { ParticipantStatus } from '../programme/programme.enums';
import { groupBy } from '../../shared/batch';
import { ASSESSOR_ROLES, RESULTS_STAFF_ROLES } from '../results/results.service';
import { AtsAward, AtsCertificate, AtsViva } from './award.entities';
import { VivaOutcome } from './award.enums';
import { awarded, graduationInvitation, notAwarded, reVivaRequired, vivaScheduled } from './award.notices';
import {
  assertCertificateAvailable,
  assertMayDownloadPortfolio,
  assertMayScheduleViva,
  assertVivaOutcomeInput,
  conferralShareBy,
  formalDocumentsDueOn,
  reaccreditationDueOn,
  signPortfolioLink,
} from './award.rules';
import { renderCertificatePdf } from './certificate-pdf';

export interface VivaSlotInput {
  date: LocalDate;
  /** London time, HH:MM. */
  time: string;
  meetingLink: string;
}

export interface AwardSettings {
  /** ATS-53: the ePortfolio platform's export URL the signed link points at. */
  /** Null: downloads are not configured on this server (production without the platform's URL and secret). */
  portfolioExportUrl: string | null;
  portfolioLinkSecret: string | null;
  portfolioLinkTtlSeconds: number;
}

export interface CertificateVerification {
  genuine: boolean;
  title: string | null;
  current: boolean | null;
}

/** Staff who record that formal documents were sent (ATS-42). */
export const DOCUMENT_STAFF_ROLES = [Role.PROFESSIONAL_STATUS_TEAM, Role.MEMBERSHIP_TEAM, Role.ADMIN];

/** ATS-37..43, 49, 53, DEC-V1, DEC-C1: VIVAs, the award, certificates and the portfolio download. */
export class AwardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly notifications: NotificationService,
    private readonly settings: AwardSettings,
  ) {}

  /** ATS-37, ATS-38, DEC-V1: schedules the VIVA (or the one re-VIVA) and emails the participant. A third is refused. */
  async scheduleViva(viewer: Viewer, participantId: string, slot: VivaSlotInput): Promise<AtsViva> {
    requireRole(viewer, ASSESSOR_ROLES);
    const scheduledAt = vivaInstant(slot);
    return this.uow.run(viewer, async (manager) => {
      const { participant, member } = await this.lockForStaff(manager, viewer, participantId);
      const held = await manager.countBy(AtsViva, { participantId, voidedAt: IsNull() });
      assertMayScheduleViva(held);
      if (participant.status === ParticipantStatus.VIVA_SCHEDULED) throw conflict('A VIVA is already scheduled: reschedule it instead', 'DEC-V1');
      assertTransition(participant.status, ParticipantStatus.VIVA_SCHEDULED);
      participant.status = ParticipantStatus.VIVA_SCHEDULED;
      await manager.save(participant);
      const viva = manager.create(AtsViva, {
        participantId,
        attemptNumber: held + 1,
        scheduledAt,
        meetingLink: slot.meetingLink.trim(),
        rescheduleCount: 0,
        outcome: null,
        furtherInformationNeeded: null,
        reasons: null,
        outcomeRecordedAt: null,
        outcomeRecordedBy: null,
        voidedAt: null,
        createdAt: this.clock.now(),
      });
      await manager.save(viva);
      await this.notifications.enqueue(manager, vivaScheduled(member, `${slot.date} ${slot.time}`, viva.meetingLink, false, viva.attemptNumber));
      return { result: viva, audit: { action: 'viva.schedule', targetType: 'participant', targetId: participantId, detail: { attemptNumber: viva.attemptNumber } } };
    });
  }

  /** DEC-V1: staff move a VIVA that has no outcome yet; the participant is emailed again. */
  async rescheduleViva(viewer: Viewer, vivaId: string, slot: VivaSlotInput): Promise<AtsViva> {
    requireRole(viewer, ASSESSOR_ROLES);
    const scheduledAt = vivaInstant(slot);
    return this.uow.run(viewer, async (manager) => {
      const viva = await this.findViva(manager, vivaId);
      const { member } = await this.lockForStaff(manager, viewer, viva.participantId);
      if (viva.outcome || viva.voidedAt) throw conflict('This VIVA has already taken place', 'DEC-V1');
      viva.scheduledAt = scheduledAt;
      viva.meetingLink = slot.meetingLink.trim();
      viva.rescheduleCount += 1;
      await manager.save(viva);
      await this.notifications.enqueue(manager, vivaScheduled(member, `${slot.date} ${slot.time}`, viva.meetingLink, true, viva.attemptNumber));
      return { result: viva, audit: { action: 'viva.reschedule', targetType: 'participant', targetId: viva.participantId } };
    });
  }

  /**
   * DEC-V1: the VIVA's outcome. PASSED awards ATS at once (ATS-40): portfolio and VIVA both passed. RE_VIVA_REQUIRED
   * (first VIVA only, ATS-38) opens the one re-VIVA. NOT_PASSED ends the attempt as not awarded, with reasons.
   */
  async recordVivaOutcome(viewer: Viewer, vivaId: string, outcome: VivaOutcome, furtherInformationNeeded?: string | null, reasons?: string | null): Promise<AtsViva> {
    requireRole(viewer, ASSESSOR_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const viva = await this.findViva(manager, vivaId);
      const locked = await this.lockForStaff(manager, viewer, viva.participantId);
      const { participant, member } = locked;
      if (viva.outcome || viva.voidedAt || participant.status !== ParticipantStatus.VIVA_SCHEDULED) throw conflict('This VIVA already has an outcome', 'DEC-V1');
      assertVivaOutcomeInput(viva.attemptNumber, outcome, furtherInformationNeeded, reasons);
      viva.outcome = outcome;
      viva.furtherInformationNeeded = outcome === VivaOutcome.RE_VIVA_REQUIRED ? furtherInformationNeeded!.trim() : null;
      viva.reasons = reasons?.trim() || null;
      viva.outcomeRecordedAt = this.clock.now();
      viva.outcomeRecordedBy = viewer.subject;
      await manager.save(viva);
      if (outcome === VivaOutcome.PASSED) {
        await this.award(manager, locked);
      } else if (outcome === VivaOutcome.RE_VIVA_REQUIRED) {
        this.move(participant, ParticipantStatus.RE_VIVA_REQUIRED);
        await manager.save(participant);
        await this.notifications.enqueue(manager, reVivaRequired(member, viva.furtherInformationNeeded!));
      } else {
        this.move(participant, ParticipantStatus.NOT_AWARDED);
        await manager.save(participant);
        await this.notifications.enqueue(manager, notAwarded(member, viva.reasons!));
      }
      return { result: viva, audit: { action: 'viva.recordOutcome', targetType: 'participant', targetId: participant.id, detail: { outcome, attemptNumber: viva.attemptNumber } } };
    });
  }

  /**
   * ATS-40, 41, 43, 49, 50: the award, in the caller's transaction: the professional status row (award date, due date
   * award + 3 years), the Chartered Teacher conferral (share by award + 42 days) with the graduation invitation, the
   * award record (formal documents due in 56 days) and the award email.
   */
  private async award(manager: EntityManager, { participant, member }: LockedParticipant): Promise<void> {
    const today = londonToday(this.clock);
    const now = this.clock.now();
    this.move(participant, ParticipantStatus.AWARDED);
    await manager.save(participant);
    const dueOn = reaccreditationDueOn(today);
    // Unique per (member, title): a member awarded ATS again (after an earlier award) keeps one row, renewed.
    let status = await manager.findOne(ProfessionalStatus, { where: { memberId: member.id, title: StatusTitle.ATS }, lock: { mode: 'pessimistic_write' } });
    const optOut = (await manager.findOne(ProfessionalStatus, { where: { memberId: member.id }, select: { id: true, registerOptOut: true } }))?.registerOptOut ?? false;
    if (status) {
      Object.assign(status, { awardedOn: today, reaccreditationDueOn: dueOn, participantId: participant.id, updatedAt: now });
      await manager.save(status);
    } else {
      status = manager.create(ProfessionalStatus, {
        memberId: member.id,
        title: StatusTitle.ATS,
        awardedOn: today,
        reaccreditationDueOn: dueOn,
        participantId: participant.id,
        suspendedOn: null,
        suspensionEndsOn: null,
        removedOn: null,
        registerOptOut: optOut,
        createdAt: now,
        updatedAt: now,
      });
      await manager.save(status);
    }
    if (!(await manager.existsBy(CharteredTeacherConferral, { professionalStatusId: status.id }))) {
      // A plain insert naming its columns: the register area adds a feed cursor column with a database default.
      await manager.insert(CharteredTeacherConferral, {
        memberId: member.id,
        professionalStatusId: status.id,
        atsAwardedOn: today,
        conferredOn: today,
        shareBy: conferralShareBy(today),
        graduationInvitedAt: now,
        acknowledgedAt: null,
        createdAt: now,
      });
      await this.notifications.enqueue(manager, { ...graduationInvitation(member), dedupeKey: `graduation-invitation:${status.id}` });
    }
    await manager.insert(AtsAward, {
      participantId: participant.id,
      memberId: member.id,
      professionalStatusId: status.id,
      awardedOn: today,
      formalDocumentsDueOn: formalDocumentsDueOn(today),
      formalDocumentsSentOn: null,
      createdAt: now,
    });
    await this.notifications.enqueue(manager, awarded(member, today, dueOn));
  }

  /**
   * COP-7, for the conduct area (award appeals): an upheld appeal against NOT_AWARDED voids the last VIVA's outcome and
   * lets staff schedule a new VIVA (participant back to RE_VIVA_REQUIRED). Refused while the member has another open
   * participation.
   */
  async allowNewViva(viewer: Viewer, participantId: string, reason: string): Promise<Participant> {
    requireRole(viewer, [Role.CONDUCT_PANEL, ...ASSESSOR_ROLES]);
    if (!reason.trim()) throw badInput('reason', 'Give the reason (COP-7)');
    return this.uow.run(viewer, async (manager) => {
      const { participant } = await this.lockForStaff(manager, viewer, participantId, [Role.CONDUCT_PANEL, ...ASSESSOR_ROLES]);
      assertTransition(participant.status, ParticipantStatus.RE_VIVA_REQUIRED);
      const last = await manager.findOne(AtsViva, { where: { participantId, voidedAt: IsNull() }, order: { attemptNumber: 'DESC' } });
      if (last) await manager.update(AtsViva, { id: last.id }, { voidedAt: this.clock.now() });
      participant.status = ParticipantStatus.RE_VIVA_REQUIRED;
      await manager.save(participant);
      return { result: participant, audit: { action: 'viva.allowNew', targetType: 'participant', targetId: participantId, detail: { reason: reason.trim() } } };
    });
  }

  /**
   * COP-7: an upheld award appeal, applied inside the appeal decision's transaction (the conduct area's
   * AwardAppealEffects port). NEW_VIVA: a final VIVA not passed gets the one new VIVA (the last one is voided); a failed
   * resubmission overturned means the portfolio passed, so the participant is provisionally awarded and a VIVA follows
   * (ATS-37). AWARD: the appeal finds the VIVA was passed, so ATS is awarded now (ATS-40), with everything an award writes.
   */
  async applyAwardAppealIn(manager: EntityManager, participantId: string, remedy: 'NEW_VIVA' | 'AWARD'): Promise<void> {
    const participant = await manager.findOne(Participant, { where: { id: participantId }, lock: { mode: 'pessimistic_write' } });
    if (!participant) throw notFound('Participant');
    if (remedy === 'AWARD') {
      const member = await manager.findOneByOrFail(Member, { id: participant.memberId });
      await this.award(manager, { participant, member } as LockedParticipant);
      return;
    }
    if (participant.status === ParticipantStatus.RESTART_REQUIRED) {
      this.move(participant, ParticipantStatus.PROVISIONALLY_AWARDED);
    } else {
      this.move(participant, ParticipantStatus.RE_VIVA_REQUIRED);
      const last = await manager.findOne(AtsViva, { where: { participantId, voidedAt: IsNull() }, order: { attemptNumber: 'DESC' } });
      if (last) await manager.update(AtsViva, { id: last.id }, { voidedAt: this.clock.now() });
    }
    await manager.save(participant);
  }

  /** ATS-39, ATS-57: VIVA records are for the participant and results staff only. */
  assertMayReadVivas(viewer: Viewer, participant: Participant): void {
    requireSelfOrRole(viewer, participant.memberId, RESULTS_STAFF_ROLES);
  }

  /** Batch reads for DataLoaders. */
  async vivasByParticipantIds(ids: readonly string[]): Promise<Map<string, AtsViva[]>> {
    const rows = await this.dataSource.getRepository(AtsViva).find({ where: { participantId: In([...ids]) }, order: { createdAt: 'ASC' } });
    return groupBy(rows, (r) => r.participantId);
  }

  async awardsByParticipantIds(ids: readonly string[]): Promise<Map<string, AtsAward>> {
    const rows = await this.dataSource.getRepository(AtsAward).findBy({ participantId: In([...ids]) });
    return new Map(rows.map((r) => [r.participantId, r]));
  }

  // ---------------------------------------------------------------- certificates (ATS-42, DEC-C1)

  /**
   * ATS-42, DEC-C1: the holder's digital certificate for an award, from the award date. Made once and stored; asking
   * again returns the same document.
   */
  async requestCertificate(viewer: Viewer, awardId: string): Promise<AtsCertificate> {
    const memberId = requireMemberId(viewer);
    const today = londonToday(this.clock);
    return this.uow.run(viewer, async (manager) => {
      const award = await manager.findOne(AtsAward, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
      if (!award || award.memberId !== memberId) throw notFound('Award');
      const existing = await manager.findOneBy(AtsCertificate, { awardId });
      if (existing) return { result: existing, audit: { action: 'certificate.requestAgain', targetType: 'certificate', targetId: existing.id } };
      assertCertificateAvailable(award.awardedOn, today);
      const member = await manager.findOneByOrFail(Member, { id: memberId });
      const content = {
        holderName: `${member.givenName} ${member.familyName}`,
        membershipNumber: member.membershipNumber,
        title: StatusTitle.ATS,
        awardedOn: award.awardedOn,
        verificationCode: newVerificationCode(),
      };
      const pdf = await renderCertificatePdf(content);
      const certificate = manager.create(AtsCertificate, { awardId, professionalStatusId: award.professionalStatusId, memberId, ...content, pdf, issuedAt: this.clock.now() });
      await manager.save(certificate);
      return { result: certificate, audit: { action: 'certificate.issue', targetType: 'certificate', targetId: certificate.id } };
    });
  }

  /** The stored PDF of a certificate: its holder, or staff (audited). */
  async certificatePdf(viewer: Viewer, certificateId: string): Promise<Buffer> {
    const row = await this.dataSource.getRepository(AtsCertificate).createQueryBuilder('c').addSelect('c.pdf').where('c.id = :id', { id: certificateId }).getOne();
    if (!row) throw notFound('Certificate');
    await this.audit.authorizeRead(viewer, row.memberId, DOCUMENT_STAFF_ROLES, { action: 'certificate.read', targetType: 'certificate', targetId: certificateId });
    return row.pdf;
  }

  async certificatesOfMember(viewer: Viewer, memberId: string): Promise<AtsCertificate[]> {
    requireSelfOrRole(viewer, memberId, DOCUMENT_STAFF_ROLES);
    return this.dataSource.getRepository(AtsCertificate).find({ where: { memberId }, order: { issuedAt: 'ASC' } });
  }

  /**
   * DEC-C1: public check of a verification code: whether it is genuine, the title, and whether that status is
   * currently listed on the register. Nothing else about the holder.
   */
  async verifyCertificate(code: string): Promise<CertificateVerification> {
    const trimmed = code.trim();
    if (!/^[A-Z0-9-]{8,40}$/i.test(trimmed)) return { genuine: false, title: null, current: null };
    const row = await this.dataSource.getRepository(AtsCertificate).findOneBy({ verificationCode: trimmed.toUpperCase() });
    if (!row) return { genuine: false, title: null, current: null };
    const status = await this.dataSource.getRepository(ProfessionalStatus).findOneByOrFail({ id: row.professionalStatusId });
    const member = await this.dataSource.getRepository(Member).findOneByOrFail({ id: row.memberId });
    return { genuine: true, title: row.title, current: isListedOnRegister(status, member, londonToday(this.clock)) };
  }

  /** ATS-42: staff record the day the formal documents were sent. */
  async recordFormalDocumentsSent(viewer: Viewer, awardId: string, sentOn: LocalDate): Promise<AtsAward> {
    requireRole(viewer, DOCUMENT_STAFF_ROLES);
    return this.uow.run(viewer, async (manager) => {
      const award = await manager.findOne(AtsAward, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
      if (!award) throw notFound('Award');
      requireNotOwnCase(viewer, award.memberId);
      if (award.formalDocumentsSentOn) throw conflict(`The formal documents were already recorded as sent on ${award.formalDocumentsSentOn}`, 'ATS-42');
      if (sentOn < award.awardedOn || sentOn > londonToday(this.clock)) throw badInput('sentOn', 'The date sent must fall between the award date and today');
      award.formalDocumentsSentOn = sentOn;
      await manager.save(award);
      return { result: award, audit: { action: 'award.formalDocumentsSent', targetType: 'participant', targetId: award.participantId, detail: { sentOn } } };
    });
  }

  /** ATS-42: awards whose formal documents were not sent within eight weeks (56 days), oldest first. */
  async formalDocumentsOverdue(viewer: Viewer, request: PageRequest = {}): Promise<Page<AtsAward>> {
    requireRole(viewer, DOCUMENT_STAFF_ROLES);
    const qb = this.dataSource.getRepository(AtsAward).createQueryBuilder('a').where('a.formal_documents_sent_on IS NULL AND a.formal_documents_due_on < :today', { today: londonToday(this.clock) });
    return pageByInstant(qb, 'a.created_at', 'ASC', (r) => r.createdAt, request);
  }

  /** ATS-53: the holder's short-lived signed link to their portfolio's export, only once awarded. */
  async portfolioDownloadLink(viewer: Viewer, participantId: string): Promise<{ url: string; expiresAt: Date }> {
    const memberId = requireMemberId(viewer);
    const participant = await this.dataSource.getRepository(Participant).findOneBy({ id: participantId });
    if (!participant || participant.memberId !== memberId) throw notFound('Participant');
    assertMayDownloadPortfolio(participant.status === ParticipantStatus.AWARDED);
    const { portfolioExportUrl, portfolioLinkSecret } = this.settings;
    if (!portfolioExportUrl || !portfolioLinkSecret) throw new DomainError('FORBIDDEN', 'Portfolio downloads are not available on this server yet', 'ATS-53');
    const expiresAt = new Date(this.clock.now().getTime() + this.settings.portfolioLinkTtlSeconds * 1000);
    await this.audit.recordRead(viewer, { action: 'portfolio.downloadLink', targetType: 'participant', targetId: participantId });
    return { url: signPortfolioLink(portfolioExportUrl, participantId, expiresAt, portfolioLinkSecret), expiresAt };
  }

  private move(participant: Participant, to: ParticipantStatus): void {
    assertTransition(participant.status, to);
    participant.status = to;
  }

  private async lockForStaff(manager: EntityManager, viewer: Viewer, participantId: string, roles: readonly Role[] = ASSESSOR_ROLES): Promise<LockedParticipant> {
    const locked = await lockParticipant(manager, viewer, participantId, roles);
    // DEC-G1: nobody decides about themselves; the participant cannot act as staff on their own attempt.
    requireNotOwnCase(viewer, locked.participant.memberId);
    if (viewer.memberId === locked.participant.memberId) throw notFound('Participant');
    return locked;
  }

  private async findViva(manager: EntityManager, vivaId: string): Promise<AtsViva> {
    const viva = await manager.findOne(AtsViva, { where: { id: vivaId }, lock: { mode: 'pessimistic_write' } });
    if (!viva) throw notFound('VIVA');
    return viva;
  }
}

export { RESULTS_STAFF_ROLES };

/** 128 random bits, base32-like and grouped for reading aloud: unguessable. */
export function newVerificationCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(26);
  const chars = [...bytes].map((b) => alphabet[b % 32]).join('');
  return chars.match(/.{1,5}/g)!.join('-').slice(0, 31);
}

function vivaInstant(slot: VivaSlotInput): Date {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(slot.time);
  if (!m) throw badInput('time', 'A VIVA time is HH:MM (24-hour, London time)');
  if (!/^https:\/\/[^\s]{3,}$/.test(slot.meetingLink.trim())) throw badInput('meetingLink', 'The online meeting link must be an https:// URL');
  return londonInstant(slot.date, Number(m[1]), Number(m[2]));
}
