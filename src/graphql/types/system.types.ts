import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MailDeliveryProblem } from '../../domain/notifications/notification.service';
import { NotificationStatus } from '../../domain/notifications/notification.entity';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

@ObjectType('Notification', { description: 'An email notice from the outbox (written with the change that caused it).' })
export class NotificationType {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) recipientMemberId: string | null;
  @Field() toAddress: string;
  @Field() template: string;
  @Field() subject: string;
  @Field() body: string;
  @Field(() => String, { nullable: true, description: 'The rule that required this notice.' }) rule: string | null;
  @Field(() => NotificationStatus) status: NotificationStatus;
  @Field(() => Int) attempts: number;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) sentAt: Date | null;
  @Field(() => Int, { description: 'Delivery order: 0 transactional (payments, decisions), 5 reminders, 9 broadcasts; lower goes first.' }) priority: number;
  @Field(() => Date, { nullable: true, description: 'Not tried again before this instant (exponential backoff after a failure); null when due now or finished.' }) nextAttemptAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'The first failed delivery attempt; retries stop MAIL_RETRY_HOURS after it and the notice becomes UNDELIVERABLE.' }) firstFailedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The mail relay’s last answer when delivery failed.' }) lastError: string | null;
  @Field({ description: 'The Message-ID header every delivery attempt of this notice carries, so a re-sent copy is recognisable.' }) messageId: string;
}
export const NotificationConnection = Connection(NotificationType, 'Notification');

registerEnumType(MailDeliveryProblem, {
  name: 'MailDeliveryProblem',
  description: 'Why a notice is listed in `mailDeliveryProblems`.',
  valuesConfig: {
    UNDELIVERABLE: { description: 'Given up: refused permanently by the relay, or still failing after MAIL_RETRY_HOURS.' },
    DELAYED: { description: 'Still being retried, and first failed longer ago than `delayedForMinutes`.' },
  },
});

@ObjectType('AuditEntry', { description: 'ATS-57: who did what to which record, and when.' })
export class AuditEntryType {
  @Field(() => ID) id: string;
  @Field() occurredAt: Date;
  @Field() actorId: string;
  @Field() actorRole: string;
  @Field() action: string;
  @Field() targetType: string;
  @Field(() => String, { nullable: true }) targetId: string | null;
  @Field(() => String, { nullable: true }) requestId: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) detail: Record<string, unknown> | null;
}
export const AuditEntryConnection = Connection(AuditEntryType, 'AuditEntry');

@ObjectType('ServerClock', { description: 'DEC-T2: the server clock every rule reads.' })
export class ServerClockType {
  @Field() now: Date;
  @Field(() => LocalDateScalar, { description: 'Today in London.' }) londonDate: string;
  @Field({ description: 'True when an administrator has moved the clock.' }) shifted: boolean;
  @Field() testClockEnabled: boolean;
}

@ObjectType('SweepResult')
export class SweepResultType {
  @Field() name: string;
  @Field(() => Int) affected: number;
  @Field(() => String, { nullable: true, description: 'Why the sweep could not finish; it is idempotent and runs again.' }) error: string | null;
  @Field({ description: 'True when another instance was running this sweep at the same moment, so this run left the work to it (advisory lock).' }) skipped: boolean;
}

@InputType()
export class NotificationFilterInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() recipientMemberId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 60) template?: string;
  @Field(() => NotificationStatus, { nullable: true }) @IsOptional() @IsEnum(NotificationStatus) status?: NotificationStatus;
}

@InputType()
export class AuditFilterInput {
  @Field({ nullable: true }) @IsOptional() @Length(1, 64) actorId?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 80) action?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 60) targetType?: string;
  @Field({ nullable: true }) @IsOptional() @Length(1, 64) targetId?: string;
  @Field({ nullable: true }) @IsOptional() from?: Date;
  @Field({ nullable: true }) @IsOptional() to?: Date;
}
