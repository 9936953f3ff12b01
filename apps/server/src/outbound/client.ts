import { Agent, request, type Dispatcher } from 'undici';
import { forbiddenHeaderProblem } from '@secrets/rules';
import { BlockedDestinationError, type DestinationPolicy } from './destination-policy';
import { redactPrefix, redactSecrets, Spellings } from './redact';

/** What a run keeps of a response body (W6). */
export const MAX_RECORDED_BODY_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;

export interface OutboundRequest {
  method: string;
  url: string;
  /** In order; a name may repeat. */
  headers: readonly (readonly [string, string])[];
  body?: string | null;
  /**
   * The secret values this request carries. Their presence requires https and forbids
   * following a redirect to another origin; every form of them is masked in the result.
   */
  secretValues: readonly string[];
}

export interface OutboundResult {
  ok: boolean;
  httpStatus: number | null;
  /**
   * INSECURE_URL, FORBIDDEN_HEADER, BLOCKED_DESTINATION, REDIRECT_NOT_FOLLOWED, HTTP_ERROR,
   * TIMEOUT, NETWORK_ERROR, or null.
   */
  errorCode: string | null;
  message: string | null;
  /** At most 64 KiB, secrets masked. */
  responseBody: string | null;
  durationMs: number;
}

export interface OutboundClientOptions {
  timeoutMs: number;
  /** Checked before every connection, on every redirect hop. */
  destinations: DestinationPolicy;
  /** Told every result, refusals included (the outbound metrics). */
  onResult?: (result: OutboundResult) => void;
}

/** W2: a request that carries a secret goes over https only. Null when it may be sent. */
export function insecureUrlReason(url: string, carriesSecret: boolean): string | null {
  if (!carriesSecret) return null;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return 'The URL is not valid.';
  }
  return protocol === 'https:' ? null : 'A request that carries a secret must use an https:// URL.';
}

/** Refused before anything is sent. */
const refusal = (errorCode: string, message: string): OutboundResult => ({
  ok: false,
  httpStatus: null,
  errorCode,
  message,
  responseBody: null,
  durationMs: 0,
});

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    // Leaving the loop early destroys the body; its iterator absorbs the abort.
    if (size >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

function blockedDestination(error: unknown): BlockedDestinationError | null {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof BlockedDestinationError) return cause;
  }
  return null;
}

function describeFailure(
  error: unknown,
  timeoutMs: number,
  signal: AbortSignal,
): Pick<OutboundResult, 'errorCode' | 'message'> {
  const blocked = blockedDestination(error);
  if (blocked) return { errorCode: 'BLOCKED_DESTINATION', message: blocked.message };
  if (signal.aborted)
    return { errorCode: 'TIMEOUT', message: `No complete response within ${timeoutMs} ms.` };
  const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
  const text = error instanceof Error ? error.message : String(error);
  return {
    errorCode: 'NETWORK_ERROR',
    message: `The request failed${code ? ` (${code})` : ''}: ${text}`,
  };
}

/**
 * The one way out for steps and connection tests: https where a secret is carried, a
 * timeout over the whole exchange, redirects that never carry a secret to another origin
 * or to http (W5), a capped body, and every secret form masked in what is returned (W6).
 */
export class OutboundClient {
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: OutboundClientOptions) {
    // The socket resolves names through the policy, so it connects to the address checked.
    this.dispatcher = new Agent({ connect: { lookup: options.destinations.lookup } });
  }

  close(): Promise<void> {
    return this.dispatcher.close();
  }

  async send(outbound: OutboundRequest): Promise<OutboundResult> {
    const result = await this.exchange(outbound);
    this.options.onResult?.(result);
    return result;
  }

  private async exchange(outbound: OutboundRequest): Promise<OutboundResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const spellings = new Spellings(outbound.secretValues);
    const mask = (text: string) => redactSecrets(text, spellings);
    const carriesSecret = outbound.secretValues.length > 0;
    const insecure = insecureUrlReason(outbound.url, carriesSecret);
    if (insecure) return refusal('INSECURE_URL', insecure);
    // W8, for rows saved before the rule: undici would take a Host header as the TLS server
    // name and the certificate's name, so the request would go where the header says. With
    // none, both come from each hop's URL, the host the destination policy and allowedHosts judge.
    for (const [name] of outbound.headers) {
      const forbidden = forbiddenHeaderProblem(name);
      if (forbidden) return refusal('FORBIDDEN_HEADER', forbidden);
    }

    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const origin = new URL(outbound.url).origin;
    let url = outbound.url;
    let method = outbound.method;
    let body = outbound.body ?? undefined;
    try {
      for (let redirects = 0; ; redirects++) {
        this.options.destinations.assertLiteralAllowed(new URL(url).hostname);
        const response = await request(url, {
          method,
          headers: outbound.headers.flat(),
          body,
          signal,
          dispatcher: this.dispatcher,
        });
        const location = response.headers.location;
        if (
          REDIRECT_STATUSES.has(response.statusCode) &&
          typeof location === 'string' &&
          redirects < MAX_REDIRECTS
        ) {
          await response.body.dump();
          const next = new URL(location, url);
          if (carriesSecret && (next.origin !== origin || next.protocol !== 'https:')) {
            return {
              ok: false,
              httpStatus: response.statusCode,
              errorCode: 'REDIRECT_NOT_FOLLOWED',
              message: mask(
                `The server redirected to ${next.protocol === 'https:' ? next.origin : `${next.protocol}//${next.host}`}; a request carrying a secret only follows redirects within ${origin}.`,
              ),
              responseBody: null,
              durationMs: elapsed(),
            };
          }
          // As browsers do: 303, and 301/302 after POST, continue as GET without a body.
          if (response.statusCode === 303 || (response.statusCode <= 302 && method === 'POST')) {
            method = 'GET';
            body = undefined;
          }
          url = next.toString();
          continue;
        }
        // Read past the cap by the longest spelling of a value, so one across the cut is seen whole.
        const raw = await readCapped(
          response.body,
          MAX_RECORDED_BODY_BYTES + spellings.longestBytes(),
        );
        const responseBody = redactPrefix(
          new TextDecoder().decode(raw),
          spellings,
          MAX_RECORDED_BODY_BYTES,
        );
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        return {
          ok,
          httpStatus: response.statusCode,
          errorCode: ok ? null : 'HTTP_ERROR',
          message: ok ? null : `The server answered HTTP ${response.statusCode}.`,
          responseBody,
          durationMs: elapsed(),
        };
      }
    } catch (error) {
      const failure = describeFailure(error, this.options.timeoutMs, signal);
      return {
        ok: false,
        httpStatus: null,
        ...failure,
        message: failure.message && mask(failure.message),
        responseBody: null,
        durationMs: elapsed(),
      };
    }
  }
}
