import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { clientAddressOf } from './client-address';

/** Requests on one connection: the same socket, each with its own headers. */
const connection = (remoteAddress: string) => {
  const socket = { remoteAddress } as Socket;
  return (forwardedFor?: string) =>
    ({
      socket,
      connection: socket,
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    }) as unknown as IncomingMessage;
};

describe('clientAddressOf', () => {
  it('follows X-Forwarded-For from a trusted proxy on every request of a connection', () => {
    const clientAddress = clientAddressOf(['127.0.0.1']);
    const request = connection('127.0.0.1');
    expect(clientAddress(request('203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(request('203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(request('198.51.100.2'))).toBe('198.51.100.2');
    expect(clientAddress(request())).toBe('127.0.0.1');
    expect(clientAddress(request('203.0.113.7, 198.51.100.9'))).toBe('198.51.100.9');
  });

  it('ignores X-Forwarded-For from anyone else, and writes IPv4-mapped IPv6 as IPv4', () => {
    const clientAddress = clientAddressOf(['127.0.0.1']);
    const request = connection('::ffff:192.0.2.1');
    expect(clientAddress(request('203.0.113.7'))).toBe('192.0.2.1');
    expect(clientAddress(request('198.51.100.2'))).toBe('192.0.2.1');
  });

  it('keeps connections apart', () => {
    const clientAddress = clientAddressOf([]);
    expect(clientAddress(connection('192.0.2.1')())).toBe('192.0.2.1');
    expect(clientAddress(connection('192.0.2.2')())).toBe('192.0.2.2');
  });
});
