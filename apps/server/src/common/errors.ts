/** The codes of the API contract; every error a client sees carries one of them. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'SECRET_NAME_TAKEN'
  | 'SECRET_IN_USE'
  | 'SECRET_REVOKED'
  | 'SECRET_EXPIRED'
  | 'SECRET_NOT_FOUND'
  | 'INSECURE_URL'
  | 'BLOCKED_DESTINATION'
  | 'SECRET_HOST_NOT_ALLOWED'
  | 'RATE_LIMITED'
  | 'RESPONSE_TOO_LARGE'
  | 'VERSION_CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** A failure the user can act on. The message is shown as is: never put a value in it. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const badInput = (message: string, field?: string): AppError =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {});

export const notFound = (what: string): AppError =>
  new AppError('NOT_FOUND', `${what} was not found.`);

/** What a client is told to wait before retrying while the database is away (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached or is too slow: nothing of the cause reaches the client. */
export const serviceUnavailable = (): AppError =>
  new AppError(
    'SERVICE_UNAVAILABLE',
    'The service is briefly unavailable. Try again in a few seconds.',
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
