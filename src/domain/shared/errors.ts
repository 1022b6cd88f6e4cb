import type { ViolationCondition } from './violation-conditions';

/**
 * The one error model of the domain layer. The GraphQL layer maps `code` to `extensions.code`,
 * `rule` to `extensions.rule` and `violations` to `extensions.violations`.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'RULE_VIOLATION';

export interface Violation {
  /** Rule ID from DOMAIN.md (ATS-22, COP-1, ...). */
  rule: string;
  message: string;
  /** Machine-readable name of the failing condition, for front ends to branch on (the `ViolationCondition` enum). */
  condition?: ViolationCondition;
  /** The input field the condition is about, when there is one. */
  field?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly rule?: string,
    readonly violations?: Violation[],
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} was not found`);
export const forbidden = (message = 'You are not allowed to do this', rule?: string) => new DomainError('FORBIDDEN', message, rule);
export const conflict = (message: string, rule?: string) => new DomainError('CONFLICT', message, rule);
export const badInput = (field: string, message: string) => new DomainError('BAD_USER_INPUT', message, undefined, undefined, field);
export const ruleViolation = (rule: string, message: string) => new DomainError('RULE_VIOLATION', message, rule, [{ rule, message }]);

/** Throws one RULE_VIOLATION listing every failed check, or returns when none failed. */
export function assertNoViolations(violations: Violation[], summary: string): void {
  if (violations.length === 0) return;
  const rules = [...new Set(violations.map((v) => v.rule))];
  throw new DomainError('RULE_VIOLATION', `${summary}: ${violations.map((v) => v.message).join('; ')}`, rules.join(','), violations);
}
