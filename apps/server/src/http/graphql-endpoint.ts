import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { Logger } from 'pino';
import getRawBody from 'raw-body';
import { operationLabel, type Metrics } from './metrics';
import { requestContextOf } from './request-context';

/** The one path GraphQL answers on, over HTTP and WebSocket. */
export const GRAPHQL_PATH = '/graphql';
/** A 64 KiB value, JSON-escaped, with the rest of a request fits with room to spare. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** A body the endpoint refuses itself, in GraphQL's shape, with a code. */
class BodyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const isGraphQLPath = (url: string | undefined): boolean => {
  if (!url?.startsWith(GRAPHQL_PATH)) return false;
  const rest = url.slice(GRAPHQL_PATH.length);
  return rest === '' || rest[0] === '?' || rest === '/' || rest.startsWith('/?');
};

const isJson = (request: IncomingMessage): boolean =>
  /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(request.headers['content-type'] ?? '');

/** The body as JSON when it says it is JSON; undefined otherwise (Apollo refuses it then). */
async function readBody(request: IncomingMessage): Promise<unknown> {
  if (request.method !== 'POST' || !isJson(request)) {
    request.resume();
    return undefined;
  }
  let text: string;
  try {
    text = await getRawBody(request, { limit: MAX_BODY_BYTES, encoding: 'utf8' });
  } catch (error) {
    const type = typeof error === 'object' && error && 'type' in error ? error.type : undefined;
    if (type !== 'entity.too.large') throw error;
    throw new BodyRefusal(413, 'PAYLOAD_TOO_LARGE', 'The request body is over 2 MB.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyRefusal(400, 'BAD_REQUEST', 'The request body is not valid JSON.');
  }
}

/**
 * The operation's name as the client gave it: `operationName`, or the name of a document
 * that starts with its one operation. Only a label and a log field, never run: Apollo reads
 * the document itself.
 */
function operationNameOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { operationName, query } = body as { operationName?: unknown; query?: unknown };
  if (typeof operationName === 'string') return operationName.slice(0, 128);
  if (typeof query !== 'string') return null;
  return /^\s*(?:query|mutation|subscription)\s+([_A-Za-z]\w{0,127})/.exec(query)?.[1] ?? null;
}

function send(
  response: ServerResponse,
  status: number,
  headers: Iterable<readonly [string, string]>,
  body: string,
): void {
  response.statusCode = status;
  for (const [name, value] of headers) response.setHeader(name, value);
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

/**
 * GraphQL over HTTP, from node:http straight to Apollo. express's router, its JSON body
 * parser and a dozen helmet middlewares per request cost more than the database read a
 * request carries (issue 13); what they did is done here once: `headers` are the security
 * headers helmet computed at start, the body is read with raw-body under the same limit.
 * Returns a request listener that handles /graphql and passes everything else to `next`.
 */
export function graphqlEndpoint<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: {
    headers: readonly (readonly [string, string])[];
    context: (request: IncomingMessage, response: ServerResponse) => Promise<TContext>;
    next: (request: IncomingMessage, response: ServerResponse) => void;
    logger: Logger;
    metrics: Metrics;
  },
): (request: IncomingMessage, response: ServerResponse) => void {
  const { headers: securityHeaders, context, next, logger, metrics } = options;
  /**
   * O4/O5: one line and one count per request, with its name, status, duration and error
   * codes, never its variables. A success is logged at debug: a synchronous line per request
   * at info would cost more than the request (issue 13); a failure is logged at info.
   */
  const observe = (request: IncomingMessage, started: number, body: unknown, status: number) => {
    const seconds = (performance.now() - started) / 1000;
    const operationName = operationNameOf(body);
    const context = requestContextOf(request);
    const errors = context?.errorCodes;
    const ok = status < 400 && !errors;
    metrics.request(operationLabel(operationName), ok, seconds);
    if (ok && !logger.isLevelEnabled('debug')) return;
    logger[ok ? 'debug' : 'info'](
      {
        reqId: context?.reqId,
        operation: operationName,
        status,
        ms: Math.round(seconds * 1000),
        errors,
      },
      'graphql request',
    );
  };
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const started = performance.now();
    let body: unknown;
    try {
      body = await readBody(request);
    } catch (error) {
      if (!(error instanceof BodyRefusal)) throw error;
      const { status, code, message } = error;
      response.setHeader('content-type', 'application/json; charset=utf-8');
      send(
        response,
        status,
        securityHeaders,
        JSON.stringify({ errors: [{ message, extensions: { code } }] }),
      );
      metrics.graphqlError(code);
      const context = requestContextOf(request);
      if (context) context.errorCodes = [code];
      observe(request, started, undefined, status);
      return;
    }
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const url = request.url ?? '';
    const query = url.indexOf('?');
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: request.method?.toUpperCase() ?? 'GET',
        headers,
        search: query === -1 ? '' : url.slice(query),
        body,
      },
      context: () => context(request, response),
    });
    // Only incremental delivery (@defer) streams, and this schema has no such directive.
    if (result.body.kind !== 'complete')
      throw new Error('Streamed GraphQL answers are not served.');
    send(
      response,
      result.status ?? 200,
      [...securityHeaders, ...result.headers],
      result.body.string,
    );
    observe(request, started, body, result.status ?? 200);
  };
  return (request, response) => {
    if (!isGraphQLPath(request.url)) {
      next(request, response);
      return;
    }
    answer(request, response).catch((error: unknown) => {
      // Apollo answers its own errors; what is left is a broken socket or a bug, never data.
      request.socket.destroy(error instanceof Error ? error : undefined);
    });
  };
}

/**
 * The headers a header-setting middleware (helmet) writes, found by running it once: they
 * depend on nothing in the request, so every response gets them without running it again.
 */
export function headersOf(
  middleware: (
    request: IncomingMessage,
    response: ServerResponse,
    next: (error?: unknown) => void,
  ) => void,
): [string, string][] {
  const headers = new Map<string, string>();
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) =>
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  } as unknown as ServerResponse;
  let finished = false;
  middleware({ headers: {} } as IncomingMessage, response, (error) => {
    if (error) throw new Error('The header middleware failed.', { cause: error });
    finished = true;
  });
  if (!finished) throw new Error('The header middleware did not finish synchronously.');
  return [...headers];
}
