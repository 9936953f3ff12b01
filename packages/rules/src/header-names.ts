// The rule for the header names a step or a connection may set, free of server imports: the
// services check saved names with it, the outbound client checks every request with it, and
// the SPA's workflow form checks with this same code.

/** RFC 9110 token: the characters a header name may have. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const MAX_HEADER_NAME_LENGTH = 256;

/** Hop-by-hop and framing headers (besides Proxy-*): the HTTP client sets these itself. */
const CONNECTION_HEADERS = new Set([
  'connection',
  'content-length',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * W8: why a request may not carry a header of this name, case-insensitively; undefined when
 * it may. `Host` would become the TLS server name and the name the certificate is checked
 * against, sending the request to a site other than the URL's host; hop-by-hop, `Proxy-*`,
 * framing and pseudo-headers steer the connection or the message's framing.
 */
export function forbiddenHeaderProblem(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  const quoted = `"${name.trim().slice(0, 60)}"`;
  if (lower === 'host')
    return `${quoted} cannot be set: a request goes to the host of its URL. Put the host in the URL.`;
  if (lower.startsWith(':'))
    return `${quoted} is a pseudo-header, which the HTTP client sets from the URL and method.`;
  if (CONNECTION_HEADERS.has(lower) || lower.startsWith('proxy-'))
    return `${quoted} steers the connection or the message framing, which the HTTP client sets itself. Remove it.`;
  return undefined;
}

/** Why a header name is refused, as a message for the user; undefined when it may be set. */
export function headerNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  const forbidden = forbiddenHeaderProblem(trimmed);
  if (forbidden) return forbidden;
  if (!TOKEN.test(trimmed) || trimmed.length > MAX_HEADER_NAME_LENGTH)
    return `"${trimmed.slice(0, 60)}" is not a valid header name: use letters, digits and - (no spaces or colons).`;
  return undefined;
}
