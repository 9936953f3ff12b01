import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import { isUuid } from '../common/postgres-errors';
import { badInput, notFound } from '../common/errors';
import { ApiToken } from './api-token.entity';
import type { CreateApiTokenInput } from './auth.inputs';
import type { CredentialCache } from './credential-cache';
import { Channel, notify } from '../db/event-bus';
import type { Principal } from './principal';
import { API_TOKEN_PREFIX, hashToken, newToken } from './tokens';

export class ApiTokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: () => Date,
    /** This replica's: a revoked token is refused from the next request on, here at once. */
    private readonly credentials: CredentialCache,
  ) {}

  list(): Promise<ApiToken[]> {
    return this.dataSource.getRepository(ApiToken).find({ order: { createdAt: 'DESC' } });
  }

  /** A3: the token is returned once; only its hash is kept. */
  async create(
    input: CreateApiTokenInput,
    actor: Principal,
  ): Promise<{ token: string; apiToken: ApiToken }> {
    const name = input.name.trim();
    if (!name) throw badInput('Give the token a name.', 'name');
    if (input.expiresAt && input.expiresAt.getTime() <= this.clock().getTime()) {
      throw badInput('The expiration date must lie in the future.', 'expiresAt');
    }
    const token = newToken(API_TOKEN_PREFIX);
    const apiToken = await this.dataSource.transaction(async (tx) => {
      const created = tx.create(ApiToken, {
        name,
        role: input.role,
        tokenHash: hashToken(token),
        createdById: actor.userId,
        expiresAt: input.expiresAt ?? null,
      });
      await tx.insert(ApiToken, created);
      await this.audit.record(tx, actor, {
        action: 'API_TOKEN_CREATED',
        targetType: 'API_TOKEN',
        targetId: created.id,
        targetName: name,
        details: `role ${input.role}`,
      });
      return created;
    });
    return { token, apiToken };
  }

  async revoke(id: string, actor: Principal): Promise<ApiToken> {
    if (!isUuid(id)) throw notFound('The API token');
    const revoked = await this.dataSource.transaction(async (tx) => {
      const apiToken = await tx.findOne(ApiToken, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!apiToken) throw notFound('The API token');
      if (apiToken.revokedAt) return apiToken;
      apiToken.revokedAt = this.clock();
      await tx.update(ApiToken, { id }, { revokedAt: apiToken.revokedAt });
      await this.audit.record(tx, actor, {
        action: 'API_TOKEN_REVOKED',
        targetType: 'API_TOKEN',
        targetId: id,
        targetName: apiToken.name,
      });
      // Every other replica drops it from its cache and closes its open WebSockets.
      await notify(tx, Channel.CREDENTIAL_REVOKED, id);
      return apiToken;
    });
    this.credentials.revoke(id);
    return revoked;
  }
}
