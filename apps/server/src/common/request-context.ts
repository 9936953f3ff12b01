import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line written while serving one HTTP request carries (O5), and what the
 * GraphQL layer learns of it for the request's own line and its metrics.
 */
export interface RequestContext {
  readonly reqId: string;
  /** The operation's name as sent, once Apollo has read it. */
  operationName?: string | null;
  /** The codes of the errors in the answer, once formatted. */
  errorCodes?: string[];
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs `serve` with `context` as the current request's, for every callback it starts. */
export const withRequestContext = <T>(context: RequestContext, serve: () => T): T =>
  storage.run(context, serve);

/** The request being served, if any. */
export const currentRequest = (): RequestContext | undefined => storage.getStore();
