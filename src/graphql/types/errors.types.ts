import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ViolationCondition } from '../../domain/shared/violation-conditions';
import { ERROR_CODE_DESCRIPTIONS, ErrorCode } from '../error-codes';

registerEnumType(ErrorCode, {
  name: 'ErrorCode',
  description: 'Every value `errors[].extensions.code` can take, on GraphQL and plain HTTP responses alike (README "Errors").',
  valuesConfig: Object.fromEntries(Object.entries(ERROR_CODE_DESCRIPTIONS).map(([k, description]) => [k, { description }])),
});

const CONDITION_DESCRIPTIONS: Record<ViolationCondition, string> = {
  NOT_ON_APPROVED_LIST: 'ATS-2: a qualification is not on SET’s approved lists.',
  NOT_VERIFIED: 'ATS-52: the awarding body did not verify a certificate.',
  MISSING_ITT: 'ATS-2: no qualification on the approved Initial Teacher Training list.',
  MISSING_ENGLISH: 'ATS-2: no qualification on the approved English list.',
  MISSING_MATHS: 'ATS-2: no qualification on the approved maths list.',
  CERTIFICATE_AFTER_ISSUE_DATE: 'ATS-3: a certificate is dated after the portfolio issue date.',
  NOT_UNSUCCESSFUL: 'ATS-7: only an unsuccessful application can be resubmitted.',
  FINAL_RESUBMISSION_USED: 'ATS-7: the application was already the one final resubmission.',
  ALREADY_RESUBMITTED: 'ATS-7: the application has already been resubmitted once.',
  GRADE: 'ATS-9: registration needs Member or Fellow grade.',
  ACTIVE_MEMBERSHIP: 'ATS-9: registration needs active membership.',
  WINDOW_CLOSED: 'ATS-10: the registration window is not open.',
  NO_SUCCESSFUL_APPLICATION: 'ATS-11: registration needs a successful application not yet used.',
  SECTIONS_INCOMPLETE: 'ATS-22: a portfolio section is incomplete.',
  NO_SUPPORTING_STATEMENT: 'ATS-22: no supporting statement yet.',
  FEE_NOT_PAID: 'ATS-22: the programme fee is not paid in full.',
  NOT_SHARED: 'ATS-22: the portfolio is not shared with SET.',
  MEMBERSHIP_NOT_ACTIVE: 'ATS-22: membership is not active.',
  TOO_LATE: 'ATS-27: the extension request is less than six weeks before the deadline.',
  LATE_WINDOW_CLOSED: 'ATS-27: the late request window has closed.',
  NO_AGREED_ADJUSTMENT: 'ATS-25: no agreed reasonable adjustment includes an extension.',
  TECHNICAL_ISSUE_DATE_MISSING: 'ATS-25: the date the technical issue was identified is missing.',
  TECHNICAL_ISSUE_DATE_INVALID: 'ATS-25, ATS-27: the date the technical issue was identified is after the request date or after the deadline.',
  PARTICIPATION_IN_PROGRESS: 'ATS-11: the member already has an ATS participation in progress.',
  APPLICATION_EXPIRED: 'DEC-A3: the successful application can be used only for windows opening within 12 months of its decision.',
  APPEAL_PANEL_NOT_INDEPENDENT: 'COP-3, DEC-G1: an appeal panel member sat on the original panel.',
  DECIDER_CONFLICTED: 'DEC-G1: the person deciding declared a conflict of interest.',
  DECIDER_IS_REPORTER: 'DEC-G1: the person deciding reported the case.',
  DECIDER_IS_SUBJECT: 'DEC-G1: the person deciding is the subject of the case.',
  DECIDER_NOT_INDEPENDENT: 'COP-3, DEC-G1: the person deciding the appeal took part in the original decision.',
  END_DATE_NOT_AFTER_TODAY: 'COP-6: a suspension end date must be after today.',
  END_DATE_NOT_ALLOWED: 'COP-6: only a suspension takes an end date.',
  NO_PARTICIPATION: 'ATS-56: a programme withdrawal needs a participation in progress.',
  PANEL_DUPLICATE_SEAT: 'DEC-G1: the same person is named twice on the panel.',
  PANEL_INCLUDES_REPORTER: 'DEC-G1: the reporter cannot sit on the panel.',
  PANEL_INCLUDES_SUBJECT: 'DEC-G1: the subject cannot sit on the panel.',
  PANEL_MEMBER_CONFLICTED: 'DEC-G1: a panel member declared a conflict of interest.',
  PANEL_SEAT_INVALID: 'COP-4: a panel seat names neither a SET member nor a staff user.',
  PANEL_STAFF_UNKNOWN: 'COP-4: a panel seat names an unknown staff user.',
  PANEL_WITHOUT_MEMBER: 'COP-4: the panel has no current SET member on it.',
  SANCTIONS_CONTRADICT: 'ATS-56, COP-6: two sanctions in one decision contradict each other.',
  SANCTION_DUPLICATE: 'ATS-56, COP-6: the same sanction is given twice.',
  SANCTION_NOT_ALLOWED: 'ATS-56, COP-6: the sanction does not apply to this case.',
  SANCTION_REQUIRED: 'ATS-56, COP-6: a finding of misconduct needs at least one sanction.',
  STATUS_TITLE_NOT_ALLOWED: 'ATS-56: only a status sanction names a status title.',
  STATUS_TITLE_REQUIRED: 'ATS-56: a status sanction names the status (ATS or QTLS).',
  TECHNICAL_ISSUE_TOO_LATE: 'ATS-25: the technical issue was identified too close to the deadline.',
  PANEL_EMPTY: 'COP-4: no members named on the decision panel.',
  PANEL_MEMBER_UNKNOWN: 'COP-4: a panel member is not a member.',
  PANEL_MEMBER_NOT_CURRENT: 'COP-4: a panel member is not a current member.',
  REVIEW_PANEL_NOT_INDEPENDENT: 'COP-3: a review panel member took part in the original decision.',
  CONFIRMATION_INVALID: 'COP-2: the join confirmation token is unknown, used or expired.',
};

registerEnumType(ViolationCondition, {
  name: 'ViolationCondition',
  description: 'The machine-readable condition of a rule refusal (`extensions.violations[].condition`).',
  valuesConfig: Object.fromEntries(Object.entries(CONDITION_DESCRIPTIONS).map(([k, description]) => [k, { description }])),
});

@ObjectType('Violation', { description: 'One failed condition of a rule: an item of `errors[].extensions.violations` on RULE_VIOLATION, and of the ATS-22 readiness checklist.' })
export class ViolationType {
  @Field(() => String, { description: 'The rule ID from DOMAIN.md (ATS-22, COP-1, ...).' })
  rule!: string;

  @Field(() => ViolationCondition, { nullable: true, description: 'Which condition of the rule failed, for clients to branch on.' })
  condition?: ViolationCondition;

  @Field(() => String, { nullable: true, description: 'The input field concerned, when there is one (dotted path for nested input).' })
  field?: string;

  @Field(() => String, { description: 'A sentence for people.' })
  message!: string;
}

@ObjectType('FieldViolation', { description: 'An item of `errors[].extensions.violations` on BAD_USER_INPUT: one invalid argument or input field.' })
export class FieldViolationType {
  @Field(() => String, { description: 'The argument or input field, as a dotted path for nested input (input.email).' })
  field!: string;

  @Field(() => String, { description: 'What is wrong with it.' })
  message!: string;
}

@ObjectType('ErrorExtensions', { description: 'The shape of `errors[].extensions` on every error response (never returned by a field).' })
export class ErrorExtensionsType {
  @Field(() => ErrorCode, { description: 'One of the documented codes.' })
  code!: ErrorCode;

  @Field(() => String, { nullable: true, description: 'RULE_VIOLATION (and rule-bound FORBIDDEN/CONFLICT): the rule ID(s), comma-separated.' })
  rule?: string;

  @Field(() => String, { nullable: true, description: 'BAD_USER_INPUT: the first invalid argument or input field.' })
  field?: string;

  @Field(() => [ViolationType], { nullable: true, description: 'RULE_VIOLATION: every failed check. (On BAD_USER_INPUT the items are FieldViolation: every invalid field.)' })
  violations?: ViolationType[];

  @Field(() => String, { nullable: true, description: 'QUERY_TOO_COMPLEX: which limit refused the document (tokens, depth, aliases, directives, cost).' })
  limit?: string;
}

/** Not reachable from any field: registered with `orphanedTypes` so the SDL (and codegen) carries them. */
export const errorContractTypes = [ViolationType, FieldViolationType, ErrorExtensionsType];
