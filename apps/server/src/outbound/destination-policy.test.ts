import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { createServer, type Server } from 'node:net';
import {
  BlockedDestinationError,
  DEFAULT_DENY_CIDRS,
  DestinationPolicy,
  type ResolveAll,
} from './destination-policy';
import { OutboundClient } from './client';

// Every check here is on the policy object: no packet is sent to any of these addresses.
const defaults = new DestinationPolicy(DEFAULT_DENY_CIDRS, []);

describe('the default OUTBOUND_DENY_CIDRS', () => {
  it.each([
    ['this network', ['0.0.0.0', '0.1.2.3']],
    ['private', ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.1.1']],
    ['CGNAT', ['100.64.0.1', '100.127.255.254']],
    ['loopback', ['127.0.0.1', '127.255.255.254', '::1']],
    ['link-local and cloud metadata', ['169.254.169.254', 'fe80::1', 'fe80::1%eth0']],
    ["Azure's platform endpoint", ['168.63.129.16']],
    ['IETF protocol assignments', ['192.0.0.1', '192.0.0.170']],
    ['benchmarking', ['198.18.0.1', '198.19.255.255']],
    ['multicast', ['224.0.0.1', '239.255.255.250', 'ff02::1', 'ff0e::1']],
    ['reserved and broadcast', ['240.0.0.1', '255.255.255.254', '255.255.255.255']],
    ['unspecified', ['::', '0:0:0:0:0:0:0:0']],
    ['unique-local', ['fc00::1', 'fd12:3456:789a::1']],
    ['IPv4-mapped', ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:a9fe:a9fe']],
    ['IPv4-compatible', ['::127.0.0.1', '::a00:1']],
    ['NAT64 (well-known prefix)', ['64:ff9b::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::808:808']],
    ['NAT64 (local-use prefix)', ['64:ff9b:1::1', '64:ff9b:1:ffff::a00:1']],
    ['6to4', ['2002:7f00:1::1', '2002:a9fe:a9fe::', '2002:808:808::1']],
    ['Teredo', ['2001::1', '2001:0:4136:e378:8000:63bf:3fff:fdd2']],
    ['decimal, octal, hex and short IPv4', ['2130706433', '017700000001', '0x7f000001']],
    ['dotted octal and hex, short forms', ['0177.0.0.1', '0x7f.0.0.1', '127.1', '0x7f.1', '10.1']],
    ['bracketed IPv6', ['[::1]', '[::ffff:127.0.0.1]', '[64:ff9b::a9fe:a9fe]']],
  ])('blocks %s', (_range, addresses) => {
    for (const address of addresses) {
      expect([address, defaults.blocks(address)]).toEqual([address, true]);
      expect(() => defaults.assertLiteralAllowed(address)).toThrow(BlockedDestinationError);
    }
  });

  it.each([
    ['public IPv4', ['8.8.8.8', '1.1.1.1', '93.184.216.34', '134744072']],
    ['the edges of denied ranges', ['100.63.255.255', '100.128.0.0', '172.32.0.1', '198.20.0.1']],
    ['neighbours of single denied addresses', ['168.63.129.15', '168.63.129.17', '192.0.1.1']],
    ['the last unicast /8', ['223.255.255.255']],
    ['public IPv6', ['2606:4700:4700::1111', '2001:4860:4860::8888', '2a00:1450::1']],
    ['a public IPv4, mapped', ['::ffff:8.8.8.8', '[::ffff:808:808]']],
  ])('allows %s', (_range, addresses) => {
    for (const address of addresses) {
      expect([address, defaults.blocks(address)]).toEqual([address, false]);
      expect(() => defaults.assertLiteralAllowed(address)).not.toThrow();
    }
  });

  it('leaves names to the lookup, and blocks an answer that is not an address', () => {
    expect(() => defaults.assertLiteralAllowed('api.example.com')).not.toThrow();
    expect(defaults.blocks('api.example.com')).toBe(true);
  });
});

describe('OUTBOUND_ALLOW_CIDRS over the deny list', () => {
  it('allows a denied range in every spelling, and nothing beside it', () => {
    const policy = new DestinationPolicy(DEFAULT_DENY_CIDRS, ['127.0.0.0/8', '::1/128']);
    for (const address of ['127.0.0.1', '2130706433', '0x7f.1', '::ffff:127.0.0.1', '[::1]'])
      expect([address, policy.blocks(address)]).toEqual([address, false]);
    for (const address of ['10.0.0.1', '169.254.169.254', '::2', 'fe80::1'])
      expect([address, policy.blocks(address)]).toEqual([address, true]);
  });

  it('judges NAT64, 6to4 and Teredo by the IPv4 address they carry as well', () => {
    // A NAT64 network allows its prefix: the public IPv4 internet behind it is reachable,
    // the private ranges behind it are not.
    const nat64 = new DestinationPolicy(DEFAULT_DENY_CIDRS, ['64:ff9b::/96']);
    expect(nat64.blocks('64:ff9b::808:808')).toBe(false);
    expect(nat64.blocks('64:ff9b::7f00:1')).toBe(true);
    expect(nat64.blocks('64:ff9b::169.254.169.254')).toBe(true);
    // An allowed IPv4 address is allowed behind the prefix too only if the prefix is.
    expect(
      new DestinationPolicy(DEFAULT_DENY_CIDRS, ['127.0.0.0/8']).blocks('64:ff9b::7f00:1'),
    ).toBe(true);

    const sixToFour = new DestinationPolicy(DEFAULT_DENY_CIDRS, ['2002::/16']);
    expect(sixToFour.blocks('2002:808:808::1')).toBe(false);
    expect(sixToFour.blocks('2002:7f00:1::1')).toBe(true);
    expect(sixToFour.blocks('2002:c0a8:101::1')).toBe(true);

    // Teredo: server 65.54.227.120, client 192.0.2.45 (its last 32 bits, inverted).
    const teredo = new DestinationPolicy(DEFAULT_DENY_CIDRS, ['2001::/32']);
    expect(teredo.blocks('2001:0:4136:e378:8000:63bf:3fff:fdd2')).toBe(false);
    // Client 127.0.0.1, then server 10.0.0.1.
    expect(teredo.blocks('2001:0:4136:e378:8000:63bf:80ff:fffe')).toBe(true);
    expect(teredo.blocks('2001:0:a00:1:8000:63bf:3fff:fdd2')).toBe(true);
  });
});

/** Answers each lookup from `answers` in turn (the last one repeats), counting the calls. */
function rebindingResolver(answers: string[]): { resolve: ResolveAll; calls: () => number } {
  let calls = 0;
  const resolve: ResolveAll = (_hostname, _options, callback) => {
    const address = answers[Math.min(calls, answers.length - 1)] ?? '';
    calls++;
    const entries: LookupAddress[] = [{ address, family: 4 }];
    setImmediate(() => callback(null, entries));
  };
  return { resolve, calls: () => calls };
}

const portOf = (server: Server | HttpServer): number => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};

describe('the socket connects to the address the policy checked', () => {
  let peer: HttpServer;
  let canary: Server;
  const received: string[] = [];
  let canaryConnections = 0;

  beforeAll(async () => {
    // Both listen on the same port number, one on an allowed and one on a denied address.
    peer = createHttpServer((request, response) => {
      received.push(request.url ?? '');
      response.end('ok');
    });
    await new Promise<void>((done) => peer.listen(0, '127.0.0.2', done));
    canary = createServer((socket) => {
      canaryConnections++;
      socket.destroy();
    });
    await new Promise<void>((done) => canary.listen(portOf(peer), '127.0.0.1', done));
  });
  afterAll(async () => {
    peer.closeAllConnections();
    await new Promise((done) => peer.close(done));
    await new Promise((done) => canary.close(done));
  });

  /** GETs `path` from rebinding.test, which `dns` answers, allowing only 127.0.0.2. */
  async function sendThroughRebinding(answers: string[], path: string) {
    const dns = rebindingResolver(answers);
    const client = new OutboundClient({
      timeoutMs: 5_000,
      destinations: new DestinationPolicy(DEFAULT_DENY_CIDRS, ['127.0.0.2/32'], dns.resolve),
    });
    try {
      const result = await client.send({
        method: 'GET',
        url: `http://rebinding.test:${portOf(peer)}${path}`,
        headers: [],
        secretValues: [],
      });
      return { result, lookups: dns.calls() };
    } finally {
      await client.close();
    }
  }

  it('resolves the name once, so a second, rebound answer is never used', async () => {
    const { result, lookups } = await sendThroughRebinding(['127.0.0.2', '127.0.0.1'], '/first');
    expect(result).toMatchObject({ ok: true, httpStatus: 200, responseBody: 'ok' });
    expect(received).toEqual(['/first']);
    expect(lookups).toBe(1);
    expect(canaryConnections).toBe(0);
  });

  it('refuses a name with any denied answer, connecting nowhere', async () => {
    const { result, lookups } = await sendThroughRebinding(['127.0.0.1'], '/second');
    expect(result).toMatchObject({ ok: false, errorCode: 'BLOCKED_DESTINATION' });
    expect(lookups).toBe(1);
    expect(received).not.toContain('/second');
    expect(canaryConnections).toBe(0);
  });
});
