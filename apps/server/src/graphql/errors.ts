import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from 'pino';
import { AppError } from '../common/errors';
import { isUnstorableText } from '../common/postgres-errors';
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

export function createErrorFormatter(logger: Logger, options: { hideSuggestions: boolean }) {
  return function formatError(
    formatted: GraphQLFormattedError,
    error: unknown,
  ): GraphQLFormattedError {
    const unwrapped = unwrapResolverError(error);
    // A validation rule that refuses with a code of its own (the response size) carries it.
    const original =
      unwrapped instanceof GraphQLError && unwrapped.originalError instanceof AppError
        ? unwrapped.originalError
        : unwrapped;
    const { path, locations } = formatted;

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
      logger.error(
        { err: { type: original.name, message: original.message } },
        'decryption failed',
      );
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
    logger.error({ err: original }, 'unexpected error');
    return {
      message: 'Internal server error.',
      path,
      locations,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
