import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Loopback, private, link-local (cloud metadata included), CGNAT, unique-local, multicast and
 * unspecified ranges: what an outgoing request must not reach unless allowed.
 */
export const DEFAULT_DENY_CIDRS = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/4',
  '255.255.255.255/32',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
];

export class BlockedDestinationError extends Error {
  override name = 'BlockedDestinationError';
  constructor(readonly address: string) {
    super(`The destination ${address} is not allowed (OUTBOUND_DENY_CIDRS).`);
  }
}

/** `10.0.0.0/8` → the parts BlockList wants, or null when it is not a CIDR. */
export function parseCidr(
  cidr: string,
): { network: string; prefix: number; type: 'ipv4' | 'ipv6' } | null {
  const [network = '', prefixText = ''] = cidr.trim().split('/');
  const family = isIP(network);
  const prefix = Number(prefixText);
  if (family === 0 || !/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128))
    return null;
  return { network, prefix, type: family === 4 ? 'ipv4' : 'ipv6' };
}

function blockList(cidrs: readonly string[]): BlockList {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new RangeError(`Not a CIDR range: ${cidr}`);
    list.addSubnet(parsed.network, parsed.prefix, parsed.type);
  }
  return list;
}

/** ::ffff:7f00:1 and ::ffff:127.0.0.1 are 127.0.0.1: check them as IPv4. */
function unmapped(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (mapped?.[1]) return { address: mapped[1], type: 'ipv4' };
  if (mapped?.[2] && mapped[3]) {
    const high = parseInt(mapped[2], 16);
    const low = parseInt(mapped[3], 16);
    return { address: [high >> 8, high & 255, low >> 8, low & 255].join('.'), type: 'ipv4' };
  }
  return { address, type: isIP(address) === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * Where outgoing requests may go. Addresses are checked after DNS resolution, and the
 * connection is made to the address that was checked (the lookup below is the socket's own),
 * so a second, different answer from DNS cannot slip through.
 */
export class DestinationPolicy {
  private readonly deny: BlockList;
  private readonly allow: BlockList;

  constructor(denyCidrs: readonly string[], allowCidrs: readonly string[]) {
    this.deny = blockList(denyCidrs);
    this.allow = blockList(allowCidrs);
  }

  blocks(address: string): boolean {
    const { address: plain, type } = unmapped(address.replace(/^\[|\]$/g, ''));
    return this.deny.check(plain, type) && !this.allow.check(plain, type);
  }

  /** Throws when `host` is an IP literal that is blocked (sockets skip DNS for those). */
  assertLiteralAllowed(host: string): void {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare) !== 0 && this.blocks(bare)) throw new BlockedDestinationError(bare);
  }

  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const blocked = addresses.find((entry) => this.blocks(entry.address));
      if (blocked) return callback(new BlockedDestinationError(blocked.address), '', 0);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
