import type { IncomingMessage } from 'node:http';
import { clientAddressOf, isHttpsOf, requestIdOf } from './client-address';

/** A request from `remoteAddress` with `headers`, as node:http gives it (the parts read). */
const request = (remoteAddress: string, headers: Record<string, string> = {}) => {
  const socket = { remoteAddress };
  return { socket, connection: socket, headers } as unknown as IncomingMessage;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('clientAddressOf', () => {
  const clientAddress = clientAddressOf(['127.0.0.1', '10.0.0.1']);

  it('believes X-Forwarded-For from a trusted proxy: its rightmost address not a proxy', () => {
    expect(clientAddress(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe(
      '203.0.113.7',
    );
    expect(
      clientAddress(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' })),
    ).toBe('203.0.113.7');
    expect(clientAddress(request('127.0.0.1'))).toBe('127.0.0.1');
  });

  it('never uses what a client wrote to the left of its proxy', () => {
    // A client claims to be 198.51.100.1; the proxy appends the address it really came from.
    expect(
      clientAddress(request('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' })),
    ).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from anyone else, and writes IPv4-mapped IPv6 as IPv4', () => {
    expect(clientAddress(request('192.0.2.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe(
      '192.0.2.1',
    );
    expect(clientAddress(request('::ffff:192.0.2.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe(
      '192.0.2.1',
    );
    expect(clientAddressOf([])(request('127.0.0.1', { 'x-forwarded-for': '203.0.113.7' }))).toBe(
      '127.0.0.1',
    );
  });
});

describe('isHttpsOf', () => {
  const isHttps = isHttpsOf(['127.0.0.1']);

  it("believes a trusted proxy's X-Forwarded-Proto, its first entry only", () => {
    expect(isHttps(request('127.0.0.1', { 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttps(request('127.0.0.1', { 'x-forwarded-proto': 'http, https' }))).toBe(false);
    expect(isHttps(request('127.0.0.1'))).toBe(false);
  });

  it('refuses the claim from anyone else: it would get a Secure cookie over HTTP', () => {
    expect(isHttps(request('192.0.2.1', { 'x-forwarded-proto': 'https' }))).toBe(false);
  });
});

describe('requestIdOf', () => {
  const requestId = requestIdOf(['127.0.0.1']);

  it("keeps a trusted proxy's well-formed X-Request-Id, so that both logs share it", () => {
    expect(requestId(request('127.0.0.1', { 'x-request-id': 'abc-123.x:y' }))).toBe('abc-123.x:y');
  });

  it('makes a new id for anyone else, and for an id that could break a log line', () => {
    expect(requestId(request('192.0.2.1', { 'x-request-id': 'abc-123' }))).toMatch(UUID);
    expect(requestId(request('127.0.0.1', { 'x-request-id': 'a\nforged line' }))).toMatch(UUID);
    expect(requestId(request('127.0.0.1', { 'x-request-id': 'x'.repeat(129) }))).toMatch(UUID);
    expect(requestId(request('127.0.0.1'))).toMatch(UUID);
  });
});
