import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from 'pino';
import { AppError, RETRY_AFTER_SECONDS, serviceUnavailable } from '../common/errors';
import { isDatabaseUnavailable, isUnstorableText } from '../common/postgres-errors';
import { DecryptionError } from '../crypto/envelope';
import { UnknownMasterKeyError } from '../crypto/keyring';

/**
 * graphql-js quotes the offending input in coercion errors ("got invalid value \"...\"",
 * "cannot represent a non string value: ..."). That input may be a secret value, so the
 * quoted part is cut and only the location is kept.
 */
export function withoutInputValues(message: string): string {
  const variable = /^Variable "(\$[^"]+)" got invalid value .*?(?: at "([^"]+)")?;/s.exec(message);
  if (variable) {
    const where = variable[2] ? ` at "${variable[2]}"` : '';
    return `Variable "${variable[1]}" has an invalid value${where}.`;
  }
  const literal =
    /^(.*?(?:cannot represent|Expected value of type)[^:]*?)(?::| found)[\s\S]*$/.exec(message);
  if (literal?.[1]) return `${literal[1].replace(/[\s,.]+$/, '')}.`;
  return message;
}

function validationDetails(
  error: ArgumentValidationError,
): { field: string; messages: string[] }[] {
  // class-validator's errors carry the input object and value: keep only names and messages.
  const flatten = (
    errors: ArgumentValidationError['extensions']['validationErrors'],
    prefix: string,
  ): { field: string; messages: string[] }[] =>
    (Array.isArray(errors) ? errors : []).flatMap((item) => {
      const field = prefix ? `${prefix}.${item.property}` : item.property;
      const own = item.constraints ? [{ field, messages: Object.values(item.constraints) }] : [];
      return [...own, ...flatten(item.children ?? [], field)];
    });
  return flatten(error.extensions.validationErrors, '');
}

/** Drops graphql-js's "Did you mean ...?" hints, which spell out the schema to strangers. */
export const withoutSuggestions = (message: string): string =>
  message.replace(/\s*Did you mean [^?]*\?/g, '');

/** The status and header of an answer that failed because the database is away. */
const unavailableHttp = () => ({
  status: 503,
  headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]),
});

/**
 * For an error thrown while the request's context was built (authentication reads the
 * database): one that says the database is away becomes a 503 with Retry-After, which
 * Apollo takes from these extensions before formatError turns it into SERVICE_UNAVAILABLE.
 */
export function contextCreationError(error: unknown): unknown {
  if (!isDatabaseUnavailable(error)) return error;
  return new GraphQLError(serviceUnavailable().message, {
    // Not checked with instanceof: node's own errors (a refused socket) may come from
    // another realm (jest's), and isDatabaseUnavailable has already looked at its shape.
    originalError: error as Error,
    extensions: { http: unavailableHttp() },
  });
}

const isUnavailable = (error: GraphQLFormattedError) =>
  error.extensions?.code === 'SERVICE_UNAVAILABLE';

/**
 * An operation that failed because the database is away answers 503 with Retry-After and
 * one SERVICE_UNAVAILABLE error (a query fails every field that reads the database: one
 * error says it). Data that was resolved stays: a mutation that committed says so.
 */
export const serviceUnavailablePlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        const unavailable = result.errors?.find(isUnavailable);
        if (!unavailable) return;
        const { status, headers } = unavailableHttp();
        response.http.status = status;
        for (const [name, value] of headers) response.http.headers.set(name, value);
        response.body.singleResult = { ...result, errors: [unavailable] };
      },
    };
  },
};

export interface ErrorFormatterOptions {
  hideSuggestions: boolean;
  /** Told of every error that says the database is away (DatabaseAvailability.report). */
  onDatabaseUnavailable?: (error: unknown) => void;
}

export function createErrorFormatter(logger: Logger, options: ErrorFormatterOptions) {
  /** `log`: where this error's lines go (a request's child logger, with its id). */
  return function formatError(
    formatted: GraphQLFormattedError,
    error: unknown,
    log: Logger = logger,
  ): GraphQLFormattedError {
    const unwrapped = unwrapResolverError(error);
    // A validation rule that refuses with a code of its own (the response size) carries it.
    const original =
      unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
        ? unwrapped.originalError
        : unwrapped;
    const { path, locations } = formatted;

    // Whether in a resolver, in building the context or in a subscription's source: the
    // database's own error (its address, the driver's words) never reaches the client.
    const cause = unwrapped instanceof GraphQLError ? unwrapped.originalError : unwrapped;
    if (isDatabaseUnavailable(cause)) {
      options.onDatabaseUnavailable?.(cause);
      const { code, message, extensions } = serviceUnavailable();
      return { message, path, locations, extensions: { code, ...extensions } };
    }

    if (original instanceof AppError) {
      return {
        message: original.message,
        path,
        locations,
        extensions: { code: original.code, ...original.extensions },
      };
    }
    if (original instanceof ArgumentValidationError) {
      const details = validationDetails(original);
      const message =
        details.map((detail) => detail.messages.join('; ')).join('; ') || 'Invalid input.';
      return {
        message,
        path,
        locations,
        extensions: { code: 'BAD_USER_INPUT', field: details[0]?.field, validation: details },
      };
    }
    if (original instanceof DecryptionError || original instanceof UnknownMasterKeyError) {
      log.error({ err: { type: original.name, message: original.message } }, 'decryption failed');
      return {
        message: original.message,
        path,
        locations,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    }
    if (original instanceof GraphQLError) {
      // Raised by graphql-js or Apollo while parsing, validating or coercing the request.
      return {
        message: options.hideSuggestions
          ? withoutSuggestions(withoutInputValues(formatted.message))
          : withoutInputValues(formatted.message),
        path,
        locations,
        extensions: {
          code:
            formatted.extensions?.code === 'UNAUTHENTICATED' ? 'UNAUTHENTICATED' : 'BAD_USER_INPUT',
        },
      };
    }
    if (isUnstorableText(original)) {
      return {
        message: 'Text cannot contain the NUL character (U+0000); remove it and try again.',
        path,
        locations,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    // The message of an unexpected error is logged, never returned: it could quote input.
    log.error({ err: original }, 'unexpected error');
    return {
      message: 'Internal server error.',
      path,
      locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
