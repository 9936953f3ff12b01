import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * What an outgoing request must not reach unless allowed: every range that is not the public
 * internet, plus the IPv6 prefixes that tunnel or translate to IPv4 (denied whole; the IPv4
 * address they carry is judged as well, see `forms`).
 */
export const DEFAULT_DENY_CIDRS = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private
  '100.64.0.0/10', // CGNAT
  '127.0.0.0/8', // loopback
  '168.63.129.16/32', // Azure's platform endpoint (wire server, DNS, metadata)
  '169.254.0.0/16', // link-local, cloud metadata
  '172.16.0.0/12', // private
  '192.0.0.0/24', // IETF protocol assignments (NAT64 discovery, DS-Lite)
  '192.168.0.0/16', // private
  '198.18.0.0/15', // benchmarking
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and the broadcast address
  '::/96', // unspecified, loopback and the deprecated IPv4-compatible ::a.b.c.d
  '64:ff9b::/96', // NAT64, well-known prefix
  '64:ff9b:1::/48', // NAT64, local-use prefix
  '2001::/32', // Teredo
  '2002::/16', // 6to4
  'fc00::/7', // unique-local
  'fe80::/10', // link-local
  'ff00::/8', // multicast
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

/** `[::1]`, as URLs write IPv6 hosts, is `::1`. */
const unbracketed = (host: string): string => host.replace(/^\[|\]$/g, '');

type Form = { address: string; type: 'ipv4' | 'ipv6' };

const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const SIX_TO_FOUR = ipaddr.parseCIDR('2002::/16');
const TEREDO = ipaddr.parseCIDR('2001::/32');

/**
 * The IPv4 addresses a packet to this IPv6 address may end up at: IPv4-mapped and NAT64
 * (well-known prefix) addresses carry one in their last 32 bits, 6to4 in bits 16–47, Teredo its
 * server's in bits 32–63 and its client's, inverted, in the last 32 bits. The local-use NAT64
 * prefix has no fixed place for it: that range is judged whole.
 */
function embeddedIpv4(address: ipaddr.IPv6): string[] {
  const bytes = address.toByteArray();
  const ipv4At = (offset: number, invert = false) =>
    bytes
      .slice(offset, offset + 4)
      .map((byte) => (invert ? byte ^ 0xff : byte))
      .join('.');
  if (address.isIPv4MappedAddress() || address.match(NAT64_WELL_KNOWN)) return [ipv4At(12)];
  if (address.match(SIX_TO_FOUR)) return [ipv4At(2)];
  if (address.match(TEREDO)) return [ipv4At(4), ipv4At(12, true)];
  return [];
}

/**
 * The address in every form it is judged in, any spelling accepted (`2130706433`,
 * `0x7f000001`, `0177.0.0.1`, `127.1`, `[::ffff:7f00:1]`); null when it is not an address.
 */
function forms(bare: string): Form[] | null {
  if (ipaddr.IPv4.isValid(bare))
    return [{ address: ipaddr.IPv4.parse(bare).toString(), type: 'ipv4' }];
  if (!ipaddr.IPv6.isValid(bare)) return null;
  // Rebuilt from its parts: a zone id (`%eth0`) is no part of what is judged.
  const ipv6 = new ipaddr.IPv6(ipaddr.IPv6.parse(bare).parts);
  return [
    { address: ipv6.toString(), type: 'ipv6' },
    ...embeddedIpv4(ipv6).map((ipv4): Form => ({ address: ipv4, type: 'ipv4' })),
  ];
}

/** Resolves a name to all its addresses: `dns.lookup` by default. */
export type ResolveAll = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * Where outgoing requests may go. Addresses are checked after DNS resolution, and the
 * connection is made to the address that was checked (the lookup below is the socket's own),
 * so a second, different answer from DNS cannot slip through.
 */
export class DestinationPolicy {
  private readonly deny: BlockList;
  private readonly allow: BlockList;

  constructor(
    denyCidrs: readonly string[],
    allowCidrs: readonly string[],
    private readonly resolve: ResolveAll = dnsLookup,
  ) {
    this.deny = blockList(denyCidrs);
    this.allow = blockList(allowCidrs);
  }

  /**
   * Blocked when any form of the address is denied and that form is not allowed: allowing
   * `64:ff9b::/96` for a NAT64 network does not open the private IPv4 ranges behind it.
   * Anything that is not an address is blocked.
   */
  blocks(address: string): boolean {
    return (
      forms(unbracketed(address))?.some(
        (form) =>
          this.deny.check(form.address, form.type) && !this.allow.check(form.address, form.type),
      ) ?? true
    );
  }

  /** Throws when `host` is an IP literal that is blocked (sockets skip DNS for those). */
  assertLiteralAllowed(host: string): void {
    const bare = unbracketed(host);
    if (forms(bare) && this.blocks(bare)) throw new BlockedDestinationError(bare);
  }

  readonly lookup: LookupFunction = (hostname, options, callback) => {
    this.resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const blocked = addresses.find((entry) => this.blocks(entry.address));
      if (blocked) return callback(new BlockedDestinationError(blocked.address), '', 0);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
