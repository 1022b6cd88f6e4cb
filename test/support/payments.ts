import { randomUUID } from 'node:crypto';
import { Cohort } from '../../src/domain/ats/programme/cohort.entity';
import { Participant } from '../../src/domain/ats/programme/participant.entity';
import { AttemptKind, ParticipantStatus, type PaymentPlan } from '../../src/domain/ats/programme/programme.enums';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { Member } from '../../src/domain/membership/member.entity';
import { MemberGrade, MemberStatus, Sector } from '../../src/domain/membership/membership.enums';
import { nextMembershipNumber } from '../../src/domain/membership/member.service';
import { addMonths, londonInstant, type LocalDate } from '../../src/domain/shared/dates';
import { participantPrerequisites } from './programme-fixtures';
import { Role } from '../../src/domain/shared/viewer';
import { expectNoErrors, type TestApp } from './harness';

export const START_CARD_PAYMENT = `mutation ($input: StartCardPaymentInput!) { startCardPayment(input: $input) {
  id provider providerCheckoutId providerPaymentId checkoutUrl clientSecret participantId amountPence invoiceId payerKind status expiresAt paymentId } }`;

export interface CardPaymentResult {
  checkoutId: string;
  providerCheckoutId: string;
  paymentId: string;
  webhookStatus: number;
}

/**
 * ATS-16 / DEC-P4: pays by card the way a member does with the sandbox provider: starts a card payment (as `auth`, an
 * alias or a token), completes the checkout on the sandbox's page, which sends the signed webhook to our endpoint.
 * Returns the payment the webhook recorded. `amountPence` defaults to what is due now.
 */
export async function payByCard(t: TestApp, participantId: string, amountPence: number | null, auth: string, extra: Record<string, unknown> = {}): Promise<CardPaymentResult> {
  const started = await t.gql(START_CARD_PAYMENT, { input: { participantId, amountPence, idempotencyKey: `card-${randomUUID()}`, ...extra } }, auth);
  expectNoErrors(started);
  const checkout = started.data!.startCardPayment;
  const done = await t.http().post(`/sandbox/checkout/${checkout.providerCheckoutId}/complete`).send();
  if (done.status !== 200 || done.body.webhook?.statusCode !== 200 || !done.body.paymentId) {
    throw new Error(`sandbox checkout did not complete: ${done.status} ${JSON.stringify(done.body)}`);
  }
  return { checkoutId: checkout.id, providerCheckoutId: checkout.providerCheckoutId, paymentId: done.body.paymentId, webhookStatus: done.body.webhook.statusCode };
}

export interface ParticipantOptions {
  memberId: string;
  plan: PaymentPlan;
  registrationDate?: LocalDate;
  attemptKind?: AttemptKind;
  issueDate?: LocalDate;
  employerName?: string | null;
}

let cohortSeq = 0;

export interface TestMember {
  id: string;
  email: string;
  /** A MEMBER token for this member. */
  token: string;
}

/**
 * An ACTIVE member of grade MEMBER of their own, so each test participation belongs to a different member (one open
 * participation per member) and mail assertions see only this test's notices.
 */
export async function freshMember(t: TestApp, employer: { name?: string; email?: string } = {}): Promise<TestMember> {
  const id = randomUUID();
  const email = `payer.${id.slice(0, 8)}@example.org`;
  const now = t.clock.now();
  await t.dataSource.transaction(async (manager) => {
    await manager.insert(Member, {
      id,
      membershipNumber: await nextMembershipNumber(manager),
      givenName: 'Ada',
      familyName: `Payer ${id.slice(0, 4)}`,
      email,
      grade: MemberGrade.MEMBER,
      status: MemberStatus.ACTIVE,
      joinedOn: '2020-01-01',
      renewalDate: '2040-01-01',
      sector: Object.values(Sector)[0],
      employerName: employer.name ?? 'Northshire College',
      employerContactEmail: employer.email ?? 'hr@northshire.example.ac.uk',
      employerVerificationConsent: true,
      acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
      createdAt: now,
      updatedAt: now,
    });
  });
  return { id, email, token: t.token(id, [Role.MEMBER]) };
}

/**
 * A cohort and a participant inserted directly (registration belongs to the programme area), then the account opened
 * as registration opens it. Returns the participant id.
 */
export async function insertParticipant(t: TestApp, options: ParticipantOptions): Promise<string> {
  const { memberId, plan, registrationDate = '2026-08-31', attemptKind = AttemptKind.NEW, issueDate = '2027-01-04' } = options;
  const cohortId = randomUUID();
  const participantId = randomUUID();
  await t.dataSource.getRepository(Cohort).insert({
    id: cohortId,
    name: `Card cohort ${++cohortSeq} ${cohortId.slice(0, 8)}`,
    portfolioIssueDate: issueDate,
    submissionDeadline: addMonths(issueDate, 9),
    provisionalResultsDate: addMonths(issueDate, 11),
    createdAt: t.clock.now(),
  });
  // Real application and window rows: participant references both (foreign keys).
  const { applicationId, registrationWindowId } = await participantPrerequisites(t, memberId, cohortId, registrationDate);
  await t.dataSource.transaction(async (manager) => {
    const chargePence = await t.app.services.payments.fees.feeFor(manager, registrationDate, attemptKind);
    await manager.insert(Participant, {
      id: participantId,
      memberId,
      applicationId,
      registrationWindowId,
      originalCohortId: cohortId,
      cohortId,
      attemptKind,
      status: ParticipantStatus.REGISTERED,
      registeredAt: londonInstant(registrationDate, 10),
      registrationDate,
      feePence: chargePence,
      paymentPlan: plan,
      deadline: addMonths(issueDate, 9),
    });
    await t.app.services.payments.accounts.openAccount(manager, { participantId, memberId, plan, chargePence, registrationDate, employerName: options.employerName });
  });
  return participantId;
}
