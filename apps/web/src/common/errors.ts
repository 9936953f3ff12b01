import { CombinedGraphQLErrors } from '@apollo/client';

export interface ApiError {
  code: string;
  message: string;
  /** The input field the error concerns, when the API names one. */
  field?: string;
}

/** The first GraphQL error of an Apollo error, with its code and field. */
export function apiError(error: unknown): ApiError {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const extensions = first?.extensions ?? {};
    return {
      code: typeof extensions.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
      message: first?.message ?? 'The request failed.',
      field: typeof extensions.field === 'string' ? extensions.field : undefined,
    };
  }
  return { code: 'NETWORK_ERROR', message: 'The server could not be reached. Try again.' };
}

export const errorMessage = (error: unknown): string => apiError(error).message;
