/** The constraint named by a PostgreSQL unique violation (SQLSTATE 23505), else null. */
export function uniqueViolation(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== '23505') {
    return null;
  }
  return 'constraint' in error ? String(error.constraint) : '';
}

/**
 * SQLSTATE 22021: text that PostgreSQL cannot store, which from valid JSON input can only be
 * the NUL character (U+0000). The statement fails before anything is written.
 */
export const isUnstorableText = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '22021';

export const isUuid = (id: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Socket errors of a connection refused, dropped or timed out (node's `code`). */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs of a server that is away or overloaded rather than of a bad statement: class 08
 * (connection exception), 57P01-57P03 (shut down by an administrator, crash shutdown, cannot
 * connect now: starting up), 53300 (too many connections) and 57014 (cancelled, which is
 * what statement_timeout raises).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P0[123]|53300|57014)$/;

/** Messages of node-postgres and pg-pool, which carry no code, for the same conditions. */
const UNAVAILABLE_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * Whether `error` says the database cannot be reached, went away, or is too slow, rather than
 * that the statement is wrong: the request may succeed if tried again in a moment. Follows
 * TypeORM's `driverError`, `cause`, graphql-js's `thrownValue` and the `errors` of an AggregateError (a refused
 * connection to every address of a host name).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : '';
  if (UNAVAILABLE_MESSAGES.test(message)) return true;
  const inner = [
    'driverError' in error ? error.driverError : undefined,
    'cause' in error ? error.cause : undefined,
    // graphql-js wraps a thrown value that is no Error of its realm (NonErrorThrown).
    'thrownValue' in error ? error.thrownValue : undefined,
    ...('errors' in error && Array.isArray(error.errors) ? (error.errors as unknown[]) : []),
  ];
  return inner.some((item) => item !== error && isDatabaseUnavailable(item, depth + 1));
}
