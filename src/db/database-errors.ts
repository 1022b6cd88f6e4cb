/**
 * Recognises the errors that mean "the database cannot be reached right now" (issue 8), as opposed to a bug or a
 * refused request: the GraphQL layer answers them with UNAVAILABLE, HTTP 503 and a Retry-After header.
 *
 * - SQLSTATE class 08 (connection exception), 57P01..57P05 (administrator/crash shutdown, cannot connect now,
 *   idle session timeout), 57014 (statement timeout or cancel), 53300 (too many connections), 25P03 (idle in
 *   transaction timeout);
 * - node-postgres' own errors: pool acquire timeout, connection timeout, a connection ended mid-query, a client-side
 *   query read timeout on a frozen server;
 * - socket errors (ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, EHOSTUNREACH, ENOTFOUND, EAI_AGAIN).
 */
const UNAVAILABLE_SQLSTATES = new Set(['57014', '57P01', '57P02', '57P03', '57P05', '53300', '25P03']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /query read timeout/i,
  /client has encountered a connection error/i,
  /connection (is )?(closed|ended)/i,
  /cannot use a pool after calling end/i,
  /server closed the connection unexpectedly/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /canceling statement due to statement timeout/i,
];

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; name?: unknown; thrownValue?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (UNAVAILABLE_SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || SOCKET_CODES.has(code))) return true;
  if (e.name === 'ConnectionIsNotSetError' || e.name === 'CannotConnectAlreadyConnectedError') return true;
  // SQLSTATEs from the server carry their code; node-postgres' own errors only a message (it never holds personal data).
  if (!code && typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  // graphql-js wraps a thrown non-Error (node-postgres can reject with a bare socket error object) as NonErrorThrown.
  if (isDatabaseUnavailable(e.thrownValue, depth + 1)) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** The short, stable reason logged for an unavailable database (never the message: it can quote parameters). */
export function unavailableReason(error: unknown): string {
  const wrapped = (error as { thrownValue?: unknown } | undefined)?.thrownValue;
  if (wrapped) return unavailableReason(wrapped);
  const e = error as { code?: unknown; driverError?: { code?: unknown; message?: unknown }; message?: unknown } | undefined;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.driverError?.code === 'string' ? e.driverError.code : undefined;
  if (code) return code;
  const message = typeof e?.message === 'string' ? e.message : typeof e?.driverError?.message === 'string' ? e.driverError.message : '';
  const match = MESSAGES.find((m) => m.test(message));
  return match ? message.slice(0, 80) : 'unknown';
}
