import { lookup } from 'node:dns/promises';
import { request } from 'node:http';
import { print } from 'graphql';
import { AuditEventsQuery, CreateUserMutation, LoginMutation } from '../support/operations';
import { uniqueName } from '../support/names';
import { startTestServer, type TestServer } from '../support/server';

// Only 127.0.0.2 is a trusted proxy: requests from 127.0.0.1 are a client speaking for itself.
const PROXY = '127.0.0.2';

// 23 password checks at OWASP's scrypt parameters, one after another, on a shared machine.
const SPRAY_TIMEOUT_MS = 120_000;

let server: TestServer;
let admin: { cookie: string };

beforeAll(async () => {
  server = await startTestServer({ env: { TRUSTED_PROXIES: `${PROXY}/32` } });
  admin = await server.login();
});
afterAll(async () => {
  await server.stop();
});

interface From {
  /** The socket's address: 127.0.0.1 (untrusted) unless given. */
  via?: string;
  forwardedFor?: string;
}

/** One login over a socket from `from.via`, with an X-Forwarded-For if given: its error code. */
function login(from: From, email: string, password = 'not the password'): Promise<unknown> {
  const body = JSON.stringify({ query: print(LoginMutation), variables: { email, password } });
  const url = new URL('/graphql', server.url);
  return new Promise((done, fail) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        localAddress: from.via ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          ...(from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {}),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const answer = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
          done(answer.errors?.[0]?.extensions?.code ?? 'OK');
        });
      },
    );
    outgoing.on('error', fail);
    outgoing.end(body);
  });
}

/** Logs in `count` times one after another, each with an email from `email(index)`. */
async function logins(count: number, from: From, email: (index: number) => string) {
  const codes: unknown[] = [];
  for (let index = 0; index < count; index++) codes.push(await login(from, email(index)));
  return codes;
}

const emails = (prefix: string) => (index: number) => `${prefix}-${index}@example.com`;
const fromProxy = (client: string): From => ({ via: PROXY, forwardedFor: client });

async function refusalsAudited(client: string) {
  const events =
    (
      await server.request(
        AuditEventsQuery,
        { filter: { action: 'LOGIN_RATE_LIMITED' }, first: 100 },
        admin,
      )
    ).data?.auditEvents.nodes ?? [];
  return events.filter((event) => event.details?.startsWith(`from ${client}`));
}

describe('login limits per client', () => {
  it(
    'refuse a password spray from one client across emails, audited once',
    async () => {
      const client = fromProxy('203.0.113.10');
      const spray = emails(uniqueName('spray'));
      const password = 'the right password';
      const email = `${uniqueName('sprayed')}@example.com`;
      await server.request(
        CreateUserMutation,
        { input: { email, password, role: 'VIEWER' } },
        admin,
      );

      expect(await logins(10, client, spray)).toEqual(Array(10).fill('UNAUTHENTICATED'));
      // A success in between gives its own attempt back: it is no part of a spray.
      for (let index = 0; index < 3; index++)
        expect(await login(client, email, password)).toBe('OK');
      expect(await logins(10, client, (index) => spray(10 + index))).toEqual(
        Array(10).fill('UNAUTHENTICATED'),
      );
      expect(await logins(10, client, (index) => spray(20 + index))).toEqual(
        Array(10).fill('RATE_LIMITED'),
      );
      // Even the right password, and another client is unaffected.
      expect(await login(client, email, password)).toBe('RATE_LIMITED');
      expect(await login(fromProxy('203.0.113.11'), spray(0))).toBe('UNAUTHENTICATED');

      const audited = await refusalsAudited('203.0.113.10');
      expect(audited).toHaveLength(1);
      expect(audited[0]).toMatchObject({
        actor: spray(20),
        details: 'from 203.0.113.10, across emails',
      });
    },
    SPRAY_TIMEOUT_MS,
  );

  it('audit refusals for one email once per window, not per try', async () => {
    const client = fromProxy('203.0.113.20');
    const email = emails(uniqueName('guessed'));
    expect(await logins(5, client, () => email(0))).toEqual(Array(5).fill('UNAUTHENTICATED'));
    expect(await logins(4, client, () => email(0))).toEqual(Array(4).fill('RATE_LIMITED'));
    expect(await refusalsAudited('203.0.113.20')).toEqual([
      expect.objectContaining({ actor: email(0), details: 'from 203.0.113.20' }),
    ]);
  });
});

describe('the client behind a proxy', () => {
  it('is the socket address when the socket is no trusted proxy, whatever X-Forwarded-For says', async () => {
    const email = emails(uniqueName('spoofed'));
    const spoofed = (index: number): From => ({ forwardedFor: `198.51.100.${index}` });
    const codes: unknown[] = [];
    for (let index = 0; index < 7; index++) codes.push(await login(spoofed(index), email(0)));
    expect(codes).toEqual([
      ...Array<string>(5).fill('UNAUTHENTICATED'),
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
    expect(await refusalsAudited('127.0.0.1')).toHaveLength(1);
  });

  it('is the rightmost X-Forwarded-For address from a trusted proxy', async () => {
    const email = emails(uniqueName('proxied'));
    // What the client wrote itself is to the left of what the proxy appended.
    const codes: unknown[] = [];
    for (let index = 0; index < 6; index++)
      codes.push(await login(fromProxy(`10.9.9.${index}, 198.51.100.7`), email(0)));
    expect(codes).toEqual([...Array<string>(5).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    expect(await login(fromProxy('198.51.100.8'), email(0))).toBe('UNAUTHENTICATED');
    expect(await refusalsAudited('198.51.100.7')).toHaveLength(1);
  });

  it('is counted by its /64 when it is IPv6', async () => {
    const email = emails(uniqueName('ipv6'));
    const codes = [
      ...(await logins(3, fromProxy('2001:db8:1:2::a'), () => email(0))),
      ...(await logins(3, fromProxy('2001:db8:1:2:ffff::b'), () => email(0))),
    ];
    expect(codes).toEqual([...Array<string>(5).fill('UNAUTHENTICATED'), 'RATE_LIMITED']);
    expect(await login(fromProxy('2001:db8:1:3::a'), email(0))).toBe('UNAUTHENTICATED');
  });
});

describe('password hashing under a flood of logins', () => {
  it('leaves the thread pool to DNS: a lookup completes while the logins wait their turn', async () => {
    const email = emails(uniqueName('flood'));
    const count = 12;
    let answered = 0;
    const flood = Array.from({ length: count }, (_, index) =>
      login(fromProxy('203.0.113.30'), email(index)).then((code) => {
        answered++;
        return code;
      }),
    );
    // Once one login has been answered, the others have long reached their password check.
    await Promise.race(flood);
    // dns.lookup runs on libuv's thread pool, as scrypt does: were every login's scrypt
    // queued there, the lookup would wait behind most of them.
    await lookup('localhost');
    const answeredBeforeLookup = answered;
    expect(await Promise.all(flood)).toEqual(Array(count).fill('UNAUTHENTICATED'));
    expect(answeredBeforeLookup).toBeLessThanOrEqual(4);
  });
});
