import { CredentialCache, type CachedCredential } from './credential-cache';
import type { Principal } from './principal';
import { Role } from './role';
import { hashToken, newToken, SESSION_TOKEN_PREFIX } from './tokens';

const session = (userId: string, sessionId: string): CachedCredential => ({
  principal: {
    type: 'USER',
    id: userId,
    userId,
    name: 'a@example.com',
    role: Role.ADMIN,
    sessionId,
  },
  expiresAt: new Date(Date.now() + 3_600_000),
  lastSeenAt: new Date(),
});
const apiToken = (id: string, createdById: string): CachedCredential => ({
  principal: { type: 'API_TOKEN', id, userId: createdById, name: 'ci', role: Role.VIEWER },
  expiresAt: null,
  lastSeenAt: null,
});

/** A cache that hears revocations, and a loader that counts its calls. */
function setUp() {
  const cache = new CredentialCache();
  cache.listening(true);
  const loads: Buffer[] = [];
  const loader = (credential: CachedCredential | null) => async (tokenHash: Buffer) => {
    loads.push(tokenHash);
    return credential;
  };
  return { cache, loads, loader };
}

const principalOf = async (
  cache: CredentialCache,
  token: string,
  credential: CachedCredential,
): Promise<Principal | undefined> => (await cache.get(token, async () => credential))?.principal;

describe('CredentialCache', () => {
  it('keys entries by the token’s SHA-256, never by the token', async () => {
    const { cache, loads, loader } = setUp();
    const token = newToken(SESSION_TOKEN_PREFIX);
    await cache.get(token, loader(session('u1', 's1')));
    expect(loads).toEqual([hashToken(token)]);
    // Private, read here only: what a heap dump of the cache would show.
    const keys = [...cache['entries'].keys()];
    expect(keys).toEqual([hashToken(token).toString('base64')]);
    for (const key of keys) expect(key).not.toContain(token.slice(SESSION_TOKEN_PREFIX.length + 1));
  });

  it('loads a token once, then answers from memory', async () => {
    const { cache, loads, loader } = setUp();
    const token = newToken(SESSION_TOKEN_PREFIX);
    const first = await cache.get(token, loader(session('u1', 's1')));
    const second = await cache.get(token, loader(session('u1', 's1')));
    expect(second).toBe(first);
    expect(loads).toHaveLength(1);
  });

  it('keeps no unknown token, so that a token created later is found', async () => {
    const { cache, loads, loader } = setUp();
    const token = newToken(SESSION_TOKEN_PREFIX);
    expect(await cache.get(token, loader(null))).toBeNull();
    expect(await principalOf(cache, token, session('u1', 's1'))).toMatchObject({ id: 'u1' });
    expect(loads).toHaveLength(1);
  });

  it('drops what a revocation names: an API token, a session, or a user’s credentials', async () => {
    const { cache } = setUp();
    const tokens = Array.from({ length: 5 }, () => newToken(SESSION_TOKEN_PREFIX));
    const credentials = [
      session('u1', 's1'),
      session('u1', 's2'),
      session('u2', 's3'),
      apiToken('t1', 'u2'),
      apiToken('t2', 'u3'),
    ];
    for (const [index, token] of tokens.entries())
      await cache.get(token, async () => credentials[index] ?? null);
    const held = async () => {
      const still: number[] = [];
      for (const [index, token] of tokens.entries()) {
        let loaded = false;
        await cache.get(token, async () => {
          loaded = true;
          return null;
        });
        if (!loaded) still.push(index);
      }
      return still;
    };
    cache.revoke('s1');
    expect(await held()).toEqual([1, 2, 3, 4]);
    cache.revoke('t2');
    expect(await held()).toEqual([1, 2, 3]);
    // A user's role changed: their sessions, and the tokens that carry their id.
    cache.revoke('u2');
    expect(await held()).toEqual([1]);
  });

  it('does not keep a load that a revocation overtook', async () => {
    const { cache, loads } = setUp();
    const token = newToken(SESSION_TOKEN_PREFIX);
    let finish: (credential: CachedCredential) => void = () => undefined;
    const loading = cache.get(
      token,
      () => new Promise<CachedCredential | null>((resolve) => (finish = resolve)),
    );
    // The row was read before the revocation committed; its NOTIFY arrives before the answer.
    cache.revoke('s1');
    finish(session('u1', 's1'));
    expect(await loading).not.toBeNull();
    await cache.get(token, async (tokenHash) => {
      loads.push(tokenHash);
      return null;
    });
    expect(loads).toHaveLength(1);
  });

  it('keeps nothing until revocations are heard, nor while they are not, and forgets all in between', async () => {
    const cache = new CredentialCache();
    const token = newToken(SESSION_TOKEN_PREFIX);
    let loads = 0;
    const load = async () => {
      loads++;
      return session('u1', 's1');
    };
    await cache.get(token, load);
    await cache.get(token, load);
    expect(loads).toBe(2);
    cache.listening(true);
    await cache.get(token, load);
    await cache.get(token, load);
    expect(loads).toBe(3);
    // The LISTEN connection dropped: what was cached may since have been revoked unheard.
    cache.listening(false);
    await cache.get(token, load);
    await cache.get(token, load);
    expect(loads).toBe(5);
    cache.listening(true);
    await cache.get(token, load);
    expect(loads).toBe(6);
  });
});
