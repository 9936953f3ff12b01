import { forbiddenHeaderProblem, headerNameProblem } from './header-names';

describe('header names a step or a connection may set (W8)', () => {
  it.each([
    'Host',
    'HOST',
    ' host ',
    'Connection',
    'keep-alive',
    'Proxy-Authorization',
    'PROXY-CONNECTION',
    'Proxy-Anything',
    'TE',
    'Trailer',
    'transfer-encoding',
    'Upgrade',
    'Content-Length',
    ':authority',
    ':path',
  ])('refuses %p, whatever its case', (name) => {
    expect(forbiddenHeaderProblem(name)).toContain(`"${name.trim()}"`);
    expect(headerNameProblem(name)).toBe(forbiddenHeaderProblem(name));
  });

  it.each(['Authorization', 'X-Api-Key', 'Accept', 'Content-Type', 'X-Host', 'Hostname', 'Tea'])(
    'allows %p',
    (name) => {
      expect(forbiddenHeaderProblem(name)).toBeUndefined();
      expect(headerNameProblem(name)).toBeUndefined();
    },
  );

  it.each(['', 'with space', 'colon:inside', 'x'.repeat(257), 'tab\there'])(
    'refuses %p, which is no header name',
    (name) => {
      expect(headerNameProblem(name)).toMatch(/is not a valid header name/);
    },
  );
});
