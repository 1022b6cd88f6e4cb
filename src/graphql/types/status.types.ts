import { IsBoolean, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ReaccreditationStatus } from '../../domain/register/status/status.entities';
import { StatusTitle } from '../../domain/register/register.enums';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';
// StatusTitle is registered once, with the register's types (the public register is where it is published).
import './register.types';

registerEnumType(ReaccreditationStatus, {
  name: 'ReaccreditationStatus',
  description: 'DEC-R2: a re-accreditation application’s state.',
  valuesConfig: {
    REQUESTED: { description: 'Awaiting the Professional Status team’s decision.' },
    APPROVED: { description: 'Approved: the next due date is set (DEC-R1).' },
    REFUSED: { description: 'Refused, with reasons.' },
  },
});

@ObjectType('ProfessionalStatus', { description: 'A status held (ATS or QTLS), with its date-driven facts computed today (DEC-G2).' })
export class ProfessionalStatusType {
  @Field(() => ID, { description: 'The status row’s id.' }) id: string;
  @Field(() => ID, { description: 'The holder.' }) memberId: string;
  @Field(() => StatusTitle, { description: 'ATS or QTLS.' }) title: StatusTitle;
  @Field(() => LocalDateScalar, { description: 'The award date.' }) awardedOn: string;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-50: re-accreditation due date (null for QTLS).' }) reaccreditationDueOn: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'DEC-R2: the first day the holder may apply to re-accredit.' }) reaccreditationOpensOn: string | null;
  @Field({ description: 'ATS-50: dormant from the day after the due date.' }) dormant: boolean;
  @Field({ description: 'Not removed, suspended or dormant today.' }) current: boolean;
  @Field({ description: 'ATS-41: listed on the public register today.' }) listedOnRegister: boolean;
  @Field({ description: 'ATS-41: the holder opted out of the register.' }) registerOptOut: boolean;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-56: suspended from this date.' }) suspendedOn: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'The first day no longer suspended (null = open-ended).' }) suspensionEndsOn: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'ATS-56: removed on this date.' }) removedOn: string | null;
}

@ObjectType('Reaccreditation', { description: 'ATS-50, DEC-R2: an application to re-accredit ATS.' })
export class ReaccreditationType {
  @Field(() => ID, { description: 'The application’s id.' }) id: string;
  @Field(() => ID, { description: 'The status being re-accredited.' }) professionalStatusId: string;
  @Field(() => ID, { description: 'The holder.' }) memberId: string;
  @Field({ description: 'The statement of continuing development.' }) statement: string;
  @Field({ description: 'When the holder applied.' }) appliedAt: Date;
  @Field(() => LocalDateScalar, { description: 'The due date when the holder applied.' }) dueOnAtApplication: string;
  @Field(() => ReaccreditationStatus, { description: 'Where it stands.' }) status: ReaccreditationStatus;
  @Field(() => Date, { nullable: true, description: 'When it was decided.' }) decidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The reasons for the decision.' }) reasons: string | null;
  @Field(() => LocalDateScalar, { nullable: true, description: 'APPROVED: the next due date (DEC-R1).' }) nextDueOn: string | null;
}
export const ReaccreditationConnection = Connection(ReaccreditationType, 'Reaccreditation');

@InputType({ description: 'DEC-R2: the decision on a re-accreditation.' })
export class DecideReaccreditationInput {
  @Field({ description: 'True to approve.' }) @IsBoolean() approve: boolean;
  @Field({ description: 'The reasons.' }) @Length(5, 5000) reasons: string;
}
