import type { DataSource } from 'typeorm';
import { ApiClient } from '../domain/identity/api-client.entity';
import { StaffUser } from '../domain/identity/staff-user.entity';
import { CodeAcceptance } from '../domain/membership/code-acceptance.entity';
import { CodeOfPracticeVersion } from '../domain/membership/code-of-practice-version.entity';
import { Member } from '../domain/membership/member.entity';
import { CodeAcceptanceContext, type MemberGrade, type MemberStatus, Sector } from '../domain/membership/membership.enums';
import type { Clock } from '../domain/shared/clock';
import { addDays, addMonths, addYears, londonToday } from '../domain/shared/dates';
import { DEMO_CHARTERED_COLLEGE, DEMO_MEMBERS, DEMO_STAFF } from './demo-identities';
import { ApplicationTemplateVersion } from '../domain/ats/applications/application-template-version.entity';
import { ApprovedQualification } from '../domain/ats/applications/approved-qualification.entity';
import type { QualificationList } from '../domain/ats/applications/application.enums';
import { Cohort } from '../domain/ats/programme/cohort.entity';
import { RegistrationWindow } from '../domain/ats/programme/registration-window.entity';
import { CohortPortfolioSection } from '../domain/ats/programme/cohort-portfolio-section.entity';
import { DEFAULT_PORTFOLIO_SECTIONS } from '../domain/ats/programme/portfolio-section.entity';
import { CharteredTeacherConferral } from '../domain/register/chartered-teacher-conferral.entity';
import { ProfessionalStatus } from '../domain/register/professional-status.entity';
import { StatusTitle } from '../domain/register/register.enums';

export const DEMO_CODE_VERSION_ID = '00000000-0000-4000-b000-000000000001';

/** Seeds demo data once: members of every grade and status, one staff user per role and the Chartered College client. */
export async function seedDemoData(dataSource: DataSource, clock: Clock): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if (await manager.existsBy(Member, { id: DEMO_MEMBERS[0].id })) return false;
    const now = clock.now();
    const today = londonToday(clock);
    await manager.insert(CodeOfPracticeVersion, {
      id: DEMO_CODE_VERSION_ID,
      version: '2024.1',
      title: 'SET Code of Professional Practice',
      effectiveFrom: addYears(today, -2),
      summaryOfChanges: 'The Code of Practice every member accepts on joining and at each renewal.',
      publishedAt: now,
    });
    const sectors = Object.values(Sector);
    for (const [i, m] of DEMO_MEMBERS.entries()) {
      const [{ n }] = await manager.query(`SELECT nextval('membership_number_seq')::text AS n`);
      const lapsed = m.status === 'LAPSED';
      await manager.insert(Member, {
        id: m.id,
        membershipNumber: `SET${String(n).padStart(7, '0')}`,
        givenName: m.givenName,
        familyName: m.familyName,
        email: `${m.alias}@example.org`,
        grade: m.grade as MemberGrade,
        status: m.status as MemberStatus,
        joinedOn: addYears(today, -3),
        renewalDate: lapsed ? addDays(today, -20) : addMonths(today, 6 + (i % 5)),
        sector: sectors[i % sectors.length],
        employerName: 'Northshire College',
        employerContactEmail: 'hr@northshire.example.ac.uk',
        employerVerificationConsent: true,
        acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(CodeAcceptance, { memberId: m.id, codeVersionId: DEMO_CODE_VERSION_ID, context: CodeAcceptanceContext.JOIN, acceptedAt: now });
    }
    for (const s of DEMO_STAFF) {
      await manager.insert(StaffUser, { id: s.id, displayName: s.displayName, email: `${s.alias}@set.example`, roles: [s.role], active: true });
    }
    await manager.insert(ApiClient, { id: DEMO_CHARTERED_COLLEGE.id, name: DEMO_CHARTERED_COLLEGE.name, roles: ['CHARTERED_COLLEGE'], active: true });
    return true;
  });
}

/**
 * Demo set-up for the ATS programme, for `npm start` only (tests build their own cohorts): the current application
 * template, approved ITT, English and maths qualifications, a cohort whose registration window is open today, and the
 * next cohort after it (where a granted extension moves a participant, ATS-26).
 */
export async function seedDemoProgramme(dataSource: DataSource, clock: Clock): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if (await manager.existsBy(Cohort, {})) return false;
    const now = clock.now();
    const today = londonToday(clock);
    await manager.insert(ApplicationTemplateVersion, { versionLabel: `${today.slice(0, 4)}.1`, publishedOn: addYears(today, -1), createdAt: now });
    for (const [list, title, awardingBody, level] of [
      ['ITT', 'Certificate in Education (Cert Ed)', 'University of Northshire', '5'],
      ['ITT', 'Level 5 Diploma in Education and Training', 'City & Guilds', '5'],
      ['ENGLISH', 'GCSE English Language (grade C/4 or above)', 'AQA', '2'],
      ['MATHS', 'GCSE Mathematics (grade C/4 or above)', 'Pearson Edexcel', '2'],
    ] as const) {
      await manager.insert(ApprovedQualification, { list: list as QualificationList, title, awardingBody, level, active: true, createdAt: now, updatedAt: now });
    }
    const issue = addDays(today, 30);
    const first = await manager.save(
      manager.create(Cohort, { name: `Demo ${issue.slice(0, 7)}`, portfolioIssueDate: issue, submissionDeadline: addMonths(issue, 9), provisionalResultsDate: addMonths(issue, 11), createdAt: now }),
    );
    await manager.insert(RegistrationWindow, { cohortId: first.id, opensOn: addDays(today, -7), closesOn: addDays(today, 20), createdAt: now });
    const nextIssue = addMonths(issue, 6);
    const next = await manager.save(
      manager.create(Cohort, { name: `Demo ${nextIssue.slice(0, 7)}`, portfolioIssueDate: nextIssue, submissionDeadline: addMonths(nextIssue, 9), provisionalResultsDate: addMonths(nextIssue, 11), createdAt: now }),
    );
    await manager.insert(RegistrationWindow, { cohortId: next.id, opensOn: addMonths(nextIssue, -2), closesOn: addDays(nextIssue, -10), createdAt: now });
    // DEC-S1: each demo cohort starts with the default list of portfolio sections.
    for (const cohort of [first, next]) {
      await manager.insert(CohortPortfolioSection, DEFAULT_PORTFOLIO_SECTIONS.map((s, position) => ({ cohortId: cohort.id, key: s.key, title: s.title, position })));
    }
    return true;
  });
}

/**
 * Demo holders for the public register on `npm start` (not in tests, which make their own): Siobhán O'Connor holds
 * ATS (with its Chartered Teacher conferral) and QTLS, Rahul Chaudhry holds QTLS, and Gareth Llewellyn holds QTLS but
 * is not listed because his membership has lapsed (ATS-43, DEC-G2). Try `professionalStatusRegister(name: "oconnor")`.
 */
export async function seedDemoRegister(dataSource: DataSource, clock: Clock): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    if (await manager.existsBy(ProfessionalStatus, {})) return false;
    const now = clock.now();
    const today = londonToday(clock);
    const alias = (a: string) => DEMO_MEMBERS.find((m) => m.alias === a)!.id;
    const atsAwardedOn = addYears(today, -1);
    const status = (memberId: string, title: StatusTitle, awardedOn: string, dueOn: string | null) =>
      manager.save(manager.create(ProfessionalStatus, { memberId, title, awardedOn, reaccreditationDueOn: dueOn, participantId: null, createdAt: now, updatedAt: now }));
    const ats = await status(alias('fellow'), StatusTitle.ATS, atsAwardedOn, addYears(atsAwardedOn, 3));
    await status(alias('fellow'), StatusTitle.QTLS, '2019-07-01', null);
    await status(alias('associate'), StatusTitle.QTLS, '2021-07-01', null);
    await status(alias('lapsed-member'), StatusTitle.QTLS, '2018-07-01', null);
    // ATS-49: conferred at the award, shared with the Chartered College within six weeks.
    await manager.insert(CharteredTeacherConferral, {
      memberId: alias('fellow'),
      professionalStatusId: ats.id,
      atsAwardedOn,
      conferredOn: atsAwardedOn,
      shareBy: addDays(atsAwardedOn, 42),
      graduationInvitedAt: now,
      acknowledgedAt: null,
      createdAt: now,
    });
    return true;
  });
}
