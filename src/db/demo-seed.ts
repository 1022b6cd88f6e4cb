import type { DataSource } from 'typeorm';
import { ApiClient } from '../domain/identity/api-client.entity';
import { StaffUser } from '../domain/identity/staff-user.entity';
import { CodeAcceptance } from '../domain/membership/code-acceptance.entity';
import { CodeOfPracticeVersion } from '../domain/membership/code-of-practice-version.entity';
import { Member } from '../domain/membership/member.entity';
import { CodeAcceptanceContext, MemberGrade, MemberStatus, Sector } from '../domain/membership/membership.enums';
import type { Clock } from '../domain/shared/clock';
import { addDays, addMonths, addYears, londonToday } from '../domain/shared/dates';
import { DEMO_CHARTERED_COLLEGE, DEMO_MEMBERS, DEMO_STAFF } from './demo-identities';

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
