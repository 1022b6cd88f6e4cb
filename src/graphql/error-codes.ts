/**
 * The one documented list of `extensions.code` values (README "Errors"; the `ErrorCode` enum in the schema).
 * Every error the API sends, GraphQL or plain HTTP, carries one of these.
 */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RULE_VIOLATION = 'RULE_VIOLATION',
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  RATE_LIMITED = 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  BAD_REQUEST = 'BAD_REQUEST',
  UNAVAILABLE = 'UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export type EdgeErrorCode = `${ErrorCode}`;

/** What each code means, published as the enum's value descriptions. */
export const ERROR_CODE_DESCRIPTIONS: Record<ErrorCode, string> = {
  BAD_USER_INPUT: 'An argument or input field is invalid; `extensions.field` names it (HTTP 200).',
  UNAUTHENTICATED: 'The bearer token is malformed, invalid, expired, too long-lived or issued in the future (HTTP 401); or the operation needs a signed-in caller.',
  FORBIDDEN: 'The caller may not do this (role or ownership, ATS-57).',
  NOT_FOUND: 'The record does not exist or is not visible to the caller; also an unknown HTTP route (HTTP 404).',
  CONFLICT: 'The record changed state meanwhile (another request won) or already exists.',
  RULE_VIOLATION: 'A rule of DOMAIN.md refused the request; `extensions.rule` and `extensions.violations` say which.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax (HTTP 400).',
  GRAPHQL_VALIDATION_FAILED: 'The document does not match the schema (HTTP 400).',
  OPERATION_RESOLUTION_FAILURE: 'The operation name does not match an operation in the document (HTTP 400).',
  PERSISTED_QUERY_NOT_FOUND: 'Automatic persisted queries: the hash is unknown; send the query text.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Automatic persisted queries are off on this server (APQ_ENABLED).',
  QUERY_TOO_COMPLEX: 'Refused before execution by a query limit; `extensions.limit` is tokens, depth, aliases, directives or cost (HTTP 400).',
  RATE_LIMITED: 'Too many requests from this client; retry after the Retry-After header (HTTP 429).',
  PAYLOAD_TOO_LARGE: 'The request body is larger than HTTP_BODY_LIMIT_BYTES (HTTP 413).',
  BAD_REQUEST: 'The HTTP request is malformed: bad JSON, unsupported content type or method (HTTP 400/405/415).',
  UNAVAILABLE: 'A dependency (the database) is overloaded or down; retry later (HTTP 503).',
  INTERNAL_SERVER_ERROR: 'An unexpected error; details are logged under the request id (x-request-id), never sent.',
};
