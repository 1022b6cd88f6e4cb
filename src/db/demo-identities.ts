import { Role } from '../domain/shared/viewer';

/**
 * Fixed ids for the demo data, so `npm run token -- <alias>` can mint a token without a database.
 * Only the demo seed and the token script use these.
 */
export interface DemoIdentity {
  alias: string;
  subject: string;
  roles: Role[];
  description: string;
}

const member = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const staff = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

export const DEMO_MEMBERS = [
  { id: member(1), alias: 'member', givenName: 'Zoë', familyName: 'Adébáyọ̀', grade: 'MEMBER', status: 'ACTIVE' },
  { id: member(2), alias: 'fellow', givenName: 'Siobhán', familyName: "O'Connor", grade: 'FELLOW', status: 'ACTIVE' },
  { id: member(3), alias: 'associate', givenName: 'Rahul', familyName: 'Chaudhry', grade: 'ASSOCIATE', status: 'ACTIVE' },
  { id: member(4), alias: 'lapsed-member', givenName: 'Gareth', familyName: 'Llewellyn', grade: 'MEMBER', status: 'LAPSED' },
  { id: member(5), alias: 'suspended-member', givenName: 'Priya', familyName: 'Natarajan', grade: 'MEMBER', status: 'SUSPENDED' },
  { id: member(6), alias: 'expelled-member', givenName: 'Tomasz', familyName: 'Wiśniewski', grade: 'MEMBER', status: 'EXPELLED' },
  { id: member(7), alias: 'lapsed-fellow', givenName: 'Aoife', familyName: 'Byrne', grade: 'FELLOW', status: 'LAPSED' },
  { id: member(8), alias: 'suspended-fellow', givenName: 'Kwame', familyName: 'Mensah', grade: 'FELLOW', status: 'SUSPENDED' },
  { id: member(9), alias: 'lapsed-associate', givenName: 'Hannah', familyName: 'Clarke', grade: 'ASSOCIATE', status: 'LAPSED' },
  { id: member(10), alias: 'suspended-associate', givenName: 'Mei', familyName: 'Lin', grade: 'ASSOCIATE', status: 'SUSPENDED' },
  { id: member(11), alias: 'expelled-fellow', givenName: 'Dafydd', familyName: 'Rees', grade: 'FELLOW', status: 'EXPELLED' },
  { id: member(12), alias: 'expelled-associate', givenName: 'Chloé', familyName: 'Martin', grade: 'ASSOCIATE', status: 'EXPELLED' },
  { id: member(13), alias: 'panel-member', givenName: 'Olusegun', familyName: 'Bello', grade: 'FELLOW', status: 'ACTIVE' },
  { id: member(14), alias: 'panel-member-2', givenName: 'Eleanor', familyName: 'Whitfield', grade: 'MEMBER', status: 'ACTIVE' },
] as const;

export const DEMO_STAFF = [
  { id: staff(1), alias: 'membership-team', displayName: 'Morgan Membership', role: Role.MEMBERSHIP_TEAM },
  { id: staff(2), alias: 'professional-status-team', displayName: 'Pat Assessor', role: Role.PROFESSIONAL_STATUS_TEAM },
  { id: staff(3), alias: 'finance', displayName: 'Frankie Finance', role: Role.FINANCE },
  { id: staff(4), alias: 'conduct-panel', displayName: 'Casey Conduct', role: Role.CONDUCT_PANEL },
  { id: staff(5), alias: 'admin', displayName: 'Alex Admin', role: Role.ADMIN },
] as const;

export const DEMO_CHARTERED_COLLEGE = { id: '00000000-0000-4000-a000-000000000001', alias: 'chartered-college', name: 'Chartered College of Teaching' } as const;

export const DEMO_IDENTITIES: DemoIdentity[] = [
  ...DEMO_MEMBERS.map((m) => ({ alias: m.alias, subject: m.id, roles: [Role.MEMBER], description: `${m.grade} ${m.status} member ${m.givenName} ${m.familyName}` })),
  ...DEMO_STAFF.map((s) => ({ alias: s.alias, subject: s.id, roles: [s.role], description: `${s.role} staff user ${s.displayName}` })),
  { alias: DEMO_CHARTERED_COLLEGE.alias, subject: DEMO_CHARTERED_COLLEGE.id, roles: [Role.CHARTERED_COLLEGE], description: 'Chartered College of Teaching API client' },
];
