import { LRUCache } from 'lru-cache';
import type { Principal } from './principal';
import { hashToken } from './tokens';

/** What `authenticate` decides on, checked against the clock on every request. */
export interface CachedCredential {
  principal: Principal;
  /** The absolute end: a session's, or an API token's expiry if it has one. */
  expiresAt: Date | null;
  /** The recorded last use, to within a minute; a session idles out from it. */
  lastSeenAt: Date | null;
}

/** Enough for every live session and token of a large installation; the least used go first. */
const MAX_ENTRIES = 10_000;
/**
 * A safety net only: revocations arrive by NOTIFY. Also keeps a cached last use within 30 s
 * (plus the minute it is written at) of the table's, far below the shortest idle lifetime.
 */
const MAX_AGE_MS = 30_000;

/**
 * One replica's credentials by the SHA-256 of their token, never the token itself, so that
 * a heap dump holds no usable credential; and no secret value. An entry is dropped
 * synchronously by the replica that revokes it, and on the others when its NOTIFY arrives
 * (`revoke`). While the LISTEN connection is down nothing is cached, since a revocation
 * may go unheard; until `listening(true)`, the cache is off.
 */
export class CredentialCache {
  private readonly entries = new LRUCache<string, CachedCredential>({
    max: MAX_ENTRIES,
    ttl: MAX_AGE_MS,
  });
  /**
   * Bumped by every drop. A load that started before a drop may have read the row before
   * the revocation committed: it serves its own request, but is not kept.
   */
  private generation = 0;
  private heard = false;

  /**
   * The credential of `token`, cached or else read by `load` from the token's hash. A
   * token's prefix says whether it is a session or an API token, so what is cached under
   * its hash is what its `load` returns.
   */
  async get<T extends CachedCredential>(
    token: string,
    load: (tokenHash: Buffer) => Promise<T | null>,
  ): Promise<T | null> {
    const tokenHash = hashToken(token);
    const key = tokenHash.toString('base64');
    const cached = this.entries.get(key);
    if (cached) return cached as T;
    const generation = this.generation;
    const loaded = await load(tokenHash);
    if (loaded && this.heard && generation === this.generation) {
      // Shared by every request of this credential from now on: none may change it.
      Object.freeze(loaded.principal);
      this.entries.set(key, loaded);
    }
    return loaded;
  }

  /** Drops `token`'s entry: it has ended, or its last use changed elsewhere. */
  forget(token: string): void {
    this.entries.delete(hashToken(token).toString('base64'));
  }

  /**
   * Drops what `id` names: an API token, a session, or a user (role changed or user deleted:
   * the user's sessions and the tokens they created, which carry their id).
   */
  revoke(id: string): void {
    this.generation++;
    const held = [...this.entries.entries()].filter(
      ([, { principal }]) =>
        principal.id === id || principal.sessionId === id || principal.userId === id,
    );
    for (const [key] of held) this.entries.delete(key);
  }

  /**
   * Whether revocations are heard. When LISTEN is lost, or back (some may have been missed
   * in between), everything is dropped.
   */
  listening(heard: boolean): void {
    this.heard = heard;
    this.generation++;
    this.entries.clear();
  }
}
