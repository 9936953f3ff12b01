import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { checkHeaderName, checkText, checkUrl } from '../common/http-rules';
import { isUuid } from '../common/postgres-errors';
import { AppError, badInput, notFound } from '../common/errors';
import type { OutboundClient } from '../outbound/client';
import { SecretKind } from '../secrets/secret-kind';
import type { Secret } from '../secrets/secret.entity';
import type { SecretQueries } from '../secrets/secret-queries';
import type { SecretRuntime } from '../secrets/secret-runtime';
import { Connection, ConnectionAuthScheme, ConnectionStatus } from './connection.entity';
import type {
  ConnectionTest,
  CreateConnectionInput,
  UpdateConnectionInput,
} from './connection.inputs';

export interface ConnectionServiceDeps {
  dataSource: DataSource;
  audit: AuditService;
  secrets: Pick<SecretQueries, 'get'>;
  secretRuntime: Pick<SecretRuntime, 'unusable' | 'use'>;
  outbound: OutboundClient;
}

/** Where each auth scheme puts the value (C3). */
export function authHeader(
  scheme: ConnectionAuthScheme,
  headerName: string | null,
  value: string,
): [string, string] {
  switch (scheme) {
    case ConnectionAuthScheme.BEARER:
      return ['Authorization', `Bearer ${value}`];
    case ConnectionAuthScheme.BASIC:
      return ['Authorization', `Basic ${Buffer.from(value, 'utf8').toString('base64')}`];
    case ConnectionAuthScheme.HEADER:
      return [headerName ?? 'Authorization', value];
  }
}

export class ConnectionService {
  constructor(private readonly deps: ConnectionServiceDeps) {}

  list(): Promise<Connection[]> {
    return this.deps.dataSource.getRepository(Connection).find({
      relations: { secret: { createdBy: true } },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  async get(id: string): Promise<Connection | null> {
    if (!isUuid(id)) return null;
    return this.deps.dataSource
      .getRepository(Connection)
      .findOne({ where: { id }, relations: { secret: { createdBy: true } } });
  }

  async getOrFail(id: string): Promise<Connection> {
    const connection = await this.get(id);
    if (!connection) throw notFound('The connection');
    return connection;
  }

  /** C2: follows the connection's secret, null once that was deleted. */
  status(secret: Secret | null): ConnectionStatus {
    if (!secret) return ConnectionStatus.SECRET_MISSING;
    const unusable = this.deps.secretRuntime.unusable(secret);
    if (unusable?.code === 'SECRET_REVOKED') return ConnectionStatus.SECRET_REVOKED;
    if (unusable?.code === 'SECRET_EXPIRED') return ConnectionStatus.SECRET_EXPIRED;
    return ConnectionStatus.READY;
  }

  async create(input: CreateConnectionInput, actor: Principal): Promise<Connection> {
    const fields = await this.checkFields(input);
    const id = await this.deps.dataSource.transaction(async (tx) => {
      const connection = tx.create(Connection, fields);
      await tx.insert(Connection, connection);
      await this.deps.audit.record(tx, actor, {
        action: 'CONNECTION_CREATED',
        targetType: 'CONNECTION',
        targetId: connection.id,
        targetName: connection.name,
        details: `secret ${fields.secretId}`,
      });
      return connection.id;
    });
    return this.getOrFail(id);
  }

  async update(id: string, input: UpdateConnectionInput, actor: Principal): Promise<Connection> {
    const current = await this.getOrFail(id);
    const fields = await this.checkFields({
      name: input.name ?? current.name,
      provider: input.provider ?? current.provider,
      baseUrl: input.baseUrl ?? current.baseUrl,
      authScheme: input.authScheme ?? current.authScheme,
      headerName: input.headerName !== undefined ? input.headerName : current.headerName,
      secretId: input.secretId ?? current.secretId ?? '',
    });
    await this.deps.dataSource.transaction(async (tx) => {
      await tx.update(Connection, { id }, { ...fields, updatedAt: new Date() });
      await this.deps.audit.record(tx, actor, {
        action: 'CONNECTION_UPDATED',
        targetType: 'CONNECTION',
        targetId: id,
        targetName: fields.name,
        details: `changed ${Object.keys(input).join(', ')}`,
      });
    });
    return this.getOrFail(id);
  }

  async delete(id: string, actor: Principal): Promise<string> {
    const connection = await this.getOrFail(id);
    await this.deps.dataSource.transaction(async (tx) => {
      await tx.delete(Connection, { id });
      await this.deps.audit.record(tx, actor, {
        action: 'CONNECTION_DELETED',
        targetType: 'CONNECTION',
        targetId: id,
        targetName: connection.name,
      });
    });
    return id;
  }

  /** C3: GET to the base URL with the auth applied; an unusable secret sends nothing. */
  async test(id: string, actor: Principal): Promise<ConnectionTest> {
    const connection = await this.getOrFail(id);
    const result = await this.sendTest(connection, actor);
    await this.deps.audit.record(this.deps.dataSource.manager, actor, {
      action: 'CONNECTION_TESTED',
      targetType: 'CONNECTION',
      targetId: id,
      targetName: connection.name,
      details: result.ok ? `HTTP ${result.httpStatus}` : `failed: ${result.errorCode}`,
    });
    return result;
  }

  private async sendTest(connection: Connection, actor: Principal): Promise<ConnectionTest> {
    const notSent = (errorCode: string, message: string): ConnectionTest => ({
      ok: false,
      httpStatus: null,
      errorCode,
      message,
      durationMs: 0,
    });
    const { secret } = connection;
    if (!secret)
      return notSent(
        'SECRET_NOT_FOUND',
        'The secret of this connection was deleted. Choose another integration secret.',
      );
    const unusable = this.deps.secretRuntime.unusable(secret, connection.baseUrl);
    if (unusable) return notSent(unusable.code, unusable.message);
    const used = await this.deps.secretRuntime.use(
      [secret],
      { type: 'CONNECTION', id: connection.id, name: connection.name },
      actor,
    );
    if ('refused' in used) return notSent(used.refused.code, used.refused.message);
    const [value = ''] = used.values;
    const sent = await this.deps.outbound.send({
      method: 'GET',
      url: connection.baseUrl,
      headers: [authHeader(connection.authScheme, connection.headerName, value)],
      secretValues: [value],
    });
    return {
      ok: sent.ok,
      httpStatus: sent.httpStatus,
      errorCode: sent.errorCode,
      message: sent.message,
      durationMs: sent.durationMs,
    };
  }

  /** C1: an https base URL and a usable INTEGRATION secret. */
  private async checkFields(input: CreateConnectionInput) {
    const authScheme = input.authScheme;
    const headerName =
      authScheme === ConnectionAuthScheme.HEADER
        ? checkHeaderName(input.headerName ?? '', 'headerName')
        : null;
    const fields = {
      name: checkText(input.name, 'name', 'A connection name'),
      provider: checkText(input.provider, 'provider', 'The provider'),
      baseUrl: checkUrl(input.baseUrl, 'baseUrl', true),
      authScheme,
      headerName,
      secretId: input.secretId,
    };
    const secret = await this.deps.secrets.get(input.secretId);
    this.checkSecret(secret);
    return fields;
  }

  private checkSecret(secret: Secret | null): asserts secret is Secret {
    if (!secret) {
      throw new AppError('SECRET_NOT_FOUND', 'Choose an existing integration secret.', {
        field: 'secretId',
      });
    }
    if (secret.kind !== SecretKind.INTEGRATION) {
      throw badInput(
        'A connection uses an integration secret; webhook secrets are for HTTP Request steps.',
        'secretId',
      );
    }
    if (secret.revokedAt) {
      throw new AppError(
        'SECRET_REVOKED',
        `The secret "${secret.name}" is revoked; choose another one.`,
        { field: 'secretId' },
      );
    }
  }
}
