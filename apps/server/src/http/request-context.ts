/**
 * What the log line and the metrics of one HTTP request need to know of it (O4/O5): its id,
 * and the codes of the errors its answer carries. Tied, through a WeakMap, to the objects
 * that stand for the request on its way: the IncomingMessage and each error it raised, which
 * is all that Apollo hands to formatError (the GraphQL context carries it as `request`:
 * Apollo copies the context object, so the object itself cannot be the key). (AsyncLocalStorage would
 * reach further, but on Node 20 it slows every promise, and so every request, by a tenth.)
 */
export interface RequestContext {
  readonly reqId: string;
  /** The codes of the errors in the answer, once formatted. */
  errorCodes?: string[];
}

const contexts = new WeakMap<object, RequestContext>();

/** Ties `owner` (the request, an error it raised) to `context`. */
export function tieToRequest(owner: object, context: RequestContext): void {
  contexts.set(owner, context);
}

/** The request `owner` was tied to, if any. */
export function requestContextOf(owner: unknown): RequestContext | undefined {
  return typeof owner === 'object' && owner !== null ? contexts.get(owner) : undefined;
}
