import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { addDays, addYears, type LocalDate } from '../../src/domain/shared/dates';

type Db = Pick<DataSource | EntityManager, 'query'>;

export interface StatusSpec {
  title: 'ATS' | 'QTLS';
  awardedOn: LocalDate;
  /** Defaults to award + 3 years for ATS, null for QTLS. */
  reaccreditationDueOn?: LocalDate | null;
  suspendedOn?: LocalDate | null;
  suspensionEndsOn?: LocalDate | null;
  removedOn?: LocalDate | null;
  registerOptOut?: boolean;
}

export interface HolderSpec {
  givenName: string;
  familyName: string;
  grade?: 'ASSOCIATE' | 'MEMBER' | 'FELLOW';
  status?: 'ACTIVE' | 'LAPSED' | 'SUSPENDED' | 'EXPELLED';
  renewalDate?: LocalDate;
  suspensionEndsOn?: LocalDate | null;
  email?: string;
  employerName?: string;
  employerContactEmail?: string;
  joinedOn?: LocalDate;
  statuses?: StatusSpec[];
}

export interface Holder {
  memberId: string;
  membershipNumber: string;
  statusIds: Record<string, string>;
}

/** Inserts a member straight into the tables (the register reads whatever the other areas write). */
export async function createHolder(db: Db, spec: HolderSpec): Promise<Holder> {
  const memberId = randomUUID();
  const [{ n }] = await db.query(`SELECT nextval('membership_number_seq')::text AS n`);
  const membershipNumber = `SET${String(n).padStart(7, '0')}`;
  await db.query(
    `INSERT INTO member (id, membership_number, given_name, family_name, email, grade, status, joined_on, renewal_date, suspension_ends_on, sector,
                         employer_name, employer_contact_email, employer_verification_consent, accepted_code_version_id, created_at, updated_at, version)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,'FURTHER_EDUCATION',$11,$12,true,$13,now(),now(),1)`,
    [
      memberId,
      membershipNumber,
      spec.givenName,
      spec.familyName,
      spec.email ?? `holder.${randomBytes(5).toString('hex')}@example.org`,
      spec.grade ?? 'MEMBER',
      spec.status ?? 'ACTIVE',
      spec.joinedOn ?? '2020-01-15',
      spec.renewalDate ?? '2027-06-30',
      spec.suspensionEndsOn ?? null,
      spec.employerName ?? null,
      spec.employerContactEmail ?? null,
      DEMO_CODE_VERSION_ID,
    ],
  );
  const statusIds: Record<string, string> = {};
  for (const s of spec.statuses ?? [{ title: 'ATS', awardedOn: '2025-03-01' } as StatusSpec]) {
    statusIds[s.title] = await addStatus(db, memberId, s);
  }
  return { memberId, membershipNumber, statusIds };
}

export async function addStatus(db: Db, memberId: string, s: StatusSpec): Promise<string> {
  const due = s.reaccreditationDueOn !== undefined ? s.reaccreditationDueOn : s.title === 'ATS' ? addYears(s.awardedOn, 3) : null;
  const [{ id }] = await db.query(
    `INSERT INTO professional_status (member_id, title, awarded_on, reaccreditation_due_on, suspended_on, suspension_ends_on, removed_on, register_opt_out, created_at, updated_at, version)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,now(),now(),1) RETURNING id`,
    [memberId, s.title, s.awardedOn, due, s.suspendedOn ?? null, s.suspensionEndsOn ?? null, s.removedOn ?? null, s.registerOptOut ?? false],
  );
  return id;
}

/** Inserts an ATS conferral for a status (as the award does: plain INSERT, ATS-49 share-by = award + 42 days). */
export async function addConferral(db: Db, memberId: string, statusId: string, awardedOn: LocalDate): Promise<string> {
  const [{ id }] = await db.query(
    `INSERT INTO chartered_teacher_conferral (member_id, professional_status_id, ats_awarded_on, conferred_on, share_by, created_at)
     VALUES ($1,$2,$3,$3,$4,now()) RETURNING id`,
    [memberId, statusId, awardedOn, addDays(awardedOn, 42)],
  );
  return id;
}

export async function updateStatus(db: Db, statusId: string, set: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(set);
  await db.query(`UPDATE professional_status SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now(), version = version + 1 WHERE id = $1`, [
    statusId,
    ...cols.map((c) => set[c]),
  ]);
}

export async function updateMember(db: Db, memberId: string, set: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(set);
  await db.query(`UPDATE member SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')}, updated_at = now(), version = version + 1 WHERE id = $1`, [memberId, ...cols.map((c) => set[c])]);
}

export const REGISTER_QUERY = `query ($name: String, $membershipNumber: String, $title: StatusTitle, $first: Int, $after: String) {
  professionalStatusRegister(name: $name, membershipNumber: $membershipNumber, title: $title, first: $first, after: $after) {
    totalCount pageInfo { endCursor hasNextPage } nodes { fullName membershipNumber membershipStatus grade titles } } }`;

export const EMPLOYER_CHECK_QUERY = `query ($numbers: [String!]!) { employerCheck(membershipNumbers: $numbers) { membershipNumber listed entry { fullName membershipNumber membershipStatus grade titles } } }`;
