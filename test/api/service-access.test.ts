import { randomUUID } from 'node:crypto';
import { DomainError } from '../../src/domain/shared/errors';
import { Role, type Viewer } from '../../src/domain/shared/viewer';
import { memberId } from '../support/factories';
import { createTestApp, type TestApp } from '../support/harness';

/**
 * Issue 6 item 4 (like Immich's requireAccess): every service method that acts for a staff role checks the role
 * itself, so no entry point other than the GraphQL edge (a script, a sweep, another service) can bypass it. Every
 * method of each service must be classified below; a new method that is not fails the first test, and a staff-only
 * method without its own check fails the second.
 */
type Classified = {
  /** Staff-only: called with a member's viewer, each must answer FORBIDDEN. Values are the arguments after the viewer. */
  staffOnly: Record<string, unknown[]>;
  /** Open to a member (their own records; ownership is checked inside) or to the public. */
  memberOrPublic: string[];
  /** Not entry points: called by other services inside their transaction, by field resolvers after the parent was authorised, or private helpers. */
  internal: string[];
};

const id = () => randomUUID();

function classification(): Record<string, Classified> {
  return {
    members: {
      staffOnly: { list: [{}], changeGrade: [memberId('fellow'), 'FELLOW'], lapseOverdueMemberships: [] },
      memberOrPublic: ['me', 'get', 'codeAcceptances', 'updateProfile', 'confirmEmailChange', 'renew'],
      internal: ['byIds', 'startEmailChange', 'load', 'lock'],
    },
    membershipApplications: {
      staffOnly: {
        get: [id()],
        list: [{}],
        decide: [id(), 'APPROVE', 'Suitable for membership', []],
        requestReview: [id(), 'Grounds for a review'],
        decideReview: [id(), 'UPHOLD', 'The refusal stands on review', []],
        closeForExistingMemberEmail: [id()],
      },
      memberOrPublic: ['submit', 'emailMatchesMember', 'confirm'],
      internal: ['expireUnconfirmed', 'noticesOnConfirmation', 'memberIdUsingEmail', 'noticeToAddressOwner', 'assertNotOwnApplication', 'lock', 'assertPanel', 'admit', 'notifyDecision'],
    },
    codes: {
      staffOnly: { publish: [{ version: '9', title: 'x', effectiveFrom: '2030-01-01', summaryOfChanges: 'x' }] },
      memberOrPublic: ['current', 'list'],
      internal: [],
    },
    'atsApplications.applications': {
      staffOnly: { decide: [id(), 'SUCCESSFUL', 'Meets every criterion.'], list: [{}] },
      memberOrPublic: ['submit', 'resubmit', 'mine', 'get'],
      internal: ['findUsableApplication', 'markUsedForRegistration', 'create', 'lock', 'notifyDecision'],
    },
    'atsApplications.qualifications': {
      staffOnly: {
        addApprovedQualification: [{ list: 'ITT', title: 'x', awardingBody: 'y', level: '5' }],
        updateApprovedQualification: [id(), { title: 'x' }],
        logAuthenticityCheck: [{ memberQualificationId: id(), queriedOn: '2026-11-01', awardingBody: 'AQA', result: 'PENDING' }],
        recordAuthenticityResult: [id(), 'CONFIRMED', null],
        authenticityChecks: [id()],
      },
      memberOrPublic: ['approvedQualifications', 'recordMyQualification', 'myQualifications', 'memberQualifications'],
      internal: ['certificatesAcceptedFor', 'qualificationViolations', 'factsFor', 'forMember', 'views'],
    },
    'atsApplications.templates': {
      staffOnly: { publish: [{ versionLabel: '2099.1', publishedOn: '2099-01-01' }] },
      memberOrPublic: ['current', 'list'],
      internal: [],
    },
    'programme.cohorts': {
      staffOnly: {
        createCohort: [{ name: 'x', portfolioIssueDate: '2030-01-01', submissionDeadline: '2030-06-01', provisionalResultsDate: '2030-09-01' }],
        updateCohort: [id(), { name: 'y' }],
        setPortfolioSections: [id(), [{ key: 'A', title: 'A' }]],
        createWindow: [{ cohortId: id(), opensOn: '2029-11-01', closesOn: '2029-11-30' }],
        updateWindow: [id(), { opensOn: '2029-11-02' }],
      },
      memberOrPublic: ['portfolioSections', 'listCohorts', 'listWindows'],
      internal: ['cohort', 'window', 'byIds', 'portfolioSectionsByCohortIds', 'nextCohortAfter', 'writeSections', 'assertNoOverlap'],
    },
    'programme.registration': {
      staffOnly: { inviteSuccessfulApplicants: [] },
      memberOrPublic: ['register'],
      internal: ['countedEarlierAttempts'],
    },
    'programme.participants': {
      staffOnly: {
        list: [{}],
        issueDuePortfolios: [],
        resolveAccessProblem: [id(), 'Access restored'],
        decideAdjustment: [id(), true, 'Extra time agreed', false],
      },
      memberOrPublic: [
        'get',
        'mine',
        'adjustments',
        'accessReports',
        'requireSensitiveRead',
        'setSectionComplete',
        'recordSupportingStatement',
        'recordSharedWithSet',
        'reportAccessProblem',
        'requestAdjustment',
        'readiness',
        'readinessMany',
        'submit',
      ],
      internal: ['sections', 'submissionViolations', 'violationsFrom', 'assertPortfolioOpen', 'byIds'],
    },
    'programme.withdrawals': {
      staffOnly: { withdrawAsIneligible: [id(), 'Not teaching in the sector'], withdrawPastDeadline: [] },
      memberOrPublic: ['withdrawAtOwnRequest'],
      internal: ['end'],
    },
    'programme.extensions': {
      staffOnly: { decide: [id(), true, 'Medical evidence provided'], list: [{}] },
      memberOrPublic: ['request'],
      internal: ['forParticipant', 'assertMayRequest'],
    },
    serverClock: { staffOnly: { set: [new Date()] }, memberOrPublic: ['state'], internal: ['refresh'] },
    sweeps: { staffOnly: { runAll: [] }, memberOrPublic: [], internal: ['register', 'runOne'] },
    audit: { staffOnly: { list: [{}] }, memberOrPublic: [], internal: ['record', 'authorizeRead', 'recordRead', 'recordReads', 'alreadyRecorded', 'entry'] },
    notifications: { staffOnly: { list: [{}], deliveryProblems: ['UNDELIVERABLE', 60, new Date()] }, memberOrPublic: ['mine'], internal: ['enqueue', 'enqueueForActiveMembers', 'page', 'row'] },
  };
}

function methodsOf(instance: object): string[] {
  return Object.getOwnPropertyNames(Object.getPrototypeOf(instance)).filter((n) => n !== 'constructor' && typeof (instance as Record<string, unknown>)[n] === 'function');
}

describe('service-level access (issue 6 item 4)', () => {
  let t: TestApp;
  const member: Viewer = { subject: memberId('member'), roles: [Role.MEMBER], memberId: memberId('member') };

  beforeAll(async () => {
    t = await createTestApp({ today: '2027-04-10' });
  });
  afterAll(async () => {
    await t.close();
  });

  const serviceAt = (path: string): Record<string, (...args: unknown[]) => Promise<unknown>> =>
    path.split('.').reduce((o: any, k) => o[k], t.app.services) as Record<string, (...args: unknown[]) => Promise<unknown>>;

  it('classifies every method of every service: staff-only, member-or-public, or internal', () => {
    const unclassified: string[] = [];
    const stale: string[] = [];
    for (const [path, c] of Object.entries(classification())) {
      const methods = methodsOf(serviceAt(path));
      const listed = [...Object.keys(c.staffOnly), ...c.memberOrPublic, ...c.internal];
      unclassified.push(...methods.filter((m) => !listed.includes(m)).map((m) => `${path}.${m}`));
      stale.push(...listed.filter((m) => !methods.includes(m)).map((m) => `${path}.${m}`));
    }
    expect({ unclassified, stale }).toEqual({ unclassified: [], stale: [] });
  });

  const cases = Object.entries(classification()).flatMap(([path, c]) => Object.entries(c.staffOnly).map(([method, args]) => [`${path}.${method}`, path, method, args] as const));

  it.each(cases)('refuses %s to a member with FORBIDDEN, checked in the service itself', async (_name, path, method, args) => {
    const service = serviceAt(path);
    let error: unknown;
    try {
      await service[method].call(service, member, ...args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('FORBIDDEN');
    expect((error as DomainError).rule).toBeTruthy();
  });
});
