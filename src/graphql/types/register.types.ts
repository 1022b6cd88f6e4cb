import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, MaxLength } from 'class-validator';
import { MemberGrade, MemberStatus } from '../../domain/membership/membership.enums';
import { StatusTitle } from '../../domain/register/register.enums';
import type { LocalDate } from '../../domain/shared/dates';
import { LocalDateScalar } from '../scalars';
import { PageInfo } from './common.types';

registerEnumType(StatusTitle, {
  name: 'StatusTitle',
  description: 'A professional status SET awards and lists on the register (ATS-41).',
  valuesConfig: {
    ATS: { description: 'Advanced Teacher Status.' },
    QTLS: { description: 'Qualified Teacher Learning and Skills status.' },
  },
});

/** ATS-41: exactly five things, and the type has no other field (ATS-57). */
@ObjectType('RegisterEntry', { description: 'ATS-41: one listed holder on the public Professional Status Register: exactly these five things, nothing else.', simpleResolvers: true })
export class RegisterEntry {
  @Field({ description: 'The holder\'s full name.' }) fullName: string;
  @Field({ description: 'The holder\'s SET membership number.' }) membershipNumber: string;
  @Field(() => MemberStatus, { description: 'The holder\'s membership status (a listed holder is a current, ACTIVE member).' }) membershipStatus: MemberStatus;
  @Field(() => MemberGrade, { description: 'The holder\'s membership grade.' }) grade: MemberGrade;
  @Field(() => [StatusTitle], { description: 'The titles the holder holds and that are listed today (ATS-41, ATS-50, DEC-G2).' }) titles: StatusTitle[];
}

// The register's connection and edge types are written out (not `Connection()`) only to keep `simpleResolvers` on
// this hot path (docs/register-performance.md); their shape is the Relay one every connection has.
@ObjectType('RegisterEntryEdge', { description: 'One register entry in a page, with the cursor to page from it.', simpleResolvers: true })
export class RegisterEntryEdge {
  @Field({ description: 'Opaque keyset cursor of this entry: pass it as `after` or `before`.' }) cursor: string;
  @Field(() => RegisterEntry, { description: 'The register entry.' }) node: RegisterEntry;
}

@ObjectType('RegisterEntryConnection', { description: 'A page of register entries (Relay connection), ordered by surname, then forename, then membership number.', simpleResolvers: true })
export class RegisterEntryConnection {
  @Field(() => [RegisterEntry], { description: 'The entries on this page (the same as `edges.node`).' }) nodes: RegisterEntry[];
  @Field(() => [RegisterEntryEdge], { description: 'The entries on this page with their cursors.' }) edges: RegisterEntryEdge[];
  @Field(() => PageInfo, { description: 'Pass pageInfo.endCursor as `after` for the next page, or pageInfo.startCursor as `before` for the previous one.' }) pageInfo: PageInfo;
  @Field(() => Int, { description: 'How many listed entries match the whole search.' }) totalCount: number;
}

@ObjectType('EmployerCheckResult', { description: 'ATS-41: the answer for one membership number in an employer check.', simpleResolvers: true })
export class EmployerCheckResult {
  @Field({ description: 'The membership number as asked.' }) membershipNumber: string;
  @Field({ description: 'Whether a current register entry exists for this number today (DEC-G2). False says nothing about why.' }) listed: boolean;
  @Field(() => RegisterEntry, { nullable: true, description: 'The register entry, when listed.' }) entry: RegisterEntry | null;
}

@ObjectType('CollegeConferral', { description: 'ATS-49: a Chartered Teacher conferral as shared with the Chartered College of Teaching: only what it needs.', simpleResolvers: true })
export class CollegeConferral {
  @Field({ description: 'The holder\'s full name.' }) fullName: string;
  @Field({ description: 'The holder\'s SET membership number (used to acknowledge the record).' }) membershipNumber: string;
  @Field(() => LocalDateScalar, { description: 'The ATS award date (ATS-40).' }) atsAwardedOn: LocalDate;
  @Field(() => LocalDateScalar, { description: 'The date Chartered Teacher Status was conferred (ATS-49).' }) conferredOn: LocalDate;
}

@ObjectType('CollegeConferralFeed', { description: 'ATS-49: a page of the Chartered College feed, oldest first; never skips nor repeats a record.', simpleResolvers: true })
export class CollegeConferralFeed {
  @Field(() => [CollegeConferral], { description: 'The conferrals on this page.' }) nodes: CollegeConferral[];
  @Field(() => PageInfo, { description: 'Keep pageInfo.endCursor (never null) and pass it as `after` on the next pull. startCursor is the cursor of the first conferral of this page (null when empty); the feed pages forward only, so hasPreviousPage is true whenever `after` was given.' }) pageInfo: PageInfo;
}

@ObjectType('OverdueConferral', { description: 'ATS-49: a conferral the Chartered College has not acknowledged six weeks after the award.', simpleResolvers: true })
export class OverdueConferral extends CollegeConferral {
  @Field(() => LocalDateScalar, { description: 'The date it should have been shared by (award + 42 days).' }) shareBy: LocalDate;
}

@ObjectType('OverdueConferralEdge', { description: 'One overdue conferral in a page, with the cursor to page from it.', simpleResolvers: true })
export class OverdueConferralEdge {
  @Field({ description: 'Opaque keyset cursor of this conferral: pass it as `after` or `before`.' }) cursor: string;
  @Field(() => OverdueConferral, { description: 'The overdue conferral.' }) node: OverdueConferral;
}

@ObjectType('OverdueConferralConnection', { description: 'A page of overdue conferrals (Relay connection), the most overdue first.', simpleResolvers: true })
export class OverdueConferralConnection {
  @Field(() => [OverdueConferral], { description: 'The conferrals on this page (the same as `edges.node`).' }) nodes: OverdueConferral[];
  @Field(() => [OverdueConferralEdge], { description: 'The conferrals on this page with their cursors.' }) edges: OverdueConferralEdge[];
  @Field(() => PageInfo, { description: 'Pass pageInfo.endCursor as `after` for the next page, or pageInfo.startCursor as `before` for the previous one.' }) pageInfo: PageInfo;
  @Field(() => Int, { description: 'How many conferrals are overdue in all.' }) totalCount: number;
}

@InputType('AcknowledgeConferralsInput', { description: 'ATS-49: the records the Chartered College has stored.' })
export class AcknowledgeConferralsInput {
  @Field(() => [String], { description: 'Membership numbers of the conferrals stored (1 to 100).' })
  @ArrayMaxSize(100)
  @MaxLength(12, { each: true })
  membershipNumbers: string[];
}

@ObjectType('ConferralAcknowledgement', { description: 'ATS-49: what an acknowledgement changed; acknowledging again is harmless.', simpleResolvers: true })
export class ConferralAcknowledgement {
  @Field(() => Int, { description: 'Records acknowledged by this call.' }) acknowledged: number;
  @Field(() => Int, { description: 'Records that were already acknowledged (unchanged).' }) alreadyAcknowledged: number;
  @Field(() => [String], { description: 'Membership numbers with no conferral.' }) unknown: string[];
}
