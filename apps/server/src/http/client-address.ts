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
 * What one client is counted as: its IPv4 address, or its IPv6 /64 (the least a subscriber
 * is given), so that stepping through the addresses of one's own /64 gains nothing.
 */
export function clientNetwork(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (!(parsed instanceof ipaddr.IPv6)) return parsed.toString();
  return `${new ipaddr.IPv6([...parsed.parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
