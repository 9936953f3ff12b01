import { createHash } from 'node:crypto';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors';
import { clientNetwork } from './client-network';
import { ApiToken } from './api-token.entity';
import { hashPassword, verifyPassword } from './password';
import { Channel, notify } from '../db/event-bus';
import type { Principal } from './principal';
import { Session } from './session.entity';
import { isLastSeenStale, isSessionEnded, LAST_SEEN_RESOLUTION_MS } from './session-lifetime';
import { API_TOKEN_PREFIX, hashToken, newToken, SESSION_TOKEN_PREFIX } from './tokens';
import { User } from './user.entity';

export interface AuthServiceDeps {
  dataSource: DataSource;
  audit: AuditService;
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
  }

  /** Deletes a session and closes its open WebSockets on every replica; false if it was gone. */
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

  /** A1: the session cookie's token, or a bearer token (API token). */
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
    const repository = this.deps.dataSource.getRepository(Session);
    // Not findOne: with a relation it sends two queries, on every authenticated request.
    const session = await repository
      .createQueryBuilder('session')
      .innerJoinAndSelect('session.user', 'user')
      .where('session.token_hash = :tokenHash', { tokenHash: hashToken(token) })
      .getOne();
    const now = this.deps.clock();
    if (!session || isSessionEnded(session, now, this.idleMs)) return null;
    if (isLastSeenStale(session.lastSeenAt, now)) {
      // A write per request would make every read a write; once a minute is precise enough
      // for an idle lifetime of minutes. The condition makes concurrent requests write once.
      await repository
        .createQueryBuilder()
        .update()
        .set({ lastSeenAt: now })
        .where('id = :id AND last_seen_at <= :stale', {
          id: session.id,
          stale: new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS),
        })
        .execute();
    }
    const { user } = session;
    return {
      type: 'USER',
      id: user.id,
      userId: user.id,
      name: user.email,
      role: user.role,
      sessionId: session.id,
    };
  }

  private async authenticateApiToken(token: string): Promise<Principal | null> {
    if (!token.startsWith(`${API_TOKEN_PREFIX}_`)) return null;
    const repository = this.deps.dataSource.getRepository(ApiToken);
    const apiToken = await repository.findOneBy({
      tokenHash: hashToken(token),
      revokedAt: IsNull(),
    });
    const now = this.deps.clock();
    if (!apiToken || (apiToken.expiresAt && apiToken.expiresAt.getTime() <= now.getTime()))
      return null;
    if (isLastSeenStale(apiToken.lastUsedAt, now)) {
      await repository.update({ id: apiToken.id }, { lastUsedAt: now });
    }
    return {
      type: 'API_TOKEN',
      id: apiToken.id,
      userId: apiToken.createdById,
      name: apiToken.name,
      role: apiToken.role,
    };
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
