import ipaddr from 'ipaddr.js';

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
