import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import { clientNetwork } from './client-network';
import type { CachedCredential, CredentialCache } from './credential-cache';
import { hashPassword, verifyPassword } from './password';
import { Channel, notify } from '../db/event-bus';
import { pgPool } from '../db/pg-pool';
import type { Principal } from './principal';
import type { Role } from './role';
import { Session } from './session.entity';
import {
  isLastSeenStale,
  isSessionEnded,
  LAST_SEEN_RESOLUTION_MS,
  type SessionTimes,
} from './session-lifetime';
import { API_TOKEN_PREFIX, hashToken, newToken, SESSION_TOKEN_PREFIX } from './tokens';
import { User } from './user.entity';

export interface AuthServiceDeps {
  dataSource: DataSource;
  audit: AuditService;
  /** This replica's, shared with ApiTokenService, which drops what it revokes. */
  credentials: CredentialCache;
  clock: () => Date;
  /** Absolute lifetime: a session ends this long after login, however active. */
  sessionTtlHours: number;
  /** Idle lifetime: a session unused this long ends. */
  sessionIdleMinutes: number;
}

/** A4: five attempts per client and email in fifteen minutes; a success clears the count. */
const LOGIN_ATTEMPTS = 5;
/** And twenty per client across all emails (a password spray); a success gives its own back. */
const CLIENT_LOGIN_ATTEMPTS = 20;
const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Made by a migration; the counts live in the database so that all replicas share them. */
const LOGIN_ATTEMPTS_TABLE = 'login_attempts';

/**
 * Hashed: the table's key is varchar(255), and an email alone may be 320 characters. The
 * table then holds no addresses either.
 */
const loginAttemptsKey = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('|'), 'utf8').digest('base64url');

/** One count of attempts in the shared table, under its own key prefix. */
const attemptCounter = (dataSource: DataSource, keyPrefix: string, points: number) =>
  new RateLimiterPostgres({
    // TypeORM's pg Pool, read on each query: the data source may connect after this.
    storeClient: dataSource,
    storeType: 'typeorm',
    tableName: LOGIN_ATTEMPTS_TABLE,
    tableCreated: true,
    // Its timer could not be stopped on shutdown; purgeExpired does the work.
    clearExpiredByTimeout: false,
    keyPrefix,
    points,
    duration: LOGIN_WINDOW_SECONDS,
  });

/** A session's principal and times; its idle lifetime counts from `lastSeenAt`. */
type CachedSession = CachedCredential & SessionTimes & { principal: { sessionId: string } };

interface SessionRow {
  id: string;
  expires_at: Date;
  last_seen_at: Date;
  user_id: string;
  email: string;
  role: Role;
}

interface ApiTokenRow {
  id: string;
  name: string;
  role: Role;
  created_by_id: string | null;
  expires_at: Date | null;
  last_used_at: Date | null;
}

/** Named, so that each pooled connection prepares them once. */
const SESSION_BY_TOKEN_HASH = {
  name: 'auth_session_by_token_hash',
  text: `SELECT s.id, s.expires_at, s.last_seen_at, u.id AS user_id, u.email, u.role
    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
};
const API_TOKEN_BY_TOKEN_HASH = {
  name: 'auth_api_token_by_token_hash',
  text: `SELECT id, name, role, created_by_id, expires_at, last_used_at
    FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
};
/** $1 now, $2 the id, $3 the oldest last use that is still fresh. */
const TOUCH_SESSION = {
  name: 'auth_touch_session',
  text: 'UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND last_seen_at <= $3',
};
const TOUCH_API_TOKEN = {
  name: 'auth_touch_api_token',
  text: `UPDATE api_tokens SET last_used_at = $1
    WHERE id = $2 AND (last_used_at IS NULL OR last_used_at <= $3)`,
};

const loginFailed = () => new AppError('UNAUTHENTICATED', 'The email or password is incorrect.');

export const normaliseEmail = (email: string): string => email.trim().toLowerCase().slice(0, 320);

export class AuthService {
  /** Per client and email. */
  private readonly loginAttempts: RateLimiterPostgres;
  /** Per client, across emails. */
  private readonly clientAttempts: RateLimiterPostgres;
  /** One point per refusing count and window: a refusal is audited once, not per try. */
  private readonly auditedRefusals: RateLimiterPostgres;
  /** Compared against when the email is unknown, so that both failures take as long. */
  private decoyHash: Promise<string> | undefined;
  /** Credentials whose last use this replica is writing now. */
  private readonly recording = new WeakSet<CachedCredential>();

  constructor(private readonly deps: AuthServiceDeps) {
    // rate-limiter-flexible's default prefix, which the counts written before had.
    this.loginAttempts = attemptCounter(deps.dataSource, 'rlflx', LOGIN_ATTEMPTS);
    this.clientAttempts = attemptCounter(deps.dataSource, 'client', CLIENT_LOGIN_ATTEMPTS);
    this.auditedRefusals = attemptCounter(deps.dataSource, 'refusal', 1);
  }

  /**
   * Every attempt counts before the password is checked, so parallel attempts, or aliases
   * in one document, cannot slip through. A login always makes a new session, and ends the
   * one the caller came with, if any: an id planted before login is worthless after it.
   * `client` is the caller's address; an IPv6 client is counted by its /64.
   */
  async login(
    email: string,
    password: string,
    client: string,
    previousSessionId?: string,
  ): Promise<{ session: Session; token: string }> {
    const address = normaliseEmail(email);
    const network = clientNetwork(client);
    const clientKey = loginAttemptsKey(network);
    const attemptsKey = loginAttemptsKey(network, address);
    await this.countAttempt(
      this.clientAttempts,
      clientKey,
      address,
      `from ${client}, across emails`,
    );
    await this.countAttempt(this.loginAttempts, attemptsKey, address, `from ${client}`);
    const user = await this.deps.dataSource.getRepository(User).findOneBy({ email: address });
    this.decoyHash ??= hashPassword(newToken('decoy'));
    const valid = await verifyPassword(password, user?.passwordHash ?? (await this.decoyHash));
    if (!user || !valid) {
      await this.recordLogin('LOGIN_FAILED', address, user?.id ?? null, `from ${client}`);
      throw loginFailed();
    }
    await this.loginAttempts.delete(attemptsKey);
    await this.clientAttempts.reward(clientKey);

    const token = newToken(SESSION_TOKEN_PREFIX);
    const now = this.deps.clock();
    const expiresAt = new Date(now.getTime() + this.deps.sessionTtlHours * 3_600_000);
    const session = await this.deps.dataSource.transaction(async (tx) => {
      const created = tx.create(Session, {
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt,
        lastSeenAt: now,
      });
      await tx.insert(Session, created);
      const replaced = previousSessionId ? await this.endSession(tx, previousSessionId) : false;
      await this.deps.audit.record(tx, user.email, {
        action: 'LOGIN_SUCCEEDED',
        targetType: 'USER',
        targetId: user.id,
        targetName: user.email,
        details: replaced ? `from ${client}, replacing the previous session` : `from ${client}`,
      });
      return created;
    });
    // Refused from the next request on, here without waiting for the NOTIFY.
    if (previousSessionId) this.deps.credentials.revoke(previousSessionId);
    session.user = user;
    return { session, token };
  }

  /**
   * Housekeeping: deletes login counts whose window has passed (the limiter dates them by
   * Date.now()) and sessions that have ended, which are refused anyway and would only pile
   * up. The session condition is isSessionEnded in SQL.
   */
  async purgeExpired(): Promise<void> {
    await this.deps.dataSource.query(`DELETE FROM ${LOGIN_ATTEMPTS_TABLE} WHERE expire < $1`, [
      Date.now(),
    ]);
    const now = this.deps.clock();
    await this.deps.dataSource.query(
      'DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2',
      [now, new Date(now.getTime() - this.idleMs)],
    );
  }

  async logout(principal: Principal): Promise<void> {
    const { sessionId } = principal;
    if (!sessionId) return;
    await this.deps.dataSource.transaction(async (tx) => {
      await this.endSession(tx, sessionId);
      await this.deps.audit.record(tx, principal, {
        action: 'LOGOUT',
        targetType: 'USER',
        targetId: principal.id,
        targetName: principal.name,
      });
    });
    this.deps.credentials.revoke(sessionId);
  }

  /**
   * Deletes a session; on commit every replica drops it from its credential cache and closes
   * its open WebSockets (the caller drops it here at once). False if it was gone.
   */
  private async endSession(tx: EntityManager, sessionId: string): Promise<boolean> {
    const { affected } = await tx.delete(Session, { id: sessionId });
    await notify(tx, Channel.CREDENTIAL_REVOKED, sessionId);
    return Boolean(affected);
  }

  /** Of these sessions, the ones that have ended (deleted, idle too long or past their end). */
  async endedSessions(sessionIds: readonly string[]): Promise<string[]> {
    if (sessionIds.length === 0) return [];
    const live = await this.deps.dataSource.getRepository(Session).find({
      select: { id: true, expiresAt: true, lastSeenAt: true },
      where: { id: In([...sessionIds]) },
    });
    const now = this.deps.clock();
    const liveIds = new Set(
      live.filter((session) => !isSessionEnded(session, now, this.idleMs)).map(({ id }) => id),
    );
    return sessionIds.filter((id) => !liveIds.has(id));
  }

  private get idleMs(): number {
    return this.deps.sessionIdleMinutes * 60_000;
  }

  /**
   * A1: the session cookie's token, or a bearer token (API token). A credential this replica
   * holds costs no database round trip; its lifetimes are checked against the clock anyway.
   */
  async authenticate(credential: {
    sessionToken?: string | null;
    bearer?: string | null;
  }): Promise<Principal | null> {
    if (credential.bearer) return this.authenticateApiToken(credential.bearer);
    if (credential.sessionToken) return this.authenticateSession(credential.sessionToken);
    return null;
  }

  private async authenticateSession(token: string): Promise<Principal | null> {
    if (!token.startsWith(`${SESSION_TOKEN_PREFIX}_`)) return null;
    const session = await this.deps.credentials.get(token, this.loadSession);
    if (!session) return null;
    const now = this.deps.clock();
    if (isSessionEnded(session, now, this.idleMs)) {
      this.deps.credentials.forget(token);
      return null;
    }
    // A write per request would make every read a write; once a minute is precise enough
    // for an idle lifetime of minutes.
    await this.recordUse(token, session, session.principal.sessionId, now, TOUCH_SESSION);
    return session.principal;
  }

  private async authenticateApiToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(`${API_TOKEN_PREFIX}_`)) return null;
    const apiToken = await this.deps.credentials.get(token, this.loadApiToken);
    if (!apiToken) return null;
    const now = this.deps.clock();
    if (apiToken.expiresAt && apiToken.expiresAt.getTime() <= now.getTime()) {
      this.deps.credentials.forget(token);
      return null;
    }
    await this.recordUse(token, apiToken, apiToken.principal.id, now, TOUCH_API_TOKEN);
    return apiToken.principal;
  }

  /** A cache miss: one prepared statement, without the ORM (`pgPool`). */
  private readonly loadSession = async (tokenHash: Buffer): Promise<CachedSession | null> => {
    const { rows } = await pgPool(this.deps.dataSource).query<SessionRow>({
      ...SESSION_BY_TOKEN_HASH,
      values: [tokenHash],
    });
    const row = rows[0];
    if (!row) return null;
    return {
      principal: {
        type: 'USER',
        id: row.user_id,
        userId: row.user_id,
        name: row.email,
        role: row.role,
        sessionId: row.id,
      },
      expiresAt: row.expires_at,
      lastSeenAt: row.last_seen_at,
    };
  };

  private readonly loadApiToken = async (tokenHash: Buffer): Promise<CachedCredential | null> => {
    const { rows } = await pgPool(this.deps.dataSource).query<ApiTokenRow>({
      ...API_TOKEN_BY_TOKEN_HASH,
      values: [tokenHash],
    });
    const row = rows[0];
    if (!row) return null;
    return {
      principal: {
        type: 'API_TOKEN',
        id: row.id,
        userId: row.created_by_id,
        name: row.name,
        role: row.role,
      },
      expiresAt: row.expires_at,
      lastSeenAt: row.last_used_at,
    };
  };

  /**
   * Writes the last use when the recorded one is a minute old, and keeps the cached copy in
   * step. Awaited rather than left in the background: it comes once a minute per credential,
   * so it costs the throughput nothing; the use is on record before the answer (the idle rule
   * and the purge read it); and a failure fails the request as before, with no error path or
   * shutdown wait of its own. The condition makes concurrent requests of all replicas write
   * once; concurrent requests of this replica do not even try. No row written means another
   * replica wrote it (or the row is gone): the entry is dropped and read again next time.
   */
  private async recordUse(
    token: string,
    credential: CachedCredential,
    id: string,
    now: Date,
    statement: { name: string; text: string },
  ): Promise<void> {
    if (!isLastSeenStale(credential.lastSeenAt, now) || this.recording.has(credential)) return;
    this.recording.add(credential);
    try {
      const { rowCount } = await pgPool(this.deps.dataSource).query({
        ...statement,
        values: [now, id, new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS)],
      });
      if (rowCount) credential.lastSeenAt = now;
      else this.deps.credentials.forget(token);
    } finally {
      this.recording.delete(credential);
    }
  }

  /**
   * Spends one attempt of `counter`, or refuses with RATE_LIMITED. The first refusal of a
   * count's window is audited; the refusals after it in that window are not, so a flood of
   * tries cannot flood the audit log.
   */
  private async countAttempt(
    counter: RateLimiterPostgres,
    key: string,
    email: string,
    details: string,
  ): Promise<void> {
    try {
      await counter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const secondsLeft = Math.ceil(error.msBeforeNext / 1000);
      if (await this.firstRefusal(`${counter.keyPrefix}:${key}`, secondsLeft))
        await this.recordLogin('LOGIN_RATE_LIMITED', email, null, details);
      throw new AppError(
        'RATE_LIMITED',
        `Too many log-in attempts. Try again in ${Math.ceil(secondsLeft / 60)} minute(s).`,
        { retryAfterSeconds: secondsLeft },
      );
    }
  }

  /** True once per refused count until its window ends, on every replica together. */
  private async firstRefusal(countKey: string, secondsLeft: number): Promise<boolean> {
    try {
      await this.auditedRefusals.consume(loginAttemptsKey(countKey), 1, {
        customDuration: secondsLeft,
      });
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  }

  private async recordLogin(
    action: string,
    email: string,
    userId: string | null,
    details: string,
  ): Promise<void> {
    await this.deps.audit.record(this.deps.dataSource.manager, email, {
      action,
      targetType: 'USER',
      targetId: userId,
      targetName: email,
      details,
    });
  }
}
