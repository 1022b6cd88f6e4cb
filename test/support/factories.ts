import { randomBytes } from 'node:crypto';
import { DEMO_CODE_VERSION_ID } from '../../src/db/demo-seed';
import { DEMO_MEMBERS } from '../../src/db/demo-identities';
import { expectNoErrors, type TestApp } from './harness';

/** Demo member ids by alias. */
export const memberId = (alias: (typeof DEMO_MEMBERS)[number]['alias']): string => DEMO_MEMBERS.find((m) => m.alias === alias)!.id;

export const MEMBER_FIELDS = 'id membershipNumber givenName familyName fullName email grade status joinedOn renewalDate acceptedCodeVersionId';
export const APPLICATION_FIELDS =
  'id reference email status decidedAt decisionReasons panelMemberIds reviewStatus reviewGrounds reviewReasons reviewPanelMemberIds memberId codeVersionId';

/** A valid application to join, accepting the seeded Code version; override any field. */
export function applicationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    givenName: 'Nia',
    familyName: 'Okafor',
    email: `nia.${randomBytes(4).toString('hex')}@example.org`,
    requestedGrade: 'MEMBER',
    sector: 'FURTHER_EDUCATION',
    employerName: 'Riverside College',
    employerContactEmail: 'hr@riverside.example.ac.uk',
    employerVerificationConsent: true,
    acceptedCodeVersionId: DEMO_CODE_VERSION_ID,
    hasUnspentConvictions: false,
    subjectOfProfessionalMisconductFinding: false,
    barredFromTeachingOrWorkingWithChildren: false,
    ...overrides,
  };
}

export const SUBMIT = `mutation ($input: SubmitMembershipApplicationInput!) { submitMembershipApplication(input: $input) { ${APPLICATION_FIELDS} } }`;
export const DECIDE = `mutation ($id: ID!, $input: SuitabilityDecisionInput!) { decideMembershipApplication(id: $id, input: $input) { ${APPLICATION_FIELDS} } }`;

/** The token in the latest confirmation message sent to an address (read from the outbox as staff). */
export async function confirmationToken(t: TestApp, email: string): Promise<string> {
  const res = await t.gql(
    `query ($filter: NotificationFilterInput) { notifications(filter: $filter, first: 100) { nodes { toAddress body } } }`,
    { filter: { template: 'MEMBERSHIP_APPLICATION_CONFIRM' } },
    'membership-team',
  );
  expectNoErrors(res);
  const notice = res.data!.notifications.nodes.find((n: { toAddress: string }) => n.toAddress === email.toLowerCase());
  const token = /token=([A-Za-z0-9_-]+)/.exec(notice?.body ?? '')?.[1];
  if (!token) throw new Error(`no confirmation message for ${email}`);
  return token;
}

export const CONFIRM = `mutation ($token: String!) { confirmMembershipApplication(token: $token) { ${APPLICATION_FIELDS} confirmedAt } }`;

/** Submits an application anonymously, confirms its address with the emailed token (issue 7) and returns it. */
export async function submitApplication(t: TestApp, overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await t.gql(SUBMIT, { input: applicationInput(overrides) });
  expectNoErrors(res);
  const confirmed = await t.gql(CONFIRM, { token: await confirmationToken(t, res.data!.submitMembershipApplication.email) });
  expectNoErrors(confirmed);
  return res.data!.submitMembershipApplication;
}
