import { IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MailDeliveryProblem } from '../../domain/notifications/notification.service';
import { NotificationStatus } from '../../domain/notifications/notification.entity';
import { LocalDateScalar } from '../scalars';
import { Connection } from './common.types';

@ObjectType('Notification', { description: 'An email notice from the outbox (written with the change that caused it).' })
export class NotificationType {
  @Field(() => ID, { description: 'The notice’s id.' }) id: string;
  @Field(() => ID, { nullable: true, description: 'The member the notice is for, or null when it is for someone who is not a member.' }) recipientMemberId: string | null;
  @Field({ description: 'The email address it is sent to.' }) toAddress: string;
  @Field({ description: 'The kind of notice (template key).' }) template: string;
  @Field({ description: 'Email subject.' }) subject: string;
  @Field({ description: 'Email body (personal data: ATS-57).' }) body: string;
  @Field(() => String, { nullable: true, description: 'The rule that required this notice.' }) rule: string | null;
  @Field(() => NotificationStatus, { description: 'Delivery state of the notice.' }) status: NotificationStatus;
  @Field(() => Int, { description: 'How many delivery attempts have been made.' }) attempts: number;
  @Field({ description: 'When the notice was written (in the transaction of the change that caused it).' }) createdAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it was delivered, or null.' }) sentAt: Date | null;
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
  @Field(() => ID, { description: 'The entry’s id.' }) id: string;
  @Field({ description: 'When it happened.' }) occurredAt: Date;
  @Field({ description: 'Who did it (the token subject).' }) actorId: string;
  @Field({ description: 'The role they acted in.' }) actorRole: string;
  @Field({ description: 'What was done, such as member.read or participant.withdraw.' }) action: string;
  @Field({ description: 'The kind of record acted on.' }) targetType: string;
  @Field(() => String, { nullable: true, description: 'The record acted on, or null for a list read.' }) targetId: string | null;
  @Field(() => String, { nullable: true, description: 'The request id of the HTTP request, to match logs.' }) requestId: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Further facts about the action (ids returned by a list read, the filters used, ...).' }) detail: Record<string, unknown> | null;
}
export const AuditEntryConnection = Connection(AuditEntryType, 'AuditEntry');

@ObjectType('ServerClock', { description: 'DEC-T2: the server clock every rule reads.' })
export class ServerClockType {
  @Field({ description: 'The server’s current instant (moved when an administrator set the test clock, DEC-T2).' }) now: Date;
  @Field(() => LocalDateScalar, { description: 'Today in London.' }) londonDate: string;
  @Field({ description: 'True when an administrator has moved the clock.' }) shifted: boolean;
  @Field({ description: 'DEC-T2: whether an administrator may move the clock here (never in production).' }) testClockEnabled: boolean;
}

@ObjectType('SweepResult', { description: 'What one time-driven sweep did when it ran.' })
export class SweepResultType {
  @Field({ description: 'The sweep’s name (portfolio issue, deadline withdrawals, lapses, reminders, ...).' }) name: string;
  @Field(() => Int, { description: 'How many records it changed.' }) affected: number;
  @Field(() => String, { nullable: true, description: 'Why the sweep could not finish; it is idempotent and runs again.' }) error: string | null;
  @Field({ description: 'True when another instance was running this sweep at the same moment, so this run left the work to it (advisory lock).' }) skipped: boolean;
}

@InputType({ description: 'Filters for the email outbox; all given filters must hold.' })
export class NotificationFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only notices for this member.' }) @IsOptional() @IsUUID() recipientMemberId?: string;
  @Field({ nullable: true, description: 'Only notices of this kind (template key).' }) @IsOptional() @Length(1, 60) template?: string;
  @Field(() => NotificationStatus, { nullable: true, description: 'Only notices in this delivery state.' }) @IsOptional() @IsEnum(NotificationStatus) status?: NotificationStatus;
}

@InputType({ description: 'Filters for the audit log (ATS-57); all given filters must hold.' })
export class AuditFilterInput {
  @Field({ nullable: true, description: 'Only actions by this actor (token subject).' }) @IsOptional() @Length(1, 64) actorId?: string;
  @Field({ nullable: true, description: 'Only this action, such as member.read.' }) @IsOptional() @Length(1, 80) action?: string;
  @Field({ nullable: true, description: 'Only actions on this kind of record.' }) @IsOptional() @Length(1, 60) targetType?: string;
  @Field({ nullable: true, description: 'Only actions on this record.' }) @IsOptional() @Length(1, 64) targetId?: string;
  @Field({ nullable: true, description: 'Only entries at or after this instant.' }) @IsOptional() from?: Date;
  @Field({ nullable: true, description: 'Only entries before this instant.' }) @IsOptional() to?: Date;
}
