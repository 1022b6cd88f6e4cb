import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { ValidationError } from 'class-validator';
import type { ApolloServerPlugin } from '@apollo/server';
import { isDatabaseUnavailable, unavailableReason } from '../db/database-errors';
import { DomainError } from '../domain/shared/errors';
import { ErrorCode } from './error-codes';

/**
 * Issue 8: the database could not be reached (down, frozen, pool exhausted, statement timeout). Retryable: the
 * response is HTTP 503 with Retry-After, and a mutation retried with the same idempotency key is applied once.
 */
export const UNAVAILABLE = 'UNAVAILABLE';

export interface ErrorLogger {
  error(obj: object, msg: string): void;
}

/** Codes of the documented list (error-codes.ts) that GraphQL errors may carry and that pass through as they are. */
const GRAPHQL_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
/** Extensions the edge's own errors carry alongside the code (query limits, rate limits). */
const PASSED_EXTENSIONS = ['limit', 'max', 'actual', 'retryAfterSeconds', 'field'] as const;

function flattenValidation(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidation(e.children ?? [], field));
  });
}

/** graphql-js's messages for an argument it refuses while executing (values.ts, getArgumentValues). */
const ARGUMENT_REFUSED = /^Argument "([^"]+)" (?:of non-null type "[^"]*" must not be null\.|of required type "[^"]*" was (?:not provided|provided the variable "\$[^"]*" which was not provided a runtime value)\.|has invalid value )/;

/** The variable (and path inside it) a graphql-js coercion error names: `Variable "$input" ... at "input.name"`. */
function variableField(message: string): string | undefined {
  const at = /^Variable "\$[^"]+" got invalid value .*? at "([^"]+)"/s.exec(message);
  if (at) return at[1];
  return /^Variable "\$([^"]+)"/.exec(message)?.[1];
}

/**
 * One place that turns errors into responses: domain errors keep their code and rule, validation errors name the field,
 * and everything else is masked (no stack, SQL or personal data) and logged under the request id.
 */
export function createErrorFormatter(logger: ErrorLogger, options: { retryAfterSeconds?: number } = {}) {
  const retryAfterSeconds = options.retryAfterSeconds ?? 5;
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (!(original instanceof DomainError) && isDatabaseUnavailable(original)) {
      logger.error({ err: { name: (original as Error)?.name, reason: unavailableReason(original) }, path: formatted.path }, 'database unavailable');
      return {
        message: 'The service is temporarily unavailable; retry after the number of seconds in Retry-After (a mutation retried with the same idempotency key is applied once)',
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: UNAVAILABLE, retryAfterSeconds },
      };
    }
    if (original instanceof DomainError) {
      return {
        message: original.message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: {
          code: original.code,
          ...(original.rule ? { rule: original.rule } : {}),
          ...(original.violations ? { violations: original.violations } : {}),
          ...(original.field ? { field: original.field } : {}),
        },
      };
    }
    const validationErrors = (original as { extensions?: { validationErrors?: ValidationError[] } })?.extensions?.validationErrors;
    if (Array.isArray(validationErrors)) {
      const violations = flattenValidation(validationErrors);
      return {
        message: `Invalid input: ${violations.map((v) => `${v.field}: ${v.message}`).join('; ')}`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'BAD_USER_INPUT', field: violations[0]?.field, violations },
      };
    }
    // graphql-js stops coercing variables after 50 invalid ones; that is the caller's input too (issue 7 item 3).
    if (formatted.message.startsWith('Too many errors processing variables')) {
      return { message: formatted.message, extensions: { code: 'BAD_USER_INPUT' } };
    }
    // graphql-js's own refusal of an argument at execution (no code of its own): a nullable variable with a default,
    // sent as null where the argument is non-null (`$n: [String!] = ["X"]` given null, `@skip(if: $b)` with
    // `$b: Boolean = false` given null), or a list holding such a variable. That is the caller's input too.
    const argument = original instanceof GraphQLError && !original.originalError ? ARGUMENT_REFUSED.exec(original.message) : null;
    if (argument) {
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', field: argument[1], violations: [{ field: argument[1], message: formatted.message }] } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && GRAPHQL_CODES.has(code)) {
      const extra = Object.fromEntries(PASSED_EXTENSIONS.filter((k) => formatted.extensions?.[k] !== undefined).map((k) => [k, formatted.extensions![k]]));
      const field = code === 'BAD_USER_INPUT' ? variableField(formatted.message) : undefined;
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { ...extra, code, ...(field ? { field } : {}) } };
    }
    const err = original as (Error & { code?: unknown }) | undefined;
    // ATS-57: an error's message can quote SQL parameters or input (names, emails), so only its name, driver code and stack frames are logged.
    const frames = typeof err?.stack === 'string' ? err.stack.split('\n').filter((line) => /^\s+at /.test(line)).join('\n') : undefined;
    logger.error({ err: { name: err?.name, code: typeof err?.code === 'string' ? err.code : undefined, stack: frames }, path: formatted.path }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Issue 8: a response carrying UNAVAILABLE is sent as HTTP 503 with a Retry-After header, so HTTP clients and proxies retry. */
export function unavailableStatusPlugin(retryAfterSeconds: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === UNAVAILABLE)) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(retryAfterSeconds));
        },
      };
    },
  };
}
