import type { EdgeErrorCode } from '../graphql/error-codes';

/**
 * One error shape for every response, GraphQL or not (404 route, body too large, bad JSON, 429, 401):
 * `{ errors: [{ message, extensions: { code, ... } }] }`, with `code` from the documented list (README, `ErrorCode` in the schema).
 */
export function errorBody(code: EdgeErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}
