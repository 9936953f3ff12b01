import { ConfigError, loadConfig } from '../config';
import { isAllowedOrigin, ownOrigins } from './public-origin';

describe('ownOrigins', () => {
  it('names the server itself, and localhost for a loopback HOST', () => {
    expect(ownOrigins('127.0.0.1', 4000)).toEqual([
      'http://127.0.0.1:4000',
      'http://localhost:4000',
    ]);
    expect(ownOrigins('::1', 4000)).toEqual(['http://[::1]:4000', 'http://localhost:4000']);
    expect(ownOrigins('localhost', 80)).toEqual(['http://localhost']);
    expect(ownOrigins('secrets.internal', 4000)).toEqual(['http://secrets.internal:4000']);
  });

  it('names nothing for a wildcard HOST, whose origin only PUBLIC_ORIGIN can tell', () => {
    expect(ownOrigins('0.0.0.0', 4000)).toEqual([]);
    expect(ownOrigins('::', 4000)).toEqual([]);
  });
});

describe('isAllowedOrigin', () => {
  const allowed = ['https://secrets.example.com', 'http://localhost:5173'];

  it('allows the listed origins, compared as origins', () => {
    expect(isAllowedOrigin('https://secrets.example.com', allowed)).toBe(true);
    expect(isAllowedOrigin('https://SECRETS.example.com:443', allowed)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173', allowed)).toBe(true);
  });

  it('refuses any other origin, opaque or malformed ones too', () => {
    for (const origin of [
      'http://secrets.example.com',
      'https://secrets.example.com.evil.example',
      'https://evil.example',
      'http://localhost:5174',
      'null',
      '',
      'file://',
    ]) {
      expect(isAllowedOrigin(origin, allowed)).toBe(false);
    }
  });

  it('allows a client that sends no Origin (not a browser)', () => {
    expect(isAllowedOrigin(undefined, allowed)).toBe(true);
  });
});

describe('PUBLIC_ORIGIN', () => {
  it('reads a comma-separated list of origins, normalised', () => {
    expect(
      loadConfig({ PUBLIC_ORIGIN: 'https://Secrets.example.com/, http://localhost:5173' })
        .PUBLIC_ORIGIN,
    ).toEqual(['https://secrets.example.com', 'http://localhost:5173']);
    expect(loadConfig({}).PUBLIC_ORIGIN).toBeUndefined();
  });

  it('refuses anything that is not a bare http(s) origin', () => {
    for (const value of ['secrets.example.com', 'https://x.example/app', 'ftp://x.example', '*']) {
      expect(() => loadConfig({ PUBLIC_ORIGIN: value })).toThrow(
        new ConfigError(
          'Invalid configuration: PUBLIC_ORIGIN: must list origins, e.g. https://secrets.example.com,http://localhost:5173',
        ),
      );
    }
  });
});
