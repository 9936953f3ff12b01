import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';
import proxyAddr from 'proxy-addr';

/**
 * The client of a request: the socket's address, unless the socket is a trusted proxy; then
 * the rightmost X-Forwarded-For address that is not one (what a client writes to the left of
 * its proxy's entry is never used). IPv4-mapped IPv6 is written as IPv4.
 */
export function clientAddressOf(
  trustedProxies: readonly string[],
): (request: IncomingMessage) => string {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (request) => {
    const address = proxyAddr(request, trust);
    return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address || 'unknown';
  };
}

/**
 * Whether the client reached us over HTTPS: TLS on this socket, or a trusted proxy that says
 * so in X-Forwarded-Proto (anyone else could claim it, and get a Secure cookie over HTTP).
 */
export function isHttpsOf(
  trustedProxies: readonly string[],
): (request: IncomingMessage) => boolean {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (request) => {
    if ('encrypted' in request.socket && request.socket.encrypted) return true;
    const peer = request.socket.remoteAddress;
    if (!peer || !trust(peer, 0)) return false;
    const proto = request.headers['x-forwarded-proto'];
    const first = (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim();
    return first === 'https';
  };
}

/** What an X-Request-Id from a proxy may be: short, and nothing that could break a log line. */
const REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * A request's id (O5): a trusted proxy's X-Request-Id when it sent a well-formed one (so that
 * its access log and ours share the id), otherwise a new UUID; anyone else's is ignored.
 */
export function requestIdOf(
  trustedProxies: readonly string[],
): (request: IncomingMessage) => string {
  const trust = proxyAddr.compile([...trustedProxies]);
  return (request) => {
    const sent = request.headers['x-request-id'];
    const peer = request.socket.remoteAddress;
    if (typeof sent === 'string' && REQUEST_ID.test(sent) && peer && trust(peer, 0)) return sent;
    return randomUUID();
  };
}
